"""Grade saved notebooks against the keys in ``solutions/``: one submission at a time, or a batch in parallel.

Nothing a learner hands in stops the batch: a bad file becomes a row with a plain-language flag.
Learner code runs only for code questions, in kit.grading.sandbox.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.errors import GradingError, KitError
from kit.grading import isolation
from kit.grading.build import build_exercise, solution_article
from kit.grading.format import (
    Solution,
    grade_id_of,
    is_locked,
    load_solution,
    points_of_tests,
    read_notebook,
    resolve_highlight_key,
)
from kit.grading.questions import Submitted, question_type
from kit.grading.sandbox import BLOCKED, DEFAULT_LIMITS, Limits
from kit.grading.scoring import (
    KeyPassage,
    Score,
    score_tests,
)
from kit.grading.verdict import run_code_questions
from kit.spans import Span


@dataclass
class Key:
    """A solution ready for grading: the parsed solution, its learner copy and resolved highlight spans."""

    solution: Solution
    exercise: Any
    spans: dict[str, list[KeyPassage]]
    article_text: str
    article_sha: str

    @property
    def name(self) -> str:
        return self.solution.name


@dataclass
class QuestionResult:
    """One question of one submission: score, status, plain message and facts for feedback."""

    grade_id: str
    type: str
    points: float
    max_points: float
    status: str
    message: str = ""
    answer: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class SubmissionResult:
    """One graded file. ``flags`` are plain sentences for the instructor (also shown in grades.csv)."""

    file: str
    learner: str
    exercise: str | None
    mtime: float
    questions: dict[str, QuestionResult] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return round(sum(q.points for q in self.questions.values()), 2)

    @property
    def max_points(self) -> float:
        return round(sum(q.max_points for q in self.questions.values()), 2)

    @property
    def max_auto(self) -> float:
        return round(sum(q.max_points for q in self.questions.values() if question_type(q.type).auto), 2)


def load_key(path: str | Path, article: Any = None) -> Key:
    """Parse a solution and prepare everything grading needs from it."""
    import kit

    solution = load_solution(path)
    own = solution_article(solution)  # a lesson made by `medialit new-lesson` has its own article
    article = own if own is not None else (article if article is not None else kit.load_article())
    spans = {
        gid: resolve_highlight_key(q, article)[0]
        for gid, q in solution.questions.items()
        if q.type == "highlight"
    }
    return Key(solution, build_exercise(solution, article), spans, article.text, article.sha)


def load_keys(key: str | Path) -> dict[str, Key]:
    """Keys from a solution file or a folder of them, by exercise name."""
    key = Path(key)
    paths = sorted(key.glob("*.ipynb")) if key.is_dir() else [key]
    if not paths or not all(p.is_file() for p in paths):
        raise GradingError(f"No solution notebooks found at {key}. Pass --key solutions/ (or one .ipynb).")
    import kit

    article = kit.load_article()
    return {k.name: k for k in (load_key(p, article) for p in paths)}


def answer_sha(text: str) -> str:
    """Short fingerprint of an answer text, to notice when a hand-graded answer has changed."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:12]


# -- identifying the exercise -------------------------------------------------------------------------
def identify(nb: Any, keys: dict[str, Key]) -> tuple[Key | None, list[str]]:
    """Which key a submission belongs to, and flags about how that was decided."""
    meta = nb.get("metadata", {}).get("medialit", {}) if isinstance(nb.get("metadata"), dict) else {}
    name = meta.get("exercise") if isinstance(meta, dict) else None
    if name in keys:
        return keys[name], []
    ids = {grade_id_of(c) for c in nb.get("cells", [])} - {None}
    overlap = {k: len(ids & set(key.solution.grade_ids)) for k, key in keys.items()}
    best = max(overlap, key=lambda k: overlap[k]) if overlap else None
    if best and overlap[best] >= max(1, len(keys[best].solution.grade_ids) // 3):
        return keys[best], ["The notebook has lost its exercise name; it was matched by its question cells."]
    if name:
        return None, [f"Wrong exercise: this is '{name}', which is not being graded here."]
    return None, ["Wrong exercise: no question of this exercise was found in the notebook."]


# -- integrity -------------------------------------------------------------------------------------------
def check_cells(nb: Any, key: Key) -> tuple[dict[str, Any], list[str]]:
    """Learner cells by grade_id (first copy); flags for deleted, duplicated, renamed, edited cells."""
    flags: list[str] = []
    counts = Counter(gid for gid in (grade_id_of(c) for c in nb.cells) if gid)
    cells: dict[str, Any] = {}
    for cell in nb.cells:
        gid = grade_id_of(cell)
        if gid and gid not in cells:
            cells[gid] = cell
    expected = [gid for c in key.exercise.cells if (gid := grade_id_of(c))]
    for gid in expected:
        if counts[gid] == 0:
            flags.append(
                f"Deleted cell '{gid}'"
                + (" (the teacher's version was used)." if is_locked(key.solution.cell(gid)) else ".")
            )
        elif counts[gid] > 1:
            flags.append(f"Duplicated cell '{gid}' ({counts[gid]} copies; the first was graded).")
    unknown = sorted(set(counts) - set(expected))
    if unknown:
        flags.append(
            f"Unknown cell id(s) {', '.join(unknown)}: a grade_id was changed or a cell came from "
            "another notebook."
        )
    for original in key.exercise.cells:
        gid = grade_id_of(original)
        if (
            gid
            and gid in cells
            and is_locked(original)
            and cells[gid].source.strip() != original.source.strip()
        ):
            what = "test" if (original.metadata.get("nbgrader", {}).get("grade")) else "locked"
            flags.append(f"Edited {what} cell '{gid}': the teacher's version was used.")
    return cells, flags


# -- answers -----------------------------------------------------------------------------------------------
def _payloads(nb: Any, key: Key) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Answers from each widget question's own cell only (kit.answers.question_answers), and flags."""
    from kit.answers import question_answers

    questions = key.solution.questions.items()
    widgets = {g: q.type for g, q in questions if question_type(q.type).answer_from_store}
    return question_answers(nb, widgets)


def _spans(value: Any) -> list[Span]:
    if not isinstance(value, list):
        raise KitError("the highlights are not a list")
    return [Span.from_dict(v) for v in value]


def _result(gid: str, qtype: str, score: Score, answer: str = "") -> QuestionResult:
    return QuestionResult(
        gid, qtype, score.points, score.max_points, score.status, score.message, answer, score.details
    )


def _code_cells(nb_cells: dict[str, Any], nb: Any, key: Key) -> list[tuple[str, str]]:
    """The cells to run for code questions: teacher's locked and test cells, learner's other code."""
    solution = key.solution
    skip = {q.grade_id for q in solution.questions.values() if not question_type(q.type).learner_code}
    cells: list[tuple[str, str]] = []
    used: set[str] = set()
    for index, cell in enumerate(nb.cells):
        if (
            cell.cell_type != "code"
            or cell.get("metadata", {}).get("medialit", {}).get("role") == "check-button"
        ):
            continue
        gid = grade_id_of(cell)
        if gid in skip or (gid and gid in used):
            continue
        if gid and gid in solution.grade_ids:
            used.add(gid)
            original = solution.cell(gid)
            if is_locked(original):
                cells.append((gid, original.source))  # teacher's version, hidden tests included
                continue
        if "kit.check(" in cell.source or "check_button(" in cell.source:
            continue
        cells.append((gid or f"cell-{index + 1}", cell.source))
    # test cells the learner deleted still run, right after their answer cell
    for q in solution.questions.values():
        for tid in q.tests:
            if tid not in used:
                at = next((i for i, (cid, _) in enumerate(cells) if cid == q.grade_id), len(cells) - 1)
                cells.insert(at + 1, (tid, solution.cell(tid).source))
    return cells


def grade_notebook(
    path: str | Path,
    keys: dict[str, Key] | Key | str | Path,
    *,
    learner: str | None = None,
    manual: dict[tuple[str, str], dict[str, Any]] | None = None,
    deny: Sequence[str | Path] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> SubmissionResult:
    """Grade one saved notebook. Never raises for a bad submission: problems become flags."""
    if isinstance(keys, (str, Path)):
        keys = load_keys(keys)
    elif isinstance(keys, Key):
        keys = {keys.name: keys}
    path = Path(path)
    mtime = path.stat().st_mtime if path.exists() else 0.0
    result = SubmissionResult(str(path), learner or path.stem, None, mtime)
    try:
        nb = read_notebook(path)
    except KitError as err:
        result.flags.append(f"Unreadable file: {err}")
        _zero(result, keys, "The file could not be read.")
        return result
    key, flags = identify(nb, keys)
    result.flags.extend(flags)
    if key is None:
        _zero(result, keys, "This is not the right exercise.")
        return result
    result.exercise = key.name
    cells, cell_flags = check_cells(nb, key)
    result.flags.extend(cell_flags)
    payloads, answer_flags = _payloads(nb, key)
    result.flags.extend(answer_flags)
    manual = manual or {}
    code_questions = []
    for gid, q in key.solution.questions.items():
        kind = question_type(q.type)
        if kind.points_from_tests:  # code: run in the sandbox below, all questions of the file at once
            code_questions.append(q)
            continue
        entry = manual.get((result.learner, gid))
        got = Submitted(result.learner, cells.get(gid), payloads.get(gid), entry, key.article_sha)
        graded = kind.grade(q, key, got)
        result.flags.extend(graded.flags)
        result.questions[gid] = _result(gid, q.type, graded.score, graded.answer)
    if code_questions:
        _grade_code(result, nb, cells, key, code_questions, deny, limits)
    auto = [r for r in result.questions.values() if question_type(r.type).auto]
    if auto and not payloads and all(r.status == "not answered" for r in auto):
        result.flags.append("No answers saved: was the notebook saved after answering?")
    return result


def _grade_code(
    result: SubmissionResult,
    nb: Any,
    cells: dict[str, Any],
    key: Key,
    questions: list[Any],
    deny: Sequence[str | Path],
    limits: Limits,
) -> None:
    answered = []
    for q in questions:
        cell = cells.get(q.grade_id)
        placeholder = next((c.source for c in key.exercise.cells if grade_id_of(c) == q.grade_id), "")
        if cell is None or cell.source.strip() == placeholder.strip():
            result.questions[q.grade_id] = _result(
                q.grade_id, "code", Score(0.0, q.points, "not answered", "No code written yet.")
            )
        else:
            answered.append(q)
    if not answered:
        return
    mode, why = isolation.resolve(limits.isolation)
    if mode is None:
        for q in answered:
            answer = cells[q.grade_id].source.strip()
            result.questions[q.grade_id] = QuestionResult(
                q.grade_id, "code", 0.0, q.points, "not run", f"Not run: {why}.", answer
            )
        result.flags.append(f"Not run: {', '.join(q.grade_id for q in answered)} ({why}).")
        return
    runs = run_code_questions(_code_cells(cells, nb, key), key, answered, mode, deny, limits)
    for run in runs.values():
        if run.message.startswith(BLOCKED):
            result.flags.append(f"Blocked: cell '{run.cell_id}' tried something not allowed ({run.message}).")
        elif run.error in ("Timeout", "MemoryError", "Crashed", "Interfered"):
            result.flags.append(f"Cell '{run.cell_id}': {run.message}.")
    for q in answered:
        passed = {tid: bool(runs.get(tid) and runs[tid].ok) for tid in q.tests}
        score = score_tests(passed, points_of_tests(key.solution, q))
        problems = [f"{runs[t].error}: {runs[t].message}" for t in q.tests if t in runs and not runs[t].ok]
        own = runs.get(q.grade_id)
        if own is not None and not own.ok:
            problems.insert(0, f"Your code stopped with {own.error}: {own.message}")
        message = f"{sum(passed.values())} of {len(passed)} test cells pass." + (
            " " + problems[0] if problems else ""
        )
        result.questions[q.grade_id] = QuestionResult(
            q.grade_id,
            "code",
            score.points,
            score.max_points,
            score.status,
            message,
            cells[q.grade_id].source.strip(),
            score.details,
        )


def _zero(result: SubmissionResult, keys: dict[str, Key], why: str) -> None:
    if len(keys) == 1:
        key = next(iter(keys.values()))
        result.exercise = key.name
        for gid, q in key.solution.questions.items():
            result.questions[gid] = QuestionResult(gid, q.type, 0.0, q.points, "not answered", why)


# -- batches -------------------------------------------------------------------------------------------------
def learner_from_stem(stem: str, exercise_names: list[str]) -> str:
    """``alice_00_demo`` -> ``alice``: drop an exercise name and separators from a file stem."""
    for name in sorted(exercise_names, key=len, reverse=True):
        if name in stem and stem != name:
            stem = stem.replace(name, "")
            break
    cleaned = re.sub(r"[\s_\-.]+", " ", stem).strip()
    return cleaned.replace(" ", "_") or stem


_WORKER_KEYS: dict[str, Key] = {}


def _init_worker(key_path: str) -> None:
    global _WORKER_KEYS
    _WORKER_KEYS = load_keys(key_path)


def _grade_in_worker(args: tuple[str, str, dict[Any, Any], list[str], Limits]) -> SubmissionResult:
    path, learner, manual, deny, limits = args
    try:
        return grade_notebook(path, _WORKER_KEYS, learner=learner, manual=manual, deny=deny, limits=limits)
    except Exception as exc:  # noqa: BLE001 - one broken file must never stop the batch
        result = SubmissionResult(path, learner, None, 0.0)
        result.flags.append(f"The grader could not grade this file ({type(exc).__name__}: {exc}).")
        _zero(result, _WORKER_KEYS, "The file could not be graded.")
        return result


def grade_batch(
    submissions: Sequence[str | Path],
    key: str | Path,
    *,
    manual: dict[Any, Any] | None = None,
    deny: Sequence[str | Path] = (),
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
    progress: bool = True,
    exclude: Sequence[str | Path] = (),
    journal: Any = None,
) -> list[SubmissionResult]:
    """Grade many submissions in parallel (processes); resubmissions: newest file per learner wins.

    Every file found is in the result: graded, or flagged with why not (kit.grading.accounting).
    ``exclude``: folders never searched for submissions (the key is always excluded). ``journal``
    (kit.grading.journal.Journal): results are written to it as they come, and files it already
    holds are not graded again.
    """
    from tqdm import tqdm

    from kit.grading.accounting import duplicate_flags, take_in
    from kit.grading.batch import run_jobs

    keys = load_keys(key)
    isolation.resolve(limits.isolation)  # asking for a sandbox that is missing fails once, clearly
    names = list(keys)
    found = take_in(list(submissions), exclude=[key, *exclude])
    results = [_not_graded(f.path, learner_from_stem(f.learner, names), f.reason) for f in found if f.reason]
    notebooks = [f for f in found if not f.reason]
    notes = {str(f.path): f.note for f in notebooks if f.note}
    notes_dup = duplicate_flags([(f.path, f.learner) for f in notebooks])
    jobs = [
        (str(f.path), learner_from_stem(f.learner, names), manual or {}, [str(d) for d in deny], limits)
        for f in notebooks
    ]
    todo = []
    for job in jobs:
        earlier = journal.earlier(job[0], job[0]) if journal is not None else None
        if earlier is not None:
            results.append(earlier)
        else:
            todo.append(job)
    bar = tqdm(
        total=len(jobs), initial=len(jobs) - len(todo), desc="Grading", unit="file", disable=not progress
    )

    def on_result(job: Any, res: SubmissionResult) -> None:
        if journal is not None:
            journal.record(job[0], job[0], res)
        results.append(res)
        bar.update()

    try:
        run_jobs(todo, _grade_in_worker, _init_worker, (str(key),), workers or os.cpu_count() or 1, on_result)
    finally:
        bar.close()
    for res in results:
        if res.file in notes:
            res.flags.append(notes[res.file])
        if Path(res.file) in notes_dup:
            res.flags.append(notes_dup[Path(res.file)])
        named = next((n for n in sorted(names, key=len, reverse=True) if n in Path(res.file).name), None)
        if named and res.exercise and named != res.exercise:
            res.flags.append(
                f"The file name says {named}, but the notebook is {res.exercise}; graded as {res.exercise}."
            )
    return keep_newest(results)


def _not_graded(path: Path, learner: str, reason: str) -> SubmissionResult:
    """The row of a file that was not graded: no scores, the reason as its flag."""
    mtime = path.lstat().st_mtime if path.exists() or path.is_symlink() else 0.0
    return SubmissionResult(str(path), learner, None, mtime, flags=[reason])


def keep_newest(results: list[SubmissionResult]) -> list[SubmissionResult]:
    """One result per (learner, exercise): the newest file (by mtime) wins; it is flagged."""
    groups: dict[tuple[str, str | None], list[SubmissionResult]] = {}
    for res in results:
        groups.setdefault((res.learner, res.exercise), []).append(res)
    kept = []
    for group in groups.values():
        group.sort(key=lambda r: (r.mtime, r.file))
        newest = group[-1]
        if len(group) > 1:
            older = ", ".join(Path(r.file).name for r in group[:-1])
            newest.flags.append(
                f"Resubmitted: {len(group)} files; the newest ({Path(newest.file).name}) "
                f"was graded, not {older}."
            )
        kept.append(newest)
    return sorted(kept, key=lambda r: (r.learner, r.exercise or ""))
