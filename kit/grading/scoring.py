"""Pure scoring functions: spans, choices and literal values in, a score out. No I/O, no widgets.

The rules are the ones written for authors in docs/AUTHORING.md; keep the two in step.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kit.spans import Span

# A word: letters/digits, with inner apostrophes or hyphens ("Iraq's", "al-Anbari", "anti-ISIS").
WORD_RE = re.compile(r"\w+(?:['’\-]\w+)*")

STATUS_COLUMNS = ["start", "end", "label", "text", "status", "words", "found_words", "learner_label"]


@dataclass(frozen=True)
class Score:
    """The outcome of one question.

    ``status`` is one of: right, partly, wrong, not answered, invalid (the answer could not be read).
    ``details`` holds type-specific facts for feedback (for highlights: a ``passages`` DataFrame).
    """

    points: float
    max_points: float
    status: str
    message: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def _status(points: float, max_points: float) -> str:
    if max_points > 0 and points >= max_points - 1e-9:
        return "right"
    return "partly" if points > 0 else "wrong"


def _round(value: float) -> float:
    return round(value + 0.0, 2)


def word_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word in ``text``, in order: the units highlight scoring counts."""
    return [(m.start(), m.end()) for m in WORD_RE.finditer(text)]


def words_in(words: list[tuple[int, int]], start: int, end: int) -> range:
    """Indices of the words that overlap ``[start, end)`` (a word partly inside counts)."""
    import bisect

    starts = [w[0] for w in words] if not isinstance(words, _Words) else words.starts
    ends = [w[1] for w in words] if not isinstance(words, _Words) else words.ends
    first = bisect.bisect_right(ends, start)  # first word ending after start
    last = bisect.bisect_left(starts, end)  # words starting before end
    return range(first, max(first, last))


class _Words(list):
    """A word list with cached start/end arrays for fast lookups (one per article text)."""

    def __init__(self, text: str) -> None:
        super().__init__(word_offsets(text))
        self.starts = [w[0] for w in self]
        self.ends = [w[1] for w in self]


_WORDS_CACHE: dict[int, tuple[str, _Words]] = {}


def article_words(text: str) -> _Words:
    """Word offsets of ``text``, cached (grading scores many learners against the same article)."""
    key = hash(text)
    hit = _WORDS_CACHE.get(key)
    if hit is not None and hit[0] == text:
        return hit[1]
    words = _Words(text)
    if len(_WORDS_CACHE) > 16:
        _WORDS_CACHE.clear()
    _WORDS_CACHE[key] = (text, words)
    return words


def match_key_words(
    words: list[tuple[int, int]], learner: dict[str, set[int]], key_units: list[tuple[str, range]]
) -> tuple[list[dict[str, Any]], dict[str, set[int]]]:
    """Apply the near-miss rules on word indices; shared by grading and by the offline self-check.

    ``learner`` maps label -> set of word indices the learner marked with it; ``key_units`` is a list
    of (label, word range) per key passage. Returns one record per key passage (status: found,
    partly, missed, other label) and the learner's words per label with the forgiven extra words
    removed (one word just before or after a found passage).
    """
    kept = {label: set(ix) for label, ix in learner.items()}
    records: list[dict[str, Any]] = []
    for label, rng in key_units:
        own = learner.get(label, set())
        hit = [i for i in rng if i in own]
        n = len(rng)
        missing = [i for i in rng if i not in own]
        # one word less still counts: all found except one word at either edge
        near = len(hit) >= 1 and len(missing) <= 1 and (not missing or missing[0] in (rng[0], rng[-1]))
        if n and len(hit) == n:
            status = "found"
        elif n and near:
            status = "found"
        elif hit:
            status = "partly"
        else:
            other = sorted(lab for lab, ix in learner.items() if lab != label and any(i in ix for i in rng))
            status = "other label" if other else "missed"
        found_words = n if status == "found" else len(hit)
        if status == "found":
            # one word more still counts: forgive the neighbours just outside the passage
            for neighbour in (rng[0] - 1, rng[-1] + 1):
                if 0 <= neighbour < len(words) and neighbour in kept.get(label, set()):
                    kept[label].discard(neighbour)
        learner_labels = sorted(lab for lab, ix in learner.items() if any(i in ix for i in rng))
        records.append(
            {
                "label": label,
                "status": status,
                "words": n,
                "found_words": found_words,
                "learner_label": ", ".join(learner_labels),
            }
        )
    return records, kept


def score_highlight(text: str, learner_spans: list[Span], key_spans: list[Span], points: float) -> Score:
    """Score highlights against the key: ``points × F1`` of word-level precision and recall.

    Overlapping learner marks count once (words are sets). Near misses (one word less, one word more)
    count as found; see docs/AUTHORING.md. ``details["passages"]`` is a DataFrame with columns
    ``STATUS_COLUMNS`` (one row per key passage: start, end, label, text, status, words, found_words,
    learner_label); ``details["extra"]`` lists learner spans that touch no key passage at all.
    """
    words = article_words(text)
    learner: dict[str, set[int]] = {}
    for span in learner_spans:
        learner.setdefault(span.label, set()).update(words_in(words, span.start, span.end))
    units = [(s.label, words_in(words, s.start, s.end)) for s in key_spans]
    records, kept = match_key_words(words, learner, units)
    key_by_label: dict[str, set[int]] = {}
    for label, rng in units:
        key_by_label.setdefault(label, set()).update(rng)
    # recall counts found passages fully (near misses included); precision uses forgiven extras
    found_key_words = 0
    for (_label, rng), rec in zip(units, records, strict=False):
        if rec["status"] == "found":
            found_key_words += len(rng)
        elif rec["status"] == "partly":
            found_key_words += rec["found_words"]
    total_key = sum(len(rng) for _, rng in units)
    marked = sum(len(ix) for ix in kept.values())
    true_marked = sum(len(ix & key_by_label.get(label, set())) for label, ix in kept.items())
    all_key_words = set().union(*key_by_label.values()) if key_by_label else set()
    rows = []
    for span, rec in zip(key_spans, records, strict=False):
        rows.append(
            {
                "start": span.start,
                "end": span.end,
                "label": span.label,
                "text": text[span.start : span.end],
                **rec,
            }
        )
    passages = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    extra = [s for s in learner_spans if not any(i in all_key_words for i in words_in(words, s.start, s.end))]
    details = {"passages": passages, "extra": extra, "marked_words": marked, "key_words": total_key}
    if not learner_spans:
        return Score(0.0, float(points), "not answered", "No passages marked yet.", details)
    recall = min(1.0, found_key_words / total_key) if total_key else 0.0
    # near-miss words count as right in precision too, so a found passage never lowers precision
    precision = min(1.0, max(true_marked, found_key_words) / marked) if marked else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    got = _round(points * f1)
    details.update(precision=precision, recall=recall)
    n_found = sum(r["status"] == "found" for r in records)
    return Score(
        got, float(points), _status(got, points), f"You found {n_found} of {len(records)} passages.", details
    )


def score_choice(answer: Any, key: str | list[str], points: float, multiple: bool) -> Score:
    """Single choice: all or nothing. Multiple: points × max(0, right − wrong) / number of right options."""
    if answer is None or answer == [] or answer == "":
        return Score(0.0, float(points), "not answered", "No option picked yet.")
    if not multiple:
        picked = answer[0] if isinstance(answer, list) and len(answer) == 1 else answer
        if not isinstance(picked, str):
            return Score(0.0, float(points), "invalid", "Pick exactly one option.")
        got = float(points) if picked == key else 0.0
        return Score(got, float(points), _status(got, points), details={"picked": [picked]})
    picks = [answer] if isinstance(answer, str) else answer
    if not isinstance(picks, list) or not all(isinstance(p, str) for p in picks):
        return Score(0.0, float(points), "invalid", "The answer should be a list of options.")
    keys = {key} if isinstance(key, str) else set(key)
    chosen = set(picks)
    right, wrong = len(chosen & keys), len(chosen - keys)
    got = _round(points * max(0, right - wrong) / len(keys)) if keys else 0.0
    return Score(
        got,
        float(points),
        _status(got, points),
        details={"picked": sorted(chosen), "right": right, "wrong": wrong},
    )


def sort_units(value: Any) -> list[str] | None:
    """A sort answer {sentence_id: category} as units "sentence_id=category" (None if it is not a dict)."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return None
    return sorted(f"{k}={v}" for k, v in value.items())


def score_sort(answer: Any, key: dict[str, str], points: float) -> Score:
    """A sort is scored like a multiple choice over "sentence=category" pairs: each right pair earns a
    share, each wrong pair takes one away, never below zero."""
    if answer is None or answer == {}:
        return Score(0.0, float(points), "not answered", "No sentence sorted yet.")
    units = sort_units(answer)
    if units is None:
        return Score(0.0, float(points), "invalid", "The answer should give a category for each sentence.")
    return score_choice(units, sort_units(key) or [], points, multiple=True)


def normalize_words(value: Any) -> list[str] | None:
    """A word-list answer as lowercase words; accepts a list/tuple/set of strings or one comma string."""
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple, set)) and all(isinstance(v, str) for v in value):
        items = list(value)
    else:
        return None
    return sorted({item.strip().lower() for item in items if item.strip()})


def score_literal(answer: Any, key: Any, kind: str, points: float, tolerance: float = 0) -> Score:
    """Compare a literal answer to the key by ``kind`` (number, bool, string, words); see AUTHORING.md."""
    if answer is Ellipsis or answer is None:
        return Score(0.0, float(points), "not answered", "No answer written yet.")
    if kind == "number":
        if isinstance(answer, bool) or not isinstance(answer, (int, float)) or not math.isfinite(answer):
            return Score(0.0, float(points), "invalid", "The answer should be a number, like 3 or 2.5.")
        got = float(points) if abs(answer - key) <= tolerance + 1e-9 else 0.0
    elif kind == "bool":
        if not isinstance(answer, bool):
            return Score(0.0, float(points), "invalid", "The answer should be True or False.")
        got = float(points) if answer is key else 0.0
    elif kind == "string":
        if not isinstance(answer, str):
            return Score(0.0, float(points), "invalid", 'The answer should be text in quotes, like "yes".')
        if not answer.strip():
            return Score(0.0, float(points), "not answered", "No answer written yet.")
        got = float(points) if answer.strip().lower() == str(key).strip().lower() else 0.0
    elif kind == "words":
        mine, keys = normalize_words(answer), normalize_words(key) or []
        if mine is None:
            return Score(0.0, float(points), "invalid", "The answer should be a list of words in quotes.")
        if not mine:
            return Score(0.0, float(points), "not answered", "No words written yet.")
        right = len(set(mine) & set(keys))
        precision, recall = right / len(mine), (right / len(keys) if keys else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if right else 0.0
        got = _round(points * f1)
        return Score(
            got,
            float(points),
            _status(got, points),
            f"{right} of your {len(mine)} words are right.",
            {"right": right},
        )
    else:
        raise ValueError(f"unknown literal answer_kind {kind!r}")
    return Score(got, float(points), _status(got, points))


def score_tests(passed: dict[str, bool], points: dict[str, float]) -> Score:
    """A code question: each test cell that ran without error earns its points."""
    total = float(sum(points.values()))
    got = _round(sum(points[t] for t, ok in passed.items() if ok and t in points))
    return Score(got, total, _status(got, total), details={"passed": dict(passed)})


def score_rubric(level: str | None, points: float | None, max_points: float) -> Score:
    """A hand-graded answer: the instructor's points (clipped to 0..max) or 'needs grading'."""
    if points is None or (isinstance(points, float) and math.isnan(points)):
        return Score(0.0, float(max_points), "needs grading", "Waiting for your teacher to read it.")
    got = _round(min(max(float(points), 0.0), float(max_points)))
    return Score(got, float(max_points), _status(got, max_points), details={"level": level or ""})
