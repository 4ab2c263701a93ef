"""The kit's small syllable table gives textstat the same counts as NLTK's full CMU dictionary."""

from __future__ import annotations

import kit
from kit.offline import SyllableTable, ensure_cmudict


def test_syllable_table_counts_like_the_full_dictionary() -> None:
    data = ensure_cmudict()
    import nltk

    full = nltk.corpus.reader.CMUDictCorpusReader(str(data / "corpora" / "cmudict"), ["cmudict"]).dict()
    table = SyllableTable.from_nltk_file(data / "corpora" / "cmudict" / "cmudict")
    assert len(table) == len(full)
    words = {w.lower() for w in kit.load_article().text.split() if w.isalpha()} | {"reckless", "hmm", "a"}
    checked = 0
    for word in sorted(words | set(list(full)[:: len(full) // 2000])):
        if word not in full:
            assert word not in table
            continue
        want = sum(1 for p in full[word][0] if p[-1].isdigit())
        assert sum(1 for p in table[word][0] if p[-1].isdigit()) == want, word
        checked += 1
    assert checked > 2000


def test_textstat_uses_the_table_and_grades_the_same() -> None:
    ensure_cmudict()
    import textstat
    from textstat.backend.counts import _count_syllables as counter

    assert isinstance(counter.get_cmudict("en_US"), SyllableTable)
    text = kit.load_article().text
    table_grade = textstat.flesch_kincaid_grade(text)
    import nltk

    full = nltk.corpus.cmudict.dict()
    manual = 0
    pyphen = counter.get_pyphen("en_US")
    from textstat.backend.selections._list_words import list_words

    for word in list_words(text, lowercase=True):
        if word in full and full[word]:
            manual += sum(1 for p in full[word][0] if p[-1].isdigit())
        else:
            manual += len(pyphen.positions(word)) + 1
    assert textstat.syllable_count(text) == manual
    assert table_grade == textstat.flesch_kincaid_grade(text)
