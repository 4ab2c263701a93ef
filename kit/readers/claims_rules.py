"""The rule file of kit.find_claims (``kit/readers/data/claims.json``), loaded and compiled once.

Kept apart from the reader (kit/readers/claims.py) so that each module has one job: this one turns the
JSON rules into compiled patterns and tells, for each pattern, which plain strings a match needs (see
kit.readers.literals); the reader applies them to sentences.

A pattern may name exceptions (the rule file's top-level "exceptions"): sentence structures in which
its word is not what it usually is, such as a 'will' that states a plan with concrete details rather
than a guess about the future. An exception that holds sets the cue aside: it no longer decides the
kind ("yield": a hedge word still marks the sentence hedged; "drop": it is not even a hedge), and its
"why" is shown to the learner. :meth:`_Exception.holds` checks one cue against one exception;
:func:`first_holding` and :func:`set_aside_late` apply a pattern's exceptions for the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kit.readers.data_files import load_data
from kit.readers.literals import needed, starts_with_needed

__all__ = ["_compile_rules", "_rules", "first_holding", "set_aside_late"]


@dataclass(frozen=True)
class _Exception:
    """When a cue does not count (see the module docstring). Every condition given must hold."""

    id: str
    why: str
    drop: bool  # effect "drop": not even a hedge; "yield": a hedge word still marks the sentence hedged
    cue: re.Pattern[str] | None  # searched in the cue's own words
    before: re.Pattern[str] | None  # searched in the text before the cue (so "$" is where the cue starts)
    after: re.Pattern[str] | None  # matched right where the cue ends
    anywhere: re.Pattern[str] | None  # searched in the whole sentence ("if" in the rule file)
    not_if: re.Pattern[str] | None  # searched in the whole sentence: if it is found, the exception fails
    with_groups: frozenset[str]  # one of these groups found a cue in the sentence (before any such exception)

    def holds(self, text: str, start: int, end: int, fired: frozenset[str] | None) -> bool:
        """Whether the cue text[start:end] is set aside; ``fired``: the groups that found a cue, or None
        while they are not yet known (then an exception that needs them does not hold)."""
        if self.with_groups and (fired is None or not self.with_groups & fired):
            return False
        return (
            (self.cue is None or self.cue.search(text[start:end]) is not None)
            and (self.before is None or self.before.search(text, 0, start) is not None)
            and (self.after is None or self.after.match(text, end) is not None)
            and (self.anywhere is None or self.anywhere.search(text) is not None)
            and (self.not_if is None or self.not_if.search(text) is None)
        )


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    unless: re.Pattern[str] | None
    unless_match: re.Pattern[str] | None
    exceptions: tuple[_Exception, ...] = ()  # in order: the first that holds sets the cue aside
    late: bool = False  # an exception needs to know which groups fired (checked after all the cues)
    starts: bool = False  # every match starts with one of its needed strings (literals.starts_with_needed)


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
    name_groups: frozenset[int]  # the numbers of the groups that find names, not patterns (proper_nouns)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """Load and compile the rule file once per process."""
    return _compile_rules(load_data("claims.json"))


def _maybe(raw: dict[str, Any], key: str) -> re.Pattern[str] | None:
    return _compile(raw[key]) if raw.get(key) else None


def _compile_exceptions(raw: dict[str, Any]) -> dict[str, _Exception]:
    return {
        name: _Exception(
            id=name,
            why=e["why"],
            drop=e["effect"] == "drop",
            cue=_maybe(e, "cue"),
            before=_maybe(e, "before"),
            after=_maybe(e, "after"),
            anywhere=_maybe(e, "if"),
            not_if=_maybe(e, "not_if"),
            with_groups=frozenset(e.get("with", ())),
        )
        for name, e in raw.get("exceptions", {}).items()
    }


def _check(raw: dict[str, Any]) -> None:
    """What the schema cannot say: every exception a pattern names exists, every group it names too."""
    from kit.readers.data_files import ReaderDataError

    known = set(raw.get("exceptions", {}))
    group_ids = {g["id"] for g in raw["groups"]}
    for name, e in raw.get("exceptions", {}).items():
        for gid in e.get("with", ()):
            if gid not in group_ids:
                problem = f"no group has the id {gid!r}"
                raise ReaderDataError("claims.json", f"exceptions.{name}.with", problem)
    for g in raw["groups"]:
        for number, p in enumerate(g["patterns"]):
            for name in p.get("exceptions", ()):
                if name not in known:
                    where = f"groups (entry {g['id']!r}) > patterns[{number}] > exceptions"
                    raise ReaderDataError("claims.json", where, f"no exception is called {name!r}")


def _compile_rules(raw: dict[str, Any]) -> _Rules:
    """Compile the content of a rule file (tests compile made-up rule sets with it)."""
    _check(raw)
    exceptions = _compile_exceptions(raw)
    groups = []
    needs: list[tuple[str, ...] | None] = []
    for g in raw["groups"]:
        pats = []
        for p in g["patterns"]:
            # a proper-noun group finds names, not its patterns: () means "never worth trying"
            needs.append(() if g.get("proper_nouns") else needed(p["re"]))
            named = tuple(exceptions[name] for name in p.get("exceptions", ()))
            pats.append(
                _Pattern(
                    _compile(p["re"]),
                    _maybe(p, "unless"),
                    _maybe(p, "unless_match"),
                    named,
                    any(e.with_groups for e in named),
                    starts_with_needed(p["re"]),
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
        name_groups=frozenset(number for number, g in enumerate(groups) if g.proper_nouns),
    )


def first_holding(
    pat: _Pattern, text: str, span: tuple[int, int], fired: frozenset[str] | None
) -> _Exception | None:
    """The first of the pattern's exceptions that sets this cue aside, or None."""
    for exception in pat.exceptions:
        if exception.holds(text, span[0], span[1], fired):
            return exception
    return None


def set_aside_late(
    text: str,
    late: list[tuple[int, tuple[int, int], _Pattern]],
    fired: dict[str, list[tuple[int, int]]],
    aside: list[tuple[int, tuple[int, int], _Exception]],
    groups: tuple[_Group, ...],
) -> None:
    """Apply the exceptions that depend on which groups found a cue (all seeing the same groups, found
    before any of them applied); the cues they set aside leave ``fired`` and join ``aside``."""
    seen = frozenset(fired)
    for number, span, pat in late:
        exception = first_holding(pat, text, span, seen)
        if exception is None:
            continue
        aside.append((number, span, exception))
        gid = groups[number].id
        if gid not in fired:
            continue  # two patterns of the group found the same span: the first took it out already
        fired[gid] = [sp for sp in fired[gid] if sp != span]
        if not fired[gid]:
            del fired[gid]
