"""Keep learners' answers safe: a local answers store, an answer output inside the notebook, and
reading answers back from a saved notebook without running any of its code.

Three parts, shared by every answer widget (the highlighter, the choice widget, ...):

* :class:`AnswerStore`: one small JSON file per notebook and question under the answers folder,
  written atomically (temp file + ``os.replace``) so a crash never leaves half a file. A file that
  cannot be read is moved aside with a warning, never a crash.
* :class:`AnswerRecorder`: builds the answer payload (see docs/CONTRACTS.md), saves it to the store
  and shows it as a display output (MIME ``application/vnd.medialit.answer+json`` plus a readable
  ``text/plain`` line) that is updated in place with ``update_display`` on every change. So the
  newest answer is inside the saved .ipynb, where a grader can read it.
* :func:`answers_from_notebook`: reads those outputs back from a saved .ipynb.

:class:`AnswerWidgetMixin` ties a widget to a recorder: displaying the widget shows the widget view
AND the answer output. See docs/ANSWERS.md for the grader's view of the mechanism.
"""

from __future__ import annotations

import json
import os
import re
import uuid
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import AnswerError, NotebookError
from kit.files import write_atomic

if TYPE_CHECKING:  # nbformat pulls in jsonschema and lark (about 15 MiB): only the notebook reader needs it
    import nbformat

ANSWER_MIME = "application/vnd.medialit.answer+json"
SCHEMA = 1
KINDS = ("highlight", "choice", "sort", "text", "searchlog")
ENV_DIR = "MEDIALIT_ANSWERS_DIR"
DEFAULT_DIR = Path(".medialit") / "answers"


class AnswerStoreWarning(UserWarning):
    """The answers store had a problem it worked around (a damaged file moved aside, a failed write)."""


def utc_now() -> str:
    """Time stamp for ``saved_at``: UTC, ISO 8601, microseconds, ending in Z (sorts as text)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def notebook_key(notebook: str | None = None) -> str:
    """Which notebook the answers belong to.

    An explicit ``notebook`` wins; else the stem of the notebook path in ``JPY_SESSION_NAME``
    (Jupyter Server sets it for each kernel it starts), or in ``__vsc_ipynb_file__`` (VS Code puts it
    in the kernel's namespace); else ``"default"``.
    """
    if notebook:
        return Path(str(notebook)).stem or str(notebook)
    for session in (os.environ.get("JPY_SESSION_NAME", ""), _vscode_notebook_path()):
        stem = Path(session.strip()).stem if session.strip() else ""
        if stem:
            return stem
    return "default"


def _vscode_notebook_path() -> str:
    """The notebook path VS Code's Jupyter extension gives the kernel, or "" elsewhere."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        return ""
    shell = get_ipython()
    return str(shell.user_ns.get("__vsc_ipynb_file__", "")) if shell is not None else ""


def _safe_name(name: str) -> str:
    """A file name made from a key: plain characters kept; anything else replaced, plus a short hash
    so two different keys never share a file."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "answer"
    if cleaned != name:
        cleaned = f"{cleaned[:60]}-{sha256(name.encode()).hexdigest()[:8]}"
    return cleaned


def make_payload(
    question_id: str,
    kind: str,
    value: Any,
    *,
    article_sha: str | None = None,
    labels: list[str] | None = None,
    saved_at: str | None = None,
) -> dict[str, Any]:
    """The answer payload of docs/CONTRACTS.md (schema 1)."""
    if kind not in KINDS:
        raise AnswerError(f"Unknown answer kind {kind!r}. Use one of: {', '.join(KINDS)}.")
    if not isinstance(question_id, str) or not question_id.strip():
        raise AnswerError("An answer needs a question id: a short name such as 'sourcing-1'.")
    return {
        "schema": SCHEMA,
        "question_id": question_id,
        "kind": kind,
        "value": value,
        "article_sha": article_sha,
        "labels": list(labels) if labels is not None else None,
        "saved_at": saved_at or utc_now(),
    }


def is_payload(data: Any) -> bool:
    """True when ``data`` looks like an answer payload this kit can read."""
    return (
        isinstance(data, dict)
        and data.get("schema") == SCHEMA
        and isinstance(data.get("question_id"), str)
        and data.get("kind") in KINDS
        and "value" in data
    )


class AnswerStore:
    """Answers on local disk: ``<root>/<notebook>/<question>.json``, one payload per file.

    ``root`` defaults to ``$MEDIALIT_ANSWERS_DIR``, else ``.medialit/answers`` under the current
    folder (for a kernel, the notebook's folder).
    """

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        if root is None:
            root = os.environ.get(ENV_DIR) or (Path.cwd() / DEFAULT_DIR)
        self.root = Path(root)

    def path(self, notebook: str, question_id: str) -> Path:
        """Where one answer lives."""
        return self.root / _safe_name(notebook) / f"{_safe_name(question_id)}.json"

    def save(self, notebook: str, question_id: str, payload: dict[str, Any]) -> Path:
        """Write one answer atomically; raises OSError if the disk refuses (callers decide what to show)."""
        target = self.path(notebook, question_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, json.dumps(payload, ensure_ascii=False, indent=1), mode=0o600)
        return target

    def load(self, notebook: str, question_id: str) -> dict[str, Any] | None:
        """The stored payload, or None if there is none. A damaged file is moved aside with a warning."""
        target = self.path(notebook, question_id)
        try:
            raw = target.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self._move_aside(target, f"it could not be read ({exc})")
            return None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            self._move_aside(target, "it is not valid JSON")
            return None
        if not is_payload(data) or data.get("question_id") != question_id:
            self._move_aside(target, "it does not hold an answer for this question")
            return None
        return data

    def move_aside(self, notebook: str, question_id: str, why: str) -> Path | None:
        """Keep a stored answer under another name (for example: it was for another article)."""
        return self._move_aside(self.path(notebook, question_id), why, tag="old")

    def _move_aside(self, target: Path, why: str, tag: str = "damaged") -> Path | None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        aside = target.with_name(f"{target.stem}.{tag}-{stamp}.json")
        try:
            os.replace(target, aside)
        except OSError as exc:
            warnings.warn(
                f"The saved answer file {target} could not be used because {why}, and it could not be "
                f"moved aside either ({exc}). Starting with an empty answer.",
                AnswerStoreWarning,
                stacklevel=3,
            )
            return None
        warnings.warn(
            f"The saved answer file {target} could not be used because {why}. It was kept as {aside.name} "
            "so nothing is lost. Starting with an empty answer.",
            AnswerStoreWarning,
            stacklevel=3,
        )
        return aside


def default_summary(payload: dict[str, Any]) -> str:
    """A short line a learner can read under the widget."""
    value = payload.get("value")
    if payload.get("kind") == "highlight" and isinstance(value, list):
        if not value:
            return f"Answer '{payload['question_id']}': no highlights yet."
        counts: dict[str, int] = {}
        for item in value:
            label = item.get("label", "?") if isinstance(item, dict) else "?"
            counts[label] = counts.get(label, 0) + 1
        parts = ", ".join(f"{n} {label}" for label, n in counts.items())
        word = "highlight" if len(value) == 1 else "highlights"
        return f"Answer '{payload['question_id']}' saved: {len(value)} {word} ({parts})."
    if value in (None, "", [], {}):
        return f"Answer '{payload['question_id']}': nothing chosen yet."
    if isinstance(value, list):
        shown = ", ".join(map(str, value))
    elif isinstance(value, dict):
        shown = f"{len(value)} items sorted"
    else:
        shown = str(value)
    return f"Answer '{payload['question_id']}' saved: {shown}."


class AnswerRecorder:
    """Saves one question's answer to the store and keeps it visible as a notebook output.

    ``record(value)`` is called on every change. Saving never raises: a failed write becomes a
    warning and ``last_error`` (the answer still travels in the notebook output).
    """

    def __init__(
        self,
        question_id: str,
        kind: str,
        *,
        notebook: str | None = None,
        store: AnswerStore | str | os.PathLike[str] | None = None,
        article_sha: str | None = None,
        labels: list[str] | None = None,
        summarize: Callable[[dict[str, Any]], str] = default_summary,
    ) -> None:
        if kind not in KINDS:
            raise AnswerError(f"Unknown answer kind {kind!r}. Use one of: {', '.join(KINDS)}.")
        if not isinstance(question_id, str) or not question_id.strip():
            raise AnswerError("An answer needs a question id: a short name such as 'sourcing-1'.")
        self.question_id = question_id
        self.kind = kind
        self.notebook = notebook_key(notebook)
        self.store = store if isinstance(store, AnswerStore) else AnswerStore(store)
        self.article_sha = article_sha
        self.labels = list(labels) if labels is not None else None
        self.summarize = summarize
        self.display_id = f"medialit-{uuid.uuid4().hex}"
        self.last_error: str = ""
        self.payload = make_payload(question_id, kind, None, article_sha=article_sha, labels=self.labels)

    # -- restoring ---------------------------------------------------------------------------
    def restore(self) -> dict[str, Any] | None:
        """The stored payload for this notebook and question, if it is for the same article and kind.

        An answer for another article is moved aside (kept, not loaded) with a warning.
        """
        stored = self.store.load(self.notebook, self.question_id)
        if stored is None:
            return None
        if stored.get("kind") != self.kind:
            self.store.move_aside(self.notebook, self.question_id, "it is a different kind of answer")
            return None
        if self.article_sha is not None and stored.get("article_sha") != self.article_sha:
            self.store.move_aside(self.notebook, self.question_id, "it was about a different article")
            return None
        self.payload = stored
        return stored

    # -- recording ---------------------------------------------------------------------------
    def record(self, value: Any) -> dict[str, Any]:
        """Save a new answer value: store first, then the notebook output. Returns the payload."""
        self.payload = make_payload(
            self.question_id, self.kind, value, article_sha=self.article_sha, labels=self.labels
        )
        self.last_error = ""
        try:
            self.store.save(self.notebook, self.question_id, self.payload)
        except OSError as exc:
            self.last_error = (
                f"Could not save to the answers folder {self.store.root} ({exc.strerror or exc}). "
                "Your answer is still kept in this notebook: save the notebook (Ctrl+S)."
            )
            warnings.warn(self.last_error, AnswerStoreWarning, stacklevel=2)
        self.update()
        return self.payload

    # -- the output inside the notebook ------------------------------------------------------
    def bundle(self) -> dict[str, Any]:
        """The MIME bundle of the answer output."""
        return {ANSWER_MIME: self.payload, "text/plain": self.summarize(self.payload)}

    def display(self) -> None:
        """Show the answer output (again); every copy shares one display_id and updates together."""
        from IPython.display import display

        display(self.bundle(), raw=True, display_id=self.display_id)

    def update(self) -> None:
        """Replace the answer output in place. Outside IPython this does nothing."""
        from IPython import get_ipython

        if get_ipython() is None:
            return
        from IPython.display import update_display

        update_display(self.bundle(), raw=True, display_id=self.display_id)


class AnswerWidgetMixin:
    """Mix into an ipywidgets/anywidget class whose instances carry ``self._recorder``.

    Displaying the widget shows the widget view and, right after it, the answer output.
    A widget without a recorder (for example a read-only view) shows the view only.
    """

    _recorder: AnswerRecorder | None = None

    def _ipython_display_(self, **kwargs: Any) -> None:
        from IPython.display import display

        bundle = self._repr_mimebundle_(**kwargs)  # type: ignore[attr-defined]
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        if data:
            display(data, metadata=metadata or None, raw=True)
        if self._recorder is not None:
            self._recorder.display()


# -- reading answers back from a saved notebook ----------------------------------------------
def _read_notebook(path: Path) -> nbformat.NotebookNode:
    if not path.exists():
        raise NotebookError(f"The notebook {path} does not exist. Check the file name and folder.")
    if path.is_dir():
        raise NotebookError(f"{path} is a folder, not a notebook. Give the path of a .ipynb file.")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NotebookError(f"The notebook {path} could not be opened ({exc.strerror or exc}).") from None
    if not raw.strip():
        raise NotebookError(
            f"The notebook {path} is empty (0 bytes of content). It may not have been saved: "
            "open it in Jupyter and save it again, or hand in another copy."
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotebookError(
            f"The notebook {path} is damaged: it is not valid notebook text ({exc}). "
            "Ask for a fresh copy, or look for a checkpoint in .ipynb_checkpoints."
        ) from None
    if isinstance(data, dict) and isinstance(data.get("nbformat"), int) and data["nbformat"] < 4:
        raise NotebookError(
            f"The notebook {path} is in the old format {data['nbformat']}: open and save it in Jupyter "
            "(that updates it), then try again."
        )
    if not isinstance(data, dict) or "cells" not in data or "nbformat" not in data:
        raise NotebookError(
            f"The file {path} is not a Jupyter notebook (it has no cells). Check that it is the .ipynb file."
        )
    from kit.schema import nbformat as _nbformat

    nbformat = _nbformat()
    try:
        return nbformat.from_dict(data)
    except Exception as exc:  # nbformat raises several types for odd structures
        raise NotebookError(f"The notebook {path} could not be read as a notebook ({exc}).") from None


# The answer payload's schema (docs/CONTRACTS.md), checked with jsonschema before any payload is used.
PAYLOAD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["schema", "question_id", "kind", "value", "saved_at"],
    "properties": {
        "schema": {"const": SCHEMA},
        "question_id": {"type": "string", "minLength": 1, "maxLength": 200},
        "kind": {"enum": list(KINDS)},
        "article_sha": {"type": ["string", "null"]},
        "labels": {"type": ["array", "null"], "items": {"type": "string"}},
        "saved_at": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$"},
    },
}
CLOCK_SLACK = timedelta(minutes=10)  # a learner's clock may run a little fast; 2099 is not a little


def payload_problem(data: Any, now: datetime | None = None) -> str:
    """Why ``data`` is not a usable answer payload ('' when it is): wrong schema, or dated in the future."""
    from kit.schema import jsonschema as _jsonschema

    jsonschema = _jsonschema()

    try:
        jsonschema.validate(data, PAYLOAD_SCHEMA)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "the payload"
        return f"its data is not in the answer format ({where}: {exc.message[:120]})"
    try:
        saved = datetime.strptime(data["saved_at"].rstrip("Z").split(".")[0], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return "its time stamp is not a date"
    if saved.replace(tzinfo=timezone.utc) > (now or datetime.now(timezone.utc)) + CLOCK_SLACK:
        return f"it is dated in the future ({data['saved_at']})"
    return ""


def _raw_answer_outputs(nb: nbformat.NotebookNode) -> list[tuple[int, Any]]:
    found: list[tuple[int, Any]] = []
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []) or []:
            if output.get("output_type") not in ("display_data", "execute_result", "update_display_data"):
                continue
            data = (output.get("data") or {}).get(ANSWER_MIME)
            if isinstance(data, str):  # some tools store JSON MIME data as text
                try:
                    data = json.loads(data)
                except json.JSONDecodeError:
                    pass
            if data is not None:
                found.append((index, data))
    return found


def _cell_ids(cell: Any) -> tuple[str | None, bool]:
    nbg = (cell.get("metadata") or {}).get("nbgrader") or {}
    gid = nbg.get("grade_id") if isinstance(nbg, dict) else None
    return (gid if isinstance(gid, str) else None), bool(isinstance(nbg, dict) and nbg.get("locked"))


def iter_answer_outputs(nb: nbformat.NotebookNode) -> list[tuple[int, dict[str, Any]]]:
    """The usable answer payloads in a notebook's outputs, as (cell index, payload), in notebook order.

    Left out: payloads with a wrong schema or dated in the future, payloads in a locked cell, and
    payloads in a cell whose grade_id names another question. :func:`question_answers` says why.
    """
    found: list[tuple[int, dict[str, Any]]] = []
    cells = nb.get("cells", [])
    for index, data in _raw_answer_outputs(nb):
        gid, locked = _cell_ids(cells[index])
        if payload_problem(data) or locked or (gid is not None and gid != data["question_id"]):
            continue
        found.append((index, dict(data)))
    return found


def question_answers(
    nb: nbformat.NotebookNode, questions: dict[str, str]
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """For grading: grade_id -> newest payload from that question's own widget cell, and flags.

    ``questions`` maps each answer question's grade_id to its kind. Only an output of the cell whose
    grade_id is the question's, holding a payload with the same question id and kind, counts. Any
    other answer output (another or a locked cell, a wrong schema, a date in the future) is ignored
    and flagged; so is a question cell whose outputs were cleared.
    """
    cells = nb.get("cells", [])
    best: dict[str, dict[str, Any]] = {}
    flags: list[str] = []
    for index, data in _raw_answer_outputs(nb):
        gid, locked = _cell_ids(cells[index])
        where = f"cell {index + 1}" + (f" ('{gid}')" if gid else "")
        problem = payload_problem(data)
        qid = data.get("question_id") if isinstance(data, dict) else None
        if not problem and locked:
            problem = "that cell is locked (only the question's own cell holds its answer)"
        if not problem and gid != qid:
            problem = f"it answers '{qid}', but sits in another cell"
        if not problem and (qid not in questions or questions[qid] != data["kind"]):
            problem = f"'{qid}' is not a {data['kind']} question of this exercise"
        if problem:
            flags.append(f"Ignored an answer in {where}: {problem}.")
            continue
        assert isinstance(qid, str)  # payload_problem refuses a payload without a question id
        current = best.get(qid)
        if current is None or data["saved_at"] >= current["saved_at"]:
            best[qid] = {**data, "cell_index": index}
    bare = [c for c in cells if c.get("cell_type") == "code" and not c.get("outputs")]
    empty = [gid for gid, _locked in map(_cell_ids, bare) if gid in questions and gid not in best]
    if empty and best:
        for gid in empty:
            flags.append(
                f"'{gid}': the answer is not in the notebook (its outputs were cleared, or the cell was "
                "never run). Ask the learner to re-run the cell and save."
            )
    elif empty:
        flags.append(
            f"No answers in the outputs of {', '.join(repr(g) for g in empty)}: the outputs were cleared, "
            "or the widgets were never used. If the learner answered, ask the learner to re-run the cells "
            "and save."
        )
    return best, flags


def answers_from_notebook(path: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Answers saved inside a notebook's outputs: question_id -> newest payload. No code is run.

    "Newest" is the latest ``saved_at``; on a tie, the later cell. Each returned payload is a copy
    with one extra key, ``cell_index`` (0-based index of the cell whose output held it).
    Raises NotebookError (plain words) for a missing, empty, damaged or non-notebook file.
    """
    nb = _read_notebook(Path(path))
    best: dict[str, dict[str, Any]] = {}
    for index, payload in iter_answer_outputs(nb):
        qid = payload["question_id"]
        current = best.get(qid)
        if current is None or payload["saved_at"] >= current["saved_at"]:
            best[qid] = {**payload, "cell_index": index}
    return best
