"""The rule file of kit.find_claims (``kit/readers/data/claims.json``), loaded and compiled once.

Kept apart from the reader (kit/readers/claims.py) so that each module has one job: this one turns the
JSON rules into compiled patterns and tells, for each pattern, which plain strings a match needs (see
kit.readers.literals); the reader applies them to sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kit.readers.data_files import load_data
from kit.readers.literals import needed

__all__ = ["_compile_rules", "_rules"]


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    unless: re.Pattern[str] | None
    unless_match: re.Pattern[str] | None


@dataclass(frozen=True)
class _Group:
    id: str
    kind: str
    strength: str
    label: str
    why: str
    check_with: str
    hedge: bool
    proper_nouns: bool
    patterns: tuple[_Pattern, ...]


@dataclass(frozen=True)
class _Rules:
    groups: tuple[_Group, ...]
    presup: tuple[tuple[re.Pattern[str], str], ...]
    presup_why: str
    question: dict[str, Any]
    rhetorical: re.Pattern[str]
    other: dict[str, str]
    attributed_note: str
    stoplist: frozenset[str]
    # Every pattern has a key: its place among the cue patterns (group by group), then the presuppositions.
    needs: tuple[tuple[str, ...] | None, ...]  # by key: what a match needs (kit.readers.literals.needed)
    by_id: dict[str, _Group]
    cue_patterns: tuple[tuple[int, _Pattern], ...]  # by key: (group number, pattern)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """Load and compile the rule file once per process."""
    return _compile_rules(load_data("claims.json"))


def _compile_rules(raw: dict[str, Any]) -> _Rules:
    """Compile the content of a rule file (tests compile made-up rule sets with it)."""
    groups = []
    needs: list[tuple[str, ...] | None] = []
    for g in raw["groups"]:
        pats = []
        for p in g["patterns"]:
            # a proper-noun group finds names, not its patterns: () means "never worth trying"
            needs.append(() if g.get("proper_nouns") else needed(p["re"]))
            pats.append(
                _Pattern(
                    _compile(p["re"]),
                    _compile(p["unless"]) if p.get("unless") else None,
                    _compile(p["unless_match"]) if p.get("unless_match") else None,
                )
            )
        groups.append(
            _Group(
                id=g["id"],
                kind=g["kind"],
                strength=g["strength"],
                label=g["label"],
                why=g["why"],
                check_with=g["check_with"],
                hedge=bool(g.get("hedge", False)),
                proper_nouns=bool(g.get("proper_nouns", False)),
                patterns=tuple(pats),
            )
        )
    presup = tuple((_compile(p["re"]), p["note"]) for p in raw["presuppositions"]["patterns"])
    cue_patterns = tuple((number, pat) for number, g in enumerate(groups) for pat in g.patterns)
    needs.extend(needed(p["re"]) for p in raw["presuppositions"]["patterns"])
    return _Rules(
        groups=tuple(groups),
        presup=presup,
        presup_why=raw["presuppositions"]["why"],
        question=raw["question"],
        rhetorical=_compile(raw["question"]["rhetorical_re"]),
        other=raw["other"],
        attributed_note=raw["attributed_note"],
        stoplist=frozenset(raw["proper_noun_stoplist"]),
        needs=tuple(needs),
        by_id={g.id: g for g in groups},
        cue_patterns=cue_patterns,
    )
