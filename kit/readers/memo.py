"""Remember a reader's last results for the same Article, so one lesson run reads a text once.

``new-lesson``, the overview and the claims reader (which asks the sourcing reader which sentences are
attributed) each call the readers on the same article; without this a 2 MB article was read three
times over. A result is reused only for the very same Article object whose text has not changed, and
callers get a copy, so changing a returned table never changes the next one. Benchmarks time
each reader after :func:`clear_all`, so they measure real reading.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_SIZE = 8  # articles remembered per reader
_CACHES: list[dict[int, Any]] = []


def clear_all() -> None:
    """Forget every remembered result (benchmarks call this so that each run really reads)."""
    for cache in _CACHES:
        cache.clear()


def per_article(func: F) -> F:
    cache: dict[int, tuple[weakref.ref[Any], int, Any]] = {}
    _CACHES.append(cache)

    @functools.wraps(func)
    def wrapper(text_or_article: Any) -> Any:
        from kit.article import Article

        if not isinstance(text_or_article, Article):
            return func(text_or_article)
        key, text_hash = id(text_or_article), hash(text_or_article.text)
        hit = cache.get(key)
        if hit is not None and hit[0]() is text_or_article and hit[1] == text_hash:
            return hit[2].copy()
        result = func(text_or_article)
        cache.pop(key, None)
        while len(cache) >= _SIZE:
            cache.pop(next(iter(cache)))
        cache[key] = (weakref.ref(text_or_article), text_hash, result)
        return result.copy()

    return wrapper  # type: ignore[return-value]
