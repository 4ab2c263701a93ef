"""``medialit build``: write the learner copies in ``exercises/`` from ``solutions/``.

Keys, hidden tests, teacher-only cells, samples, feedback and outputs are removed; each question
gets a placeholder and a self-check record (hashes and counts of the key's public part only, see
kit.grading.keysplit and kit.selfcheck; a ``self_study`` build adds the whole key). The output is
deterministic: the same solution gives byte-identical exercise files.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from kit.files import write_atomic
from kit.grading.format import (
    BEGIN_HIDDEN,
    BEGIN_SOLUTION,
    END_HIDDEN,
    END_SOLUTION,
    TEXT_PLACEHOLDER,
    ExerciseFormatError,
    Question,
    Solution,
    grade_id_of,
    is_locked,
    is_teacher_only,
    load_solution,
    nbgrader_meta,
    remove_block,
)
from kit.grading.questions import question_type
from kit.selfcheck import ITERATIONS, RECORD_VERSION

CODE_PLACEHOLDER = "# your answer here\n..."
# metadata.medialit keys that must not reach learners (they can give the answer away)
PRIVATE_KEYS = ("feedback", "accept")  # accept: a sort's other right answers


@dataclass
class BuildReport:
    """What a build did: files written, files already up to date, files out of date, notes for authors."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _salt(exercise: str, grade_id: str, article_sha: str) -> str:
    # deterministic per question (build must be reproducible), different for every question
    return hashlib.sha256(f"medialit:{exercise}:{grade_id}:{article_sha}".encode()).hexdigest()[:16]


def article_path(solution: Solution) -> str | None:
    """The solution's own article file (``metadata.medialit.article``, relative to the notebook), if any.

    Lessons made by ``medialit new-lesson`` read their own article instead of the seed.
    """
    meta = solution.nb.metadata.get("medialit") or {}
    return str(meta["article"]) if isinstance(meta, dict) and meta.get("article") else None


def solution_article(solution: Solution) -> Any | None:
    """The solution's own Article (see :func:`article_path`), or None for the kit's seed article."""
    rel = article_path(solution)
    if rel is None:
        return None
    import kit

    return kit.load_article(solution.path.parent / rel)


def check_record(
    solution: Solution, question: Question, article: Any, self_study: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """The self-check record of one question and notes for the author. A normal record has no key text
    and only the key's public part; a ``self_study`` record holds the whole key (kit.grading.keysplit)."""
    salt = _salt(solution.name, question.grade_id, article.sha)
    record: dict[str, Any] = {"v": RECORD_VERSION, "salt": salt, "iterations": ITERATIONS}
    if article_path(solution):
        record["article"] = article_path(solution)  # kit.check reads this article, not the seed
    try:
        fields, notes = question_type(question.type).check_record(question, article, salt, self_study)
    except ExerciseFormatError as err:
        raise ExerciseFormatError(f"{solution.path.name}, {err} See docs/AUTHORING.md.") from None
    if not fields:
        return {}, notes  # nothing to check offline (free text, code)
    record.update(fields)
    return record, notes


def _public_meta(question: Question, record: dict[str, Any]) -> dict[str, Any]:
    meta = {k: copy.deepcopy(v) for k, v in question.meta.items() if k not in PRIVATE_KEYS}
    meta = question_type(question.type).public_meta(meta)
    meta.pop("placeholder", None)
    if record.get("salt"):
        meta["check"] = record
    return meta


def _tidy(source: str) -> str:
    return source.strip("\n")


def _exercise_source(cell: Any, question: Question | None) -> str:
    source = remove_block(cell.source, BEGIN_HIDDEN, END_HIDDEN)
    if question is None:
        if nbgrader_meta(cell).get("solution") and BEGIN_SOLUTION in source:
            stub = CODE_PLACEHOLDER if cell.cell_type == "code" else TEXT_PLACEHOLDER
            source = remove_block(source, BEGIN_SOLUTION, END_SOLUTION, stub)
        elif nbgrader_meta(cell).get("solution") and cell.cell_type == "markdown":
            source = TEXT_PLACEHOLDER
        return _tidy(source)
    return _tidy(question_type(question.type).strip(source, question))


def _check_button_cell(grade_id: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(
        f'from kit.selfcheck import check_button\ncheck_button("{grade_id}")',
        metadata={
            "editable": False,
            "deletable": True,
            "medialit": {"role": "check-button", "for": grade_id},
        },
    )
    cell["id"] = f"{grade_id}-check"[:64]
    return cell


def build_exercise(
    solution: Solution, article: Any, notes: list[str] | None = None, self_study: bool = False
) -> nbformat.NotebookNode:
    """The learner copy of one solution notebook (a new notebook; the solution is not changed).

    ``self_study``: a copy for a learner without a teacher; self-check shows the key after an attempt."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = copy.deepcopy(solution.nb.metadata)
    nb.metadata["medialit"] = {
        "exercise": solution.name,
        "article_sha": article.sha,
        "built_by": "medialit build",
    }
    if self_study:
        nb.metadata["medialit"]["self_study"] = True
    if article_path(solution):
        nb.metadata["medialit"]["article"] = article_path(solution)
    nb.nbformat, nb.nbformat_minor = 4, max(5, int(solution.nb.get("nbformat_minor", 5)))
    for index, original in enumerate(solution.nb.cells):
        if is_teacher_only(original):
            continue
        gid = grade_id_of(original)
        question = solution.questions.get(gid) if gid else None
        cell = copy.deepcopy(original)
        cell.source = _exercise_source(original, question)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.pop("attachments", None) if cell.cell_type == "code" else None
        meta = cell.metadata
        meta.pop("medialit", None)
        meta.pop("collapsed", None)
        meta.pop("scrolled", None)
        meta.pop("execution", None)
        if question is not None:
            record, more = check_record(solution, question, article, self_study)
            if notes is not None:
                notes.extend(f"{solution.path.name}: {n}" for n in more)
            meta["medialit"] = _public_meta(question, record)
            meta["deletable"] = False
        if is_locked(original):
            meta["editable"], meta["deletable"] = False, False
        cell["id"] = str(original.get("id") or gid or f"cell-{index}")[:64]
        nb.cells.append(cell)
        if question is not None and question_type(question.type).check_button:
            nb.cells.append(_check_button_cell(question.grade_id))
    return nb


def exercise_text(nb: nbformat.NotebookNode) -> str:
    """The exact file text build writes (sorted keys, one-space indent, final newline)."""
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def build(
    solutions: str | Path = "solutions",
    exercises: str | Path = "exercises",
    *,
    check: bool = False,
    article: Any = None,
    self_study: bool = False,
) -> BuildReport:
    """Build every ``solutions/*.ipynb`` into ``exercises/``; with ``check`` only compare, write nothing.

    ``self_study``: copies whose self-check shows the whole key after an attempt (never for a class)."""
    import kit

    solutions, exercises = Path(solutions), Path(exercises)
    if not solutions.is_dir():
        raise ExerciseFormatError(
            f"The solutions folder {solutions} does not exist. Run this in the kit's folder."
        )
    sources = sorted(solutions.glob("*.ipynb"))
    if not sources:
        raise ExerciseFormatError(f"There are no .ipynb files in {solutions}.")
    article = article if article is not None else kit.load_article()
    report = BuildReport()
    if not check:
        exercises.mkdir(parents=True, exist_ok=True)
    for source in sources:
        solution = load_solution(source)
        own = solution_article(solution)
        copy_nb = build_exercise(solution, own if own is not None else article, report.notes, self_study)
        text = exercise_text(copy_nb)
        target = exercises / source.name
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            report.unchanged.append(target)
        elif check:
            report.stale.append(target)
        else:
            write_atomic(target, text)
            report.written.append(target)
    if exercises.is_dir():
        built = {s.name for s in sources}
        report.stale.extend(p for p in sorted(exercises.glob("*.ipynb")) if p.name not in built and check)
    return report
