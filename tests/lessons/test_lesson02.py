"""Lesson 2 (loaded language): the guided notebook, the solution and the built exercise agree and run.

Runs the three notebooks for real (nbval in a subprocess, nbclient), checks the exercise is what
`build` makes, that the key scores full marks and an empty answer scores zero with the real scorer,
and that the kit's reader and the hand-made key agree well enough on the seed.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat

import kit
from kit.grading.format import load_solution, resolve_highlight_key
from kit.grading.scoring import score_choice, score_highlight
from kit.readers.language import find_loaded_language, precision_recall

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "notebooks" / "02_loaded_language.ipynb"
SOLUTION = REPO / "solutions" / "02_loaded_language.ipynb"
EXERCISE = REPO / "exercises" / "02_loaded_language.ipynb"
SETUP = "import kit\nkit.friendly.install()\narticle = kit.load_article()"


def _env(tmp_path: Path) -> dict[str, str]:
    answers = str(tmp_path / "answers")
    return {**os.environ, "MEDIALIT_ANSWERS_DIR": answers, "JPY_SESSION_NAME": "lesson02-test"}


def test_guided_notebook_has_this_lessons_own_parts() -> None:
    """The parts every lesson has are checked in test_lesson_contract.py; these are this lesson's own."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for needed in ("textstat",):
        assert needed in prose, needed
    for call in ("kit.find_loaded_language(", "kit.readability(", "remaining_note(", ".groupby("):
        assert call in source, call


def test_exercise_leaks_no_key_text() -> None:
    text = EXERCISE.read_text(encoding="utf-8")
    for secret in (
        "'trumpeted loudly', 'loaded'",
        'groupby(\\"block_id\\").size().sort_values',
    ):
        assert secret not in text, secret


def test_solution_uses_the_lessons_question_types() -> None:
    solution = load_solution(SOLUTION)
    types = {q.type for q in solution.questions.values()}
    assert {"highlight", "choice", "text", "code"} <= types
    assert all(q.grade_id.startswith("l2-") for q in solution.questions.values())


def test_key_scores_full_marks_and_nothing_scores_zero() -> None:
    solution = load_solution(SOLUTION)
    article = kit.load_article()
    for q in solution.questions.values():
        if q.type == "highlight":
            spans, notes = resolve_highlight_key(q, article)
            assert notes == []
            assert score_highlight(article.text, spans, spans, q.points).points == q.points
            assert score_highlight(article.text, [], spans, q.points).points == 0
        elif q.type == "choice":
            assert score_choice(q.key, q.key, q.points, bool(q.meta.get("multiple"))).points == q.points
            assert score_choice(None, q.key, q.points, bool(q.meta.get("multiple"))).points == 0


def test_key_covers_the_headings_and_the_reader_agrees_with_it() -> None:
    article = kit.load_article()
    question = load_solution(SOLUTION).questions["l2-loaded-words"]
    spans, _ = resolve_highlight_key(question, article)
    heading_ids = {b.id for b in article.headings}
    assert {article.block_at(s.start).id for s in spans} & heading_ids
    marked = [(s.start, s.end) for s in spans if s.status != "accept"]  # "fine to mark" is not expected
    scores = precision_recall(find_loaded_language(article), marked)
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.7, scores
    assert scores["recall"] < 1.0  # the key holds real misses the notebook shows ("Axis of Resistance")


def test_the_misses_the_notebook_shows_are_real() -> None:
    article = kit.load_article()
    assert article.find("Iran-led Axis of Resistance forces")
    assert find_loaded_language("Iran-led Axis of Resistance forces").empty
    flagged = find_loaded_language(
        "In the same way, economists write about a country's tax regime, "
        "meaning its set of tax rules. Nothing sinister is implied."
    )
    assert flagged["text"].tolist() == ["sinister"]


def test_what_the_chart_description_says_is_true() -> None:
    article = kit.load_article()
    found = find_loaded_language(article)
    counts = found["category"].value_counts()
    assert counts.index[0] == "label" and counts.index[1] == "presumption"
    assert "euphemism" not in counts and counts.get("derision", 0) <= 2
    per_part = found.groupby("block_id").size()
    assert per_part.max() <= 3 and per_part.reindex([b.id for b in article.blocks], fill_value=0).min() == 0
