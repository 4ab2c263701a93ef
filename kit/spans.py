"""The one span type shared by readers, widgets, answers and grading."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from kit.errors import AnswerError


@dataclass(frozen=True, order=True)
class Span:
    """A labelled stretch of an article: ``article.text[start:end]``.

    ``note`` is the learner's optional "why I marked this"; it is not part of identity
    for de-duplication (see :func:`same_place`).
    """

    start: int
    end: int
    label: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Span:
        """Build a Span from a JSON-like dict, raising AnswerError with a plain message if it is bad."""
        if not isinstance(data, dict):
            raise AnswerError(f"A highlight should be a record with start, end and label, got {data!r}.")
        try:
            start, end, label = data["start"], data["end"], data["label"]
        except KeyError as missing:
            raise AnswerError(f"A highlight is missing its {missing.args[0]!r} part: {data!r}.") from None
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            raise AnswerError(f"A highlight's start and end must be whole numbers: {data!r}.")
        if not isinstance(label, str):
            raise AnswerError(f"A highlight's label must be text: {data!r}.")
        note = data.get("note") or ""
        return cls(start, end, label, str(note))

    def key(self) -> tuple[int, int, str]:
        """Identity used to keep the same span with the same label from being stored twice."""
        return (self.start, self.end, self.label)
