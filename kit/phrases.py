"""Where many phrases occur in one text, counted exactly as ``Article.find`` counts (pure, no I/O).

``Article.find`` reads the whole text once per phrase; keys name hundreds of phrases, so finding each
one that way made new-lesson and ``medialit build`` quadratic in article size. :class:`PhraseIndex`
indexes the words once and tries a phrase (``kit.article.phrase_pattern``, the one pattern) only where
its rarest word stands.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from kit.article import phrase_pattern

_WORD = re.compile(r"\w+")


class PhraseIndex:
    """Occurrence numbers exactly as ``article.find`` counts them, for many phrases of one article.

    Built once per article (one pass over its words); :meth:`places` is then about as fast as the
    phrase is rare. A test compares it with ``Article.find`` on whole articles.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.index: dict[str, list[int]] = {}
        starts, index = self.starts, self.index
        for number, m in enumerate(_WORD.finditer(text)):
            starts.append(m.start())
            word = m.group().lower()
            hit = index.get(word)
            if hit is None:
                index[word] = [number]
            else:
                hit.append(number)
        self.cache: dict[str, list[tuple[int, int]]] = {}

    def places(self, phrase: str) -> list[int]:
        """Start offsets of the non-overlapping matches of ``phrase``, in order (as ``article.find``)."""
        return [s for s, _e in self.spans(phrase)]

    def spans(self, phrase: str) -> list[tuple[int, int]]:
        """``(start, end)`` of the non-overlapping matches of ``phrase``, in order, as ``article.find``."""
        hit = self.cache.get(phrase)
        if hit is not None:
            return hit
        regex = phrase_pattern(phrase)
        words = [w.lower() for w in _WORD.findall(phrase)]
        # only ASCII words are looked up: their lower case is what IGNORECASE matches
        usable = [i for i, w in enumerate(words) if w.isascii()]
        spans: list[tuple[int, int]] = []
        if not usable:  # punctuation only, or no plain word: rare, scan the text
            spans = [m.span() for m in regex.finditer(self.text)]
        else:
            j = min(usable, key=lambda i: len(self.index.get(words[i], ())))
            first_word = _WORD.search(phrase)
            lead = 4 * (first_word.start() if first_word else 0) + 2  # room for quotes and spaces before it
            for number in self.index.get(words[j], ()):
                first = number - j
                if first < 0:
                    continue
                at = self.starts[first]
                for start in range(max(0, at - lead), at + 1):
                    m = regex.match(self.text, start)
                    if m:
                        spans.append(m.span())
                        break
        result: list[tuple[int, int]] = []
        end = -1
        for s, e in sorted(set(spans)):
            if s >= end:  # non-overlapping, leftmost first, as re.finditer
                result.append((s, e))
                end = e if e > s else s + 1
        self.cache[phrase] = result
        return result

    def occurrence(self, start: int, end: int) -> tuple[str, int] | None:
        """``(phrase, n)`` naming ``text[start:end]`` (stripped) as build finds it, or None if it cannot."""
        raw = self.text[start:end]
        phrase = raw.strip()
        if not phrase:
            return None
        at = start + len(raw) - len(raw.lstrip())
        places = self.places(phrase)
        n = bisect.bisect_left(places, at)
        return (phrase, n + 1) if n < len(places) and places[n] == at else None


def index_for(article: Any) -> PhraseIndex:
    """The article's PhraseIndex, built on first use and kept on the article (its text never changes)."""
    index = getattr(article, "_phrase_index", None)
    if index is None or index.text is not article.text:
        index = PhraseIndex(article.text)
        try:
            article._phrase_index = index
        except AttributeError:  # an object that takes no new attributes: build it each time
            pass
    return index
