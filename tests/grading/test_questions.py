"""The question-type registry, and the promise every exercise keeps: its key scores full marks, an
empty copy scores zero."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.grading.format import TYPES, ExerciseFormatError, load_solution
from kit.grading.questions import REGISTRY, ParseContext, QuestionType, question_type
from kit.grading.running import load_key
from kit.grading.testing import empty_submission, grade_notebook, key_as_submission

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def test_every_type_has_one_module():
    question_type("highlight")  # loads the registry
    assert set(REGISTRY) == set(TYPES)
    for name, kind in REGISTRY.items():
        assert kind.name == name and type(kind).__module__ == f"kit.grading.questions.{name}"


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.stem for p in SOLUTIONS])
def test_key_scores_full_marks_and_an_empty_copy_zero(path, tmp_path):
    key = load_key(path)
    full = grade_notebook(key_as_submission(key), key, tmp_path, name="full.ipynb")
    empty = grade_notebook(empty_submission(key), key, tmp_path, name="empty.ipynb")
    for gid, q in key.solution.questions.items():
        if not question_type(q.type).auto:
            continue
        assert full.questions[gid].points == q.points, (gid, full.questions[gid].message)
        assert empty.questions[gid].points == 0, (gid, empty.questions[gid].message)


def test_a_new_type_is_one_registration(tmp_path):
    """A type added in one place is read by the solution format without touching format.py."""

    class YesNo(QuestionType):
        name = "yesno"

        def parse(self, ctx: ParseContext) -> None:
            from kit.grading.format import _literal

            value = _literal(ctx.path, ctx.grade_id, ctx.block or "", "True or False")
            if not isinstance(value, bool):
                raise ctx.error("the key must be True or False.")
            ctx.question.key = value

    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": "q1",
        "metadata": {
            "nbgrader": {
                "grade_id": "yn-1",
                "solution": True,
                "grade": True,
                "points": 1,
                "schema_version": 3,
            },
            "medialit": {"type": "yesno"},
        },
        "outputs": [],
        "source": "### BEGIN SOLUTION\nTrue\n### END SOLUTION\n",
    }
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "yesno.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(ExerciseFormatError, match="medialit.type must be one of"):
        load_solution(path)
    question_type("highlight")
    REGISTRY["yesno"] = YesNo()
    try:
        assert load_solution(path).questions["yn-1"].key is True
    finally:
        del REGISTRY["yesno"]
