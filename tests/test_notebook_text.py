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


ITEM = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#+\s|>|\|)")


def _prose(markdown: str) -> str:
    """Markdown as sentences for textstat: code, link targets, table rules and markup removed.

    A heading, a list item and a table cell each count as a sentence of its own; the lines of a
    hard-wrapped paragraph are joined back into one paragraph (a line break is not a full stop).
    """
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", "it", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*\|?[-:| ]+\|?\s*$", " ", text, flags=re.M)
    items: list[str] = []
    joinable = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            joinable = False
            continue
        if line.startswith("|"):
            items.extend(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
            joinable = False
            continue
        if ITEM.match(raw) or not joinable or not items:
            items.append(line)
        else:
            items[-1] += " " + line
        joinable = not line.startswith("#")
    out = []
    for item in items:
        item = re.sub(r"[#*_>|]", " ", item)
        item = " ".join(item.split())
        if item:
            out.append(item if item[-1] in ".!?:" else item + ".")
    return " ".join(out)


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
    assert _prose("# Title\n- one item\n\nA `code` line.") == "Title. - one item. A it line."
    # a hard-wrapped paragraph is one sentence, not one per line; table cells are fragments of their own
    assert _prose("A long line that\nwraps here.") == "A long line that wraps here."
    assert _prose("| a | b |\n| --- | --- |\n| one | two |") == "a. b. one. two."


# Notebooks whose prose is held to the band for a 16-year-old: natural sentences at Flesch-Kincaid
# grade 6 to 9 for the whole notebook, and no group of markdown cells (the text between two code
# cells, at least 40 words) below grade 5 or above 9. Every guided lesson (00-05) and every graded
# exercise (00_demo to 05) is held here.
BAND_NOTEBOOKS = [
    REPO / "notebooks" / "00_start_here.ipynb",
    REPO / "notebooks" / "01_sourcing.ipynb",
    REPO / "notebooks" / "02_loaded_language.ipynb",
    REPO / "notebooks" / "03_unverifiable_claims.ipynb",
    REPO / "notebooks" / "04_putting_it_together.ipynb",
    REPO / "notebooks" / "05_who_is_behind_this.ipynb",
    REPO / "exercises" / "00_demo.ipynb",
    REPO / "exercises" / "01_sourcing.ipynb",
    REPO / "exercises" / "02_loaded_language.ipynb",
    REPO / "exercises" / "03_unverifiable_claims.ipynb",
    REPO / "exercises" / "04_putting_it_together.ipynb",
    REPO / "exercises" / "05_who_is_behind_this.ipynb",
]
BAND, GROUP_BAND, GROUP_MIN_WORDS = (6.0, 9.0), (5.0, 9.0), 40


def _groups(path: Path) -> list[str]:
    """The learner's markdown between code cells, one prose string per group."""
    nb = nbformat.read(path, as_version=4)
    groups: list[list[str]] = [[]]
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "teacher-only" not in cell.metadata.get("tags", []):
            groups[-1].append(_prose(cell.source))
        elif groups[-1]:
            groups.append([])
    return [" ".join(g) for g in groups if g]


@pytest.mark.parametrize("path", BAND_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_prose_reads_at_grade_6_to_9(path: Path) -> None:
    groups = _groups(path)
    whole = textstat.flesch_kincaid_grade(" ".join(groups))
    assert BAND[0] <= whole <= BAND[1], f"{path.name} reads at grade {whole:.1f}; aim for {BAND}"
    measured = [g for g in groups if len(g.split()) >= GROUP_MIN_WORDS]
    assert len(measured) >= 5
    for text in measured:
        grade = textstat.flesch_kincaid_grade(text)
        assert GROUP_BAND[0] <= grade <= GROUP_BAND[1], f"{path.name}: grade {grade:.1f} in: {text[:70]}"
