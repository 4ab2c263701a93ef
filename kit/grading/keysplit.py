"""Which part of an automatic key self-check may use (public) and which only the teacher holds (hidden).

A learner's copy holds hashes of the public part only, so hashing every phrase of the article
rebuilds at most that part (docs/ANSWERS.md, "What your copy can tell you"). Authors choose the
public part (docs/AUTHORING.md); where they do not, the default share below applies.
A self-study copy (``medialit build --self-study``) has no hidden part and carries the key in plain
form, shown once the learner has tried.
"""

from __future__ import annotations

from typing import Any

GRADED_LATER = "Your teacher checks more when grading, so this is not your score."


def public_passages(items: list[Any]) -> list[bool]:
    """For each highlight key item: may self-check use it?

    If any item sets ``public`` (True or False), exactly the items with ``public=True`` are public.
    Otherwise the default share: the first *required* passage of each label, in key order.
    """
    if any(getattr(item, "public", None) is not None for item in items):
        return [getattr(item, "public", None) is True for item in items]
    seen: set[str] = set()
    flags = []
    for item in items:
        label, status = item[1], getattr(item, "status", "required")
        first = status == "required" and label not in seen
        if first:
            seen.add(label)
        flags.append(first)
    return flags


def value_public(meta: dict[str, Any]) -> bool:
    """A choice, sort or literal key is public (self-check gives a verdict) only when the author says so."""
    return meta.get("public") is True


def reveal_values(key: Any, meta: dict[str, Any]) -> dict[str, Any]:
    """The plain key a self-study copy shows after an attempt: the answer and the author's reason."""
    feedback = meta.get("feedback")
    why = feedback.get("right", "") if isinstance(feedback, dict) else ""
    return {"answer": key, "why": why if isinstance(why, str) else ""}
