"""Rules for highlight spans on an article: pure logic, no widgets and no I/O.

A span is valid when it is inside the text, not empty or reversed, has a known label, and lies
inside one block (title, heading or paragraph), never in the blank gap between blocks.
The same place with the same label is kept once (the note of the newest copy wins).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kit.errors import AnswerError
from kit.segment import WORD as WORD_RE  # the kit's one word tokenizer
from kit.spans import Span

MAX_LABELS = 9  # number keys 1..9 pick a label
MAX_NOTE = 500


@dataclass(frozen=True)
class BlockRange:
    """The part of the widget's view of a block it needs: where it is and what it is."""

    id: str
    kind: str
    start: int
    end: int


def block_ranges(article: Any) -> list[BlockRange]:
    """Blocks of an article (anything with ``.blocks`` of id/kind/start/end), in reading order."""
    return [BlockRange(str(b.id), str(b.kind), int(b.start), int(b.end)) for b in article.blocks]


def check_labels(labels: Sequence[str]) -> list[str]:
    """Labels must be 1..9 different, non-empty texts (number keys 1-9 pick them)."""
    if isinstance(labels, str):
        raise AnswerError(
            f"labels should be a list of texts, like ['loaded', 'neutral'], not one text {labels!r}."
        )
    out = [str(x).strip() if isinstance(x, str) else x for x in labels]
    if not out:
        raise AnswerError("A highlighter needs at least one label, like ['loaded'].")
    if len(out) > MAX_LABELS:
        raise AnswerError(f"A highlighter can have at most {MAX_LABELS} labels (keys 1-9); got {len(out)}.")
    for label in out:
        if not isinstance(label, str) or not label:
            raise AnswerError(f"Each label must be a short, non-empty text; got {label!r}.")
    if len(set(out)) != len(out):
        raise AnswerError(f"Each label must be different; got {out}.")
    return out


def block_of(blocks: Sequence[BlockRange], start: int, end: int) -> BlockRange | None:
    """The block that holds all of text[start:end], or None."""
    for block in blocks:
        if block.start <= start and end <= block.end:
            return block
    return None


def validate_span(span: Any, text: str, blocks: Sequence[BlockRange], labels: Sequence[str]) -> Span:
    """Return a clean Span or raise AnswerError saying, in plain words, what is wrong."""
    if not isinstance(span, Span):
        span = Span.from_dict(span)
    n = len(text)
    if span.start < 0 or span.end > n:
        raise AnswerError(
            f"A highlight at {span.start}-{span.end} is outside the article (it has {n} characters)."
        )
    if span.end < span.start:
        raise AnswerError(f"A highlight ends ({span.end}) before it starts ({span.start}).")
    if span.end == span.start:
        raise AnswerError(f"A highlight at {span.start} is empty: select at least one word.")
    if span.label not in labels:
        raise AnswerError(
            f"The label {span.label!r} is not one of this question's labels: {', '.join(labels)}."
        )
    if not text[span.start : span.end].strip():
        raise AnswerError(f"A highlight at {span.start}-{span.end} holds only blank space.")
    if blocks and block_of(blocks, span.start, span.end) is None:
        raise AnswerError(
            f"A highlight at {span.start}-{span.end} runs outside one paragraph or heading. "
            "Mark each part on its own."
        )
    note = span.note.strip()
    if len(note) > MAX_NOTE:
        raise AnswerError(f"A note can be at most {MAX_NOTE} characters; this one has {len(note)}.")
    if note != span.note:
        span = Span(span.start, span.end, span.label, note)
    return span


def normalize(spans: Iterable[Span]) -> list[Span]:
    """Sorted by place, each (start, end, label) once; a later copy's note wins."""
    by_key: dict[tuple[int, int, str], Span] = {}
    for span in spans:
        by_key[span.key()] = span
    return sorted(by_key.values(), key=lambda s: (s.start, s.end, s.label))


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a selection to whole words (a part of a word becomes the whole word); trims blanks."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    for match in WORD_RE.finditer(text):
        if match.start() < start < match.end():
            start = match.start()
        if match.start() < end < match.end():
            end = match.end()
        if match.start() >= end:
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def words_in(text: str, start: int, end: int) -> set[tuple[int, int]]:
    """The words (as their offsets) that overlap text[start:end]."""
    return {(m.start(), m.end()) for m in WORD_RE.finditer(text) if m.start() < end and m.end() > start}
