"""kit.readers.literals: the needed strings of a pattern are in every text it matches (after folding)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.readers.literals import fold, needed

PATTERNS = [
    r"\b(?:wants?|wanted|wanting)\b",
    r"(?<!\bI )\bsaid\b",
    r"\b(?:is|are|was|were)\s+(?:said|believed)\s+to\b",
    r"\bkit\w*|\bsome\b",
    r"(?:%|\bper\s?cent\b)",
    r"\b(?-i:May)\b(?=\s+\d)",
    r"(?:ab)+c|x{2,}y",
    r"(?>ski)ll",
    r"mi(?:ss)++",
    r"\bİ\w+",  # needs nothing: its only literal is not ASCII
    r"(?P<w>\w)(?P=w)i",
]


def test_what_a_pattern_needs() -> None:
    assert needed(r"\b(?:wants?|wanted|wanting)\b") == ("want",)
    assert needed(r"(?<!\bI )\bsaid\b(?=\s+that)") == ("said",)  # lookarounds add nothing
    assert needed(r"(?:%|\bper\s?cent\b)") == ("%", "cent")
    assert needed(r"\b(?:everyone|no\s+one)\b") == ("one",)  # "one" covers "everyone"


@pytest.mark.parametrize("pattern", [r"\d+", r"x*", r"(?:a|)b?", r"[A-Z]\w+", r"(?=want)", r"é+"])
def test_patterns_that_need_nothing_in_particular_say_so(pattern: str) -> None:
    assert needed(pattern) is None


def test_fold_keeps_length_and_maps_case_fold_cousins_to_ascii() -> None:
    text = "İstanbul \u212aelvin ſome Café “quote” 東京"
    folded = fold(text)
    assert folded is not None and len(folded) == len(text)
    assert folded.startswith("istanbul kelvin some caf")
    assert "\u212a" not in folded and "东" not in folded


_ALPHABET = st.sampled_from(
    list("abcikmsxyIMSW .\n") + ["\u212a", "ſ", "İ", "ı", "é", "said ", "ſaid", "\u212ait", "wanted", "May 5",
                                  "per cent", "%", "skill", "missss", "ababc", "xxy", "aai"]
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PATTERNS), st.lists(_ALPHABET, max_size=30).map("".join))
def test_a_text_the_pattern_matches_holds_a_needed_string_once_folded(pattern: str, text: str) -> None:
    strings = needed(pattern)
    folded = fold(text)
    assert folded is not None
    for m in re.finditer(pattern, text, re.IGNORECASE):
        if m.end() > m.start() and strings is not None:  # None: the pattern is tried everywhere
            inside = folded[m.start() : m.end()]  # the strings come from the matched part
            assert any(s in inside for s in strings), (pattern, text, m.group(), strings)
