"""Sentence structures kit.find_claims reads since the error classes of frozen set 2 (issue #15).

Each rule has a sentence it must change and a near miss it must leave alone; the sentences are
written for these tests (not taken from any frozen or passage set). ``why_part`` is a piece of the
plain reason the learner sees, so a right label for the wrong reason still fails.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kit.readers.claims import find_claims

_GUESS = "marks a guess"
_LIKELY = "says someone thinks so"


def _one(sentence: str) -> pd.Series:
    frame = find_claims(sentence)
    assert len(frame) == 1, f"expected one sentence, got {frame['text'].tolist()}"
    return frame.iloc[0]


@pytest.mark.parametrize(
    ("sentence", "kind", "hedged", "why_part"),
    [
        # 'may' that lets members of the public do an act of access grants permission, as a notice does
        ("Visitors may park behind the town hall from 9 a.m. on Saturday.", "checkable", False, "permission"),
        ("Applications may be sent to the parish office until 30 June.", "checkable", False, "permission"),
        # ... but a 'may' about what people will suffer, or what a body itself might do, is a guess
        ("Visitors may face long queues behind the town hall on Saturday.", "unverifiable", True, _GUESS),
        ("The club said it may park its plans for a new stand.", "unverifiable", True, _GUESS),
        # 'probably' or 'likely' on a claim with nothing a record could confirm is a guess ...
        ("A fire officer said the blaze had probably started in the kitchen.", "unverifiable", True, _LIKELY),
        ("Economists said a deal was unlikely before the summit.", "unverifiable", True, _LIKELY),
        (
            "Analysts said the party would probably need the Greens, who won 9 seats.",
            "unverifiable",
            True,
            _LIKELY,
        ),
        # ... but pinned to a date or a number in its own clause it softens a checkable fact
        (
            "A fire officer said the mill had probably closed in the 1920s.",
            "checkable",
            True,
            "date or a number",
        ),
        ("The roof was probably rebuilt in 1350 after a fire.", "checkable", True, "date or a number"),
    ],
)
def test_structures(sentence: str, kind: str, hedged: bool, why_part: str) -> None:
    row = _one(sentence)
    assert (row["kind"], bool(row["hedged"])) == (kind, hedged), row["why"]
    assert why_part.lower() in row["why"].lower(), row["why"]
