"""kit.readers.literals: the needed strings of a pattern are in every text it matches (after folding)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.readers.literals import fold, matches_at, needed, starts_with_needed, where_to_try, worth_trying

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
    r"\b(?:will|won['’]t)\b",  # the parser takes the shared "w" out of the branch
    r"s(?:eeks?|ought)|(?:ab|ac)x",
    r"aa|(?<!s)ai",  # matches that would overlap: finditer takes the first
    r"\b(?:signed|resigned)\b",
]


def test_what_a_pattern_needs() -> None:
    assert needed(r"\b(?:wants?|wanted|wanting)\b") == ("want",)
    assert needed(r"(?<!\bI )\bsaid\b(?=\s+that)") == ("said",)  # lookarounds add nothing
    assert needed(r"(?:%|\bper\s?cent\b)") == ("%", "cent")
    assert needed(r"\b(?:everyone|no\s+one)\b") == ("one",)  # "one" covers "everyone"


def test_a_first_letter_shared_by_a_branch_is_read_with_it() -> None:
    """Python's parser writes "will|won't" as "w(?:ill|on't)": the strings are "will" and "won", not the
    far commoner "ill" and "on" (or "w" alone)."""
    assert needed(r"\b(?:will|won['’]t)\b") == ("will", "won")
    assert needed(r"\b(?:seeks?|sought|seeking)\s+to\b") == ("seek", "sought")
    assert needed(r"\bab(?:c|)d") == ("ab",)  # an alternative that adds nothing: only "ab" is sure


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
                                  "per cent", "%", "skill", "missss", "ababc", "xxy", "aai",
                                  "will", "won't", "won’t", "wont", "seek", "sought", "acx", "aaa", "sai",
                                  "resigned", "signed"]
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


def _worth_trying_by_hand(needs: list[tuple[str, ...] | None], text: str, spans: list[tuple[int, int]]):
    """worth_trying's definition, checked span by span and string by string (slow, obviously right)."""
    folded = fold(text)
    assert folded is not None
    return [
        [k for k, need in enumerate(needs) if need is None or any(s in folded[a:b] for s in need)]
        for a, b in spans
    ]


# needed strings that overlap, nest and start one another ("a", "al", "all", "ll"), and one never present
_NEEDS: list[tuple[str, ...] | None] = [
    ("all",),
    ("al", "ll"),
    None,
    ("a",),
    (),
    ("said",),
    ("l a", "q"),
    ("id",),
]


# texts of the strings the patterns need (with letters that fold: "İ", the Kelvin sign, a long s), and cuts
_PIECES = ["a", "l", " ", "all", "said", "İ", "\u212a", "ſaid", "x"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
_CUTS = st.lists(st.integers(min_value=0, max_value=40), max_size=8)


def _cut(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """The non-empty spans between the cuts, in order."""
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if a < b]


@settings(max_examples=300, deadline=None)
@given(_TEXTS, _CUTS)
def test_worth_trying_finds_what_a_span_by_span_search_finds(text: str, cuts: list[int]) -> None:
    """The one-pass search (a trie over every needed string, looking again after each place) gives the
    same patterns for every span as looking for each string in each span, including strings that
    overlap, start one another or run past a span's end."""
    spans = [(a + 1 if b - a > 2 else a, b) for a, b in _cut(text, cuts)]  # gaps, as between sentences
    assert worth_trying(_NEEDS, text, spans) == _worth_trying_by_hand(_NEEDS, text, spans)


def test_worth_trying_sees_a_string_that_starts_inside_a_longer_one() -> None:
    """'ll' starts inside 'all' (found first, as the longest string there): it must still count."""
    assert worth_trying([("all",), ("ll",)], "xal lx all", [(0, 4), (4, 10)]) == [[], [0, 1]]
    assert worth_trying([("all",), ("ll",)], "xall", [(0, 3), (3, 4)]) == [[], []]  # across the cut


def test_which_patterns_start_with_what_they_need() -> None:
    assert starts_with_needed(r"\b(?:said|told)\b")
    assert starts_with_needed(r"(?<!\bI )\bsaid\b")  # a lookbehind takes no characters
    assert starts_with_needed(r"\bkit\w*|\bsome\b")
    assert not starts_with_needed(r"\b(?:is|are)\s+said\b")  # "said" is needed, but matches start earlier
    assert not starts_with_needed(r"\w*want")
    assert not starts_with_needed(r"(?:x|)want")
    assert not starts_with_needed(r"\d+")  # needs nothing


def test_the_first_strings_of_a_match_are_needed_when_they_are_as_rare() -> None:
    """"signed" alone would do for "signed|resigned", but "resigned" tells where a match starts; "per" is
    commoner than "cent", so "per cent" still needs "cent"."""
    assert needed(r"\b(?:signed|resigned)\b") == ("resigned", "signed")
    assert starts_with_needed(r"\b(?:signed|resigned)\b")
    assert needed(r"(?:%|\bper\s?cent\b)") == ("%", "cent")
    assert not starts_with_needed(r"(?:%|\bper\s?cent\b)")


def test_matches_at_does_not_overlap_its_own_matches() -> None:
    """As finditer: "aa" in "aaaaa" is (0, 2) and (2, 4), though the string also starts at 1 and 3."""
    spans = [m.span() for m in matches_at(re.compile("aa"), "aaaaa", [0, 1, 2, 3])]
    assert spans == [m.span() for m in re.finditer("aa", "aaaaa")] == [(0, 2), (2, 4)]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PATTERNS), st.lists(_ALPHABET, max_size=30).map("".join))
def test_matching_only_where_the_strings_start_finds_what_finditer_finds(pattern: str, text: str) -> None:
    """For a pattern that starts with its strings, one match call at each place where where_to_try says
    a string starts gives exactly finditer's matches (same spans, none overlapping)."""
    if not starts_with_needed(pattern):
        return
    regex = re.compile(pattern, re.IGNORECASE)
    offsets = where_to_try([needed(pattern)], text, [(0, len(text))])[0].get(0, [])
    assert offsets is not None
    expected = [m.span() for m in regex.finditer(text)]
    assert [m.span() for m in matches_at(regex, text, offsets)] == expected, (pattern, text, offsets)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, _CUTS)
def test_where_to_try_gives_every_place_a_string_starts_in_a_span(text: str, cuts: list[int]) -> None:
    """The offsets are every place, counted from the span's start, where one of the pattern's strings
    starts and ends inside the span; None for a pattern that needs nothing; no entry where it cannot match."""
    spans = _cut(text, cuts)
    folded = fold(text)
    assert folded is not None
    for (a, b), places in zip(spans, where_to_try(_NEEDS, text, spans), strict=True):
        for k, need in enumerate(_NEEDS):
            if need is None:
                assert places[k] is None
                continue
            at = sorted({p - a for s in need for p in range(a, b) if folded.startswith(s, p, b)})
            assert places.get(k, []) == at and (k in places) == bool(at), (k, text, (a, b))
