"""Helpers for lesson authors' tests: make submissions from a solution and grade them.

``key_as_submission(solution)`` answers every question with the key (it should score full marks);
``empty_submission(solution)`` is the untouched exercise (it should score zero). Used by the kit's
own tests and by each lesson's tests (see docs/AUTHORING.md).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import nbformat

from kit.answers import ANSWER_MIME, make_payload
from kit.grading.format import grade_id_of
from kit.grading.running import Key, SubmissionResult, load_key
from kit.grading.running import grade_notebook as _grade
from kit.grading.sandbox import Limits
from kit.spans import Span


def answer_output(
    question_id: str,
    kind: str,
    value: Any,
    *,
    article_sha: str | None = None,
    labels: list[str] | None = None,
) -> nbformat.NotebookNode:
    """A display output holding an answer payload, as an answer widget leaves it in a saved notebook."""
    payload = make_payload(question_id, kind, value, article_sha=article_sha, labels=labels)
    return nbformat.v4.new_output(
        "display_data", data={ANSWER_MIME: payload, "text/plain": f"answer {question_id}"}
    )


def set_highlights(
    nb: Any, grade_id: str, spans: list[Span], article_sha: str, labels: list[str] | None = None
) -> None:
    """Put highlights into the outputs of the question cell ``grade_id`` (replacing earlier ones)."""
    cell = _cell(nb, grade_id)
    cell.outputs = [
        answer_output(
            grade_id, "highlight", [s.to_dict() for s in spans], article_sha=article_sha, labels=labels
        )
    ]


def set_choice(nb: Any, grade_id: str, value: Any) -> None:
    """Put a choice answer (a str, or a list for multiple choice) into the question cell's outputs."""
    _cell(nb, grade_id).outputs = [answer_output(grade_id, "choice", value)]


def set_source(nb: Any, grade_id: str, source: str) -> None:
    """Replace the text of a cell (literal, code and free-text answers are cell text)."""
    _cell(nb, grade_id).source = source


def _cell(nb: Any, grade_id: str) -> Any:
    for cell in nb.cells:
        if grade_id_of(cell) == grade_id:
            return cell
    raise KeyError(f"no cell with grade_id {grade_id!r}")


def empty_submission(solution: str | Path | Key) -> nbformat.NotebookNode:
    """The exercise exactly as build makes it (what a learner who did nothing hands in)."""
    key = solution if isinstance(solution, Key) else load_key(solution)
    return copy.deepcopy(key.exercise)


def key_as_submission(solution: str | Path | Key) -> nbformat.NotebookNode:
    """The exercise answered with the key: it should score full marks on every automatic question."""
    key = solution if isinstance(solution, Key) else load_key(solution)
    nb = copy.deepcopy(key.exercise)
    from kit.grading.questions import question_type

    for q in key.solution.questions.values():
        question_type(q.type).key_answer(nb, q, key)
    return nb


# Test submissions check what a key earns, not how fast a machine is: a busy test machine must not
# trip the per-cell time limit, so the helper allows a minute per cell unless told otherwise.
TEST_LIMITS = Limits(cell_seconds=60.0, submission_seconds=300.0)


def grade_notebook(
    nb: Any,
    solution: str | Path | Key,
    folder: str | Path,
    name: str = "learner.ipynb",
    limits: Limits = TEST_LIMITS,
) -> SubmissionResult:
    """Write ``nb`` into ``folder`` and grade it against ``solution``; returns the SubmissionResult."""
    key = solution if isinstance(solution, Key) else load_key(solution)
    path = Path(folder) / name
    nbformat.write(nb, path)
    deny = [key.solution.path.parent]
    return _grade(path, key, learner=Path(name).stem, deny=deny, limits=limits)


def run_in_kernel(
    nb: Any,
    folder: str | Path,
    *,
    timeout: float = 120,
    allow_errors: bool = False,
    env: dict[str, str] | None = None,
) -> Any:
    """Run ``nb`` top to bottom in a fresh python3 kernel whose working folder is ``folder`` (as a
    learner's "Restart and run all"); ``env`` is added to the kernel's environment. Returns ``nb``,
    now with its outputs. The one way the kit's tests and benchmarks run a notebook for real."""
    import os

    from nbclient import NotebookClient

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute(env={**os.environ, **(env or {})})
    return nb
