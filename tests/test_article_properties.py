"""Property tests: for any text, offsets are exact, blocks tile the text and nothing is lost silently."""

from __future__ import annotations

import html
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kit import Article, ArticleError, load_article
from kit.segment import split_sentences, split_words

WORDS = (
    "The|mayor|U.S.|Dr.|No.|said|e.g.|Al-Anbar|Washington’s|3.5|1.|J.|Share|Home|Advertisement"
    "|Related Articles|cookies|🙂|東京|Привет|…|etc."
).split("|")
GLUE = [
    " ",
    "  ",
    ". ",
    "? ",
    "! ",
    "... ",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\t",
    '" ',
    "” ",
    "“",
    "(",
    ")",
]
GLUE += [".", ",", "\u00a0", "\u2028", "\x0b", "\x1c"]

pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(GLUE), st.text(max_size=12))
texts = st.one_of(
    st.lists(pieces, max_size=80).map("".join),
    st.text(max_size=300),
    st.text(alphabet=".!?…\"'“”()-—,;: \n", max_size=80),  # only punctuation and space
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(WORDS), st.integers(1, 3000)),  # very long line
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def build(text: str) -> Article:
    try:
        return Article.from_text(text)
    except ArticleError as err:
        # only two honest reasons to refuse a string
        assert "empty" in str(err) or "only website clutter" in str(err)
        assume(False)
        raise


def non_space(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


@SETTINGS
@given(texts)
def test_offsets_are_exact_for_every_unit(text):
    art = build(text)
    for unit in (*art.blocks, *art.sentences, *art.words):
        assert art.text[unit.start : unit.end] == unit.text
        assert unit.start < unit.end


@SETTINGS
@given(texts)
def test_blocks_tile_the_text(text):
    art = build(text)
    owner = [0] * len(art.text)
    previous_end = -1
    for block in art.blocks:
        assert block.start > previous_end  # in order, no overlap
        previous_end = block.end
        assert block.text == block.text.strip()
        for i in range(block.start, block.end):
            owner[i] += 1
    for i, ch in enumerate(art.text):
        assert owner[i] == 1 if not ch.isspace() else owner[i] <= 1
    assert art.text == "\n\n".join(b.text for b in art.blocks)
    assert [b.kind for b in art.blocks].count("title") <= 1
    assert [b.id for b in art.paragraphs] == [f"p{i}" for i in range(1, len(art.paragraphs) + 1)]


@SETTINGS
@given(texts)
def test_sentences_tile_their_block_and_words_sit_inside(text):
    art = build(text)
    by_block: dict[str, list] = {}
    for sentence in art.sentences:
        by_block.setdefault(sentence.block_id, []).append(sentence)
    assert list(by_block) == [b.id for b in art.blocks]  # every block has sentences, in order
    for block in art.blocks:
        sentences = by_block[block.id]
        assert [s.index_in_block for s in sentences] == list(range(len(sentences)))
        covered = "".join(s.text for s in sentences)
        assert non_space(covered) == non_space(block.text)
        for a, b in zip(sentences, sentences[1:], strict=False):
            assert a.end <= b.start
        assert sentences[0].start >= block.start and sentences[-1].end <= block.end
        if block.kind != "paragraph":
            assert len(sentences) == 1
    sentence_of = {s.id: s for s in art.sentences}
    last_end = -1
    for word in art.words:
        sentence = sentence_of[word.sentence_id]
        assert sentence.start <= word.start < word.end <= sentence.end
        assert word.start >= last_end
        last_end = word.end
        assert not any(ch.isspace() for ch in word.text)
        assert any(ch.isalnum() for ch in word.text)


@SETTINGS
@given(texts)
def test_nothing_is_lost_but_listed_chrome(text):
    art = build(text)
    kept = non_space(art.text) + non_space("".join(r.text for r in art.removed))
    assert kept == non_space(text)


@SETTINGS
@given(texts)
def test_lookups_agree_with_units(text):
    art = build(text)
    for sentence in art.sentences:
        assert art.sentence_at(sentence.start) == sentence
        assert art.sentence_at(sentence.end - 1) == sentence
        assert art.block_at(sentence.start).id == sentence.block_id
    assert art.block_at(len(art.text)) is None


@SETTINGS
@given(st.text(max_size=200))
def test_sentence_and_word_splitters_on_raw_text(text):
    spans = split_sentences(text)
    assert non_space("".join(text[a:b] for a, b in spans)) == non_space(text)
    for (a, b), (c, _) in zip(spans, spans[1:], strict=False):
        assert a < b <= c
    for a, b in split_words(text):
        assert text[a:b] and not any(ch.isspace() for ch in text[a:b])


@SETTINGS
@given(
    st.lists(
        st.sampled_from(["mayor’s", "said", "it", "was", "fine", "U.S.", "re-emerge"]), min_size=1, max_size=4
    )
)
def test_find_locates_phrases_typed_with_straight_quotes(words):
    text = "Intro line here.\n\n" + " ".join(words) + " and then\n" + "  ".join(words) + "."
    art = Article.from_text(text)
    typed = " ".join(words).replace("’", "'").upper()
    hits = art.find(typed)
    assert len(hits) >= 2
    for start, end in hits:
        assert " ".join(art.text[start:end].split()).lower() == " ".join(words).lower()


@pytest.mark.parametrize("text", ["\r\n".join(["Line"] * 5), "🙂🙂🙂", "...", "a" * 100_000, "\n\n\n.\n\n\n"])
def test_awkward_texts(text):
    art = Article.from_text(text)
    assert non_space(art.text) == non_space(text)


def _load_written(name: str, content: str) -> Article | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(content, encoding="utf-8")
        try:
            return load_article(path)
        except ArticleError:
            return None


def _check_units(art: Article) -> None:
    assert art.text == "\n\n".join(b.text for b in art.blocks)
    for unit in (*art.blocks, *art.sentences, *art.words):
        assert art.text[unit.start : unit.end] == unit.text and unit.text.strip() == unit.text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "# ", "## ", "- ", "**"]), texts), max_size=8))
def test_markdown_files_keep_exact_offsets(lines):
    art = _load_written("a.md", "\n\n".join(mark + text for mark, text in lines))
    if art is not None:
        _check_units(art)


HTML_TAGS = ["p", "h1", "h2", "li", "div", "nav", "script", "blockquote"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(HTML_TAGS), texts), max_size=8))
def test_html_files_keep_exact_offsets_and_hide_scripts(blocks):
    body = "".join(f"<{tag}>{html.escape(text)}</{tag}>" for tag, text in blocks)
    art = _load_written("a.html", f"<html><body>{body}<script>SECRET_CODE()</script></body></html>")
    if art is not None:
        _check_units(art)
        assert "SECRET_CODE" not in art.text
