"""The frozen evaluation sets (tests/readers/frozen/) parse, are big and varied enough, and are unchanged."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import kit

_spec = importlib.util.spec_from_file_location("frozen", Path(__file__).parent / "frozen" / "frozen.py")
assert _spec and _spec.loader
frozen = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("frozen", frozen)  # dataclasses look their module up there
_spec.loader.exec_module(frozen)


SETS = [frozen.SET_PATH, frozen.SET2]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_set_is_unchanged_since_it_was_frozen(path) -> None:
    meta = frozen.meta(path)
    assert len(meta["frozen_at_commit"]) == 40
    assert frozen.sha256(path) == meta["sha256"], f"{path.name} changed: make a new set instead of editing it"


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_set_is_large_varied_and_says_who_wrote_it(path) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    assert "Written by the medialit-kit team" in first
    docs = frozen.load(path)
    sentences = [s for d in docs for s in d.sentences]
    assert len(sentences) >= 300
    genres = " ".join(d.genre for d in docs)
    for genre in ("wire", "opinion", "encyclopedia", "press release", "blog"):
        assert genre in genres
    assert {s.kind for s in sentences} == set(frozen.KINDS.values())
    for mark, least in (("S", 100), ("C", 100), ("L", 50)):
        assert sum(len(d.spans[mark]) for d in docs) >= least, mark


@pytest.mark.parametrize("doc", [d for p in SETS for d in frozen.load(p)], ids=lambda d: d.id)
def test_offsets_are_exact_in_the_article_text(doc) -> None:
    article = kit.Article.from_text(doc.text)
    assert article.text == doc.text
    for mark, spans in doc.spans.items():
        for start, end in spans:
            piece = doc.text[start:end]
            assert piece and piece == piece.strip() and "\n" not in piece, (mark, piece)
    for s in doc.sentences:
        assert doc.text[s.start : s.end].strip() == doc.text[s.start : s.end]


def test_a_bad_line_names_its_number(tmp_path, monkeypatch) -> None:
    bad = tmp_path / "set.txt"
    bad.write_text("% note\n# d | wire\nc Police {S:said the fire.\n", "utf-8")
    monkeypatch.setattr(frozen, "SET_PATH", bad)
    with pytest.raises(frozen.FrozenSetError) as err:
        frozen.load()
    assert err.value.line == 3 and err.value.file == "set.txt"


def test_partial_overlap_credit() -> None:
    counts = frozen.span_scores([(0, 10)], [(5, 15), (30, 40)])
    assert counts["p_sum"] == 0.5 and counts["r_sum"] == 0.5 and counts["r_n"] == 2
    assert frozen.prf(**counts) == {"precision": 0.5, "recall": 0.25, "f1": 0.333}
