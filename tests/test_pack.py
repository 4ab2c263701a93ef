"""The printable pack, printed for real by chromium and read back page by page with poppler-utils."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

import kit
from kit.cli import main
from kit.grading.running import load_key
from kit.pack import key_sheet_context

ROOT = Path(__file__).resolve().parents[1]
TOOLS = all(shutil.which(t) for t in ("pdftoppm", "pdftotext", "pdfinfo"))
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not TOOLS and os.environ.get("CI") != "true",
        reason="poppler-utils is not installed (apt-get install poppler-utils)",
    ),
]


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    base = tmp_path_factory.mktemp("pack")
    (base / "solutions").mkdir()
    for name in ("01_sourcing.ipynb", "02_loaded_language.ipynb"):
        shutil.copy(ROOT / "solutions" / name, base / "solutions" / name)
    plan = base / "plan.md"
    plan.write_text(
        "# Instructor plan\n\n## Lesson 1\n\nStart with the headline. <script>x</script>\n", "utf-8"
    )
    out = base / "out"
    code = main(["pack", str(out), "--solutions", str(base / "solutions"), "--instructors", str(plan)])
    assert code == 0
    return out


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def test_every_pdf_renders_pages_that_are_not_blank(pack, tmp_path):
    pdfs = sorted(pack.glob("*.pdf"))
    assert [p.name for p in pdfs] == [
        "01_article.pdf",
        "02_answer_sheet_01_sourcing.pdf",
        "02_answer_sheet_02_loaded_language.pdf",
        "03_key_sheet_01_sourcing.pdf",
        "03_key_sheet_02_loaded_language.pdf",
        "04_instructor_plan.pdf",
    ]
    for pdf in pdfs:
        pages = _pages(pdf)
        assert 1 <= pages <= 12, (pdf.name, pages)
        prefix = tmp_path / pdf.stem
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(prefix)], check=True)
        images = sorted(tmp_path.glob(f"{pdf.stem}-*.png"))
        assert len(images) == pages
        for image in images:
            gray = Image.open(image).convert("L")
            dark = sum(gray.histogram()[:128]) / (gray.width * gray.height)
            assert 0.0005 < dark < 0.5, (image.name, dark)  # ink on the page, and not a black page
            assert gray.width < gray.height  # portrait A4


def test_article_ends_with_the_glossary_and_its_sources(pack):
    from kit.context import load_glossary

    text = " ".join(_text(pack / "01_article.pdf").split())
    entries = load_glossary()
    assert entries
    for entry in entries:
        assert entry["term"] in text and " ".join(entry["line"].split())[:25] in text, entry["term"]


def test_article_numbers_match_the_article_model(pack):
    article = kit.load_article()
    text = " ".join(_text(pack / "01_article.pdf").split())
    for paragraph in article.paragraphs:
        assert re.search(rf"\b{paragraph.id}\b", text), paragraph.id
    positions = []
    for sentence in article.sentences:
        words = " ".join(sentence.text.split()[:4])
        at = text.find(f"{sentence.id}{words}")
        if at < 0:
            at = text.find(f"{sentence.id} {words}")
        assert at >= 0, (sentence.id, words)
        positions.append(at)
    assert positions == sorted(positions)  # in reading order, one number per sentence


def test_answer_sheets_ask_without_giving_the_key(pack):
    key = load_key(ROOT / "solutions" / "01_sourcing.ipynb")
    text = " ".join(_text(pack / "02_answer_sheet_01_sourcing.pdf").split())
    assert "Name:" in text and "Mark every attribution" in text
    for q in key.solution.questions.values():
        if q.type == "text" and isinstance(q.key, str):
            assert " ".join(q.key.split())[:60] not in text  # the model answer stays on the key sheet
    for option in key.solution.questions["l1-cue-fact"].meta["options"]:
        assert option in text


def test_key_sheet_lists_each_passage_with_its_place(pack):
    key = load_key(ROOT / "solutions" / "02_loaded_language.ipynb")
    article = kit.load_article()
    text = " ".join(_text(pack / "03_key_sheet_02_loaded_language.pdf").split())
    spans = key.spans["l2-loaded-words"]
    for span in spans:
        assert article.text[span.start : span.end] in text
    whys = [" ".join(s.why.split()) for s in spans if s.why]  # the expert reading's reason for each passage
    assert whys and all(why[:30] in text for why in whys)
    assert any(s.status == "either" for s in spans) and "either" in text.lower()


def test_plan_is_escaped(pack):
    html = (pack / "html" / "04_instructor_plan.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html


class _Item(tuple):
    """A key item as another part of the kit may give it: the old tuple plus a status and a reason."""

    status: str
    why: str


def test_key_item_status_and_why_are_shown_when_the_key_has_them():
    key = load_key(ROOT / "solutions" / "02_loaded_language.ipynb")
    question = key.solution.questions["l2-loaded-words"]
    items = []
    for n, old in enumerate(question.key):
        item = _Item(old)
        item.status, item.why = (
            ("either", "Widely used by governments and the UN.") if n == 0 else ("required", "")
        )
        items.append(item)
    question.key = items
    context = key_sheet_context(key, kit.load_article())
    entry = next(q for q in context["questions"] if q["grade_id"] == "l2-loaded-words")
    assert entry["has_status"]
    assert entry["passages"][0]["status"] == "either"
    assert entry["passages"][0]["why"] == "Widely used by governments and the UN."
    plain = next(q for q in context["questions"] if q["type"] == "choice")
    assert not plain["has_status"]


def test_key_sheet_states_each_type_of_answer():
    """Choice, sort and text answers on the key sheet are what each question type says of its key."""
    key = load_key(ROOT / "solutions" / "03_unverifiable_claims.ipynb")
    context = key_sheet_context(key, kit.load_article())
    by_type: dict[str, list[dict]] = {}
    for entry in context["questions"]:
        by_type.setdefault(entry["type"], []).append(entry)
    questions = key.solution.questions
    for entry in by_type.get("sort", []):
        sort_key = questions[entry["grade_id"]].key
        assert entry["answer"] == "; ".join(f"{sid}: {cat}" for sid, cat in sort_key.items())
    for entry in by_type.get("choice", []):
        options = questions[entry["grade_id"]].key
        assert entry["answer"] and all(option in entry["answer"] for option in options)
    for entry in by_type.get("text", []):
        assert entry["answer"] == f"A sample answer: {questions[entry['grade_id']].key}"
    for entry in by_type.get("highlight", []):
        assert entry["passages"] and entry["answer"] == ""
    assert {"sort", "choice", "text", "highlight"} <= set(by_type), set(by_type)
