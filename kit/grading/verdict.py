"""Code questions in two sandboxes, so the learner's code can never decide its own verdict.

1. The *learner* sandbox runs the notebook's code cells in order (the teacher's locked cells, the
   learner's own cells). Where a test cell stood, it exports the variables the question names, as
   plain data. The tests themselves, hidden or not, never enter this process.
2. The *verdict* sandbox runs only the teacher's cells: the locked set-up cells of the solution, then
   each test cell on the learner's exported data. No learner code runs there, so a monkeypatched
   ``kit`` or ``json`` or a fake reply line changes nothing.
"""

from __future__ import annotations

import ast
import re
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from kit.grading.format import grade_id_of, is_locked
from kit.grading.protocol import ChannelError
from kit.grading.sandbox import CellRun, Limits, Sandbox, strip_magics

_PLACEHOLDER = re.compile(r"^\s*([A-Za-z_]\w*)\s*=")
FAILED_RUN = {"timeout": "Timeout", "closed": "Crashed", "interfered": "Interfered"}


def exported_names(question: Any) -> list[str]:
    """The variables a code question's tests read: ``medialit.exports``, or the placeholder's name,
    or the names the solution assigns."""
    names = question.meta.get("exports")
    if isinstance(names, list) and all(isinstance(n, str) for n in names):
        return list(names)
    match = _PLACEHOLDER.match(str(question.meta.get("placeholder") or ""))
    if match:
        return [match.group(1)]
    try:
        tree = ast.parse(question.key or "")
    except SyntaxError:
        return []
    return sorted(
        {
            t.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            for t in node.targets
            if isinstance(t, ast.Name)
        }
    )


def _teacher_setup(key: Any) -> list[tuple[str, str]]:
    """The solution's locked code cells that are neither questions, tests nor check buttons."""
    solution = key.solution
    tests = {t for q in solution.questions.values() for t in q.tests}
    cells = []
    for index, cell in enumerate(solution.nb.cells):
        gid = grade_id_of(cell)
        if cell.cell_type != "code" or gid in solution.questions or gid in tests:
            continue
        if cell.get("metadata", {}).get("medialit", {}).get("role") == "check-button":
            continue
        if "kit.check(" in cell.source or "check_button(" in cell.source:
            continue
        if gid is None or is_locked(cell):
            cells.append((gid or f"setup-{index + 1}", cell.source))
    return cells


def _failed(cell_id: str, err: ChannelError, limits: Limits) -> CellRun:
    if err.reason == "timeout":
        return CellRun(cell_id, False, "Timeout", f"the cell ran longer than {limits.cell_seconds:g} s")
    if err.reason == "closed":
        return CellRun(cell_id, False, "Crashed", "the code stopped the grading process")
    return CellRun(cell_id, False, "Interfered", f"the code interfered with the grading channel ({err})")


def run_code_questions(
    plan: list[tuple[str, str]],
    key: Any,
    questions: list[Any],
    mode: str,
    deny: Sequence[str | Path],
    limits: Limits,
) -> dict[str, CellRun]:
    """Run ``plan`` (cell id, source: the learner's notebook order, test cells included) for the
    code ``questions``; one CellRun per cell and per test cell, by id."""
    deadline = time.monotonic() + limits.submission_seconds
    test_of = {t: q for q in questions for t in q.tests}
    all_tests = {t for q in key.solution.questions.values() for t in q.tests}
    runs: dict[str, CellRun] = {}
    exports: dict[str, dict[str, Any]] = {}
    with ExitStack() as stack:
        # both start now, so the tests' process imports pandas while the learner's code runs
        judge = stack.enter_context(Sandbox(mode, "verdict", limits, [], deadline))
        box = stack.enter_context(Sandbox(mode, "learner", limits, deny, deadline))
        _run_learner(box, plan, test_of, all_tests, runs, exports, limits)
        box.close()  # the learner's process is gone before any test runs
        for tid in test_of:
            if tid not in exports and tid not in runs:
                runs[tid] = CellRun(tid, False, "NotRun", "an earlier cell stopped the run")
        if exports:
            _run_tests(judge, key, exports, runs)
    return runs


def _run_learner(
    box: Sandbox,
    plan: list[tuple[str, str]],
    test_of: dict[str, Any],
    all_tests: set[str],
    runs: dict[str, CellRun],
    exports: dict[str, dict[str, Any]],
    limits: Limits,
) -> None:
    """The learner's notebook in order; at each test cell, the question's variables as plain data."""
    stopped = ""
    for cell_id, source in plan:
        if stopped:
            runs.setdefault(cell_id, CellRun(cell_id, False, "NotRun", stopped))
            continue
        try:
            if cell_id in test_of:
                reply = box.call({"op": "export", "id": cell_id, "names": exported_names(test_of[cell_id])})
                exports[cell_id] = reply
            elif cell_id in all_tests:
                continue  # a test of a question not being run: it never enters the learner's process
            else:
                reply = box.call({"op": "run", "id": cell_id, "source": strip_magics(source)})
                runs[cell_id] = CellRun(
                    cell_id, bool(reply["ok"]), str(reply["error"]), str(reply["message"])
                )
        except ChannelError as err:
            runs[cell_id] = _failed(cell_id, err, limits)
            stopped = "an earlier cell stopped the run"


def _run_tests(box: Sandbox, key: Any, exports: dict[str, dict[str, Any]], runs: dict[str, CellRun]) -> None:
    """The teacher's set-up cells, then each test cell on the learner's exported data."""
    try:
        for cell_id, source in _teacher_setup(key):
            box.call({"op": "run", "id": cell_id, "source": strip_magics(source)})
        for tid, export in exports.items():
            problems = export.get("problems") or {}
            if problems:
                name, what = next(iter(problems.items()))
                why = f"{name} is {what}: the tests check numbers, text, lists, dicts and pandas tables"
                runs[tid] = CellRun(tid, False, "NotPlain", why)
                continue
            source = key.solution.cell(tid).source
            reply = box.call(
                {"op": "test", "id": tid, "source": strip_magics(source), "values": export["values"]}
            )
            runs[tid] = CellRun(tid, bool(reply["ok"]), str(reply["error"]), str(reply["message"]))
    except ChannelError as err:
        for tid in exports:
            runs.setdefault(tid, CellRun(tid, False, "NotRun", f"the tests could not run ({err})"))
