"""Sourcing reader, part 2: stretches of text with exact offsets, tokens and name-like words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kit.readers.sourcing.lexicon import (
    _TOKEN,
    _Lexicon,
)


@dataclass
class _Piece:
    """A stretch of the article text, kept with its absolute offsets."""

    start: int
    end: int
    text: str

    @property
    def empty(self) -> bool:
        return not self.text.strip()


def _piece(text: str, start: int, end: int) -> _Piece:
    """Cut ``text[start:end]`` and trim spaces and outer punctuation, keeping offsets exact."""
    while start < end and (text[start].isspace() or text[start] in ",;:-—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.!?-—–"):
        end -= 1
    return _Piece(start, end, text[start:end])


def _strip_quotes(text: str, start: int, end: int) -> _Piece:
    piece = _piece(text, start, end)
    s, e = piece.start, piece.end
    if e - s >= 2 and text[s] in '"“' and text[e - 1] in '"”':
        s, e = s + 1, e - 1
    elif s < e and text[s] in '"“' and text.count(text[s], s, e) == 1:
        s += 1
    if e - 1 > s and text[e - 1] in ",.":
        e -= 1
    return _Piece(s, e, text[s:e])


def _tokens(piece: _Piece) -> list[tuple[int, int, str]]:
    return [(piece.start + m.start(), piece.start + m.end(), m.group()) for m in _TOKEN.finditer(piece.text)]


# A speaker phrase is looked at several times (its kind, its name, its role), always word by word, and
# a text uses the same few thousand words over and over: the three word checks below remember their
# answers instead of stripping and lower-casing the same word again (they are pure functions of it).
_WORDS_REMEMBERED = 1 << 16


@lru_cache(maxsize=_WORDS_REMEMBERED)
def _clean_token(token: str) -> str:
    """The word without outer dots and apostrophes or a possessive "'s"."""
    return token.strip(".'’").removesuffix("’s").removesuffix("'s")


@lru_cache(maxsize=_WORDS_REMEMBERED)
def _word_key(token: str) -> str:
    """The word as the word lists hold it: cleaned (see :func:`_clean_token`) and lower-case."""
    return _clean_token(token).lower()


def _is_namey(token: str, lex: _Lexicon) -> bool:
    """A capitalised word that can be part of a person's name ("al-Anbari" counts too)."""
    return _namey(token)


@lru_cache(maxsize=_WORDS_REMEMBERED)
def _namey(token: str) -> bool:
    """:func:`_is_namey` for one word (it needs no word list, so it can be remembered by the word alone)."""
    word = _clean_token(token)
    if not word:
        return False
    lower = word.lower()
    for particle in ("al-", "el-", "bin-", "abu-"):
        if lower.startswith(particle) and len(word) > len(particle) and word[len(particle)].isupper():
            return True
    if not word[0].isupper() or (word.isupper() and len(word) > 1):
        return False
    return lower not in _FUNCTION_WORDS


_FUNCTION_WORDS = frozenset(
    """the a an this that these those his her its their our my your he she it they we i then now but and
    so yet however meanwhile also once after before when while if although in on at by for with from of to
    last next this some many most several other another according all every each both""".split()
)
