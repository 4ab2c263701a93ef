"""``Sorter``: learners put sentences into categories (for example checkable / unverifiable / opinion).

Built from ipywidgets (one labelled drop-down list per sentence), so it has no JS or CSS of its own
and works with a keyboard and a screen reader like any form. Like the highlighter, every change is
saved at once to the answers store and shown in the notebook output (see kit.answers); the answer
payload has kind ``"sort"`` and value ``{sentence_id: category}`` (only sorted sentences appear).
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from kit.answers import AnswerRecorder, AnswerStore, AnswerWidgetMixin
from kit.errors import AnswerError

DEFAULT_CATEGORIES = ["checkable", "unverifiable", "opinion"]
NOT_SORTED = "(not sorted yet)"
FRAME_COLUMNS = ["sentence_id", "text", "category"]


def _items_from(source: Any, sentence_ids: Iterable[str] | None) -> tuple[list[tuple[str, str]], str | None]:
    """(sentence_id, text) pairs to sort, and the article's sha when the source is an article."""
    sha = None
    if hasattr(source, "sentences") and hasattr(source, "sha"):  # a kit.Article
        items = [(str(s.id), str(s.text)) for s in source.sentences]
        sha = str(source.sha)
    elif isinstance(source, pd.DataFrame):
        if not {"sentence_id", "text"} <= set(source.columns):
            raise AnswerError(
                "Sorter needs a table with the columns 'sentence_id' and 'text' "
                f"(like kit.find_claims(article)); this one has {list(source.columns)}."
            )
        items = [(str(i), str(t)) for i, t in zip(source["sentence_id"], source["text"], strict=True)]
    elif isinstance(source, dict):
        items = [(str(i), str(t)) for i, t in source.items()]
    elif isinstance(source, (list, tuple)):
        items = []
        for n, entry in enumerate(source, start=1):
            if isinstance(entry, str):
                items.append((str(n), entry))
            elif isinstance(entry, (list, tuple)) and len(entry) == 2:
                items.append((str(entry[0]), str(entry[1])))
            else:
                raise AnswerError(
                    f"Sorter item {n} should be a sentence, or a pair (sentence_id, sentence); got {entry!r}."
                )
    else:
        raise AnswerError(
            "Sorter needs an article (kit.load_article()), a table from kit.find_claims, "
            f"or a list of sentences; got {type(source).__name__}."
        )
    if sentence_ids is not None:
        wanted = [str(i) for i in sentence_ids]
        known = dict(items)
        missing = [i for i in wanted if i not in known]
        if missing:
            raise AnswerError(
                f"Sorter: these sentence ids are not in the article: {', '.join(missing)}. "
                "Check them with kit.find_claims(article)['sentence_id']."
            )
        items = [(i, known[i]) for i in wanted]
    if not items:
        raise AnswerError("Sorter has no sentences to sort. Give it an article or a list of sentences.")
    ids = [i for i, _ in items]
    if len(set(ids)) != len(ids):
        raise AnswerError(f"Sorter: the same sentence id appears twice: {ids}.")
    return items, sha


def _check_categories(categories: Any) -> list[str]:
    if not isinstance(categories, (list, tuple)) or not categories:
        raise AnswerError("Sorter needs a list of categories, like ['checkable', 'unverifiable', 'opinion'].")
    cats = [str(c).strip() for c in categories]
    if any(not c for c in cats):
        raise AnswerError(f"Sorter: a category name is empty: {list(categories)}.")
    if len(set(cats)) != len(cats):
        raise AnswerError(f"Sorter: the same category appears twice: {cats}.")
    if not 2 <= len(cats) <= 9:
        raise AnswerError(f"Sorter works with 2 to 9 categories; got {len(cats)}.")
    if NOT_SORTED in cats:
        raise AnswerError(f"Sorter: {NOT_SORTED!r} is kept for sentences not sorted yet; pick another name.")
    return cats


class Sorter(AnswerWidgetMixin, widgets.VBox):
    """Sort sentences into categories; the answer is kept safe and travels in the notebook.

    Parameters: ``article_or_sentences`` (a kit.Article, a table with ``sentence_id`` and ``text``
    such as ``kit.find_claims(article)``, a dict ``{id: sentence}``, or a list of sentences or
    ``(id, sentence)`` pairs), ``categories`` (2 to 9 names), ``question_id`` (names the answer;
    default ``"sort"``), ``sentence_ids`` (only these sentences, in this order), ``notebook`` and
    ``store`` (as for the highlighter).

    ``value`` is ``{sentence_id: category}`` for the sentences sorted so far.
    """

    _recorder: AnswerRecorder  # always set in __init__ (the mixin allows None for other widgets)

    value = traitlets.Dict()

    def __init__(
        self,
        article_or_sentences: Any,
        categories: list[str] | None = None,
        question_id: str | None = None,
        *,
        sentence_ids: Iterable[str] | None = None,
        prompt: str = "",
        notebook: str | None = None,
        store: AnswerStore | str | os.PathLike[str] | None = None,
    ) -> None:
        self.items, sha = _items_from(article_or_sentences, sentence_ids)
        self.categories = _check_categories(DEFAULT_CATEGORIES if categories is None else categories)
        self._loading = True
        self._recorder = AnswerRecorder(
            question_id or "sort",
            "sort",
            notebook=notebook,
            store=store,
            article_sha=sha,
            labels=self.categories,
        )
        self._menus: dict[str, widgets.Dropdown] = {}
        rows: list[widgets.Widget] = []
        choices = [(NOT_SORTED, None)] + [(c, c) for c in self.categories]
        for n, (sid, text) in enumerate(self.items, start=1):
            menu = widgets.Dropdown(
                options=choices,
                value=None,
                description=f"Sentence {n} is",
                style={"description_width": "initial"},
                layout={"width": "max-content"},
            )
            menu.observe(self._from_menus, names="value")
            self._menus[sid] = menu
            words = widgets.HTML(
                f"<p><b>{n}.</b> {html.escape(text)} <small>({html.escape(sid)})</small></p>"
            )
            rows.append(widgets.VBox([words, menu], layout={"margin": "0 0 0.6em 0"}))
        self._status = widgets.HTML("")
        intro = prompt or f"Choose a category for each sentence: {', '.join(self.categories)}."
        super().__init__([widgets.Label(intro), *rows, self._status])
        stored = self._recorder.restore()
        if stored is not None:
            self._apply(stored.get("value"))
        self._loading = False
        self._recorder.payload = {**self._recorder.payload, "value": dict(self.value)}
        self._show_status()

    # -- public API ----------------------------------------------------------------------------
    @property
    def question_id(self) -> str:
        return self._recorder.question_id

    @property
    def payload(self) -> dict[str, Any]:
        """The answer payload last saved."""
        return self._recorder.payload

    def set(self, sentence_id: str, category: str | None) -> None:
        """Put one sentence in a category (None takes it out again). Saved at once."""
        sid = str(sentence_id)
        if sid not in self._menus:
            raise AnswerError(
                f"Sentence {sid!r} is not in this sorter. Its sentences are: {', '.join(self._menus)}."
            )
        if category is not None and category not in self.categories:
            raise AnswerError(
                f"{category!r} is not a category here. Use one of: {', '.join(self.categories)}."
            )
        self._menus[sid].value = category

    def clear(self) -> None:
        """Take every sentence out of its category."""
        for menu in self._menus.values():
            menu.value = None

    def to_frame(self) -> pd.DataFrame:
        """The sentences and the learner's choices.

        Columns: sentence_id, text, category (None where not sorted yet).
        """
        rows = [
            {"sentence_id": sid, "text": text, "category": self.value.get(sid)} for sid, text in self.items
        ]
        return pd.DataFrame(rows, columns=FRAME_COLUMNS)

    # -- internals -----------------------------------------------------------------------------
    def _apply(self, stored: Any) -> None:
        if not isinstance(stored, dict):
            return
        for sid, category in stored.items():
            if str(sid) in self._menus and category in self.categories:
                self._menus[str(sid)].value = category
        self.value = {sid: m.value for sid, m in self._menus.items() if m.value is not None}

    def _from_menus(self, _change: dict[str, Any]) -> None:
        self.value = {sid: m.value for sid, m in self._menus.items() if m.value is not None}
        if not self._loading:
            self._recorder.record(dict(self.value))
            self._show_status()

    def _show_status(self) -> None:
        done, total = len(self.value), len(self.items)
        text = f"Sorted {done} of {total}." + (" All done: your answer is saved." if done == total else "")
        if self._recorder.last_error:
            text += " " + self._recorder.last_error
        self._status.value = f"<p role='status'>{html.escape(text)}</p>"
