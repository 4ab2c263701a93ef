"""Learner-facing notebook text is plain (Flesch-Kincaid grade 10 or below), even-handed and accessible."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import textstat

from kit.offline import ensure_cmudict

ensure_cmudict()

REPO = Path(__file__).resolve().parents[1]
LEARNER_NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted(
    (REPO / "exercises").glob("*.ipynb")
)
MAX_GRADE = 10.0


def _prose(markdown: str) -> str:
    """Markdown without code, links' targets, tables' rules and markup, so textstat sees sentences."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", "it", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*\|?[-:| ]+\|?\s*$", " ", text, flags=re.M)
    text = re.sub(r"[#*_>|]", " ", text)
    # a list item or heading is a sentence of its own for a reader
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:" else line + "." for line in lines)


def _markdown(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [
        c.source
        for c in nb.cells
        if c.cell_type == "markdown" and "teacher-only" not in c.metadata.get("tags", [])
    ]


@pytest.mark.parametrize("path", LEARNER_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_reading_level_is_grade_10_or_below(path: Path) -> None:
    prose = " ".join(_prose(cell) for cell in _markdown(path))
    grade = textstat.flesch_kincaid_grade(prose)
    assert grade <= MAX_GRADE, f"{path.name} reads at grade {grade:.1f}; aim for {MAX_GRADE} or below"


@pytest.mark.parametrize("path", LEARNER_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_image_has_alt_text(path: Path) -> None:
    for cell in _markdown(path):
        for alt in re.findall(r"!\[([^\]]*)\]", cell):
            assert len(alt.strip()) >= 10, f"{path.name}: an image has no useful alt text"


LESSONS = sorted((REPO / "notebooks").glob("0[1-9]_*.ipynb"))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lessons_say_the_skill_applies_to_every_side(path: Path) -> None:
    text = " ".join(_markdown(path)).lower()
    assert re.search(r"every side|all sides|any side|both sides", text), (
        f"{path.name} must say the skill applies to every side"
    )


def test_prose_helper_keeps_sentences() -> None:
    assert _prose("# Title\n- one item\nA `code` line.") == "Title. - one item. A it line."
