"""Lesson 3 (unverifiable claims): the guided notebook, the solution and the built exercise agree and run.

Runs the three notebooks for real (nbval in a subprocess, nbclient), checks the exercise is what
`build` makes, that the key scores full marks and an empty answer zero with the real grader, that the
sort key still points at the sentences it means, and that what the notebook says about the kit is true.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat

import kit
from kit.grading.format import load_solution, resolve_highlight_key
from kit.grading.scoring import score_sort

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "notebooks" / "03_unverifiable_claims.ipynb"
SOLUTION = REPO / "solutions" / "03_unverifiable_claims.ipynb"
EXERCISE = REPO / "exercises" / "03_unverifiable_claims.ipynb"
SETUP = "import kit\nkit.friendly.install()\narticle = kit.load_article()"

# What each sentence id in the sort key must still start with (ids move if sentence splitting changes).
SORT_SENTENCES = {
    "s5": "Over the past few weeks, the Americans trumpeted",
    "s6": "Shortly after evacuation, Americans announced",
    "s10": "The stances by the American officials",
    "s13": "Even two years after the defeat of ISIS",
    "s15": "US the main culprit behind ISIS revival",
    "s16": "The Iraqi political community is now focusing",
    "s17": "Qusai al-Anbari, the head of Badr",
    "s19": "The Iraqi official claimed",
    "s24": "Saad al-Saadi, a senior member",
    "s30": "Three aims may drive the US",
    "s34": "2. Also, Americans intend to stay",
    "s38": "By throwing its weight behind ISIS",
}


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "MEDIALIT_ANSWERS_DIR": str(tmp_path / "answers"),
        "JPY_SESSION_NAME": "lesson03-test",
    }


def test_guided_notebook_has_this_lessons_own_parts() -> None:
    """The parts every lesson has are checked in test_lesson_contract.py; these are this lesson's own."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for needed in (
        "checkable is not the same as true",
        "unverifiable is not the same as false",
        "presupposition",
    ):
        assert needed in prose, needed
    for call in ("kit.Sorter(", "kit.find_claims(", "crosstab("):
        assert call in source, call


def test_the_chart_alt_text_gives_the_readers_real_counts() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    alt = next(
        c.source for c in nb.cells if c.cell_type == "markdown" and "sentences in this article" in c.source
    )
    counts = kit.find_claims(kit.load_article())["kind"].value_counts().to_dict()
    for kind, number in re.findall(r"(Unverifiable|Checkable|Question|Opinion): (\d+)", alt):
        assert counts.get(kind.lower(), 0) == int(number), (kind, number, counts)


def test_the_mistakes_the_notebook_shows_are_real() -> None:
    article = kit.load_article()
    claims = kit.find_claims(article).set_index("sentence_id")

    def kind_of(phrase: str) -> str:
        return str(claims.loc[article.sentence_at(article.find(phrase)[0][0]).id, "kind"])

    assert kind_of("first can support") == "checkable"  # a guess the reader takes for a fact
    assert kind_of("The Iraqi official claimed") == "checkable"  # a hidden aim it misses
    assert kind_of("Washington leaders intend") == "unverifiable"
    assert kind_of("deployed Patriot") == "checkable"


def test_exercise_leaks_no_key_text() -> None:
    text = EXERCISE.read_text(encoding="utf-8")
    for secret in (
        '\\"s19\\": \\"unverifiable\\"',
        'normalize=\\"index\\")\\n',
        "Department of Defense",
    ):
        assert secret not in text, secret


def test_solution_uses_the_lessons_question_types() -> None:
    solution = load_solution(SOLUTION)
    types = {q.type for q in solution.questions.values()}
    assert {"sort", "highlight", "choice", "text", "code"} <= types
    assert all(q.grade_id.startswith("l3-") for q in solution.questions.values())


def test_sort_key_still_points_at_the_sentences_it_means() -> None:
    article = kit.load_article()
    key = load_solution(SOLUTION).questions["l3-sort"].key
    by_id = {s.id: s.text for s in article.sentences}
    assert set(key) == set(SORT_SENTENCES)
    for sid, start in SORT_SENTENCES.items():
        assert by_id[sid].startswith(start), (sid, by_id[sid][:60])


def test_hedge_key_is_found_in_the_article() -> None:
    question = load_solution(SOLUTION).questions["l3-hedges"]
    spans, notes = resolve_highlight_key(question, kit.load_article())
    assert notes == [] and [s.status for s in spans].count("required") == 3  # 'can' and 'in a way': accept


def test_sort_scoring_rewards_right_and_costs_wrong() -> None:
    key = load_solution(SOLUTION).questions["l3-sort"].key
    assert score_sort(dict(key), key, 6).points == 6
    assert score_sort(None, key, 6).points == 0 and score_sort({}, key, 6).status == "not answered"
    half = dict(list(key.items())[:6])
    assert score_sort(half, key, 6).points == 3
    flipped = {sid: ("opinion" if cat != "opinion" else "checkable") for sid, cat in key.items()}
    assert score_sort(flipped, key, 6).points == 0
    assert score_sort(["not", "a", "dict"], key, 6).status == "invalid"


def test_seed_agreement_with_the_sort_key_is_what_the_teacher_notes_say() -> None:
    key = load_solution(SOLUTION).questions["l3-sort"].key
    claims = kit.find_claims(kit.load_article()).set_index("sentence_id")
    agree = sum(claims.loc[sid, "kind"] == cat for sid, cat in key.items())
    notes = next(c.source for c in nbformat.read(SOLUTION, as_version=4).cells if "Teacher notes" in c.source)
    assert f"agrees with the key on {agree} of the {len(key)} sentences" in notes


def test_self_check_counts_right_sorts_without_showing_the_key(tmp_path: Path) -> None:
    """A self-study copy counts right sorts (and shows the key after); a class copy only counts sorts."""
    from kit.grading.build import build
    from kit.selfcheck import check

    build(SOLUTION.parent, tmp_path, self_study=True)
    study = tmp_path / EXERCISE.name
    key = load_solution(SOLUTION).questions["l3-sort"].key
    wrong = next(sid for sid, cat in key.items() if cat != "opinion" and sid != "s5")
    some = {"s5": key["s5"], wrong: "opinion"}
    message = check("l3-sort", some, notebook=str(study))
    assert "1 of your 2 answers are right" in message and "12 right ones" in message
    assert "The answer:" in message
    assert check("l3-sort", dict(key), notebook=str(study)).startswith("All right")
    message = check("l3-sort", some, notebook=str(EXERCISE))
    assert message.startswith("You sorted 2 sentences.") and "checks more when grading" in message
    assert "unverifiable" not in message.split("Hint:")[0]
    assert message == check("l3-sort", {"s5": "opinion", wrong: "opinion"}, notebook=str(EXERCISE))
