"""Practice texts written by the medialit-kit team (see README.md): each says so on its first line.

``load(name)`` gives an Article ("opposite_side" or "news_rewrite"); ``key_spans(name, article)``
gives its key as Spans, found in the text (a phrase that is missing raises, so a key cannot drift).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from kit.errors import KitError
from kit.spans import Span

NAMES = ("opposite_side", "news_rewrite")


def _file(name: str, suffix: str) -> Any:
    if name not in NAMES:
        raise KitError(f"There is no practice text called {name!r}. Use one of: {', '.join(NAMES)}.")
    return resources.files("kit.practice").joinpath(f"{name}{suffix}")


def text(name: str) -> str:
    """The practice text exactly as written (its first line says who wrote it)."""
    return _file(name, ".txt").read_text(encoding="utf-8")


def load(name: str) -> Any:
    """The practice text as an Article (the kit's article model)."""
    from kit.article import Article

    return Article.from_text(text(name))


def key_spans(name: str, article: Any) -> list[Span]:
    """The practice text's key as Spans in ``article`` (from ``load(name)``)."""
    raw = json.loads(_file(name, ".key.json").read_text(encoding="utf-8"))
    spans = []
    for item in raw["passages"]:
        phrase, label = item[0], item[1]
        occurrence = item[2] if len(item) > 2 else 1
        places = article.find(phrase)
        if len(places) < occurrence:
            raise KitError(f"practice key {name}: {phrase!r} is not in the text (occurrence {occurrence}).")
        start, end = places[occurrence - 1]
        spans.append(Span(int(start), int(end), label))
    return spans
