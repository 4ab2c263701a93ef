"""Split a block of text into sentences and words with exact character offsets.

Pure text analysis. Both splitters are our own, rule-based: they keep exact offsets into the text and need
no model downloads (a classroom machine may be offline).
"""

from __future__ import annotations

import re

# Abbreviations whose full stop never ends a sentence (they come before a name or a number, or are
# always followed by more of the same sentence).
NEVER_END = frozenset(
    """mr mrs ms mx dr prof gen lt col capt cpt sgt maj adm cmdr sen rep gov pres rev fr st mt ft
    hon sr jr messrs e.g i.e cf vs viz approx dept est fig figs vol ed eds op al""".split()
)
# Abbreviations that end a sentence only when a capital letter follows ("... and so on, etc. The ...").
END_IF_CAPITAL = frozenset("etc bros jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Abbreviations often followed by a name ("10 a.m. Tuesday", "Apple Inc. CEO"): they end a sentence only
# before a usual sentence starter ("at 3 p.m. The paper ...").
END_IF_STARTER = frozenset("a.m p.m inc ltd co corp".split())
# Abbreviations that need a number next ("No. 5", "pp. 4"): otherwise they are ordinary words ("No.").
BEFORE_NUMBER = frozenset("no nos pp p art sec ch para vol".split())
ABBREVIATIONS = NEVER_END | END_IF_CAPITAL | END_IF_STARTER | BEFORE_NUMBER
# Words that usually start a new sentence; used after initials and dotted acronyms ("the U.S. The ...").
STARTERS = frozenset(
    """the a an he she it they we i you this that these those there here but and so yet or if when while
    after before then now in on at for as his her its their our my your some many most no not one""".split()
)

_CLOSERS = "\"'”’»)]}"
# A run of sentence-ending marks, then closing quotes or brackets, then whitespace or the end.
_END = re.compile(r"(?:\.{2,}|…+|[.!?]+)[" + re.escape(_CLOSERS) + r"]*(?=\s|$)")
_NEXT_WORD = re.compile(r"\s*[\"'“‘«(\[]*(\S*)")
_INITIAL = re.compile(r"[^\W\d_]")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_LIST_MARK = re.compile(r"(?:\d{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})")

# Words: dotted acronyms keep their dots (U.S.), numbers keep separators (3.5, 1,000, 9:30),
# words keep inner apostrophes and hyphens (Washington’s, Al-Anbar). Punctuation and emoji are not words.
WORD = re.compile(
    r"(?:[^\W\d_]\.){2,}"
    r"|\d+(?:[.,:/]\d+)*(?:[’'\-‐][^\W_]+)*"
    r"|[^\W_]+(?:[’'\-‐‑][^\W_]+)*"
)


def _is_boundary(text: str, start: int, end: int) -> bool:
    """Decide whether the end mark at ``text[start:end]`` closes a sentence."""
    mark = text[start:end].rstrip(_CLOSERS)
    following = _NEXT_WORD.match(text, end)
    next_word = following.group(1) if following else ""
    if not next_word:
        return True  # end of the block
    first = next_word[0]
    if first.islower():
        return False  # "... he asked." / "U.S. troops" / "approx. ten": the sentence goes on
    if mark != ".":
        return True  # ?, !, ellipsis or ?! followed by a capital, digit or symbol
    token = _token_before(text, start).lstrip("\"'“‘«([")
    word = token.lower()
    nxt = next_word.strip(".,;:!?\"'”’").lower()
    if word in NEVER_END:
        return False
    if word in BEFORE_NUMBER:
        return not first.isdigit()
    if word in END_IF_CAPITAL:
        return not first.isdigit()
    if word in END_IF_STARTER:
        return nxt in STARTERS
    if _INITIAL.fullmatch(token):
        # "J. R. R. Tolkien", "George W. Bush"; a list letter "a." at a line start
        return nxt in STARTERS and not _at_line_start(text, start - len(token))
    if _DOTTED.fullmatch(token):
        return nxt in STARTERS  # "the U.S. The next day" ends; "U.S. President" does not
    if _LIST_MARK.fullmatch(token) and _at_line_start(text, start - len(token)):
        return False  # "1. Washington leaders ..." - a numbered point, not a sentence of its own
    return True


def _token_before(text: str, index: int) -> str:
    """The run of non-space characters that ends at ``index`` (scans back only that far)."""
    begin = index
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:index]


def _at_line_start(text: str, index: int) -> bool:
    """True when ``index`` starts a line or follows an end mark ("... land. 2. Prices ..."): a list number."""
    line_start = text.rfind("\n", 0, index) + 1
    before = text[line_start:index].rstrip()
    if before == "":
        return True
    if before.rstrip(_CLOSERS)[-1:] not in (".", "!", "?", ":", ";"):
        return False
    previous = _token_before(before, len(before)).rstrip(".").lower()
    return previous not in ABBREVIATIONS  # "Feb. 3." is a date, not a list


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence in ``text``, trimmed of surrounding whitespace.

    The spans cover every non-whitespace character of ``text`` exactly once, in order.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for mark in _END.finditer(text):
        if _is_boundary(text, mark.start(), mark.end()):
            _add(text, start, mark.end(), spans)
            start = mark.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        left = start + (len(piece) - len(piece.lstrip()))
        spans.append((left, left + len(stripped)))


def split_words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) of each word in ``text[start:end]`` as offsets into ``text``."""
    stop = len(text) if end is None else end
    return [m.span() for m in WORD.finditer(text, start, stop)]
