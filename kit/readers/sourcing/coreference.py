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
    """Link pronouns, role phrases and short names to the earlier speaker they continue (in place)."""
    for i, row in enumerate(rows):
        row["refers_to"] = None
        row["resolved_source"] = row["source"]
        kind = row["kind"]
        if kind not in {"pronoun", "role", "surname", "named_person"}:
            continue
        target = None
        word = row["source"].lower()
        earlier = list(range(i - 1, -1, -1))
        if kind == "named_person" and len(row["source"].split()) >= 2:
            continue
        if kind in {"surname", "named_person"}:
            name = _clean_token(row["source"])
            target = next(
                (
                    j
                    for j in earlier
                    if rows[j]["kind"] == "named_person"
                    and rows[j]["resolved_source"].split()[-1:] == [name]
                    and j != i
                ),
                None,
            )
        elif kind == "pronoun" and word in {"he", "she", "him", "her"}:
            target = next((j for j in earlier if rows[j]["kind"] in {"named_person", "anonymous"}), None)
        elif kind == "pronoun":
            target = earlier[0] if earlier else None
        elif kind == "role":
            role = _head_words(row["source"])[-1]
            target = next(
                (
                    j
                    for j in earlier
                    if rows[j]["kind"] in {"named_person", "anonymous"}
                    and role in (rows[j]["affiliation"] + " " + rows[j]["source"]).lower()
                ),
                None,
            )
            if target is None:
                target = next((j for j in earlier if rows[j]["kind"] in {"named_person", "anonymous"}), None)
        if target is None:
            if kind == "surname":
                row["kind"], row["_reason"] = "named_person", f"'{row['source']}' looks like a person's name"
            elif kind == "role":
                public = _head_words(row["source"])[-1] in lex.government_roles
                row["kind"] = "government" if public else "anonymous"
                row["_reason"] = f"'{row['source']}' is one person, named only by their role" + (
                    ", a public office" if public else ""
                )
            elif kind != "named_person":
                row["kind"] = "vague"
                row["_reason"] += ", but no earlier speaker is named, so we cannot tell who"
            continue
        ante = rows[target]
        row["refers_to"] = target
        row["resolved_source"] = ante["resolved_source"]
        row["kind"] = ante["kind"]
        row["_reason"] = f"'{row['source']}' continues an earlier speaker: {ante['resolved_source']}"


def _why(row: dict[str, Any], lex: _Lexicon) -> str:
    """Two short sentences: who the speaker is, and what the cue word does to the claim."""
    framing = lex.framings.get(row["cue_framing"], "")
    reason = row["_reason"]
    return f"{reason[:1].upper()}{reason[1:]}. The word '{row['cue']}' {framing}."
