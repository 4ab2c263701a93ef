"""medialit-kit: helpers for the media-literacy notebooks.

Names are imported lazily so that ``import kit`` stays fast in a classroom kernel and so that a
learner who only reads an article never pays for widgets or grading code.
"""

from __future__ import annotations

import importlib
from typing import Any

from kit.errors import AnswerError, ArticleError, GradingError, KitError, NotebookError
from kit.spans import Span

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "Article": "kit.article",
    "load_article": "kit.article",
    "Highlighter": "kit.widgets.highlighter",
    "Choice": "kit.widgets.choice",
    "Sorter": "kit.widgets.sorter",
    "SearchLog": "kit.widgets.searchlog",
    "glossary": "kit.context",
    "fact_cards": "kit.context",
    "page_evidence": "kit.context",
    "show_card": "kit.context",
    "compare": "kit.widgets.compare",
    "answers_from_notebook": "kit.answers",
    "check": "kit.selfcheck",
    "find_sources": "kit.readers.sourcing",
    "unsourced_claims": "kit.readers.sourcing",
    "voices_summary": "kit.readers.sourcing",
    "find_loaded_language": "kit.readers.language",
    "readability": "kit.readers.readability",
    "find_claims": "kit.readers.claims",
    "show_error": "kit.friendly",
}

# submodules reachable as attributes without their own import, e.g. kit.friendly.install()
_SUBMODULES = ("friendly", "overview", "report", "practice")

__all__ = [
    "AnswerError",
    "ArticleError",
    "GradingError",
    "KitError",
    "NotebookError",
    "Span",
    "__version__",
    *sorted(_LAZY),
]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"kit.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
