"""kit.readers.terms: the lexicon's term patterns, and the index that tries a rule only where it can match."""

from __future__ import annotations

import pytest

import kit
from kit.readers import language_rules
from kit.readers.terms import literal_prefixes


@pytest.mark.parametrize(
    ("term", "prefixes"),
    [
        ("{ram,rushed} through", ("ram", "rushed")),  # a term opening with a choice: one prefix per choice
        ("{,un}happy", ("happy", "unhappy")),
        ("fat cat", ("fat",)),  # near misses: a plain term, and a choice later in the word, keep one prefix
        ("so-called", ("so",)),
        ("wit{ch,ches} hunt", ("wit",)),
    ],
)
def test_literal_prefixes(term: str, prefixes: tuple[str, ...]) -> None:
    assert literal_prefixes(term) == prefixes


def test_every_lexicon_rule_has_a_prefix_so_none_is_searched_over_the_whole_text() -> None:
    index, _ = language_rules._rule_index()
    assert index.scan == ()


def test_the_index_finds_what_each_rule_alone_would_find() -> None:
    index, patterns = language_rules._rule_index()
    extra = "They rammed it through and rushed the bill; a fat-cat scheme bled us dry."
    text = kit.load_article().text + "\n\n" + extra
    expected = [(n, m.span()) for n, p in enumerate(patterns) for m in p.finditer(text)]
    got = [(n, m.span()) for n, m in index.matches(text, patterns)]
    assert got == expected and len(got) > 20
