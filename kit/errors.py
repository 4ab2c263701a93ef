"""Errors the kit raises on purpose, with messages a learner can act on."""

from __future__ import annotations


class KitError(Exception):
    """Base class: something the user can fix. The message says what happened and what to do."""


class ArticleError(KitError):
    """An article file or text could not be loaded (missing, empty, binary, too large ...)."""


class AnswerError(KitError):
    """An answer (a span, a choice, a stored answer file) is not valid."""


class NotebookError(KitError):
    """A notebook file could not be read as a notebook."""


class GradingError(KitError):
    """A grading run cannot go on (for example: no key found)."""
