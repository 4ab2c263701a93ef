"""Fairness suite: simulated learners for every auto-graded question type, with the score a careful
teacher would sign.

Each behaviour is a learner written down as what they would mark or pick; each carries the range
(as a share of the question's points) a teacher would give. The suite was written before the scoring
rules changed (docs/fairness-before.md holds the table the old rules gave). Rerun the table with:

    .venv/bin/python tests/grading/test_fairness.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from the worktree
    sys.path.insert(0, str(ROOT))

from kit.grading.running import load_key  # noqa: E402
from kit.grading.scoring import score_choice, score_highlight, score_literal, score_sort  # noqa: E402
from kit.spans import Span  # noqa: E402

SOLUTIONS = ROOT / "solutions"
EXERCISES = {
    "demo-sources": "00_demo",
    "l1-attributions": "01_sourcing",
    "l2-loaded-words": "02_loaded_language",
    "l3-hedges": "03_unverifiable_claims",
    "l4-layers": "04_putting_it_together",
}

_KEYS: dict[str, Any] = {}


def key_of(exercise: str) -> Any:
    if exercise not in _KEYS:
        _KEYS[exercise] = load_key(SOLUTIONS / f"{exercise}.ipynb")
    return _KEYS[exercise]


# -- what a learner marks, written as phrases of the article ------------------------------------------
Mark = tuple[str, str, int]  # phrase, label, occurrence (1 = first)

# Passages a careful reader may mark or leave: their absence must cost nothing.
DEBATABLE: dict[str, list[str]] = {
    "demo-sources": [],
    "l1-attributions": ["He said", "The Iraqi official claimed"],
    "l2-loaded-words": ["terrorist"],  # the label most governments and the UN use for ISIS
    "l3-hedges": [],
    "l4-layers": [],
}
# Extras a careful teacher would accept (or count as debatable): they must cost little or nothing.
REASONABLE_EXTRAS: dict[str, list[Mark]] = {
    "demo-sources": [("Americans announced", "vague source", 1), ("Russia", "named source", 1)],
    "l1-attributions": [
        ("the American officials", "vague source", 1),
        ("The Iraqi political community", "vague source", 1),
    ],
    "l2-loaded-words": [
        ("ratcheted up", "loaded", 1),
        ("instrumentally", "loaded", 1),
        ("refuel", "loaded", 1),
    ],
    "l3-hedges": [("can", "hedge", 1), ("can", "hedge", 2), ("can", "hedge", 3)],
    "l4-layers": [
        ("invasive", "loaded", 1),
        ("Russia", "source", 1),
        ("the US strongly feels damages to its position in Iraq", "unverifiable", 1),
    ],
}
# Plain passages no careful reader would mark for this question.
WRONG: list[str] = [
    "coronavirus outbreak",
    "Patriot missile defenses",
    "Rukban refugee camp",
    "vote of confidence",
    "President Barham Saleh",
]
# Named sources under the source convention: the name is the core.
NAMES = ["Qusai al-Anbari", "Mohanad Najim Aleqabi", "Saad al-Saadi"]
VAGUE_CORES = ["the Western media", "politicians"]


def span_of(article: Any, phrase: str, label: str, occurrence: int = 1) -> Span:
    places = article.find(phrase, case=True)
    start, end = places[occurrence - 1]
    return Span(int(start), int(end), label)


def key_passages(key: Any, gid: str) -> list[Any]:
    return list(key.spans[gid])


def status_of(passage: Any) -> str:
    return getattr(passage, "status", "required")


def core_of(passage: Any) -> tuple[int, int]:
    return getattr(passage, "core_start", passage.start), getattr(passage, "core_end", passage.end)


def as_spans(passages: list[Any]) -> list[Span]:
    """The key as a learner would mark it: every passage but the 'accept' alternatives."""
    return [Span(p.start, p.end, p.label) for p in passages if status_of(p) != "accept"]


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    from kit.grading.scoring import article_words, words_in

    words = article_words(text)
    return [words[i] for i in words_in(words, start, end)]


def _sentence_span(article: Any, offset: int) -> tuple[int, int]:
    sentence = article.sentence_at(offset)
    return (sentence.start, sentence.end) if sentence else (offset, offset + 1)


def _labels(key: Any, gid: str) -> list[str]:
    return list(key.solution.questions[gid].meta["labels"])


# Each builder returns the learner's spans for one highlight question.
Builder = Callable[[Any, str, Any], list[Span] | None]


def b_key(key: Any, gid: str, art: Any) -> list[Span]:
    return as_spans(key_passages(key, gid))


def b_nothing(key: Any, gid: str, art: Any) -> list[Span]:
    return []


def b_everything(key: Any, gid: str, art: Any) -> list[Span]:
    return [Span(0, len(key.article_text), label) for label in _labels(key, gid)]


def b_every_sentence(key: Any, gid: str, art: Any) -> list[Span]:
    label = _labels(key, gid)[0]
    return [Span(s.start, s.end, label) for s in art.sentences]


def b_whole_sentences(key: Any, gid: str, art: Any) -> list[Span]:
    out = {}
    for p in key_passages(key, gid):
        if status_of(p) == "accept":
            continue
        start, end = _sentence_span(art, p.start)
        out[(start, end, p.label)] = Span(start, end, p.label)
    return list(out.values())


def _has_statuses(key: Any, gid: str) -> bool:
    return any(status_of(p) != "required" for p in key_passages(key, gid))


def required_spans(key: Any, gid: str) -> list[Span]:
    """The passages a learner must find: by the key's statuses, or (a key without statuses) by
    leaving out the passages DEBATABLE names."""
    words = [] if _has_statuses(key, gid) else DEBATABLE[gid]
    keep = []
    for p in key_passages(key, gid):
        text = key.article_text[p.start : p.end]
        if status_of(p) in ("either", "accept") or any(w.lower() in text.lower() for w in words):
            continue
        keep.append(Span(p.start, p.end, p.label))
    return keep


def b_minus_debatable(key: Any, gid: str, art: Any) -> list[Span]:
    return required_spans(key, gid)


def b_plus_reasonable(key: Any, gid: str, art: Any) -> list[Span]:
    return b_key(key, gid, art) + [span_of(art, *m) for m in REASONABLE_EXTRAS[gid]]


def _wrong(key: Any, gid: str, art: Any) -> list[Span]:
    label = _labels(key, gid)[0]
    return [span_of(art, phrase, label) for phrase in WRONG]


def b_plus_wrong(key: Any, gid: str, art: Any) -> list[Span]:
    return b_key(key, gid, art) + _wrong(key, gid, art)


def b_only_wrong(key: Any, gid: str, art: Any) -> list[Span]:
    return _wrong(key, gid, art)


def b_one_word_short(key: Any, gid: str, art: Any) -> list[Span]:
    """Each passage of two or more words marked without its last word (one-word passages exact)."""
    out = []
    for p in as_spans(key_passages(key, gid)):
        words = _words(key.article_text, p.start, p.end)
        end = words[-2][1] if len(words) >= 2 else p.end
        out.append(Span(p.start, end, p.label))
    return out


def b_one_word_more(key: Any, gid: str, art: Any) -> list[Span]:
    """Each passage marked with the next word too."""
    from kit.grading.scoring import article_words

    words = article_words(key.article_text)
    out = []
    for p in as_spans(key_passages(key, gid)):
        after = next((w for w in words if w[0] >= p.end), None)
        out.append(Span(p.start, after[1] if after else p.end, p.label))
    return out


def b_half(key: Any, gid: str, art: Any) -> list[Span]:
    return required_spans(key, gid)[::2]


def b_duplicates(key: Any, gid: str, art: Any) -> list[Span]:
    spans = as_spans(key_passages(key, gid))
    return spans * 3


def b_swapped_labels(key: Any, gid: str, art: Any) -> list[Span] | None:
    labels = _labels(key, gid)
    if len(labels) < 2:
        return None
    other = {lab: labels[(i + 1) % len(labels)] for i, lab in enumerate(labels)}
    return [Span(s.start, s.end, other[s.label]) for s in as_spans(key_passages(key, gid))]


def b_names_only(key: Any, gid: str, art: Any) -> list[Span] | None:
    """Sources marked by the convention's core only: the names and the vague words, nothing more."""
    labels = _labels(key, gid)
    named = "named source" if "named source" in labels else ("source" if "source" in labels else None)
    if named is None:
        return None
    vague = "vague source" if "vague source" in labels else named
    rest = [
        Span(p.start, p.end, p.label)
        for p in key_passages(key, gid)
        if p.label not in (named, vague) and status_of(p) != "accept"
    ]
    marks = [span_of(art, n, named) for n in NAMES] + [span_of(art, v, vague) for v in VAGUE_CORES]
    if gid == "l1-attributions":  # this question also asks for the other vague sources and Russia
        marks += [
            span_of(art, "the Americans", vague),
            span_of(art, "Americans", vague, 2),
            span_of(art, "the media", vague, 1),
            span_of(art, "Russia", named),
        ]
    return marks + rest


def b_names_roles_cues(key: Any, gid: str, art: Any) -> list[Span] | None:
    """Named sources marked with their title or role and the cue word (free under the convention)."""
    if b_names_only(key, gid, art) is None:
        return None
    labels = _labels(key, gid)
    named = "named source" if "named source" in labels else "source"
    long_forms = [
        "Qusai al-Anbari, the head of Badr Organization’s office in Al-Anbar has recently revealed",
        "Mohanad Najim Aleqabi, PMF’s press secretary, in an interview with Lebanese Al-Mayadeen "
        "news network said",
        "Saad al-Saadi, a senior member of the Fatah parliamentary coalition, has asserted",
    ]
    spans = b_names_only(key, gid, art) or []
    names = {(s.start, s.end) for s in (span_of(art, n, named) for n in NAMES)}
    spans = [s for s in spans if (s.start, s.end) not in names]
    return spans + [span_of(art, phrase, named) for phrase in long_forms]


def b_clearest_twelve(key: Any, gid: str, art: Any) -> list[Span] | None:
    """Exercise 4 asks for 'the clearest ten to fifteen': 12 passages straight from the key, 4 per label."""
    if gid != "l4-layers":
        return None
    by_label: dict[str, list[Span]] = {}
    for s in required_spans(key, gid):
        by_label.setdefault(s.label, []).append(s)
    return [s for spans in by_label.values() for s in spans[:4]]


@dataclass(frozen=True)
class Behaviour:
    name: str
    build: Builder
    low: float  # share of the points, inclusive
    high: float
    # question -> (low, high, why) where a teacher would give another range for that question
    special: dict[str, tuple[float, float, str]] = field(default_factory=dict)

    def range_for(self, gid: str) -> tuple[float, float]:
        low, high, _why = self.special.get(gid, (self.low, self.high, ""))
        return low, high


HIGHLIGHT_BEHAVIOURS = [
    Behaviour("the key", b_key, 1.0, 1.0),
    Behaviour("nothing", b_nothing, 0.0, 0.0),
    Behaviour("everything (one mark per label)", b_everything, 0.0, 0.25),
    Behaviour("every sentence", b_every_sentence, 0.0, 0.25),
    Behaviour(
        "whole sentences around each passage",
        b_whole_sentences,
        0.3,
        0.75,
        {"l4-layers": (0.5, 0.95, "its unverifiable passages are whole clauses: a sentence is nearly right")},
    ),
    Behaviour("key minus the debatable items", b_minus_debatable, 0.99, 1.0),
    Behaviour("key plus a few reasonable extras", b_plus_reasonable, 0.9, 1.0),
    Behaviour("key plus five wrong marks", b_plus_wrong, 0.4, 0.95),
    Behaviour("only wrong passages", b_only_wrong, 0.0, 0.05),
    Behaviour("one word short of each passage", b_one_word_short, 0.9, 1.0),
    Behaviour("one word more on each passage", b_one_word_more, 0.9, 1.0),
    Behaviour(
        "every other passage of the key",
        b_half,
        0.35,
        0.7,
        {"l4-layers": (0.7, 0.9, "half of its 19 required passages is 10 of the 12 that are enough")},
    ),
    Behaviour("the key, each mark made three times", b_duplicates, 1.0, 1.0),
    Behaviour("right passages, wrong labels", b_swapped_labels, 0.0, 0.25),
    Behaviour("sources: just the names (and vague words)", b_names_only, 0.9, 1.0),
    Behaviour("sources: name, role and cue word", b_names_roles_cues, 0.9, 1.0),
    Behaviour("the clearest twelve (4 per label)", b_clearest_twelve, 0.9, 1.0),
]


def highlight_share(gid: str, behaviour: Behaviour) -> float | None:
    key = key_of(EXERCISES[gid])
    import kit

    art = kit.load_article()
    spans = behaviour.build(key, gid, art)
    if spans is None:
        return None
    question = key.solution.questions[gid]
    score = score_highlight(
        key.article_text, spans, key.spans[gid], question.points, question.meta.get("enough")
    )
    return score.points / score.max_points


# -- sort, choice and literal learners --------------------------------------------------------------------
def sort_learners(
    key: dict[str, str], options: list[str], accept: dict[str, list[str]] | None = None
) -> dict[str, tuple[dict[str, str], float, float]]:
    ids = sorted(key, key=lambda s: int(s[1:]))

    def wrong_for(sid: str) -> str:
        return next(o for o in options if o != key[sid] and o not in (accept or {}).get(sid, []))

    def with_right(n: int) -> dict[str, str]:
        return {sid: (key[sid] if i < n else wrong_for(sid)) for i, sid in enumerate(ids)}

    third = len(ids) // len(options)  # what blind guessing gets right on average
    return {
        "the key": (dict(key), 1.0, 1.0),
        "nothing": ({}, 0.0, 0.0),
        "all wrong": (with_right(0), 0.0, 0.0),
        f"chance level ({third} of {len(ids)} right)": (with_right(third), 0.0, 0.1),
        f"half right ({len(ids) // 2} of {len(ids)}), rest wrong": (with_right(len(ids) // 2), 0.2, 0.5),
        "half right, the rest left unsorted": (
            {sid: key[sid] for sid in ids[: len(ids) // 2]},
            0.4,
            0.5,
        ),
        f"{len(ids) * 3 // 4} of {len(ids)} right": (with_right(len(ids) * 3 // 4), 0.55, 0.8),
        "all but one right": (with_right(len(ids) - 1), 0.8, 0.95),
        "everything in one category": ({sid: options[1] for sid in ids}, 0.0, 0.3),
    }


def multiple_learners(key: list[str], options: list[str]) -> dict[str, tuple[list[str], float, float]]:
    wrong = [o for o in options if o not in key]
    return {
        "the key": (list(key), 1.0, 1.0),
        "nothing": ([], 0.0, 0.0),
        "every option": (list(options), 0.0, 0.1),
        "only wrong options": (wrong, 0.0, 0.0),
        "key minus one": (key[:-1], 0.5, 0.8),
        # with one wrong option only, "key plus one wrong" is "every option"
        "key plus one wrong": (list(key) + wrong[:1] if len(wrong) > 1 else SKIP, 0.3, 0.75),
        "one right option only": (key[:1], 0.2, 0.5),
    }


def single_learners(key: str, options: list[str]) -> dict[str, tuple[Any, float, float]]:
    wrong = next(o for o in options if o != key)
    return {
        "the key": (key, 1.0, 1.0),
        "nothing": (None, 0.0, 0.0),
        "a wrong option": (wrong, 0.0, 0.0),
    }


def literal_learners(key: Any, kind: str) -> dict[str, tuple[Any, float, float]]:
    if kind == "number":
        return {
            "the key": (key, 1.0, 1.0),
            "nothing": (Ellipsis, 0.0, 0.0),
            "one too many": (key + 1, 0.0, 0.0),
            "the number as text": (str(key), 1.0, 1.0),
            "the number with a decimal point": (float(key), 1.0, 1.0),
        }
    return {"the key": (key, 1.0, 1.0), "nothing": (Ellipsis, 0.0, 0.0)}


def all_cases() -> list[tuple[str, str, str, Callable[[], float | None], float, float]]:
    """(exercise question, type, behaviour, score function, low, high) for every simulated learner."""
    cases: list[tuple[str, str, str, Callable[[], float | None], float, float]] = []
    for gid in EXERCISES:
        for b in HIGHLIGHT_BEHAVIOURS:
            low, high = b.range_for(gid)
            cases.append((gid, "highlight", b.name, lambda gid=gid, b=b: highlight_share(gid, b), low, high))
    for exercise in sorted(EXERCISES.values()):
        key = key_of(exercise)
        for gid, q in key.solution.questions.items():
            for qtype, name, fn, low, high in _value_cases(q):
                cases.append((gid, qtype, name, fn, low, high))
    return cases


def _value_cases(q: Any) -> list[tuple[str, str, Callable[[], float | None], float, float]]:
    """The simulated learners of one sort, choice or literal question, each with its score function."""
    out: list[tuple[str, str, Callable[[], float | None], float, float]] = []
    options = q.meta.get("options")

    def scorer(answer: Any) -> Callable[[], float | None]:
        def fn() -> float | None:
            if answer is SKIP:
                return None
            if q.type == "sort":
                return _share(score_sort(answer, q.key, q.points, options, q.meta.get("accept")))
            if q.type == "choice":
                return _share(score_choice(answer, q.key, q.points, bool(q.meta.get("multiple")), options))
            tolerance = float(q.meta.get("tolerance") or 0)
            return _share(score_literal(answer, q.key, q.meta["answer_kind"], q.points, tolerance))

        return fn

    if q.type == "sort":
        learners, qtype = sort_learners(q.key, options, q.meta.get("accept")), "sort"
    elif q.type == "choice" and q.meta.get("multiple"):
        learners, qtype = multiple_learners(list(q.key), options), "choice (several)"
    elif q.type == "choice":
        learners, qtype = single_learners(q.key, options), "choice (one)"
    elif q.type == "literal":
        learners, qtype = literal_learners(q.key, q.meta["answer_kind"]), "literal"
    else:
        return out
    for name, (answer, low, high) in learners.items():
        out.append((qtype, name, scorer(answer), low, high))
    return out


SKIP = object()  # a learner that is the same as another one for this question


def _share(score: Any) -> float:
    return score.points / score.max_points


CASES = all_cases()


@pytest.mark.parametrize("gid,qtype,name,fn,low,high", CASES, ids=[f"{c[0]}: {c[2]}" for c in CASES])
def test_a_careful_teacher_would_sign(gid, qtype, name, fn, low, high):
    share = fn()
    if share is None:
        pytest.skip(f"{name!r} does not apply to {gid}")
    assert low - 1e-9 <= share <= high + 1e-9, (
        f"{gid} ({qtype}), {name}: {share:.0%} not in {low:.0%}..{high:.0%}"
    )


def table() -> str:
    """The fairness table as Markdown: question, behaviour, share scored, the teacher's range, verdict."""
    lines = [
        "| question | type | behaviour | score | a teacher would give | fair? |",
        "|---|---|---|---|---|---|",
    ]
    for gid, qtype, name, fn, low, high in CASES:
        share = fn()
        if share is None:
            continue
        ok = low - 1e-9 <= share <= high + 1e-9
        lines.append(
            f"| {gid} | {qtype} | {name} | {share:.0%} | {low:.0%}–{high:.0%} | {'yes' if ok else '**no**'} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
