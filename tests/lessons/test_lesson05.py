"""Lesson 5 (Who is behind this?): the guided notebook and the exercise run, grade and keep their promises.

The suite's nbval run executes both notebooks; tests/grading checks that build reproduces the exercise;
test_lesson_contract runs the untouched exercise and checks feedback and rubrics. Here: the key grades full
and an empty copy zero with the real grader, the exercise leaks no key (not even the list of the article's
side), and the practice texts are labelled as the team's on their first line.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

import kit.practice
from kit.grading.format import load_solution
from kit.grading.testing import empty_submission, grade_notebook, key_as_submission, set_choice

REPO = Path(__file__).resolve().parents[2]
NAME = "05_who_is_behind_this.ipynb"
NOTEBOOK, SOLUTION, EXERCISE = (REPO / d / NAME for d in ("notebooks", "solutions", "exercises"))


def test_key_grades_full_and_empty_copy_zero(tmp_path: Path) -> None:
    solution = load_solution(SOLUTION)
    full = grade_notebook(key_as_submission(SOLUTION), SOLUTION, tmp_path, "key.ipynb")
    auto = [q for q in full.questions.values() if q.type != "text"]
    assert all(q.points == q.max_points for q in auto), {q.grade_id: q.status for q in auto}
    assert sum(q.points for q in auto) == solution.max_auto
    assert full.questions["l5-log"].max_points == 3
    empty = grade_notebook(empty_submission(SOLUTION), SOLUTION, tmp_path, "empty.ipynb")
    assert sum(q.points for q in empty.questions.values()) == 0
    assert {q.status for q in empty.questions.values()} == {"not answered"}


def test_the_written_question_has_a_three_level_rubric_with_points() -> None:
    # feedback for every question, sample answers and the untouched run: tests/lessons/test_lesson_contract.py
    rubric = load_solution(SOLUTION).questions["l5-judge"].meta["rubric"]
    assert [rubric[level]["points"] for level in ("Proficient", "Emergent", "Basic")] == [3, 2, 0]


def test_exercise_leaks_no_key() -> None:
    text = EXERCISE.read_text(encoding="utf-8")
    for secret in ("BEGIN SOLUTION", "Teacher notes", "iranpress", "sputnik", "Carnegie", "article_side"):
        assert secret not in text, secret
    nb = nbformat.read(EXERCISE, as_version=4)
    log = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "l5-log")
    assert log.source.strip() == 'kit.SearchLog("l5-log")'
    assert log.metadata["medialit"]["check"]["side_hashes"]


def test_guided_notebook_covers_the_lesson() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for needed in (
        "by the end of this lesson",
        "minutes",
        "click restraint",
        "wikipedia",
        "trace",
        "no byline",
        '"articles"',
        "not graded",
        "every side",
        "opinion",
        "it happened after",
    ):
        assert needed in prose, needed
    for call in (
        "kit.page_evidence(article)",
        "kit.SearchLog(",
        "kit.fact_cards(",
        "kit.glossary(",
        "kit.show_card(",
        'kit.practice.load("opposite_side")',
        "kit.compare(",
    ):
        assert call in code, call


@pytest.mark.parametrize("name", kit.practice.NAMES)
def test_practice_texts_say_on_their_first_line_who_wrote_them(name: str) -> None:
    first = kit.practice.text(name).splitlines()[0]
    assert first.startswith("Practice text written by the medialit-kit team")
    article = kit.practice.load(name)
    assert kit.practice.key_spans(name, article)  # every key phrase is found in the text


def test_news_rewrite_keeps_every_named_speaker_of_the_seed() -> None:
    rewrite = kit.practice.text("news_rewrite")
    for speaker in ("Qusai al-Anbari", "Mohanad Najim Aleqabi", "Saad al-Saadi", "Al-Mayadeen", "Russia"):
        assert speaker in rewrite, speaker


def test_news_or_opinion_credits_signs_in_the_writing_not_the_side(tmp_path: Path) -> None:
    """Question 6 judges how the text is written: the side it blames is not a sign and costs a share."""
    options = load_solution(SOLUTION).questions["l5-news"].meta["options"]
    signs, side = options[:4], "It blames the US government."
    assert side in options and side not in signs

    def points(value: list[str], name: str) -> float:
        nb = empty_submission(SOLUTION)
        set_choice(nb, "l5-news", value)
        return grade_notebook(nb, SOLUTION, tmp_path, name).questions["l5-news"].points

    full = points(signs, "signs.ipynb")
    assert full == 2
    assert 0 < points([*signs, side], "signs_and_side.ipynb") < full
    assert points([side], "side_only.ipynb") == 0
