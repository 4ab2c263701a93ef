"""The one error new-lesson raises for things the teacher can fix."""

from __future__ import annotations

from kit.errors import KitError


class NewLessonError(KitError):
    """A lesson could not be drafted from the article (bad file, bad name, folder already there)."""
