"""Read solution and exercise notebooks: questions, keys, rubrics (format: docs/AUTHORING.md).

Keys are parsed with ``ast.literal_eval`` and never executed. Problems in a solution notebook raise
:class:`ExerciseFormatError` with the file, the cell and what to fix.
"""

from __future__ import annotations

import ast
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from kit.errors import GradingError, NotebookError
from kit.grading.questions import question_type
from kit.grading.questions import types as _question_types
from kit.grading.scoring import KEY_STATUSES, KeyPassage

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
TEACHER_TAG = "teacher-only"
TYPES = _question_types()  # the registry is the one list of types
LITERAL_KINDS = ("number", "words", "bool", "string")
LEVELS = ("Proficient", "Emergent", "Basic")
TEXT_PLACEHOLDER = "*Write your answer here.*"


class ExerciseFormatError(GradingError):
    """A solution notebook does not follow docs/AUTHORING.md."""


@dataclass
class Question:
    """One graded question of an exercise.

    ``key`` by type: highlight -> list of (phrase, label, occurrence or None); choice -> str or list;
    literal -> the value; text -> the sample answer; code -> the solution code.
    """

    grade_id: str
    type: str
    points: float
    cell_index: int
    meta: dict[str, Any]
    key: Any = None
    variable: str | None = None
    tests: list[str] = field(default_factory=list)

    @property
    def auto(self) -> bool:
        """True when the grader scores it without a person (everything but free text)."""
        from kit.grading.questions import question_type

        return question_type(self.type).auto


@dataclass
class Solution:
    """A parsed solution notebook: the notebook itself plus its questions in order."""

    path: Path
    name: str
    nb: nbformat.NotebookNode
    questions: dict[str, Question]

    def cell(self, grade_id: str) -> nbformat.NotebookNode:
        for cell in self.nb.cells:
            if grade_id_of(cell) == grade_id:
                return cell
        raise KeyError(grade_id)

    @property
    def grade_ids(self) -> list[str]:
        return [gid for gid in (grade_id_of(c) for c in self.nb.cells) if gid]

    @property
    def max_auto(self) -> float:
        return float(sum(q.points for q in self.questions.values() if q.auto))

    @property
    def max_points(self) -> float:
        return float(sum(q.points for q in self.questions.values()))


def read_notebook(path: str | Path) -> nbformat.NotebookNode:
    """Read a .ipynb file; a missing, empty or damaged file raises NotebookError in plain words."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotebookError(f"The notebook {path} does not exist. Check the name and folder.") from None
    except OSError as exc:
        raise NotebookError(f"The notebook {path} could not be opened ({exc.strerror or exc}).") from None
    if not raw.strip():
        raise NotebookError(f"The notebook {path} is empty. It was probably never saved.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotebookError(
            f"The notebook {path} is damaged: it is not valid notebook text ({exc})."
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotebookError(f"The file {path} is not a Jupyter notebook (it has no list of cells).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # odd-but-readable notebooks are flagged by the grader, not here
            return nbformat.reads(raw.decode("utf-8"), as_version=4)
    except Exception as exc:  # nbformat raises many types for odd structures
        raise NotebookError(f"The notebook {path} could not be read as a notebook ({exc}).") from None


def nbgrader_meta(cell: Any) -> dict[str, Any]:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def grade_id_of(cell: Any) -> str | None:
    gid = nbgrader_meta(cell).get("grade_id")
    return gid if isinstance(gid, str) and gid else None


def medialit_meta(cell: Any) -> dict[str, Any]:
    meta = cell.get("metadata", {}).get("medialit", {})
    return meta if isinstance(meta, dict) else {}


def is_teacher_only(cell: Any) -> bool:
    return TEACHER_TAG in (cell.get("metadata", {}).get("tags") or [])


def is_locked(cell: Any) -> bool:
    """Locked for learners: read-only cells and test cells (nbgrader: locked, or grade without solution)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("locked")) or (bool(meta.get("grade")) and not meta.get("solution"))


def split_block(source: str, begin: str, end: str) -> tuple[str, str, str] | None:
    """Split ``source`` around the first ``begin``/``end`` marker lines: (before, inside, after).

    ``before`` keeps its trailing newline; marker lines are dropped. None when there is no block.
    """
    lines = source.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == begin), None)
    if start is None:
        return None
    stop = next((i for i in range(start + 1, len(lines)) if lines[i].strip() == end), None)
    if stop is None:
        raise ValueError(f"'{begin}' has no matching '{end}'")
    return "".join(lines[:start]), "".join(lines[start + 1 : stop]), "".join(lines[stop + 1 :])


def remove_block(source: str, begin: str, end: str, replacement: str = "") -> str:
    """``source`` with every ``begin``..``end`` block replaced by ``replacement``."""
    while True:
        parts = split_block(source, begin, end)
        if parts is None:
            return source
        before, _inside, after = parts
        middle = (
            replacement if not replacement or replacement.endswith("\n") or not after else replacement + "\n"
        )
        source = before + middle + after


def _error(path: Path, gid: str, what: str) -> ExerciseFormatError:
    return ExerciseFormatError(f"{path.name}, cell '{gid}': {what} See docs/AUTHORING.md.")


def _literal(path: Path, gid: str, text: str, what: str) -> Any:
    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
        raise _error(
            path, gid, f"the key must be a plain Python value ({what}); it could not be read ({exc})."
        ) from None


def literal_assignment(source: str) -> tuple[str | None, Any, str]:
    """Read ``name = <literal>`` from a cell without running it.

    Returns (name, value, problem): the last top-level assignment to one name; value is Ellipsis for
    ``...``; problem is "" or a plain sentence saying why the cell could not be read.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return None, None, f"Python could not read line {exc.lineno} of your cell ({exc.msg})."
    found: tuple[str | None, Any, str] = (None, None, "There is no line like `answer = ...` in the cell.")
    for node in tree.body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            target, value = node.target.id, node.value
        if target is None or value is None:
            continue
        try:
            found = (target, ast.literal_eval(value), "")
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            found = (
                target,
                None,
                f"`{target} = ...` should be a plain value (a number, True/False, "
                "text in quotes or a list), not a calculation.",
            )
    return found


class KeyItem(tuple):  # noqa: SLOT001 - attributes ride along with the (phrase, label, occurrence) tuple
    """One highlight key item: unpacks as (phrase, label, occurrence) as old keys did, and carries
    ``core`` (the words that must be marked; None = the whole phrase), ``status`` (required, either,
    accept), ``why`` (the reason, shown in feedback) and ``public`` (True: self-check may use it, see
    kit.keysplit; None: the default share)."""

    core: str | None
    status: str
    why: str
    public: bool | None

    def __new__(
        cls,
        phrase: str,
        label: str,
        occurrence: int | None = None,
        core: str | None = None,
        status: str = "required",
        why: str = "",
        public: bool | None = None,
    ) -> KeyItem:
        item = super().__new__(cls, (phrase, label, occurrence))
        item.core, item.status, item.why, item.public = core, status, why, public
        return item


KEY_FIELDS = {"mark", "label", "core", "status", "occurrence", "why", "public"}


def _highlight_item(path: Path, gid: str, item: Any, labels: list[str]) -> KeyItem:
    if isinstance(item, dict):
        unknown = set(item) - KEY_FIELDS
        if unknown:
            raise _error(
                path, gid, f"{item!r}: unknown field(s) {sorted(unknown)}; use {sorted(KEY_FIELDS)}."
            )
        phrase, label = item.get("mark"), item.get("label")
        occurrence, core = item.get("occurrence"), item.get("core")
        status, why = item.get("status", "required"), item.get("why", "")
        if not isinstance(phrase, str) or not isinstance(label, str):
            raise _error(path, gid, f"{item!r} needs 'mark' (the words, as in the article) and 'label'.")
        if status not in KEY_STATUSES:
            raise _error(path, gid, f"{item!r}: status must be one of {', '.join(KEY_STATUSES)}.")
        if core is not None and (not isinstance(core, str) or core not in phrase):
            raise _error(path, gid, f"{item!r}: 'core' must be words inside 'mark'.")
        if not isinstance(why, str):
            raise _error(path, gid, f"{item!r}: 'why' must be text.")
        public = item.get("public")
        if public is not None and not isinstance(public, bool):
            raise _error(path, gid, f"{item!r}: 'public' must be True or False.")
    else:
        ok = isinstance(item, tuple) and len(item) in (2, 3) and all(isinstance(x, str) for x in item[:2])
        if not ok:
            raise _error(
                path, gid, f"{item!r} should be (phrase, label), (phrase, label, occurrence) or a dict."
            )
        phrase, label = item[0], item[1]
        occurrence = item[2] if len(item) == 3 else None
        core, status, why, public = None, "required", "", None
    if occurrence is not None and not (isinstance(occurrence, int) and occurrence >= 1):
        raise _error(path, gid, f"{item!r}: the occurrence must be a whole number ≥ 1.")
    if label not in labels:
        raise _error(path, gid, f"the label {label!r} is not in medialit.labels {labels}.")
    if not phrase.strip():
        raise _error(path, gid, "a key phrase is empty.")
    return KeyItem(phrase, label, occurrence, core, status, why, public)


def _highlight_key(path: Path, gid: str, block: str, labels: list[str]) -> list[KeyItem]:
    raw = _literal(path, gid, block, "a list of (phrase, label) tuples or key dicts")
    if not isinstance(raw, (list, tuple)) or not raw:
        raise _error(path, gid, "the key must be a non-empty list of (phrase, label) tuples or key dicts.")
    key = [_highlight_item(path, gid, item, labels) for item in raw]
    if not any(item.status == "required" for item in key):
        raise _error(path, gid, "at least one key passage must be required.")
    return key


def parse_question(path: Path, index: int, cell: Any) -> Question | None:
    """The Question a solution cell defines, or None for cells that are not questions."""
    meta, nbg, gid = medialit_meta(cell), nbgrader_meta(cell), grade_id_of(cell)
    if not meta or "type" not in meta:
        return None
    if gid is None:
        raise ExerciseFormatError(f"{path.name}, cell {index + 1}: a question cell needs nbgrader.grade_id.")
    qtype = meta["type"]
    from kit.grading.questions import REGISTRY, question_type

    try:
        question_type(str(qtype))
    except KeyError:
        names = ", ".join(REGISTRY)
        raise _error(path, gid, f"medialit.type must be one of {names}, not {qtype!r}.") from None
    if not nbg.get("solution"):
        raise _error(path, gid, "a question cell needs nbgrader.solution = true.")
    source = cell.get("source", "")
    try:
        parts = split_block(source, BEGIN_SOLUTION, END_SOLUTION)
    except ValueError as exc:
        raise _error(path, gid, f"{exc}.") from None
    block = parts[1] if parts else None
    points = float(nbg.get("points") or 0)
    question = Question(gid, qtype, points, index, dict(meta))
    from kit.grading.questions import ParseContext, question_type

    kind = question_type(qtype)
    if kind.needs_key_block and block is None:
        raise _error(path, gid, f"put the key between '{BEGIN_SOLUTION}' and '{END_SOLUTION}'.")
    if not kind.points_from_tests and (not nbg.get("grade") or points <= 0):
        raise _error(path, gid, "a question cell needs nbgrader.grade = true and points above 0.")
    kind.parse(ParseContext(path, gid, meta, block, cell, question))
    return question


def load_solution(path: str | Path) -> Solution:
    """Parse a solution notebook into its questions, checking the format as it goes."""
    path = Path(path)
    nb = read_notebook(path)
    questions: dict[str, Question] = {}
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        gid = grade_id_of(cell)
        if gid:
            if gid in seen:
                raise ExerciseFormatError(
                    f"{path.name}: the grade_id '{gid}' is used twice; make each unique."
                )
            seen.add(gid)
        question = parse_question(path, index, cell)
        if question is not None:
            questions[question.grade_id] = question
    if not questions:
        raise ExerciseFormatError(f"{path.name} has no question cells (cells with metadata.medialit.type).")
    for q in questions.values():
        if not question_type(q.type).points_from_tests:
            continue
        total = 0.0
        for tid in q.tests:
            cell = next((c for c in nb.cells if grade_id_of(c) == tid), None)
            if cell is None:
                raise _error(
                    path, q.grade_id, f"the test cell '{tid}' listed in medialit.tests does not exist."
                )
            nbg = nbgrader_meta(cell)
            if not nbg.get("grade") or nbg.get("solution") or not nbg.get("points"):
                raise _error(path, tid, "a test cell needs grade = true, solution = false and points.")
            total += float(nbg["points"])
        q.points = total
    return Solution(path, path.stem, nb, questions)


def points_of_tests(solution: Solution, question: Question) -> dict[str, float]:
    """Points of each test cell of a code question."""
    return {tid: float(nbgrader_meta(solution.cell(tid)).get("points") or 0) for tid in question.tests}


def resolve_highlight_key(question: Question, article: Any) -> tuple[list[KeyPassage], list[str]]:
    """Turn a highlight key into exact passages, found as ``article.find`` finds them (through the
    article's phrase index, so that a key of many phrases reads a long article once). Returns
    (passages, notes).

    Raises ExerciseFormatError when a phrase is not in the article or the occurrence is too high.
    """
    from kit.phrases import index_for

    index = index_for(article)
    spans: list[KeyPassage] = []
    notes: list[str] = []
    for item in question.key:
        phrase, label, occurrence = item
        places = index.spans(phrase) if phrase.strip() else article.find(phrase)
        if not places:
            raise ExerciseFormatError(
                f"cell '{question.grade_id}': the key phrase {phrase!r} is not in the article. "
                "Copy it exactly from the article text."
            )
        if occurrence is None:
            if len(places) > 1:
                notes.append(
                    f"'{question.grade_id}': {phrase!r} appears {len(places)} times; using the first "
                    "(add an occurrence number to choose another)."
                )
            occurrence = 1
        if occurrence > len(places):
            raise ExerciseFormatError(
                f"cell '{question.grade_id}': {phrase!r} appears only {len(places)} times, "
                f"so occurrence {occurrence} does not exist."
            )
        start, end = (int(x) for x in places[occurrence - 1])
        core = getattr(item, "core", None)
        core_start, core_end = start, end
        if core:
            at = article.text[start:end].lower().find(core.lower())
            at = at + start if at >= 0 else at
            if at < 0:
                raise ExerciseFormatError(
                    f"cell '{question.grade_id}': the core {core!r} is not inside {phrase!r}."
                )
            core_start, core_end = at, at + len(core)
        status = getattr(item, "status", "required")
        spans.append(
            KeyPassage(start, end, label, "", status, core_start, core_end, getattr(item, "why", ""))
        )
    return spans, notes
