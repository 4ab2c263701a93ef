"""Capitalised names in a sentence: what a reader could look up to check a claim (find_claims' check_with).

Kept apart from claims.py because it reads only capital letters, not claim cues.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kit.segment import (
    WORD as _WORD_RE,  # the kit's one word tokenizer; names are the words that start with a capital
)

# Any letter other than a-z (or another word character that is not a digit): only a word that holds one
# can be a name after the first word (see _words_worth_a_look).
_NOT_LOWER_ASCII = re.compile(r"[^\W\d_a-z]")


def _proper_nouns(text: str, stoplist: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of capitalised words that are not the first word of the sentence, plus short forms like UN.

    Hand-written because a full named-entity model would be a heavy download for a classroom laptop;
    capital letters inside an English sentence are a good enough sign of a name for this purpose.
    """
    spans: list[tuple[int, int]] = []
    first = True
    for m in _words_worth_a_look(text):
        if not first and text[m.start()].islower():
            continue  # the quick common case: neither a capital nor a short form (see below)
        word = m.group()
        if not word[:1].isalpha():
            continue  # numbers are words, but never names
        word = word.rstrip("'’-")
        bare = word[:-2] if word.endswith(("'s", "’s")) else word
        is_caps = len(bare) >= 2 and bare.isupper()
        if first:
            first = False
            # a first word counts only if it is a short form, or a possessive name ("Iran's")
            # ... but not a contraction of a small word ("It's", "That's"): the stoplist names those
            if is_caps or (bare != word and bare[:1].isupper() and bare not in stoplist):
                spans.append((m.start(), m.start() + len(word)))
            continue
        if not (is_caps or bare[:1].isupper()) or bare in stoplist or word in stoplist:
            continue
        if not is_caps:  # a capital right after a colon, an opening quote or bracket starts a new phrase
            before = m.start()
            while before and text[before - 1].isspace():
                before -= 1
            if before and text[before - 1] in ':“"‘(':
                continue
        spans.append((m.start(), m.start() + len(word)))
    return spans


def _words_worth_a_look(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` up to the first that starts with a letter, then only the later words that
    hold a letter other than a-z: the others start with a-z or a digit, so they are never names.

    Most sentences have few such words, so it jumps to the next one (_NOT_LOWER_ASCII) instead of
    reading every word; it reads again from just after a space, where the words are those that
    reading from the start gives, since a word never holds a space.
    """
    at = 0
    for m in _WORD_RE.finditer(text):
        yield m
        if m.group()[:1].isalpha():
            at = m.end()
            break
    else:
        return
    while (hit := _NOT_LOWER_ASCII.search(text, at)) is not None:
        space = text.rfind(" ", at, hit.start())
        for m in _WORD_RE.finditer(text, space + 1 if space >= 0 else at):
            if m.end() > hit.start():  # the word that holds the letter (or the first after it)
                yield m
                at = m.end()
                break
        else:
            return


def _title_case(heading: str) -> bool:
    """Whether a heading capitalises its words ('Big Changes Ahead For Local Schools'): then capitals
    are no sign of a name. A heading in sentence case ('Dock workers walk out at Port Calloway') has a
    word of four letters or more after the first that starts in lower case, and its capitals are names."""
    words = [m.group() for m in _WORD_RE.finditer(heading) if m.group()[:1].isalpha()][1:]
    return not any(len(w) >= 4 and w[0].islower() for w in words)
