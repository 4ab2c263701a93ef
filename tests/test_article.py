"""The article model on the seed article and on text written for these tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import kit
from kit import Article, ArticleError, load_article
from kit.segment import split_sentences, split_words

REPO = Path(__file__).resolve().parents[1]


def sentences_of(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def words_of(text: str) -> list[str]:
    return [text[a:b] for a, b in split_words(text)]


def assert_exact(article: Article) -> None:
    for unit in (*article.blocks, *article.sentences, *article.words):
        assert article.text[unit.start : unit.end] == unit.text, unit


# ----- the seed -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Article:
    return load_article()


def test_packaged_seed_is_a_byte_copy():
    packaged = (REPO / "kit" / "seeds" / "isis-iraq-article.txt").read_bytes()
    assert packaged == (REPO / "seeds" / "isis-iraq-article.txt").read_bytes()


def test_seed_title_and_headings(seed):
    assert seed.title == "What’s Behind Recent ISIS Moves In Iraq?"
    assert seed.blocks[0].id == "title" and seed.blocks[0].kind == "title"
    assert [h.text for h in seed.headings] == [
        "Washington’s new conspiracy in Iraq",
        "US the main culprit behind ISIS revival",
        "All say no to Washington",
        "What does the US want?",
    ]
    assert [h.id for h in seed.headings] == ["h1", "h2", "h3", "h4"]


def test_seed_paragraphs_and_numbered_points(seed):
    assert len(seed.paragraphs) == 16
    texts = [p.text for p in seed.paragraphs]
    assert "Three aims may drive the US to help ISIS re-emerge." in texts
    points = [p for p in seed.paragraphs if p.text[:3] in ("1. ", "2. ", "3. ")]
    assert len(points) == 3
    first = [s for s in seed.sentences if s.paragraph_id == points[0].id]
    assert (
        first[0].text == "1. Washington leaders intend to prolong the security and political crisis in Iraq."
    )
    assert len(first) == 3


def test_seed_chrome_is_removed_and_listed(seed):
    removed = [r.text for r in seed.removed]
    assert removed == [
        "Articles",
        "Related Articles",
        "Back to top button",
        "Adblock Detected",
        "Please consider supporting us by disabling your ad blocker",
    ]
    assert [r.line for r in seed.removed] == [1, 45, 47, 49, 51]
    assert all(r.reason and r.reason[0].isupper() for r in seed.removed)
    for text in removed:
        assert text not in seed.text
    assert seed.text.startswith("What’s Behind") and seed.text.endswith("rivals.")


def test_seed_offsets_sections_and_sha(seed):
    assert_exact(seed)
    assert seed.text == "\n\n".join(b.text for b in seed.blocks)
    culprit = next(s for s in seed.sentences if s.text.startswith("Qusai al-Anbari"))
    assert culprit.section_id == "h2" and culprit.paragraph_id == "p7" and culprit.block_kind == "paragraph"
    assert seed.sentences[0].block_id == "title" and seed.sentences[0].paragraph_id is None
    assert len(seed.sha) == 16 and seed.sha == load_article().sha


def test_seed_words(seed):
    texts = {w.text for w in seed.words}
    assert {"Al-Anbar", "Washington’s", "Iran-led", "re-emergence", "C-RAM", "2019"} <= texts
    assert not any(t in texts for t in (",", ".", "?", "(", ")"))
    assert len(seed.words) == len(seed.to_frame("word"))


# ----- sentences ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Army left. The U.N. stayed.",
            ["The U.S. Army left.", "The U.N. stayed."],
        ),
        (
            "Gen. Miller met Mr. and Mrs. Okafor. Dr. Lee was late.",
            ["Gen. Miller met Mr. and Mrs. Okafor.", "Dr. Lee was late."],
        ),
        (
            "The vote is on Jan. 12 or Feb. 3. Nobody knows.",
            ["The vote is on Jan. 12 or Feb. 3.", "Nobody knows."],
        ),
        (
            "Bring fruit, bread, etc. for the trip. Tools, e.g. a saw, help. Cost, i.e. money, matters.",
            [
                "Bring fruit, bread, etc. for the trip.",
                "Tools, e.g. a saw, help.",
                "Cost, i.e. money, matters.",
            ],
        ),
        (
            "He lives at No. 5 High Street. No. That is wrong.",
            ["He lives at No. 5 High Street.", "No.", "That is wrong."],
        ),
        (
            "I read J. R. R. Tolkien in school. It was long.",
            ["I read J. R. R. Tolkien in school.", "It was long."],
        ),
        (
            "Prices rose 3.5 percent. Wages rose 1.2 percent.",
            ["Prices rose 3.5 percent.", "Wages rose 1.2 percent."],
        ),
        ('He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
        ("She wrote: “It is over.” Nobody replied.", ["She wrote: “It is over.”", "Nobody replied."]),
        ('"Why?" he asked. "Because!" she said.', ['"Why?" he asked.', '"Because!" she said.']),
        ("Wait... what was that? Nothing... Go on!", ["Wait... what was that?", "Nothing...", "Go on!"]),
        ("It was… strange. Really!", ["It was… strange.", "Really!"]),
        (
            "She moved to the U.S. The next year she came back.",
            ["She moved to the U.S.", "The next year she came back."],
        ),
        ("George W. Bush spoke. Then the crowd left.", ["George W. Bush spoke.", "Then the crowd left."]),
        ("1. Farmers lost land. 2. Prices went up.", ["1. Farmers lost land.", "2. Prices went up."]),
        ("no full stop at all here", ["no full stop at all here"]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        (
            "It starts at 10 a.m. Tuesday. At 3 p.m. The Times wrote.",
            ["It starts at 10 a.m. Tuesday.", "At 3 p.m.", "The Times wrote."],
        ),
        (
            "Apple Inc. CEO Tim Cook spoke. St. Louis was calm.",
            ["Apple Inc. CEO Tim Cook spoke.", "St. Louis was calm."],
        ),
        ("(See Fig. 2.) Rep. J.D. Vance agreed.", ["(See Fig. 2.)", "Rep. J.D. Vance agreed."]),
        (
            "The meeting ended at 5 p.m. on Friday. It was long.",
            ["The meeting ended at 5 p.m. on Friday.", "It was long."],
        ),
    ],
)
def test_sentence_splitting(text, expected):
    assert sentences_of(text) == expected


def test_numbered_point_at_line_start_does_not_end_a_sentence():
    text = "Two things matter.\n1. Water is short.\n2. Food costs more."
    assert sentences_of(text) == ["Two things matter.", "1. Water is short.", "2. Food costs more."]


def test_sentences_never_lose_text():
    text = "  One.   Two!  Three?\n\nFour  "
    spans = split_sentences(text)
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == "".join(text.split())


# ----- words --------------------------------------------------------------------------------------------


def test_words_keep_names_acronyms_numbers():
    text = "Al-Anbar’s U.S. base, said O'Neill — 3.5 km away, 1,000 troops (e.g. 40%)!"
    expected = "Al-Anbar’s|U.S.|base|said|O'Neill|3.5|km|away|1,000|troops|e.g.|40"
    assert words_of(text) == expected.split("|")


def test_punctuation_and_emoji_are_not_words():
    assert words_of("... !!! — 🙂 👍🏽 ?") == []
    assert words_of("Ça va? Привет, мир. 東京") == ["Ça", "va", "Привет", "мир", "東京"]


# ----- text written for these tests ---------------------------------------------------------------------

HARBOUR = """Harbour Plan Splits Town Council

The council voted 5-4 on Tuesday to sell the old harbour to a private firm. Supporters said the sale
would bring jobs. Critics called it a giveaway.

Who spoke for the plan

Mayor Dana Ruiz said the firm had promised 200 jobs. She did not say where the number came from.

What critics say

1. The price is too low.

2. Nobody asked the fishermen.

Local groups say they will appeal. The firm did not answer our questions.
"""


def test_own_article_structure():
    art = Article.from_text(HARBOUR)
    assert art.title == "Harbour Plan Splits Town Council"
    assert [h.text for h in art.headings] == ["Who spoke for the plan", "What critics say"]
    assert [p.id for p in art.paragraphs] == ["p1", "p2", "p3", "p4", "p5"]
    assert art.paragraphs[0].text.count("\n") == 1  # a hard-wrapped paragraph stays one block
    assert [s.text for s in art.sentences if s.paragraph_id == "p1"] == [
        "The council voted 5-4 on Tuesday to sell the old harbour to a private firm.",
        "Supporters said the sale\nwould bring jobs.",
        "Critics called it a giveaway.",
    ]
    assert art.paragraphs[2].text == "1. The price is too low." and art.paragraphs[2].section_id == "h2"
    assert art.removed == ()
    assert_exact(art)


def test_title_argument():
    art = Article.from_text("The sale went ahead on Friday. Nobody was happy.", title="Harbour sold")
    assert art.title == "Harbour sold"
    assert art.text.startswith("Harbour sold\n\n")
    assert art.blocks[0].kind == "title" and art.paragraphs[0].text.startswith("The sale")
    same = Article.from_text("Harbour Sold\n\nThe sale went ahead on Friday.", title="harbour  sold")
    assert same.title == "Harbour Sold" and same.text.count("Harbour") == 1
    assert_exact(art)
    assert_exact(same)


def test_heading_rules():
    art = Article.from_text(
        "Short line no stop\n\nA full paragraph follows here.\n\nEnds with a full stop.\n\n"
        "Looks like a heading\n\nThe body goes on.\n\nFinal short line"
    )
    kinds = [(b.text, b.kind) for b in art.blocks]
    assert kinds == [
        ("Short line no stop", "title"),
        ("A full paragraph follows here.", "paragraph"),
        ("Ends with a full stop.", "paragraph"),
        ("Looks like a heading", "heading"),
        ("The body goes on.", "paragraph"),
        ("Final short line", "paragraph"),  # nothing follows it, so it is not a heading
    ]


def test_single_line_and_lowercase_are_paragraphs():
    assert Article.from_text("Hello world").paragraphs[0].text == "Hello world"
    art = Article.from_text("just a lowercase line\n\nThen a paragraph.")
    assert art.title is None and len(art.paragraphs) == 2
    art = Article.from_text("By Sam Okoro\n\nThe story starts here.")
    assert art.title is None and art.paragraphs[0].text == "By Sam Okoro"
    art = Article.from_text("Town Shaken by Flood\n\nWater reached the square.")
    assert art.title == "Town Shaken by Flood"  # "by" inside a headline does not make it a byline


def test_find_is_forgiving_about_quotes_space_and_case(seed):
    hits = seed.find("washington's NEW   conspiracy")
    assert len(hits) == 1
    start, end = hits[0]
    assert seed.text[start:end] == "Washington’s new conspiracy"
    assert seed.find("Washington's new", case=True) != [] and seed.find("washington's new", case=True) == []
    assert len(seed.find("ISIS")) == seed.text.count("ISIS")
    art = Article.from_text('He said “stop”\nnow. He said "stop" now.')
    assert [art.text[a:b] for a, b in art.find('said "stop" now')] == ["said “stop”\nnow", 'said "stop" now']
    assert art.find("nothing like this") == []
    with pytest.raises(ArticleError, match="empty"):
        art.find("   ")


def test_lookups(seed):
    sentence = seed.sentences[5]
    assert seed.sentence_at(sentence.start) == sentence
    assert seed.sentence_at(sentence.end - 1) == sentence
    assert seed.block_at(sentence.start).id == sentence.block_id
    gap = seed.blocks[0].end  # the blank line between title and first paragraph
    assert seed.block_at(gap) is None and seed.sentence_at(gap) is None
    assert seed.block_at(-1) is None and seed.block_at(len(seed.text)) is None
    assert seed.block("h3").text == "All say no to Washington"
    with pytest.raises(ArticleError):
        seed.block("p99")


def test_frames(seed):
    sentences = seed.to_frame()
    assert list(sentences.columns) == [
        "id", "start", "end", "text", "block_id", "block_kind", "paragraph_id", "section_id", "section",
        "index_in_block", "n_words",
    ]  # fmt: skip
    assert len(sentences) == len(seed.sentences)
    assert sentences["n_words"].sum() == len(seed.words)
    row = sentences[sentences["block_id"] == "p7"].iloc[0]
    assert row["section"] == "US the main culprit behind ISIS revival"
    paragraphs = seed.to_frame("paragraph")
    assert len(paragraphs) == 16 and set(paragraphs["kind"]) == {"paragraph"}
    blocks = seed.to_frame("block")
    assert len(blocks) == 21 and blocks["n_sentences"].sum() == len(seed.sentences)
    for frame in (sentences, paragraphs, blocks, seed.to_frame("word")):
        assert all(seed.text[r.start : r.end] == r.text for r in frame.itertuples())
        assert isinstance(frame, pd.DataFrame)
    with pytest.raises(ArticleError, match="sentence, paragraph, block, word"):
        seed.to_frame("chapter")


def test_reprs_escape_and_show_structure():
    art = Article.from_text("A <b>Bold</b> Claim\n\nThe mayor said <script>x</script> & left.\n\nShare")
    text = repr(art)
    assert "A <b>Bold</b> Claim" in text and "1 paragraphs" in text and "1 removed" in text
    page = art._repr_html_()
    assert "<h2" in page and "&lt;b&gt;Bold&lt;/b&gt;" in page and "<script>" not in page
    assert "&amp; left." in page and "Website clutter removed (1)" in page


def test_from_text_bad_input():
    for bad in ("", "   \n\t  ", "\r\n\r\n"):
        with pytest.raises(ArticleError, match="empty"):
            Article.from_text(bad)
    with pytest.raises(ArticleError, match="bytes"):
        Article.from_text(b"hello")  # type: ignore[arg-type]
    with pytest.raises(ArticleError, match="not int"):
        Article.from_text(42)  # type: ignore[arg-type]
    with pytest.raises(ArticleError, match="only website clutter"):
        Article.from_text("Home\n\nShare this:\n\nAdvertisement\n\nBack to top")


def test_public_names_are_lazy_and_reachable():
    assert kit.Article is Article and kit.load_article is load_article
    assert issubclass(ArticleError, kit.KitError)


def test_a_first_line_of_several_sentences_is_not_a_title() -> None:
    article = kit.Article.from_text(
        'Gen. Smith said the U.S. plan failed. "Go now." Then he left!\n\nShort heading\n\nMore text here.'
    )
    assert article.title is None
    assert article.blocks[0].kind == "paragraph"
    assert [s.text for s in article.sentences[:3]] == [
        "Gen. Smith said the U.S. plan failed.",
        '"Go now."',
        "Then he left!",
    ]


def test_the_seed_article_is_one_shared_copy_per_process() -> None:
    """Every lesson in a kernel loads the seed; they share one Article (issue 16), a file is read anew."""
    first = kit.load_article()
    assert kit.load_article() is first
    assert first.text == kit.load_article().text and first.words
