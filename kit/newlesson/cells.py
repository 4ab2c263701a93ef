"""Notebook cells in the docs/AUTHORING.md format: setup, question text, highlight, choice and free text.

Builders only (nbformat objects in, nothing written): the lesson notebooks (kit.newlesson.notebooks)
put them together. Rubric texts follow docs/SCORING.md.
"""

from __future__ import annotations

from typing import Any

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kit.newlesson.keys import key_block

KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

# docs/SCORING.md, "Highlights: per passage, not per word", in words for a learner
HIGHLIGHT_RUBRIC = (
    "Marked per passage, not per word (docs/SCORING.md). Each passage in the key is worth an equal share "
    "of the points, and it counts as soon as you mark its main words with the right label: for a source, "
    "that is the name of the person or the words that stand for the group. You may also mark the words "
    'around it, such as a title or "said", without losing anything. A mark that runs far past the passage '
    "earns half a share, and one that runs into the next sentence earns nothing. The first two marks that "
    "match no passage are free; each one after that costs a small part of the points."
)
CHOICE_RUBRIC = "One point for the right option."


def nbgrader(
    gid: str, *, solution: bool = False, grade: bool = False, locked: bool = True, points: float = 0
):
    """The nbgrader metadata of a cell (schema 3, as nbgrader writes it)."""
    meta: dict[str, Any] = {
        "grade_id": gid,
        "solution": solution,
        "grade": grade,
        "locked": locked,
        "schema_version": 3,
    }
    if grade:
        meta["points"] = points
    return meta


def locked_md(gid: str, text: str) -> Any:
    return new_markdown_cell(text, metadata={"nbgrader": nbgrader(gid)})


def teacher(text: str) -> Any:
    """A markdown cell build removes from the learner's copy."""
    return new_markdown_cell(text, metadata={"tags": ["teacher-only"]})


def setup(gid: str, article_rel: str) -> Any:
    source = f"import kit\nimport kit.widgets\n\narticle = kit.load_article({article_rel!r})"
    return new_code_cell(source, metadata={"nbgrader": nbgrader(gid)})


def highlight_q(
    gid: str,
    labels: list[str],
    key: list[Any],
    points: float,
    lesson: str,
    hint: str,
    enough: int | None = None,
) -> Any:
    """A highlight question whose key is ``key`` (tuples or key dicts, see keys.key_block)."""
    source = (
        "### BEGIN SOLUTION\n" + key_block(key) + "\n### END SOLUTION\n"
        f"kit.Highlighter(article, {labels!r}, question_id={gid!r})"
    )
    medialit: dict[str, Any] = {
        "type": "highlight",
        "labels": labels,
        "lesson": lesson,
        "hint": hint,
        "rubric": HIGHLIGHT_RUBRIC,
        "feedback": {
            "right": "You found them all, with the right labels.",
            "partly": "Good start. Some passages are still unmarked, or have another label.",
            "wrong": "Go back to the lesson notebook and read the article again, slowly.",
        },
    }
    if enough:
        medialit["enough"] = enough
    meta = {
        "nbgrader": nbgrader(gid, solution=True, grade=True, locked=False, points=points),
        "medialit": medialit,
    }
    return new_code_cell(source, metadata=meta)


def choice_q(gid: str, options: list[str], key: str, lesson: str, hint: str) -> Any:
    source = (
        f"### BEGIN SOLUTION\n{key!r}\n### END SOLUTION\n"
        f"kit.widgets.Choice({gid!r}, {options!r}, multiple=False)"
    )
    meta = {
        "nbgrader": nbgrader(gid, solution=True, grade=True, locked=False, points=1),
        "medialit": {
            "type": "choice",
            "options": options,
            "multiple": False,
            "lesson": lesson,
            "hint": hint,
            "rubric": CHOICE_RUBRIC,
            "feedback": {"right": "Yes.", "partly": "", "wrong": "Look again at the article and the hint."},
        },
    }
    return new_code_cell(source, metadata=meta)


def text_q(gid: str, rubric: dict[str, dict[str, Any]], lesson: str, hint: str) -> Any:
    """A free-text question marked by hand; the Proficient sample is the solution's sample answer."""
    points = rubric["Proficient"]["points"]
    meta = {
        "nbgrader": nbgrader(gid, solution=True, grade=True, locked=False, points=points),
        "medialit": {
            "type": "text",
            "lesson": lesson,
            "hint": hint,
            "rubric": rubric,
            "feedback": {
                "right": "Clear judgement and good evidence.",
                "partly": "Good start. Quote the article to back up what you say.",
                "wrong": "Read the article again and say what you see, with examples.",
            },
        },
    }
    sample = rubric["Proficient"]["sample"]
    return new_markdown_cell(f"### BEGIN SOLUTION\n{sample}\n### END SOLUTION", metadata=meta)


def rubric(levels: dict[str, tuple[str, str]], points: tuple[float, float, float] = (3, 2, 1)):
    """The three levels of TEACHING.md, each with points (3 / 2 / 1: Basic earns something for trying,
    docs/SCORING.md), what it means and a sample answer. ``levels``: {level: (means, sample)}."""
    return {
        level: {"points": p, "means": levels[level][0], "sample": levels[level][1]}
        for level, p in zip(("Proficient", "Emergent", "Basic"), points, strict=True)
    }


def notebook(cells: list[Any]) -> Any:
    nb = new_notebook(cells=cells)
    nb.metadata = {"kernelspec": dict(KERNEL), "language_info": {"name": "python"}}
    return nb
