"""What every lesson's exercise promises a learner, checked once for all lessons.

The suite's nbval run (`--nbval-lax notebooks solutions exercises`) runs every notebook top to bottom,
and tests/grading checks for every solution that build reproduces its exercise and that the key
scores full marks and an empty exercise zero. Here: an untouched exercise, run before any answer,
shows no error and says "not answered yet"; every lesson notebook starts with the standard setup;
every question has feedback for right, partly right and wrong answers, every written question a
three-level rubric with a sample answer at each level; no solution marker or teacher note reaches
the learner's copy. Each lesson's own test adds the key text that must not leak.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from kit.grading.format import load_solution

REPO = Path(__file__).resolve().parents[2]
LESSONS = [
    "01_sourcing",
    "02_loaded_language",
    "03_unverifiable_claims",
    "04_putting_it_together",
    "05_who_is_behind_this",
]
SETUP_LINES = ("import kit", "kit.friendly.install()", "article = kit.load_article()")


def _outputs_text(nb: nbformat.NotebookNode) -> tuple[list[str], list[str]]:
    """(texts of all outputs, 'cell start: error' for every error output)."""
    texts, errors = [], []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.append(f"{cell.source[:60]!r}: {out.get('ename')}: {out.get('evalue')}")
            texts.append(out.get("text", "") or str(out.get("data", {}).get("text/plain", "")))
    return texts, errors


@pytest.mark.slow
@pytest.mark.parametrize("lesson", [*LESSONS[:3], LESSONS[4]])  # the capstone's own test checks its report
def test_untouched_exercise_shows_no_error_only_not_answered_yet(lesson: str, tmp_path: Path) -> None:
    from kit.grading.testing import run_in_kernel

    path = REPO / "exercises" / f"{lesson}.ipynb"
    nb = nbformat.read(path, as_version=4)
    env = {"MEDIALIT_ANSWERS_DIR": str(tmp_path / "answers"), "JPY_SESSION_NAME": str(path)}
    run_in_kernel(nb, tmp_path, timeout=300, env=env)
    texts, errors = _outputs_text(nb)
    assert errors == []
    assert "\n".join(texts).lower().count("not answered yet") >= 2


@pytest.mark.parametrize("folder", ["notebooks", "solutions", "exercises"])
@pytest.mark.parametrize("lesson", LESSONS)
def test_first_code_cell_is_the_standard_setup(lesson: str, folder: str) -> None:
    nb = nbformat.read(REPO / folder / f"{lesson}.ipynb", as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    lines = [line.strip() for line in first.source.splitlines()]
    assert lines[0] == "import kit" and all(line in lines for line in SETUP_LINES)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_question_has_feedback_and_written_ones_a_three_level_rubric(lesson: str) -> None:
    questions = load_solution(REPO / "solutions" / f"{lesson}.ipynb").questions.values()
    number = lesson[:2].lstrip("0")
    assert all(q.grade_id.startswith(f"l{number}-") for q in questions)
    assert len({q.type for q in questions}) >= 4
    for q in questions:
        assert set(q.meta["feedback"]) == {"right", "partly", "wrong"}, q.grade_id
        if q.type == "text":
            rubric = q.meta["rubric"]
            assert all(rubric[level]["sample"].strip() for level in ("Proficient", "Emergent", "Basic"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_exercise_has_no_solution_markers_or_teacher_notes(lesson: str) -> None:
    text = (REPO / "exercises" / f"{lesson}.ipynb").read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", "Teacher note"):
        assert marker not in text, marker


@pytest.mark.parametrize("lesson", LESSONS[:3])  # the capstone's own test checks its different shape
def test_guided_notebook_has_every_part_of_the_lesson_contract(lesson: str) -> None:
    """Objectives, time, the learner's own highlighting compared with the kit's, a chart with alt text,
    where the program is wrong, an ungraded reflection, and the reminder about every side."""
    nb = nbformat.read(REPO / "notebooks" / f"{lesson}.ipynb", as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for needed in (
        "by the end of this lesson",
        "teaching",
        "your own work",
        "minutes",
        "alt text",
        "false negative",
        "false positive",
        "not graded",
        "every side",
    ):
        assert needed in prose, needed
    for call in ("kit.Highlighter(", "kit.compare(", "plt."):
        assert call in source, call
