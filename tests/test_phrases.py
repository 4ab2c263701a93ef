"""kit.phrases: many phrases looked up in one text, exactly as Article.find finds each."""

from __future__ import annotations

import kit
from kit.phrases import PhraseIndex, index_for


def test_occurrences_count_exactly_like_article_find() -> None:
    """The word index that keeps new-lesson and build linear agrees with Article.find on every phrase."""
    text = kit.load_article().text
    article = kit.Article.from_text(
        text + "\n\n“Quoted” words -- and ‘odd’ dashes — here: The the THE. 3,000 “Quoted” words."
    )
    occurrences = PhraseIndex(article.text)
    words = article.text.split()
    phrases = {s.text.strip() for s in article.sentences} | {
        " ".join(words[i : i + k]) for i in range(0, len(words), 7) for k in (1, 2, 5)
    }
    phrases |= {"“Quoted” words", '"quoted" words', "the", "—", "odd' dashes - here"}
    tried = 0
    for phrase in sorted(p for p in phrases if p.strip()):
        assert occurrences.spans(phrase) == article.find(phrase), phrase
        assert occurrences.places(phrase) == [s for s, _e in article.find(phrase)], phrase
        tried += 1
    assert tried > 300


def test_index_is_kept_on_the_article_and_rebuilt_for_another_text() -> None:
    article = kit.Article.from_text("Title\n\nOne line here. One more line.")
    index = index_for(article)
    assert index_for(article) is index
    assert index.spans("one") == [(7, 10), (22, 25)]
    other = kit.Article.from_text("Title\n\nNothing like it.")
    assert index_for(other) is not index and index_for(other).spans("one") == []
