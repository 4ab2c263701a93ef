"""Span, choice and literal scoring on passages written for these tests (not the seed article)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.grading.scoring import score_choice, score_highlight, score_literal, score_tests, word_offsets
from kit.spans import Span

TEXT = (
    "The mayor said the new bridge will open in May. Critics claimed the budget was a disaster. "
    "According to city records, the cost rose by a third. Some residents believe the plan was rushed."
)


def span(phrase: str, label: str, text: str = TEXT) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), label)


KEY = [
    span("The mayor said", "named"),
    span("Critics claimed", "vague"),
    span("Some residents believe", "vague"),
]


def test_exact_key_scores_full_points():
    result = score_highlight(TEXT, list(KEY), KEY, 3)
    assert result.points == 3 and result.status == "right"
    assert list(result.details["passages"]["status"]) == ["found", "found", "found"]


def test_nothing_marked_is_not_answered_and_zero():
    result = score_highlight(TEXT, [], KEY, 3)
    assert result.points == 0 and result.status == "not answered"


def test_one_word_less_and_one_word_more_still_count():
    near = [
        span("mayor said", "named"),
        span("Critics claimed the", "vague"),
        span("Some residents believe", "vague"),
    ]
    result = score_highlight(TEXT, near, KEY, 3)
    assert result.points == 3
    assert set(result.details["passages"]["status"]) == {"found"}


def test_two_words_less_is_partial():
    result = score_highlight(TEXT, [span("residents", "vague")], [span("Some residents believe", "vague")], 2)
    assert 0 < result.points < 2 and result.status == "partly"
    assert result.details["passages"]["status"][0] == "partly"


def test_wrong_label_scores_nothing_but_is_reported():
    result = score_highlight(TEXT, [span("The mayor said", "vague")], KEY[:1], 1)
    assert result.points == 0
    assert result.details["passages"]["status"][0] == "other label"


def test_marking_everything_scores_little():
    everything = [Span(0, len(TEXT), "named"), Span(0, len(TEXT), "vague")]
    result = score_highlight(TEXT, everything, KEY, 3)
    assert result.points < 1


def test_overlapping_marks_give_no_double_credit():
    once = score_highlight(TEXT, [span("Critics claimed", "vague")], KEY, 3)
    many = score_highlight(TEXT, [span("Critics claimed", "vague")] * 5 + [span("Critics", "vague")], KEY, 3)
    assert once.points == many.points


words = word_offsets(TEXT)
labels = st.sampled_from(["named", "vague"])


@st.composite
def spans(draw):
    a = draw(st.integers(0, len(words) - 1))
    b = draw(st.integers(a, min(len(words) - 1, a + 6)))
    return Span(words[a][0], words[b][1], draw(labels))


@settings(max_examples=150, deadline=None)
@given(st.lists(spans(), max_size=8), st.lists(spans(), min_size=1, max_size=5), st.integers(1, 10))
def test_highlight_score_properties(learner, key, points):
    result = score_highlight(TEXT, learner, key, points)
    assert 0 <= result.points <= points
    # order does not matter
    assert score_highlight(TEXT, list(reversed(learner)), key, points).points == result.points
    # repeating marks never adds points
    assert score_highlight(TEXT, learner + learner, key, points).points == result.points


@settings(max_examples=50, deadline=None)
@given(st.lists(spans(), min_size=1, max_size=5), st.integers(1, 10))
def test_key_itself_always_full_marks(key, points):
    assert score_highlight(TEXT, key, key, points).points == points


def test_choice_single_and_multiple():
    assert score_choice("opinion", "opinion", 1, False).points == 1
    assert score_choice("news", "opinion", 1, False).points == 0
    assert score_choice(None, "opinion", 1, False).status == "not answered"
    assert score_choice(["a", "b"], ["a", "b", "c"], 3, True).points == 2
    assert score_choice(["a", "x"], ["a", "b"], 2, True).points == 0
    assert score_choice(["a", "b", "c", "d"], ["a", "b"], 2, True).points == 0


@pytest.mark.parametrize(
    ("answer", "key", "kind", "tol", "expected"),
    [
        (3, 3, "number", 0, 1),
        (3.0, 3, "number", 0, 1),
        (4, 3, "number", 0, 0),
        (4, 3, "number", 1, 1),
        ("3", 3, "number", 0, 1),
        (" 2.5 ", 2.5, "number", 0, 1),
        (True, True, "bool", 0, 1),
        (1, True, "bool", 0, 0),
        ("  Opinion ", "opinion", "string", 0, 1),
        (["Claimed", "said"], ["said", "claimed"], "words", 0, 1),
        ("claimed, said", ["said", "claimed"], "words", 0, 1),
    ],
)
def test_literal(answer, key, kind, tol, expected):
    assert score_literal(answer, key, kind, 1, tol).points == expected


def test_literal_words_partial_and_unanswered():
    assert 0 < score_literal(["said", "told"], ["said", "claimed"], "words", 2).points < 2
    assert score_literal(..., 3, "number", 1).status == "not answered"
    assert score_literal("three", 3, "number", 1).status == "invalid"


def test_tests_score():
    assert score_tests({"a": True, "b": False}, {"a": 1, "b": 2}).points == 1


def test_pending_hand_grading_is_pending_not_zero():
    """A perfect learner whose free text is not graded yet shows 100 % of the graded points."""
    from kit.grading.reports import _score_line, grades_frame
    from kit.grading.running import QuestionResult, SubmissionResult, load_key

    key = load_key(Path(__file__).resolve().parents[2] / "solutions" / "00_demo.ipynb")
    res = SubmissionResult("ana.ipynb", "ana", "00_demo", 0.0)
    for gid, q in key.solution.questions.items():
        if q.type == "text":
            res.questions[gid] = QuestionResult(gid, q.type, 0.0, q.points, "needs grading")
        else:
            res.questions[gid] = QuestionResult(gid, q.type, q.points, q.points, "right")
    row = grades_frame([res], {key.name: key}, {}).iloc[0]
    assert row["percent"] == 100.0 and row["pending"] == 3 and row["max"] == 13
    assert pd.isna(row["demo-trust"])
    assert "3 of these points are still to be graded by your teacher" in _score_line(res)


def test_highlight_rules_in_one_sentence_each():
    """Core found: a share; too wide: half; extras past two cost; either only helps; accept never costs."""
    from kit.grading.scoring import KeyPassage

    def kp(phrase, status="required", core=None):
        start = TEXT.index(phrase)
        cs = TEXT.index(core, start) if core else start
        return KeyPassage(start, start + len(phrase), "src", "", status, cs, cs + len(core or phrase))

    key = [
        kp("The mayor said", core="The mayor"),
        kp("Critics claimed"),
        kp("Some residents believe", "either"),
        kp("city records", "accept"),
    ]
    assert score_highlight(TEXT, [span("mayor", "src"), span("Critics claimed", "src")], key, 2).points == 2
    wide = span("Critics claimed the budget was a disaster", "src")
    assert score_highlight(TEXT, [span("The mayor", "src"), wide], key, 2).points == 1.5
    leave_either = score_highlight(TEXT, [span("The mayor", "src")], key, 2).points
    with_either = score_highlight(
        TEXT, [span("The mayor", "src"), span("Some residents believe", "src")], key, 2
    )
    assert leave_either == 1 and with_either.points > leave_either
    accepted = score_highlight(TEXT, [*key[:2], span("city records", "src")], key, 2)
    assert accepted.points == 2 and accepted.details["extra"] == []
    extras = [span(w, "src") for w in ("bridge", "open", "May", "budget")]
    assert score_highlight(TEXT, [*key[:2], *extras[:2]], key, 2).points == 2
    assert score_highlight(TEXT, [*key[:2], *extras], key, 2).points < 2


def test_sort_guessing_correction_fits_the_number_of_boxes():
    from kit.grading.scoring import score_sort

    key = {f"s{i}": "ab"[i % 2] for i in range(4)}
    half = {"s0": "a", "s1": "b", "s2": "b", "s3": "a"}
    assert score_sort(half, key, 4, ["a", "b"]).points == 0  # two boxes: a wrong one cancels a right one
    assert score_sort(half, key, 4, ["a", "b", "c"]).points == 1  # three boxes: it takes back half
    assert score_sort({"s0": "a", "s1": "b"}, key, 4, ["a", "b"]).points == 2  # unsorted costs nothing
    assert score_sort({k: "a" for k in key}, key, 4, ["a", "b"]).points == 0  # one box for all
    assert score_sort({"s1": "c"}, key, 4, ["a", "b", "c"], {"s1": ["c"]}).points == 1  # an accepted box
