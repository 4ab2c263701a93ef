"""``Choice``: a multiple-choice answer (radio buttons, or checkboxes with ``multiple=True``).

Built from ipywidgets, so it has no JS or CSS of its own. Like the highlighter, every change is
saved at once to the answers store and shown in the notebook output (see kit.answers).
"""

from __future__ import annotations

import os
from typing import Any

import ipywidgets as widgets
import traitlets

from kit.answers import AnswerRecorder, AnswerStore, AnswerWidgetMixin
from kit.errors import AnswerError


class Choice(AnswerWidgetMixin, widgets.VBox):
    """Pick one option (radio buttons) or several (checkboxes, ``multiple=True``).

    ``value`` is the chosen option (a str, or None) or, with ``multiple=True``, a list of the
    chosen options in the order given. The answer payload has kind ``"choice"``.
    """

    _recorder: AnswerRecorder  # always set in __init__ (the mixin allows None for other widgets)

    value = traitlets.Any(None)

    def __init__(
        self,
        question_id: str,
        options: list[str],
        multiple: bool = False,
        *,
        prompt: str = "",
        notebook: str | None = None,
        store: AnswerStore | str | os.PathLike[str] | None = None,
    ) -> None:
        opts = [str(o) for o in options] if isinstance(options, (list, tuple)) else None
        if not opts:
            raise AnswerError(f"Choice '{question_id}' needs a list of options, like ['yes', 'no'].")
        if len(set(opts)) != len(opts):
            raise AnswerError(f"Choice '{question_id}' has the same option twice: {opts}.")
        self.options = opts
        self.multiple = bool(multiple)
        self._loading = True
        self._recorder = AnswerRecorder(question_id, "choice", notebook=notebook, store=store)
        label = prompt or ("Choose all that apply:" if multiple else "Choose one:")
        if self.multiple:
            self._boxes = [widgets.Checkbox(value=False, description=o, indent=False) for o in opts]
            for box in self._boxes:
                box.observe(self._from_boxes, names="value")
            inner: list[widgets.Widget] = list(self._boxes)
        else:
            self._radio = widgets.RadioButtons(
                options=opts, value=None, description="", layout={"width": "max-content"}
            )
            self._radio.observe(self._from_radio, names="value")
            inner = [self._radio]
        self._status = widgets.HTML("")
        super().__init__([widgets.Label(label), *inner, self._status])
        if self.multiple:
            self.value = []
        stored = self._recorder.restore()
        if stored is not None:
            self._apply_stored(stored.get("value"))
        self._loading = False

    @property
    def question_id(self) -> str:
        return self._recorder.question_id

    @property
    def payload(self) -> dict[str, Any]:
        """The answer payload last saved."""
        return self._recorder.payload

    def _apply_stored(self, value: Any) -> None:
        if self.multiple and isinstance(value, list) and all(v in self.options for v in value):
            for box in self._boxes:
                box.value = box.description in value
        elif not self.multiple and (value is None or value in self.options):
            self._radio.value = value

    def _from_radio(self, change: traitlets.Bunch) -> None:
        self.value = change["new"]

    def _from_boxes(self, _change: traitlets.Bunch) -> None:
        self.value = [b.description for b in self._boxes if b.value]

    @traitlets.validate("value")
    def _check_value(self, proposal: traitlets.Bunch) -> Any:
        value = proposal["value"]
        if self.multiple:
            if value is None:
                return []
            if not isinstance(value, (list, tuple)) or any(v not in self.options for v in value):
                raise AnswerError(f"Choose from {self.options}; got {value!r}.")
            return [o for o in self.options if o in value]
        if value is not None and value not in self.options:
            raise AnswerError(f"Choose one of {self.options}; got {value!r}.")
        return value

    @traitlets.observe("value")
    def _value_changed(self, change: traitlets.Bunch) -> None:
        new = change["new"]
        if self.multiple:
            for box in self._boxes:
                if box.value != (box.description in new):
                    box.value = box.description in new
        elif self._radio.value != new:
            self._radio.value = new
        if self._loading:
            self._recorder.payload = {**self._recorder.payload, "value": new}
            return
        self._recorder.record(new)
        self._status.value = self._recorder.last_error
