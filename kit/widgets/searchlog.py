"""``SearchLog``: the lateral-reading log. One row per search: what you searched for, the source you
found, who runs it, what it says, how far you trust it, and whether it is independent of the
article's side.

An anywidget (view: searchlog.js + searchlog.css beside this file). As in the highlighter, Python
owns the answer: the browser *proposes* an added, changed or removed entry with a message; Python
cleans it (kit.grading.questions.searchlog.clean_entry), keeps it, saves it at once to the answers store and
shows it in the notebook output (kit.answers). The answer kind is ``"searchlog"``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import anywidget
import pandas as pd
import traitlets

from kit.answers import AnswerRecorder, AnswerStore, AnswerWidgetMixin
from kit.errors import AnswerError
from kit.grading.questions.searchlog import (
    FIELD_LABELS,
    FIELDS,
    MAX_ENTRIES,
    SIDE_OPTIONS,
    TRUST_OPTIONS,
    clean_entry,
)

HERE = Path(__file__).parent


def summarize(payload: dict[str, Any]) -> str:
    """The readable line under the widget (and in a saved notebook)."""
    entries = payload.get("value") or []
    qid = payload.get("question_id", "?")
    if not entries:
        return f"Answer '{qid}': no searches logged yet."
    word = "search" if len(entries) == 1 else "searches"
    return f"Answer '{qid}' saved: {len(entries)} {word} logged."


class SearchLog(AnswerWidgetMixin, anywidget.AnyWidget):
    """Log the searches you make while reading laterally; the log is saved as you type.

    ``question_id`` names the answer (for an exercise, the question's grade_id). ``readonly`` shows a
    log without saving (for a worked example, with ``entries``).
    """

    _esm = HERE / "searchlog.js"
    _css = HERE / "searchlog.css"

    entries = traitlets.List(traitlets.Dict()).tag(sync=True)
    fields = traitlets.List(traitlets.Dict()).tag(sync=True)
    trust_options = traitlets.List(traitlets.Unicode()).tag(sync=True)
    side_options = traitlets.List(traitlets.Unicode()).tag(sync=True)
    question_id = traitlets.Unicode("").tag(sync=True)
    readonly = traitlets.Bool(False).tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    handled_seq = traitlets.Int(0).tag(sync=True)

    def __init__(
        self,
        question_id: str = "lateral-log",
        *,
        entries: list[dict[str, Any]] | None = None,
        readonly: bool = False,
        notebook: str | None = None,
        store: AnswerStore | str | os.PathLike[str] | None = None,
    ) -> None:
        if not isinstance(question_id, str) or not question_id.strip():
            raise AnswerError("A search log needs a question id, such as 'lateral-log'.")
        self._recorder = None
        super().__init__(
            fields=[{"name": f, "label": FIELD_LABELS[f]} for f in FIELDS],
            trust_options=list(TRUST_OPTIONS),
            side_options=list(SIDE_OPTIONS),
            question_id=question_id,
            readonly=bool(readonly),
        )
        start: list[dict[str, str]] = []
        if not readonly:
            self._recorder = AnswerRecorder(
                question_id, "searchlog", notebook=notebook, store=store, summarize=summarize
            )
            stored = self._recorder.restore() if entries is None else None
            if stored is not None and isinstance(stored.get("value"), list):
                start = self._clean_all(stored["value"])
        if entries is not None:
            start = self._clean_all(entries)
        self.entries = start
        if self._recorder is not None:
            self._recorder.payload = {**self._recorder.payload, "value": list(self.entries)}
        self.on_msg(self._on_browser_msg)

    # -- public API ------------------------------------------------------------------------------
    def add(self, **fields: str) -> dict[str, str]:
        """Add one search (keyword arguments are the fields: query, source, who, says, trust, side)."""
        self._writable()
        unknown = set(fields) - set(FIELDS)
        if unknown:
            raise AnswerError(f"Unknown field(s) {sorted(unknown)}; use {', '.join(FIELDS)}.")
        if len(self.entries) >= MAX_ENTRIES:
            raise AnswerError(f"The log holds at most {MAX_ENTRIES} searches.")
        entry = self._clean(fields)
        self._set([*self.entries, entry])
        return entry

    def update(self, index: int, **fields: str) -> dict[str, str]:
        """Change fields of entry ``index`` (0-based)."""
        self._writable()
        current = self._entry(index)
        entry = self._clean({**current, **fields})
        self._set([*self.entries[:index], entry, *self.entries[index + 1 :]])
        return entry

    def remove(self, index: int) -> None:
        """Remove entry ``index`` (0-based)."""
        self._writable()
        self._entry(index)
        self._set([*self.entries[:index], *self.entries[index + 1 :]])

    def to_frame(self) -> pd.DataFrame:
        """The log as a table, one row per search, columns in FIELDS order."""
        return pd.DataFrame(list(self.entries), columns=list(FIELDS))

    @property
    def payload(self) -> dict[str, Any] | None:
        return None if self._recorder is None else self._recorder.payload

    # -- internals -------------------------------------------------------------------------------
    def _writable(self) -> None:
        if self.readonly:
            raise AnswerError("This search log is an example to read; it cannot be changed.")

    def _entry(self, index: Any) -> dict[str, str]:
        if not isinstance(index, int) or not 0 <= index < len(self.entries):
            raise AnswerError(f"There is no search number {index!r} in the log (it has {len(self.entries)}).")
        return dict(self.entries[index])

    @staticmethod
    def _clean(raw: Any) -> dict[str, str]:
        entry = clean_entry(raw)
        if entry is None:
            raise AnswerError("A search should be a set of fields, like query='...' and source='...'.")
        return entry

    def _clean_all(self, raw: list[Any]) -> list[dict[str, str]]:
        return [e for e in (clean_entry(r) for r in raw[:MAX_ENTRIES]) if e is not None]

    def _set(self, entries: list[dict[str, str]]) -> None:
        self.entries = entries
        if self._recorder is not None:
            self._recorder.record(list(entries))
            self.message = self._recorder.last_error

    def _on_browser_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict) or content.get("type") != "medialit-log":
            return
        try:
            kind = content.get("kind")
            entry = content.get("entry")
            fields: dict[str, Any] = entry if isinstance(entry, dict) else {}
            fields = {k: v for k, v in fields.items() if k in FIELDS}
            if kind == "add":
                self.add(**fields)
                self.message = "Search added to your log and saved."
            elif kind == "update":
                self.update(int(content.get("index", -1)), **fields)
                self.message = "Change saved."
            elif kind == "remove":
                self.remove(int(content.get("index", -1)))
                self.message = "Search removed from your log."
            else:
                self.message = "That change was not understood; nothing was changed."
        except (AnswerError, TypeError, ValueError) as err:
            self.message = str(err)
        if self._recorder is not None and self._recorder.last_error:
            self.message = self._recorder.last_error
        self.handled_seq = int(content.get("seq") or 0)
