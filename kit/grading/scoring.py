"""Pure scoring functions: spans, choices and literal values in, a score out. No I/O, no widgets.

The rules are the ones written for authors in docs/AUTHORING.md; keep the two in step.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kit.segment import WORD as WORD_RE  # the kit's one word tokenizer (docs/SCORING.md)
from kit.segment import split_sentences
from kit.spans import Span

STATUS_COLUMNS = [
    "start",
    "end",
    "label",
    "text",
    "status",
    "words",
    "found_words",
    "learner_label",
    "key_status",
    "credit",
    "core_text",
    "why",
]
KEY_STATUSES = ("required", "either", "accept")
SPILL_FREE = 3  # words past what may be marked that still earn a full share
FREE_EXTRAS = 2  # extra marks that cost nothing
EXTRA_COST = 0.5  # each further extra mark costs half a passage's share ...
EXTRA_FLOOR = 0.05  # ... or a twentieth of the points, whichever is more


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


@dataclass(frozen=True, order=True)
class KeyPassage(Span):
    """One passage of a highlight key: ``text[start:end]`` is its extent (may be marked for free),
    ``text[core_start:core_end]`` its core (must be marked), ``status`` one of KEY_STATUSES."""

    status: str = "required"
    core_start: int = -1
    core_end: int = -1
    why: str = ""

    def core(self) -> tuple[int, int]:
        return (self.core_start, self.core_end) if self.core_start >= 0 else (self.start, self.end)


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
    """A word list with cached start/end arrays and sentence numbers (one per article text)."""

    def __init__(self, text: str) -> None:
        super().__init__(word_offsets(text))
        self.starts = [w[0] for w in self]
        self.ends = [w[1] for w in self]
        self.sentence = _sentence_numbers(text, self)


def _sentence_numbers(text: str, words: list[tuple[int, int]]) -> list[int]:
    """The sentence number of each word; blank lines end a sentence too (headings have no full stop)."""
    import bisect

    bounds: list[int] = []
    offset = 0
    for block in text.split("\n\n"):
        bounds.extend(offset + s for s, _e in split_sentences(block))
        offset += len(block) + 2
    return [max(0, bisect.bisect_right(bounds, start) - 1) for start, _end in words]


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


def as_key_passage(span: Span) -> KeyPassage:
    """A plain Span used as a key passage: required, its core is the whole span."""
    return span if isinstance(span, KeyPassage) else KeyPassage(span.start, span.end, span.label)


def core_found(core: range, marked: set[int]) -> str:
    """found (every core word marked, or all but one word at either end of a core of 2+ words),
    partly (some core words) or missed."""
    hit = [i for i in core if i in marked]
    missing = [i for i in core if i not in marked]
    if not missing or (len(core) >= 2 and len(missing) == 1 and missing[0] in (core[0], core[-1])):
        return "found"
    return "partly" if hit else "missed"


def _runs(ranges: list[range]) -> list[range]:
    """The learner's marks as the learner sees them: word ranges, overlapping ones merged into one
    (two marks side by side stay two marks)."""
    runs: list[range] = []
    for r in sorted((r for r in ranges if len(r)), key=lambda r: (r.start, r.stop)):
        if runs and r.start < runs[-1].stop:
            runs[-1] = range(runs[-1].start, max(runs[-1].stop, r.stop))
        else:
            runs.append(r)
    return runs


def score_highlight(
    text: str,
    learner_spans: Sequence[Span],
    key_spans: Sequence[Span],
    points: float,
    enough: int | None = None,
) -> Score:
    """Score highlights per passage (docs/SCORING.md).

    Each required passage is one share; ``enough`` (if set) is how many found passages give full
    marks. A passage counts when its core is marked with its label (one word at either end of a
    core of two or more words is forgiven). A mark that spills more than SPILL_FREE words past what
    may be marked (the extents of the key) earns half a share, or nothing once it runs into another
    sentence. An *either* passage marked cleanly counts as one more
    passage found out of one more passage (it can only help); an *accept* passage never costs and
    earns nothing. Marks that touch no key passage are extras: the first
    FREE_EXTRAS are free, each further one costs EXTRA_COST of a share or EXTRA_FLOOR of the points,
    whichever is more. Never below 0 or above points.

    ``details["passages"]`` is a DataFrame with columns ``STATUS_COLUMNS`` (status: found, too wide,
    partly, missed, other label); ``details["extra"]`` lists learner spans that touch no key passage.
    """
    words = article_words(text)
    passages = [as_key_passage(s) for s in key_spans]
    learner: dict[str, set[int]] = {}
    ranges: dict[str, list[range]] = {}
    for span in learner_spans:
        rng = words_in(words, span.start, span.end)
        learner.setdefault(span.label, set()).update(rng)
        ranges.setdefault(span.label, []).append(rng)
    extents: dict[str, set[int]] = {}
    for p in passages:
        extents.setdefault(p.label, set()).update(words_in(words, p.start, p.end))
    all_extents = set().union(*extents.values()) if extents else set()
    runs = {label: _runs(rs) for label, rs in ranges.items()}
    rows = []
    credit_required = 0.0
    for p in passages:
        extent = words_in(words, p.start, p.end)
        core = words_in(words, *p.core())
        own = learner.get(p.label, set())
        found = core_found(core, own)
        status, credit = found, 0.0
        if found == "found":
            touching = [r for r in runs.get(p.label, []) if any(i in r for i in core)]
            allowed = extents.get(p.label, set()) | {extent[0] - 1, extent[-1] + 1} if extent else set()
            spill = {i for r in touching for i in r if i not in allowed}
            sentences = {words.sentence[i] for i in extent}
            if any(words.sentence[i] not in sentences for i in spill):
                status, credit = "too wide", 0.0
            elif len(spill) > SPILL_FREE:
                status, credit = "too wide", 0.5
            else:
                credit = 1.0
        elif found == "partly":
            credit = 0.5
        if found == "missed":
            others = sorted(
                lab for lab, ix in learner.items() if lab != p.label and any(i in ix for i in core)
            )
            if others:
                status = "other label"
        if p.status == "required":
            credit_required += credit
        elif p.status == "either":
            credit = 1.0 if credit == 1.0 else 0.0  # only a clean find counts; a poor mark costs nothing
        else:
            credit = 0.0
        learner_labels = sorted(lab for lab, ix in learner.items() if any(i in ix for i in extent))
        rows.append(
            {
                "start": p.start,
                "end": p.end,
                "label": p.label,
                "text": text[p.start : p.end],
                "status": status,
                "words": len(core),
                "found_words": sum(i in own for i in core),
                "learner_label": ", ".join(learner_labels),
                "key_status": p.status,
                "credit": credit,
                "core_text": text[slice(*p.core())],
                "why": p.why,
            }
        )
    table = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    extra_runs = [
        (label, r) for label, rs in runs.items() for r in rs if not any(i in all_extents for i in r)
    ]
    extra = [Span(words[r[0]][0], words[r[-1]][1], label) for label, r in extra_runs]
    n_required = sum(p.status == "required" for p in passages)
    shares = min(n_required, enough) if enough else n_required
    shares = shares or max(1, sum(p.status == "either" for p in passages))
    per_extra = max(EXTRA_COST / shares, EXTRA_FLOOR)  # as a share of the points
    cost = per_extra * max(0, len(extra) - FREE_EXTRAS)
    details: dict[str, Any] = {
        "passages": table,
        "extra": extra,
        "shares": shares,
        "credit": credit_required,
        "cost": cost,
    }
    if not learner_spans:
        return Score(0.0, float(points), "not answered", "No passages marked yet.", details)
    either_found = sum(r["key_status"] == "either" and r["credit"] == 1.0 for r in rows)
    share = max(0.0, min(1.0, (credit_required + either_found) / (shares + either_found)) - cost)
    got = _round(points * share)
    required = table[table["key_status"] == "required"]
    n_found = int((required["status"] == "found").sum())
    bonus = int(((table["key_status"] == "either") & (table["status"] == "found")).sum())
    message = f"You found {n_found} of {len(required)} passages"
    if enough and enough < len(required):
        message += f" ({enough} are enough for full marks)"
    message += "." + (
        f" You also found {bonus} debatable passage{'s' * (bonus != 1)}, which count." if bonus else ""
    )
    if cost:
        message += (
            f" {len(extra)} marks are not in the answer; {len(extra) - FREE_EXTRAS} of them cost a little."
        )
    return Score(got, float(points), _status(got, points), message, details)


def score_choice(
    answer: Any, key: str | list[str], points: float, multiple: bool, options: list[str] | None = None
) -> Score:
    """Single choice: all or nothing. Several right options: points × (share of the right options
    picked − share of the wrong options picked), never below zero (so picking every option earns 0).

    ``options`` (all options of the question) sets how many wrong options there are; without it the
    wrong picks themselves are the only wrong options known.
    """
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
    n_wrong_options = len(set(options) - keys) if options else max(wrong, 1)
    share = right / len(keys) - (wrong / n_wrong_options if n_wrong_options else 0.0) if keys else 0.0
    got = _round(points * max(0.0, share))
    return Score(
        got,
        float(points),
        _status(got, points),
        f"{right} of the {len(keys)} right options picked, and {wrong} wrong option{'s' * (wrong != 1)}.",
        details={"picked": sorted(chosen), "right": right, "wrong": wrong},
    )


def sort_units(value: Any) -> list[str] | None:
    """A sort answer {sentence_id: category} as units "sentence_id=category" (None if it is not a dict)."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return None
    return sorted(f"{k}={v}" for k, v in value.items())


def sort_share(right: int, wrong: int, items: int, categories: int) -> float:
    """The guessing-corrected share of a sort: (right − wrong / (categories − 1)) / items, at least 0.

    Blind guessing among ``categories`` earns 0 on average; a sentence left unsorted costs nothing.
    """
    if items <= 0:
        return 0.0
    penalty = wrong / (categories - 1) if categories > 1 else 0.0
    return max(0.0, (right - penalty) / items)


def sort_accepted(key: dict[str, str], accept: dict[str, list[str]] | None = None) -> dict[str, set[str]]:
    """Every category that counts as right for each sentence: the key's, and the author's defensible
    alternatives (``medialit.accept``)."""
    return {sid: {cat, *((accept or {}).get(sid) or [])} for sid, cat in key.items()}


def score_sort(
    answer: Any,
    key: dict[str, str],
    points: float,
    options: list[str] | None = None,
    accept: dict[str, list[str]] | None = None,
) -> Score:
    """Each sentence sorted right earns one share; each sorted wrong takes back 1 / (categories − 1)
    of a share (the guessing correction), never below zero. ``options`` are the categories;
    ``accept`` maps a sentence to other categories that also count as right. Every sentence in one
    box earns nothing (like ticking every option)."""
    if answer is None or answer == {}:
        return Score(0.0, float(points), "not answered", "No sentence sorted yet.")
    if sort_units(answer) is None:
        return Score(0.0, float(points), "invalid", "The answer should give a category for each sentence.")
    categories = len(options) if options else max(2, len(set(key.values())))
    accepted = sort_accepted(key, accept)
    if len(set(answer.values())) == 1 and set(answer) >= set(key) and len(set(key.values())) > 1:
        message = "Every sentence is in the same box: that is not sorting yet, so it earns nothing."
        return Score(0.0, float(points), "wrong", message, details={"right": 0, "wrong": len(key)})
    right = sum(answer.get(sid) in cats for sid, cats in accepted.items())
    wrong = sum(sid in answer and answer[sid] not in cats for sid, cats in accepted.items())
    got = _round(points * sort_share(right, wrong, len(key), categories))
    return Score(
        got,
        float(points),
        _status(got, points),
        f"{right} of {len(key)} sentences sorted right, {wrong} wrong, "
        f"{len(key) - right - wrong} not sorted.",
        details={"right": right, "wrong": wrong, "categories": categories},
    )


def normalize_words(value: Any) -> list[str] | None:
    """A word-list answer as lowercase words; accepts a list/tuple/set of strings or one comma string."""
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple, set)) and all(isinstance(v, str) for v in value):
        items = list(value)
    else:
        return None
    return sorted({item.strip().lower() for item in items if item.strip()})


def _number(answer: Any) -> Any:
    """A number written as text ("3", " 2.5 ") read as the number; anything else unchanged."""
    if isinstance(answer, str):
        try:
            return float(answer.strip())
        except ValueError:
            return answer
    return answer


def score_literal(answer: Any, key: Any, kind: str, points: float, tolerance: float = 0) -> Score:
    """Compare a literal answer to the key by ``kind`` (number, bool, string, words); see AUTHORING.md."""
    if answer is Ellipsis or answer is None:
        return Score(0.0, float(points), "not answered", "No answer written yet.")
    if kind == "number":
        answer = _number(answer)
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
