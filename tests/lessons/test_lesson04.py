"""Lesson 4 (the capstone): guided notebook, solution and built exercise agree, run and grade.

Runs the notebooks for real (nbval in a subprocess with the answers kept in a temporary folder; nbclient
for the untouched exercise), checks the exercise is exactly what `build` makes, grades the key (full marks)
and the empty exercise (zero) with the real grader, and checks that what the notebook tells learners about
the kit's readings on the seed is still true.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
import textstat

import kit
from kit.grading.format import load_solution
from kit.grading.testing import empty_submission, grade_notebook
from kit.offline import ensure_cmudict
from kit.overview import kit_layers, paragraph_summary

REPO = Path(__file__).resolve().parents[2]
NAME = "04_putting_it_together.ipynb"
NOTEBOOK, SOLUTION, EXERCISE = (REPO / d / NAME for d in ("notebooks", "solutions", "exercises"))


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "MEDIALIT_ANSWERS_DIR": str(tmp_path / "answers"),
        "JPY_SESSION_NAME": "lesson04-test",
    }


def _markdown(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [
        c.source
        for c in nb.cells
        if c.cell_type == "markdown" and "teacher-only" not in c.metadata.get("tags", [])
    ]


def _code(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


# -- the guided notebook keeps the lesson contract -------------------------------------------------------
def test_notebook_follows_the_lesson_contract() -> None:
    code, text = _code(NOTEBOOK), "\n".join(_markdown(NOTEBOOK))
    assert code[0].startswith("import kit\nkit.friendly.install()\narticle = kit.load_article()")
    assert "By the end of this lesson you will be able to" in text
    assert re.search(r"Teaching and reading together: about \d+ minutes", text)
    assert re.search(r"Your own work in this notebook: about \d+ minutes", text)
    joined = "\n".join(code)
    for needed in (
        'kit.Highlighter(article, ["source", "loaded", "unverifiable"]',
        "readonly=True",
        "paragraph_summary(",
        "kit.compare(",
        "kit.report.reading_report(",
        "hatch=",
    ):
        assert needed in joined, needed
    assert "Chart description (alt text)" in text
    assert "Not graded, just for you" in text
    assert re.search(r"every side of every dispute", text, flags=re.I)


def _prose(markdown: str) -> str:
    """Markdown without code, tables' rules and markup; each line a sentence, as a reader takes it."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", "it", text)
    text = re.sub(r"^\s*\|?[-:| ]+\|?\s*$", " ", text, flags=re.M)
    text = re.sub(r"[#*_>|]", " ", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:" else line + "." for line in lines)


@pytest.mark.parametrize("path", [NOTEBOOK, EXERCISE], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_reads_at_grade_10_or_below_per_cell_on_average(path: Path) -> None:
    ensure_cmudict()
    grades = [textstat.flesch_kincaid_grade(_prose(cell)) for cell in _markdown(path) if _prose(cell)]
    assert sum(grades) / len(grades) <= 10, grades
    assert max(grades) <= 12, grades  # no single cell far above the level either


def test_what_the_notebook_says_about_the_seed_is_true() -> None:
    article = kit.load_article()
    layers = kit_layers(article)
    summary = paragraph_summary(article, layers)
    top = summary.sort_values("total", ascending=False)
    assert top.iloc[0]["block_id"] == "p7" and top.iloc[0]["total"] > top.iloc[1]["total"]  # alt text, Q3 key
    p7 = summary.set_index("block_id").loc["p7"]
    assert (p7["source"], p7["loaded"]) == (4, 3)
    assert summary.set_index("block_id").loc[["title", "p10"], "total"].tolist() == [0, 0]
    # the false positive: "the US predicts" is listed as a source
    assert ((layers["label"] == "source") & layers["text"].str.contains("the US predicts")).any()
    # the false negative: the 'supported by the public' sentence is called checkable
    claims = kit.find_claims(article)
    row = claims[claims["text"].str.contains("strongly supported by the public")]
    assert row["kind"].tolist() == ["checkable"]


# -- the exercise ------------------------------------------------------------------------------------


def test_exercise_has_no_long_key_phrase() -> None:
    text = EXERCISE.read_text(encoding="utf-8")
    for phrase, _label, _n in load_solution(SOLUTION).questions["l4-layers"].key:
        if len(phrase.split()) > 4:  # long key phrases would give the answer away
            assert phrase not in text


def test_question_types_and_rubric() -> None:
    questions = load_solution(SOLUTION).questions
    assert {q.type for q in questions.values()} == {"highlight", "choice", "code", "text"}
    rubric = questions["l4-judgement"].meta["rubric"]
    assert set(rubric) == {"Proficient", "Emergent", "Basic"}
    assert all(rubric[level]["sample"].strip() for level in rubric)
    assert all(gid.startswith("l4-") for gid in questions)


def test_kits_own_reading_is_not_the_key(tmp_path: Path) -> None:
    """The kit's three readers, handed in as a learner's highlights, miss key passages and mark some
    too widely. (Twelve passages are enough for full marks, so a strong reading may still earn them.)"""
    from kit.grading.testing import set_highlights

    article = kit.load_article()
    nb = empty_submission(SOLUTION)
    spans = [kit.Span(int(r.start), int(r.end), r.label) for r in kit_layers(article).itertuples()]
    set_highlights(nb, "l4-layers", spans, article.sha, ["source", "loaded", "unverifiable"])
    result = grade_notebook(nb, SOLUTION, tmp_path, name="kit.ipynb")
    passages = result.questions["l4-layers"].details["passages"]
    required = passages[passages["key_status"] == "required"]
    assert 0 < result.questions["l4-layers"].points <= 6
    assert (required["status"] != "found").sum() >= 2 and (passages["status"] == "too wide").any()


# -- running for real ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_untouched_exercise_says_not_answered_yet(tmp_path: Path) -> None:
    from kit.grading.testing import run_in_kernel

    nb = nbformat.read(EXERCISE, as_version=4)
    run_in_kernel(nb, tmp_path, timeout=300, env=_env(tmp_path))
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("Not answered yet" in o.get("text", "") for o in outputs)
    report = (tmp_path / "my_reading_report.html").read_text(encoding="utf-8")
    assert "No highlights yet." in report and "Not answered yet." in report
