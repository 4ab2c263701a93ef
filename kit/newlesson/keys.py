"""Exact spans to key items that ``medialit build`` resolves back to the same place (pure, no I/O).

A highlight key names a passage by its words and their occurrence number, counted the way
``Article.find`` counts; both sides look phrases up in one :class:`kit.phrases.PhraseIndex` per article.
"""

from __future__ import annotations

from typing import Any

from kit.phrases import index_for
from kit.spans import Span

__all__ = ["key_block", "spans_to_key"]


def spans_to_key(article: Any, spans: list[Span]) -> list[tuple[str, str, int]]:
    """Turn exact spans into a highlight key: ``(phrase, label, occurrence)`` as docs/AUTHORING.md wants.

    The occurrence is counted the way ``medialit build`` finds phrases (``article.find``), so the key
    resolves back to the same place. A span that ``find`` cannot reach is left out.
    """
    key: list[tuple[str, str, int]] = []
    seen: set[tuple[int, int, str]] = set()
    index = index_for(article)
    for span in sorted(spans, key=lambda s: (s.start, s.end, s.label)):
        if (span.start, span.end, span.label) in seen:
            continue
        seen.add((span.start, span.end, span.label))
        named = index.occurrence(span.start, span.end)
        if named is not None:
            key.append((named[0], span.label, named[1]))
    return key


def key_block(key: list[Any]) -> str:
    """The key as the Python literal written between the SOLUTION markers: one item per line.

    Items are ``(phrase, label, n)`` tuples or key dicts; a dict may carry ``"#"``, a comment written
    after the item (the draft's confidence), which ``ast.literal_eval`` ignores.
    """
    lines = ["["]
    for item in key:
        if isinstance(item, dict):
            item = dict(item)
            comment = item.pop("#", "")
            lines.append(f"    {item!r}," + (f"  # {comment}" if comment else ""))
        else:
            phrase, label, n = item
            lines.append(f"    ({phrase!r}, {label!r}, {n}),")
    return "\n".join(lines + ["]"])
