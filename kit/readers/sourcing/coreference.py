"""Sourcing reader, part 5: linking "he", "the official" and short names to the speaker they continue."""

from __future__ import annotations

from typing import Any

from kit.readers.sourcing.lexicon import (
    _Lexicon,
)
from kit.readers.sourcing.speakers import (
    _head_words,
)
from kit.readers.sourcing.text import (
    _clean_token,
)


def _resolve(rows: list[dict[str, Any]], lex: _Lexicon) -> None:
    """Link pronouns, role phrases and short names to the earlier speaker they continue (in place).

    Rows are settled in order, so an earlier row never changes again: the latest named person per
    surname and the list of people so far are kept as the rows go by, instead of walking back over
    every earlier row for each pronoun (that made a long text's reading time grow with its square).
    """
    by_surname: dict[str, int] = {}  # last word of a named person's resolved name -> latest such row
    people: list[int] = []  # rows whose kind is named_person or anonymous, in order
    for i, row in enumerate(rows):
        _resolve_row(i, rows, by_surname, people, lex)
        if row["kind"] in {"named_person", "anonymous"}:
            people.append(i)
            last = row["resolved_source"].split()[-1:]
            if row["kind"] == "named_person" and last:
                by_surname[last[0]] = i


def _resolve_row(
    i: int, rows: list[dict[str, Any]], by_surname: dict[str, int], people: list[int], lex: _Lexicon
) -> None:
    """Settle row ``i`` (see :func:`_resolve`): which earlier row it continues, if any."""
    row = rows[i]
    row["refers_to"] = None
    row["resolved_source"] = row["_name"]
    kind = row["kind"]
    if kind not in {"pronoun", "role", "surname", "named_person"}:
        return
    target = None
    word = row["_name"].lower()
    if kind == "named_person" and len(row["_name"].split()) >= 2:
        return
    if kind in {"surname", "named_person"}:
        target = by_surname.get(_clean_token(row["_name"]))
    elif kind == "pronoun" and word in {"he", "she", "him", "her"}:
        target = people[-1] if people else None
    elif kind == "pronoun":
        target = i - 1 if i else None
    elif kind == "role":
        role = _head_words(row["_name"])[-1]
        target = next(
            (
                j
                for j in reversed(people)
                if role in (rows[j]["affiliation"] + " " + rows[j]["source"]).lower()
            ),
            None,
        )
        if target is None:
            target = people[-1] if people else None
    if target is None:
        if kind == "surname":
            row["kind"], row["_reason"] = "named_person", f"'{row['_name']}' looks like a person's name"
        elif kind == "role":
            public = _head_words(row["_name"])[-1] in lex.government_roles
            row["kind"] = "government" if public else "anonymous"
            row["_reason"] = f"'{row['_name']}' is one person, named only by their role" + (
                ", a public office" if public else ""
            )
        elif kind != "named_person":
            row["kind"] = "vague"
            row["_reason"] += ", but no earlier speaker is named, so we cannot tell who"
        return
    ante = rows[target]
    row["refers_to"] = target
    row["resolved_source"] = ante["resolved_source"]
    row["kind"] = ante["kind"]
    row["_reason"] = f"'{row['_name']}' continues an earlier speaker: {ante['resolved_source']}"


def _why(row: dict[str, Any], lex: _Lexicon) -> str:
    """Two short sentences: who the speaker is, and what the cue word does to the claim."""
    framing = lex.framings.get(row["cue_framing"], "")
    reason = row["_reason"]
    return f"{reason[:1].upper()}{reason[1:]}. The word '{row['cue']}' {framing}."
