"""Precision and recall of the sourcing reader on hand-annotated passages it was not built from.

Three sets: ``tuning`` (annotated before any rule existed; it guided general fixes), ``heldout``
(written after rule v1 worked; its kind errors led to rule v2) and ``heldout3`` (written before rule v2 was
tried on it, never used to change the rules). The real figures are printed by
benchmarks/bench_sourcing.py; here we only hold a sensible floor.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "sourcing_score", Path(__file__).parent / "passages" / "sourcing_score.py"
)
assert _SPEC and _SPEC.loader
score = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(score)


@pytest.mark.parametrize("which", ["tuning", "heldout", "heldout3"])
def test_precision_and_recall_floor(which: str) -> None:
    total = score.score_all(which)["total"]
    assert total["expected"] >= 10  # enough annotated attributions to mean something
    assert total["precision"] >= 0.6, total
    assert total["recall"] >= 0.6, total
    assert total["kind_accuracy"] >= 0.6, total
    assert total["claims_recall"] >= 0.6, total


def test_passages_cover_the_required_genres() -> None:
    genres = " ".join(p["genre"] for p in score.load_passages("tuning"))
    for genre in ("wire report", "anonymous-source", "opinion column", "explainer"):
        assert genre in genres


def test_scoring_can_fail() -> None:
    """The scorer counts a wrong answer as wrong: an empty reader would score zero recall."""
    passage = dict(score.load_passages("tuning")[0])
    passage["attributions"] = [
        {"source": passage["attributions"][0]["source"], "cue": "Floods", "kind": "vague"}
    ]
    result = score.score_passage(passage)
    assert result["hits"] == 0 and result["misses"]
