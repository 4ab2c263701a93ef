"""A cheap, safe pre-check for regular expressions: words a match cannot do without.

A reader that tries many patterns on every sentence spends most of its time in the regex engine at
places where a pattern cannot match. From Python's own parse of a pattern, :func:`needed` works out a
few plain strings such that every match contains at least one of them (``\\b(?:wants?|wanted)\\b``
needs "want"). :func:`fold` gives a copy of the text, letter for letter, in which those strings can be
found with ``str.find`` exactly where the case-insensitive engine could match them, and
:func:`worth_trying` lists, for each sentence of a text, the patterns whose strings it holds. A sentence
that holds none of a pattern's strings is never given to that pattern, and nothing else changes, so
results stay identical. The check only ever errs towards trying a pattern: when a pattern is too complex to
read, :func:`needed` returns None and the pattern is tried everywhere.

Hand-written because no library offers this for Python's ``re``; it reads the parse tree of the
standard library's private ``re._parser`` (``sre_parse`` before Python 3.11), and falls back to "try
everywhere" if that ever changes shape.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

# Strings are built from printable ASCII only, so that fold() can map every other character to one
# placeholder (NUL) that no needed string contains.
_ASCII = [chr(c) for c in range(0x20, 0x7F)]
_ASCII_RES = [(a.lower(), re.compile(re.escape(a), re.IGNORECASE)) for a in _ASCII]
_PLACEHOLDER = "\x00"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FOLDED: dict[str, str | None] = {}  # non-ASCII character -> what it folds to (None: cannot fold)


def needed(pattern: str, flags: int = re.IGNORECASE) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of ``pattern`` contains; None if none can be told."""
    try:
        items = list(_p.parse(pattern, flags))
        found = _sequence(items)
        heads = _prefixes(items)
    except Exception:  # an unfamiliar parse tree: say nothing rather than something wrong
        return None
    if found and "" not in heads and all(any(string in head for string in found) for head in heads):
        # every match starts with one of the heads, and each holds a string found: they are as rare,
        # and they also tell where a match can start (starts_with_needed); "resigned", not "signed"
        found = {head for head in heads if not any(o != head and head.startswith(o) for o in heads)}
    return tuple(sorted(found)) if found else None


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """For a sequence every part must match, so any one part's strings will do: pick the most telling."""
    options: list[set[str]] = []
    run: list[str] = []
    for at, (op, av) in enumerate(items):
        if op is _c.LITERAL and 0x20 <= av < 0x7F:
            run.append(chr(av).lower())
            continue
        if run:  # consecutive literal characters are consecutive in the match, and so is what follows
            options.append(_prefixes(items[at - len(run):]))
            run = []
        part: set[str] | None = None
        if op is _c.SUBPATTERN:
            part = _sequence(list(av[-1]))
        elif _ATOMIC is not None and op is _ATOMIC:
            part = _sequence(list(av))
        elif op is _c.BRANCH:
            alternatives = [_sequence(list(a)) for a in av[1]]
            if all(alternatives):
                part = set().union(*alternatives)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            part = _sequence(list(av[2]))
        # anything else (classes, anchors, lookarounds, back references ...) needs no particular string
        if part:
            options.append(part)
    if run:
        options.append({"".join(run)})
    if not options:
        return None
    best = max(options, key=lambda o: (min(map(len, o)), -len(o)))
    return {s for s in best if not any(t != s and t in s for t in best)}  # "want" covers "wants"


def _prefixes(items: list[tuple[Any, Any]]) -> set[str]:
    """Strings one of which every match of ``items`` starts with: its first literal characters, carried on
    into a branch right after them. Python's parser takes a shared first letter out of a branch
    ("will|won't" is "w(?:ill|on't)"), and "will" or "won" is far more telling than "w" or "ill", "on"."""
    head: list[str] = []
    for op, av in items:
        if op is _c.LITERAL and 0x20 <= av < 0x7F:
            head.append(chr(av).lower())
            continue
        if op in _ZERO_WIDTH:
            continue  # \b, ^ and lookarounds take no characters: what follows them follows the head
        tails = {""}
        if op is _c.SUBPATTERN:
            tails = _prefixes(list(av[-1]))
        elif op is _c.BRANCH:
            tails = set().union(*(_prefixes(list(a)) for a in av[1]))
        if "" in tails:  # an alternative starts with something else: only the first characters are sure
            tails = {""}
        return {"".join(head) + tail for tail in tails}
    return {"".join(head)}


def starts_with_needed(pattern: str, flags: int = re.IGNORECASE) -> bool:
    """Whether every match of ``pattern`` begins with one of the strings :func:`needed` gives (as in
    ``\\b(?:said|told)\\b``): then it can only match where one of them starts (see :func:`matches_at`)."""
    strings = needed(pattern, flags)
    if not strings:
        return False
    try:
        heads = _prefixes(list(_p.parse(pattern, flags)))
    except Exception:  # an unfamiliar parse tree: say nothing rather than something wrong
        return False
    return all(any(head.startswith(string) for string in strings) for head in heads)


def matches_at(regex: re.Pattern[str], text: str, offsets: Sequence[int]) -> Iterator[re.Match[str]]:
    """What ``regex.finditer(text)`` gives, for a pattern that can only match where one of its strings
    starts (:func:`starts_with_needed`) and the ``offsets`` (ascending) of those places in ``text``: one
    ``match`` call at each place instead of the engine trying every character."""
    end = 0
    for at in offsets:
        if at < end:
            continue  # finditer does not overlap its own matches
        m = regex.match(text, at)
        if m is not None:
            yield m
            end = m.end()


_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)  # (?>...), Python 3.11+
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = tuple(
    getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name)
)


def _fold_char(char: str) -> str | None:
    """The lower-case ASCII character that ``char`` matches case-insensitively, the placeholder if it
    matches none, None if it matches several (then no folding is safe)."""
    if char not in _FOLDED:
        hits = {low for low, regex in _ASCII_RES if regex.fullmatch(char)}
        _FOLDED[char] = hits.pop() if len(hits) == 1 else (_PLACEHOLDER if not hits else None)
    return _FOLDED[char]


def fold(text: str) -> str | None:
    """``text`` with each character replaced by one character, such that wherever the case-insensitive
    engine matches a needed string in ``text``, ``str.find`` finds it at the same place in the result.
    None in the (unseen) case of a character that matches two different ASCII characters."""
    if text.isascii():
        return text.lower()
    table: dict[str, str] = {}
    for char in set(_NON_ASCII.findall(text)):
        folded = _fold_char(char)
        if folded is None:
            return None
        table[char] = folded
    return _NON_ASCII.sub(lambda m: table[m.group()], text).lower()  # faster than str.translate


def worth_trying(
    needs: Sequence[tuple[str, ...] | None], text: str, spans: Sequence[tuple[int, int]]
) -> list[list[int]]:
    """For each (start, end) span of ``text`` (in order, not overlapping), the numbers of the patterns
    worth trying there, in order. ``needs[k]`` is what pattern k needs (from :func:`needed`): it is worth
    trying where the span holds one of those strings; None: everywhere; (): nowhere.
    """
    return [sorted(places) for places in where_to_try(needs, text, spans)]


def where_to_try(
    needs: Sequence[tuple[str, ...] | None], text: str, spans: Sequence[tuple[int, int]]
) -> list[dict[int, list[int] | None]]:
    """For each span, as :func:`worth_trying` but with where: {pattern number: the offsets in the span
    (counted from its start, ascending) where one of the pattern's strings starts, or None for anywhere}.

    One pass over the whole text finds every place where a needed string starts (see :func:`_finder`),
    instead of one pass per string (a rule file needs some 350 strings) or every pattern over every span.
    """
    folded = fold(text)
    if folded is None:  # not seen with today's Unicode: then every pattern is tried everywhere
        every: dict[int, list[int] | None] = {k: None for k, need in enumerate(needs) if need != ()}
        return [dict(every) for _ in spans]
    starts = [start for start, _ in spans]
    found: list[dict[int, list[int]]] = [{} for _ in spans]
    finder, found_at = _finder(tuple(needs))
    if finder is not None:
        search = finder.search
        m = search(folded)
        while m is not None:
            at = m.start()
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0:
                start, end = spans[i]
                for length, keys in found_at[m.group()]:
                    if length <= end - at:  # this string ends inside the span
                        for key in keys:
                            found[i].setdefault(key, []).append(at - start)
            m = search(folded, at + 1)  # strings may overlap: look again from the next character
    always: dict[int, list[int] | None] = {k: None for k, need in enumerate(needs) if need is None}
    return [{**always, **places} for places in found]


@lru_cache(maxsize=8)
def _finder(
    needs: tuple[tuple[str, ...] | None, ...],
) -> tuple[re.Pattern[str] | None, dict[str, list[tuple[int, frozenset[int]]]]]:
    """A pattern that finds, at the first place where any needed string starts, the longest one that
    starts there; and for each string, the (length, pattern numbers) of every needed string it starts
    with, longest first: exactly the strings that start at that place. None when nothing is needed.

    The pattern is a trie over the strings (``a(?:ll|m)``), trying the longer ones before stopping at
    each letter: the regex engine then rules out most places with one comparison.
    """
    keys_of: dict[str, set[int]] = {}
    for k, need in enumerate(needs):
        for string in need or ():
            keys_of.setdefault(string, set()).add(k)
    strings = sorted(keys_of, key=len, reverse=True)
    found_at = {s: [(len(t), frozenset(keys_of[t])) for t in strings if s.startswith(t)] for s in strings}
    return (re.compile(trie(strings)) if strings else None), found_at


def trie(strings: Sequence[str]) -> str:
    """A regex matching any of ``strings`` (none empty at the top) as a trie, longest match first.

    Also used for the sourcing lexicon's word lists (kit/readers/sourcing/lexicon.py). The folded text
    and the needed strings are lower case, so there the pattern is case-sensitive and matches exactly
    where ``str.find`` would.
    """
    groups: dict[str, list[str]] = {}
    ends_here = False
    for string in strings:
        if string:
            groups.setdefault(string[0], []).append(string[1:])
        else:
            ends_here = True
    parts = []
    for char, rests in groups.items():
        inner = trie(rests)
        parts.append(re.escape(char) + (f"(?:{inner})" if inner else ""))
    if ends_here and parts:
        parts.append("")  # after every longer string has been tried
    return "|".join(parts)
