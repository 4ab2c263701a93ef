"""Precision and recall of kit.find_claims on hand-annotated passages its rules were not built from.

Two sets: claims_passages.json (annotated before the rules were written, but read by the rule author)
and claims_heldout.json (written after the rules were frozen; the fairer test). The floors here are
sensible minimums; benchmarks/bench_claims.py prints the real figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kit

HERE = Path(__file__).parent / "passages"
SETS = ["claims_passages.json", "claims_heldout.json"]


def load_passages(name: str) -> list[tuple[str, list[tuple[int, dict]]]]:
    """[(text, [(offset of the sentence, its annotation), ...]), ...] for one annotation file."""
    data = json.loads((HERE / name).read_text(encoding="utf-8"))
    out = []
    for passage in data["passages"]:
        text, notes = "", []
        for p_index, para in enumerate(passage["paragraphs"]):
            if p_index:
                text += "\n\n"
            for s_index, sent in enumerate(para):
                if s_index:
                    text += " "
                notes.append((len(text), sent))
                text += sent["s"]
        out.append((text, notes))
    return out


def predictions(name: str) -> list[tuple[dict, str, bool]]:
    """(annotation, predicted kind, predicted hedged) for every annotated sentence in a file."""
    pairs = []
    for text, notes in load_passages(name):
        article = kit.Article.from_text(text)
        assert article.text == text, "the passage text should need no cleaning"
        frame = kit.find_claims(article)
        for offset, note in notes:
            row = frame[(frame["start"] <= offset) & (offset < frame["end"])]
            assert len(row) == 1, f"no single sentence row covers {note['s']!r}"
            pairs.append((note, row.iloc[0]["kind"], bool(row.iloc[0]["hedged"])))
    return pairs


def precision_recall(pairs: list[tuple[dict, str, bool]], kind: str) -> tuple[float, float]:
    tp = sum(1 for note, pred, _ in pairs if note["kind"] == kind and pred == kind)
    fp = sum(1 for note, pred, _ in pairs if note["kind"] != kind and pred == kind)
    fn = sum(1 for note, pred, _ in pairs if note["kind"] == kind and pred != kind)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def test_annotations_are_well_formed() -> None:
    kinds = {"checkable", "unverifiable", "opinion", "question", "other"}
    for name in SETS:
        for _text, notes in load_passages(name):
            for _offset, note in notes:
                assert note["kind"] in kinds and isinstance(note["hedged"], bool)


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("kind", ["checkable", "unverifiable"])
def test_precision_and_recall_floor(name: str, kind: str) -> None:
    precision, recall = precision_recall(predictions(name), kind)
    assert precision >= 0.6 and recall >= 0.6, (
        f"{name} {kind}: precision {precision:.2f}, recall {recall:.2f}"
    )


@pytest.mark.parametrize("name", SETS)
def test_hedge_detection_floor(name: str) -> None:
    pairs = predictions(name)
    tp = sum(1 for note, _, hedged in pairs if note["hedged"] and hedged)
    precision = tp / max(1, sum(1 for *_, hedged in pairs if hedged))
    recall = tp / max(1, sum(1 for note, *_ in pairs if note["hedged"]))
    assert precision >= 0.8 and recall >= 0.8, f"{name}: precision {precision:.2f}, recall {recall:.2f}"


@pytest.mark.parametrize("name", SETS)
def test_overall_accuracy_floor(name: str) -> None:
    pairs = predictions(name)
    accuracy = sum(1 for note, pred, _ in pairs if note["kind"] == pred) / len(pairs)
    assert accuracy >= 0.6, f"{name}: accuracy {accuracy:.2f}"
