"""The highlighter: learners mark passages of an article with labels, by mouse or keyboard.

``Highlighter(article, labels=None, question_id=None, ...)`` is an anywidget; its view lives in
highlighter.js and highlighter.css beside this file. Python is the single source of truth: the
browser only *proposes* edits (add, remove, relabel, note, undo, redo) as messages; Python checks
each one against the article and labels, keeps the good ones, and shows a plain message for a bad
one. The view draws an edit before Python answers (optimistic) and takes it back if Python refuses.
Every accepted change is saved at once (kit.answers) and written into the notebook output.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anywidget
import pandas as pd
import traitlets

from kit.answers import AnswerRecorder, AnswerStore, AnswerWidgetMixin
from kit.errors import AnswerError, KitError
from kit.segment import split_words
from kit.spans import Span
from kit.widgets.span_rules import block_ranges, check_labels, normalize, validate_span

HERE = Path(__file__).parent
DEFAULT_LABELS = ["named source", "vague source", "loaded", "unverifiable", "checkable"]
HISTORY_LIMIT = 200
FRAME_COLUMNS = ["start", "end", "label", "note", "text", "block_id"]


def _spans_to_json(spans: list[Span], _widget: Any) -> list[dict[str, Any]]:
    return [s.to_dict() for s in spans]


def _spans_from_json(data: list[Any], _widget: Any) -> list[Span]:
    return [Span.from_dict(d) for d in data or []]


def _as_article(article: Any) -> Any:
    """Accept an Article (or anything with text/sha/blocks) or plain text."""
    if isinstance(article, str):
        from kit.article import Article

        return Article.from_text(article)
    for needed in ("text", "sha", "blocks"):
        if not hasattr(article, needed):
            raise KitError(
                f"Highlighter needs an article, like kit.load_article(); got {type(article).__name__}."
            )
    return article


class Highlighter(AnswerWidgetMixin, anywidget.AnyWidget):
    """Mark passages of an article with labels; the marks are kept safe and travel in the notebook.

    Parameters: ``article`` (an Article or text), ``labels`` (1-9 label names; default
    ``DEFAULT_LABELS``), ``question_id`` (names the answer; default ``"highlights-<article sha>"``),
    ``notebook`` (the answers-store key; default from ``JPY_SESSION_NAME``), ``readonly`` (view only,
    not an answer: nothing is saved), ``spans`` (start with these instead of the saved answer),
    ``store`` (an AnswerStore or a folder; default ``$MEDIALIT_ANSWERS_DIR`` or ``.medialit/answers``).
    """

    _esm = HERE / "highlighter.js"
    _css = HERE / "highlighter.css"

    text = traitlets.Unicode("").tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    blocks = traitlets.List(traitlets.Dict()).tag(sync=True)
    sentences = traitlets.List(traitlets.Dict()).tag(sync=True)
    # [start, end] of every word, from the kit's one tokenizer (kit.segment), so the widget and the
    # grader agree on what a word is; the JavaScript no longer splits words itself
    words = traitlets.List(traitlets.List()).tag(sync=True)
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    spans = traitlets.List(traitlets.Instance(Span)).tag(
        sync=True, to_json=_spans_to_json, from_json=_spans_from_json
    )
    readonly = traitlets.Bool(False).tag(sync=True)
    question_id = traitlets.Unicode("").tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    can_undo = traitlets.Bool(False).tag(sync=True)
    can_redo = traitlets.Bool(False).tag(sync=True)
    # Last edit number the browser sent that Python has handled (lets the view and benchmarks match up).
    handled_seq = traitlets.Int(0).tag(sync=True)

    def __init__(
        self,
        article: Any,
        labels: list[str] | None = None,
        question_id: str | None = None,
        *,
        notebook: str | None = None,
        readonly: bool = False,
        spans: Sequence[Span] | None = None,
        store: AnswerStore | str | os.PathLike[str] | None = None,
    ) -> None:
        self.article = _as_article(article)
        self._blocks = block_ranges(self.article)
        checked = check_labels(list(DEFAULT_LABELS if labels is None else labels))
        qid = question_id or f"highlights-{self.article.sha}"
        self._undo: list[list[Span]] = []
        self._redo: list[list[Span]] = []
        self._replaying = False
        self._initializing = True
        self._recorder = None
        super().__init__(
            text=self.article.text,
            title=str(getattr(self.article, "title", None) or ""),
            blocks=[{"id": b.id, "kind": b.kind, "start": b.start, "end": b.end} for b in self._blocks],
            sentences=[
                {"start": int(s.start), "end": int(s.end)}
                for s in getattr(self.article, "sentences", []) or []
            ],
            words=[[int(a), int(b)] for a, b in split_words(self.article.text)],
            labels=checked,
            readonly=bool(readonly),
            question_id=qid,
        )
        initial: list[Span] = []
        if not readonly:
            self._recorder = AnswerRecorder(
                qid,
                "highlight",
                notebook=notebook,
                store=store,
                article_sha=self.article.sha,
                labels=checked,
            )
            if spans is None:
                initial = self._restored_spans()
        if spans is not None:
            initial = [self._check(s) for s in spans]
        self._replaying = True  # the starting state is not an undoable edit
        try:
            self.spans = normalize(initial)
        finally:
            self._replaying = False
            self._initializing = False
        if self._recorder is not None:
            self._recorder.payload = {**self._recorder.payload, "value": _spans_to_json(self.spans, self)}
        self.on_msg(self._on_browser_msg)

    # -- public API ----------------------------------------------------------------------------
    def add(self, start: int, end: int, label: str, note: str = "") -> Span:
        """Add one highlight (checked against the article and labels). Returns the stored Span."""
        self._writable()
        span = self._check(Span(int(start), int(end), label, note))
        self.spans = normalize([*self.spans, span])
        return span

    def remove(self, start: int, end: int, label: str | None = None) -> int:
        """Remove the highlights at exactly start..end (only those with ``label`` if given).

        Returns how many were removed.
        """
        self._writable()
        keep = [s for s in self.spans if not (s.start == start and s.end == end and label in (None, s.label))]
        removed = len(self.spans) - len(keep)
        if removed:
            self.spans = keep
        return removed

    def clear(self) -> None:
        """Remove every highlight (undo brings them back)."""
        self._writable()
        if self.spans:
            self.spans = []

    def undo(self) -> bool:
        """Go back one change. Returns False when there is nothing to undo."""
        return self._step(self._undo, self._redo)

    def redo(self) -> bool:
        """Redo the change last undone. Returns False when there is nothing to redo."""
        return self._step(self._redo, self._undo)

    def to_frame(self) -> pd.DataFrame:
        """The highlights as a table.

        Columns: start, end (exact offsets: ``article.text[start:end]``), label, note, text
        (the marked words), block_id (the title, heading or paragraph that holds it).
        """
        rows = []
        for s in self.spans:
            block = next((b for b in self._blocks if b.start <= s.start and s.end <= b.end), None)
            rows.append(
                {
                    "start": s.start,
                    "end": s.end,
                    "label": s.label,
                    "note": s.note,
                    "text": self.text[s.start : s.end],
                    "block_id": block.id if block else None,
                }
            )
        frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
        return frame.astype({"start": "int64", "end": "int64"})

    @property
    def payload(self) -> dict[str, Any] | None:
        """The answer payload last saved (None for a read-only view)."""
        return None if self._recorder is None else self._recorder.payload

    # -- checking ------------------------------------------------------------------------------
    def _check(self, span: Any) -> Span:
        return validate_span(span, self.text, self._blocks, self.labels)

    def _writable(self) -> None:
        if self.readonly:
            raise AnswerError("This highlighter is read-only: its highlights cannot be changed.")

    @traitlets.validate("spans")
    def _validate_spans(self, proposal: traitlets.Bunch) -> list[Span]:
        value = proposal["value"]
        return normalize(self._check(s) for s in value)

    @traitlets.observe("spans")
    def _spans_changed(self, change: traitlets.Bunch) -> None:
        old, new = list(change["old"] or []), list(change["new"] or [])
        if old == new:
            return
        if not self._replaying:
            self._undo.append(old)
            del self._undo[:-HISTORY_LIMIT]
            self._redo.clear()
        self.can_undo, self.can_redo = bool(self._undo), bool(self._redo)
        if self._recorder is not None and not self._initializing:
            self._recorder.record(_spans_to_json(new, self))
            self.message = self._recorder.last_error

    def _step(self, source: list[list[Span]], target: list[list[Span]]) -> bool:
        if self.readonly or not source:
            return False
        state = source.pop()
        target.append(list(self.spans))
        self._replaying = True
        try:
            self.spans = state
        finally:
            self._replaying = False
        self.can_undo, self.can_redo = bool(self._undo), bool(self._redo)
        return True

    def _restored_spans(self) -> list[Span]:
        assert self._recorder is not None
        stored = self._recorder.restore()
        if not stored or not isinstance(stored.get("value"), list):
            return []
        good, bad = [], 0
        for item in stored["value"]:
            try:
                good.append(self._check(item))
            except AnswerError:
                bad += 1
        if bad:
            self.message = (
                f"{bad} saved highlight(s) did not fit this article or its labels and were left out. "
                f"The saved file is {self._recorder.store.path(self._recorder.notebook, self.question_id)}."
            )
        return good

    # -- messages from the browser -------------------------------------------------------------
    def _on_browser_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        """Handle one edit proposed by the view; a bad one is refused with a visible message."""
        if not isinstance(content, dict) or content.get("type") != "medialit-edit":
            return
        seq = content.get("seq")
        # one update message for spans, handled_seq and message, so the view never sees new spans
        # with an old handled_seq (it would draw a handled edit twice) or the reverse
        with self.hold_sync():
            try:
                self.message = self._apply_edit(content)
            except AnswerError as exc:
                self.message = f"That change was not kept: {exc}"
            finally:
                if isinstance(seq, int) and seq > self.handled_seq:
                    self.handled_seq = seq

    def _apply_edit(self, content: dict[str, Any]) -> str:
        kind = content.get("kind")
        if kind == "undo":
            return "" if self.undo() else "Nothing to undo."
        if kind == "redo":
            return "" if self.redo() else "Nothing to redo."
        self._writable()
        if kind == "clear":
            self.clear()
            return ""
        span = self._check(content.get("span"))
        if kind == "add":
            self.spans = normalize([*self.spans, span])
            return ""
        existing = [s for s in self.spans if s.key() == span.key()]
        if not existing:
            raise AnswerError("that highlight is no longer there (it may have been changed already).")
        if kind == "remove":
            self.spans = [s for s in self.spans if s.key() != span.key()]
            return ""
        if kind == "relabel":
            new = self._check(Span(span.start, span.end, str(content.get("label", "")), existing[0].note))
            self.spans = normalize([*(s for s in self.spans if s.key() != span.key()), new])
            return ""
        if kind == "note":
            new = self._check(Span(span.start, span.end, span.label, str(content.get("note", ""))))
            self.spans = normalize([*(s for s in self.spans if s.key() != span.key()), new])
            return ""
        raise AnswerError(f"the view asked for an unknown change {kind!r}.")
