"""The class heatmap: counts per sentence in text, underline bands by share, key passages boxed, a PNG."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from PIL import Image

from kit.grading.heatmap import heatmap_png, page_height
from kit.grading.pipeline import grade_and_report
from kit.grading.running import load_key
from kit.grading.testing import empty_submission, set_highlights
from kit.spans import Span

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = ROOT / "solutions" / "02_loaded_language.ipynb"
GID = "l2-loaded-words"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    key = load_key(SOLUTION)
    spans = key.spans[GID]
    base = tmp_path_factory.mktemp("heat")
    (base / "class").mkdir()
    plans = {"ana": spans, "ben": spans[:5], "cai": spans[:1], "dee": []}
    for learner, marked in plans.items():
        nb = empty_submission(key)
        set_highlights(nb, GID, [Span(s.start, s.end, s.label) for s in marked], key.article_sha)
        nbformat.write(nb, base / "class" / f"{learner}.ipynb")
    run = grade_and_report([base / "class"], SOLUTION, base / "out", workers=1, progress=False)
    return key, run, base / "out" / key.name / "heatmap.html"


def test_heatmap_counts_are_in_the_text_not_only_in_colour(graded):
    key, _, html = graded
    page = html.read_text(encoding="utf-8")
    first = key.spans[GID][0]
    sentence_counts = re.findall(r'class="count"[^>]*>(\d+)/4<', page)
    assert sentence_counts and max(int(c) for c in sentence_counts) == 3  # ana, ben and cai: first passage
    assert int(min(sentence_counts)) == 0
    body = page.split('<div class="legend">', 1)[1].split("</div>", 1)[1]
    assert body.count('<span class="keytag">KEY</span>') == len(key.spans[GID])
    assert 'class="h3 key"' in page  # 3 of 4 marked the first passage: solid underline, boxed
    assert re.search(r'class="h1 key"[^>]*title="marked by 1 of 4 \(in the key\)"', page)  # only ana
    assert f"({3} of 4)" in page and key.article_text[first.start : first.end] in page


def test_heatmap_png_shows_the_page(graded, tmp_path):
    if not Path("/usr/bin/chromium").exists() and not shutil.which("chromium"):
        pytest.skip("chromium is not installed")
    key, _, html = graded
    png = heatmap_png(html, page_height(key))
    image = Image.open(png).convert("L")
    assert image.width == 1100 and image.height >= 1000
    dark = sum(image.histogram()[:128]) / (image.width * image.height)
    assert 0.005 < dark < 0.5
