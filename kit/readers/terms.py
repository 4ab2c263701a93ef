"""The lexicon's small term language, and a fast way to find many terms in one text.

Used by kit.readers.language. Pure text work: turn a term such as ``claim{,s} that`` into a regular
expression, and try each pattern only where a word starts with one of its literal prefixes, so that a
lexicon of hundreds of entries stays linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kit.readers.literals import matches_at

_LETTERS = r"[^\W\d_]"
_KEY = 3  # patterns are indexed by the first three letters of their terms
_WORD_START = re.compile(r"\b\w")


def term_regex(term: str) -> str:
    """Turn one lexicon term into a regular expression (see 'syntax' in the data file).

    A small pattern language of our own: the entries need stems, explicit endings and
    hyphen/space/apostrophe variants, which a plain word list cannot express. Words of a term may be
    joined by white space or by one hyphen ("fat cat" finds "fat-cat"); a hyphen in a term is only ever a
    hyphen ("would-be" is not "would be").
    """
    words = term.split()
    if not words:
        raise ValueError("the term is empty")
    if any(char in term for char in "()|[]?+\\"):
        raise ValueError("terms are not regular expressions: use {a,b} for endings or choices, * for a stem")
    pieces = []
    for word in words:
        if word == "*":
            pieces.append(r"[\w’'-]+")
            continue
        out: list[str] = []
        i = 0
        while i < len(word):
            char = word[i]
            if char == "{":
                close = word.find("}", i)
                if close == -1:
                    raise ValueError(f"'{{' without '}}' in {word!r}")
                options = word[i + 1:close].split(",")
                out.append("(?:" + "|".join(re.escape(o) for o in options) + ")")
                i = close + 1
                continue
            if char == "*":
                out.append(_LETTERS + ("+" if word[i - 1:i] == "-" else "*"))
            elif char == "-":
                out.append("[-‐‑–]")  # any hyphen; never a space ("would-be" is not "would be")
            elif char in "'’":
                out.append("['’]")
            else:
                out.append(re.escape(char))
            i += 1
        pieces.append("".join(out))
    return r"(?<![\w])" + r"(?:\s+|[-‐‑–])".join(pieces) + r"(?![\w])"


def literal_prefix(term: str) -> str:
    """The letters every match of ``term`` starts with: its first word up to a '{', '*', '-' or apostrophe."""
    first = term.split()[0]
    cut = min([first.find(c) for c in "{*-'’" if c in first] + [len(first)])
    return first[:cut].lower()


def literal_prefixes(term: str) -> tuple[str, ...]:
    """The prefixes one of which starts every match of ``term``: one per choice when the term opens with
    one ('{ram,rushed} through' gives 'ram' and 'rushed'), else its literal_prefix. Without this such a
    term has the empty prefix and its rule is searched over the whole text."""
    first = term.split()[0]
    if first.startswith("{") and "}" in first:
        choices, rest = first[1:].split("}", 1)
        return tuple(literal_prefix(choice + rest) if choice + rest else "" for choice in choices.split(","))
    return (literal_prefix(term),)


class TermIndex:
    """Patterns by the first letters of their terms, to try each one only where it can match.

    ``prefixes[n]`` holds the literal prefixes of pattern n's terms (see literal_prefix); a pattern with
    an empty prefix is scanned over the whole text.
    """

    def __init__(self, prefixes: Sequence[tuple[str, ...]]) -> None:
        index: dict[str, set[int]] = {}
        short: set[tuple[str, int]] = set()
        scan: list[int] = []
        for number, starts in enumerate(prefixes):
            if "" in starts:
                scan.append(number)
                continue
            for prefix in starts:
                if len(prefix) >= _KEY:
                    index.setdefault(prefix[:_KEY], set()).add(number)
                else:
                    short.add((prefix, number))
        by_letter: dict[str, list[tuple[str, int]]] = {}
        for prefix, number in sorted(short):
            by_letter.setdefault(prefix[0], []).append((prefix, number))
        self.index = {k: tuple(sorted(v)) for k, v in index.items()}  # 3-letter key -> patterns
        self.short = {k: tuple(v) for k, v in by_letter.items()}  # first letter -> shorter prefixes
        self.scan = tuple(scan)

    def matches(self, text: str, patterns: Sequence[re.Pattern[str]]) -> list[tuple[int, re.Match[str]]]:
        """(pattern number, match) for every pattern, in order, as ``pattern.finditer(text)`` would give.

        Every term starts with a letter after a non-word character, so a pattern can only match at a word
        start whose first letters are one of its prefixes. Trying just those keeps the reader linear in the
        text with a large lexicon (one whole-text scan per rule was about 7,000 words a second).
        """
        tried: dict[int, list[int]] = {}
        lowered = text.lower()
        if len(lowered) != len(text):  # a few letters grow when lowered ("İ"): keep offsets exact
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        for start in (m.start() for m in _WORD_START.finditer(text)):
            candidates = list(self.index.get(lowered[start:start + _KEY], ()))
            candidates += [n for p, n in self.short.get(lowered[start], ()) if lowered.startswith(p, start)]
            for number in candidates:
                tried.setdefault(number, []).append(start)
        found: list[tuple[int, re.Match[str]]] = []
        for number in sorted(set(tried) | set(self.scan)):
            pattern = patterns[number]
            if number in self.scan:
                found.extend((number, m) for m in pattern.finditer(text))
                continue
            found.extend((number, m) for m in matches_at(pattern, text, sorted(set(tried[number]))))
        return found
