"""How far a draft key is from a teacher's key, measured with the grader itself (pure, no I/O).

The question a reviewing teacher asks is "how much of this draft do I remove, and how much do I add?".
Both are answered with kit.grading.scoring.score_highlight, the function that grades learners, so the
draft is judged by the rules a learner is judged by (docs/SCORING.md):

- **precision**: the share of the draft's passages the teacher keeps. A draft passage is kept when its
  core, marked alone with its label, earns credit on a passage of the hand key with that label, scored
  as if every passage were required (a debatable or acceptable passage is not removed either). Half
  credit counts as kept ("partly", or "too wide" inside the passage's sentence): the teacher widens or
  trims the passage instead of removing it. A mark that runs into another sentence earns nothing.
- **recall**: the share of the hand key's *required* passages that the draft's cores, marked together,
  earn credit on, in the same sense: what the draft already has.
- the **exact** figures count only passages the teacher keeps without an edit: the draft and the hand
  key ask for the same words (each one's core, marked alone, earns full credit under the other).

``sentence_level=True`` is for hand keys that mark whole sentences (the claims reader's development
sets): each draft core then stands for the sentence it sits in.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any

import pandas as pd

from kit.grading.scoring import KeyPassage, score_highlight
from kit.spans import Span


def as_passages(rows: pd.DataFrame) -> list[KeyPassage]:
    """Rows with the columns of kit.newlesson.draftkey (start, end, core_start, core_end, label, status,
    why) as key passages the grader reads."""
    return [
        KeyPassage(int(r.start), int(r.end), str(r.label), "", str(r.status), int(r.core_start),
                   int(r.core_end), str(r.why))
        for r in rows.itertuples()
    ]  # fmt: skip


def _sentences(text: str) -> list[tuple[int, int]]:
    from kit.segment import split_sentences

    out: list[tuple[int, int]] = []
    offset = 0
    for block in text.split("\n\n"):
        out.extend((offset + s, offset + e) for s, e in split_sentences(block))
        offset += len(block) + 2
    return out


def _marks(text: str, rows: pd.DataFrame, sentence_level: bool) -> list[Span]:
    marks = [Span(int(r.core_start), int(r.core_end), str(r.label)) for r in rows.itertuples()]
    if not sentence_level:
        return marks
    sentences = _sentences(text)
    starts = [s for s, _e in sentences]
    out = []
    for m in marks:
        i = max(0, bisect.bisect_right(starts, m.start) - 1)
        out.append(Span(sentences[i][0], sentences[i][1], m.label) if sentences else m)
    return out


def agreement(
    text: str, draft: pd.DataFrame, hand: list[KeyPassage], sentence_level: bool = False
) -> dict[str, Any]:
    """Precision and recall of ``draft`` (rows as kit.newlesson.draftkey.draft returns) against ``hand``.

    Returns drafted, kept, precision, required (in the hand key), held, recall, and the strict
    figures: agreed and exact_precision (draft passages kept *without an edit*: the draft's core,
    marked alone, earns full credit on a hand passage, and that passage's core, marked alone, earns full
    credit under the draft passage, so the two ask for the same words), exact and exact_recall (required
    hand passages with such a draft passage). Precision is 1.0 for an empty draft and recall 1.0 for a
    hand key with nothing required (nothing to remove, nothing to add).
    """
    marks = _marks(text, draft, sentence_level)
    mine = as_passages(draft)
    as_required = [replace(p, status="required") for p in hand]
    kept = agreed = 0
    agreeing: set[int] = set()
    for mark, passage in zip(marks, mine, strict=True):
        table = score_highlight(text, [mark], as_required, 1.0).details["passages"]
        same = table["label"] == mark.label
        kept += bool((same & (table["credit"] > 0)).any())
        matched = False
        for i in table.index[same & (table["credit"] == 1.0)]:
            start, end = hand[i].core()
            core = Span(start, end, hand[i].label)
            back = score_highlight(text, [core], [replace(passage, status="required")], 1.0)
            if sentence_level or back.points == 1.0:
                agreeing.add(int(i))
                matched = True
        agreed += matched
    required = [i for i, p in enumerate(hand) if p.status == "required"]
    held = 0
    if required and marks:
        table = score_highlight(text, marks, hand, 1.0).details["passages"]
        held = int(((table["key_status"] == "required") & (table["credit"] > 0)).sum())
    exact = sum(i in agreeing for i in required)
    return {
        "drafted": len(marks),
        "kept": kept,
        "precision": kept / len(marks) if marks else 1.0,
        "agreed": agreed,
        "exact_precision": agreed / len(marks) if marks else 1.0,
        "required": len(required),
        "held": held,
        "recall": held / len(required) if required else 1.0,
        "exact": exact,
        "exact_recall": exact / len(required) if required else 1.0,
    }
