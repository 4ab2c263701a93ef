"""The loaded-language rules: the lexicon file (kit/readers/data/loaded_language.json), checked and built.

Kept apart from language.py, which matches these rules against an article: this module is the only one
that reads the file, checks what its JSON schema cannot (categories, sources, named contexts, terms
that compile) and builds the patterns once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from kit.readers.data_files import ReaderDataError, load_data
from kit.readers.terms import TermIndex, literal_prefixes, term_regex

_DATA_FILE = "loaded_language.json"


@dataclass(frozen=True)
class _Rule:
    entry: str
    category: str
    pattern: re.Pattern[str]
    neutral: str
    why: str
    source: str
    unless_before: tuple[re.Pattern[str], ...]
    unless_after: tuple[re.Pattern[str], ...]
    when_before: tuple[re.Pattern[str], ...]  # if given, one must match (the context that makes it loaded)
    when_after: tuple[re.Pattern[str], ...]
    prefixes: tuple[str, ...]  # the literal start of each term, lower case ("" if it has none)


class LexiconError(ReaderDataError):
    """The bundled lexicon file is broken (a developer error, reported in plain words)."""


@functools.cache
def lexicon() -> dict[str, Any]:
    """The parsed lexicon file (cached). Raises LexiconError with the entry at fault if it is malformed."""
    return load_data(_DATA_FILE, check=_validate)


def _validate(data: dict[str, Any]) -> None:
    """What the schema cannot say: categories, sources and named contexts that exist, terms that compile."""
    for group in data["groups"]:
        gid = group.get("id", "?")
        if group.get("category") not in data["categories"]:
            raise LexiconError(_DATA_FILE, f"group {gid!r}", f"unknown category {group.get('category')!r}")
        for source in group["provenance"]:
            if source not in data["sources"]:
                problem = f"cites {source!r}, which is not in 'sources'"
                raise LexiconError(_DATA_FILE, f"group {gid!r}", problem)
        for entry in group.get("entries", []):
            try:
                _compiled(_entry_pattern(entry))  # the rule's own pattern: compiled once, for this and _rules
            except (re.error, ValueError):
                for term in entry["terms"]:  # only on failure: name the term at fault
                    try:
                        re.compile(term_regex(term))
                    except (re.error, ValueError) as err:
                        problem = f"the term {term!r} cannot be read: {err}"
                        raise LexiconError(_DATA_FILE, f"entry {entry.get('id', '?')!r}", problem) from None
                raise  # not reached: terms hold no groups, so terms that compile alone compile joined
            for key in ("unless_before", "unless_after", "when_before", "when_after"):
                _contexts(data, entry, key)  # every "@name" it uses is defined


def _contexts(data: dict, entry: dict, key: str) -> tuple[re.Pattern[str], ...]:
    """An entry's context patterns; an item "@name" is the shared one called name under "contexts"."""
    patterns = []
    for item in entry.get(key, []):
        if item.startswith("@"):
            if item[1:] not in data.get("contexts", {}):
                problem = f"{key} names {item!r}, but no context of that name is defined under contexts"
                raise LexiconError(_DATA_FILE, f"entry {entry.get('id', '?')!r}", problem)
            item = data["contexts"][item[1:]]
        patterns.append(_compiled(item))
    return tuple(patterns)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """One compile per pattern, shared by the check and the rules (re's own cache holds 512, too few)."""
    return re.compile(pattern, re.IGNORECASE)


def _entry_pattern(entry: dict) -> str:
    """An entry's terms as one pattern, longest choice first as written (see terms.term_regex)."""
    return "|".join(f"(?:{term_regex(t)})" for t in entry["terms"])


@functools.cache
def _rules() -> tuple[_Rule, ...]:
    data = lexicon()
    rules = []
    for group in data["groups"]:
        source = "; ".join(data["sources"][key]["short"] for key in group["provenance"])
        for entry in group["entries"]:
            rules.append(_Rule(
                entry=entry["id"],
                category=group["category"],
                pattern=_compiled(_entry_pattern(entry)),
                neutral=entry.get("neutral", ""),
                why=entry["why"],
                source=source,
                unless_before=_contexts(data, entry, "unless_before"),
                unless_after=_contexts(data, entry, "unless_after"),
                when_before=_contexts(data, entry, "when_before"),
                when_after=_contexts(data, entry, "when_after"),
                prefixes=tuple(p for t in entry["terms"] for p in literal_prefixes(t)),
            ))
    return tuple(rules)


@functools.cache
def _rule_index() -> tuple[TermIndex, tuple[re.Pattern[str], ...]]:
    """The rules indexed by the first letters of their terms, and their patterns (built once)."""
    rules = _rules()
    return TermIndex(tuple(rule.prefixes for rule in rules)), tuple(rule.pattern for rule in rules)


def _matches(text: str) -> list[tuple[int, re.Match[str]]]:
    """(rule number, match) for every rule, in rule order, as ``rule.pattern.finditer(text)`` would give."""
    index, patterns = _rule_index()
    return index.matches(text, patterns)
