"""Unit tests for kit.find_loaded_language: offsets, columns, matching, context rules, errors, data file."""

from __future__ import annotations

import json
import re
from importlib import resources

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit.errors import AnswerError, ArticleError, KitError
from kit.readers import language, language_rules
from kit.readers.language import (
    COLUMNS,
    LexiconError,
    categories,
    find_loaded_language,
    precision_recall,
    remaining_loaded,
    remaining_note,
    term_regex,
)

CATEGORIES = {"label", "intensifier", "derision", "presumption", "attribution", "generalisation", "euphemism"}


def found(text: str) -> list[tuple[str, str]]:
    frame = find_loaded_language(text)
    return list(zip(frame["text"], frame["category"], strict=True))


def nth(text: str, phrase: str, n: int = 1) -> int:
    return [m.start() for m in re.finditer(re.escape(phrase), text)][n - 1]


@pytest.fixture(scope="module")
def seed() -> kit.Article:
    return kit.load_article()


@pytest.fixture(scope="module")
def seed_frame(seed: kit.Article) -> pd.DataFrame:
    return find_loaded_language(seed)


def test_columns_and_exact_offsets_on_seed(seed: kit.Article, seed_frame: pd.DataFrame) -> None:
    assert list(seed_frame.columns) == COLUMNS
    assert len(seed_frame) > 5
    for row in seed_frame.itertuples():
        assert seed.text[row.start:row.end] == row.text
        assert row.category in CATEGORIES
        assert row.why.strip() and row.source.strip() and row.category_name.strip()
    assert seed_frame["start"].is_monotonic_increasing


def test_sentence_and_block_ids_point_at_the_right_units(seed: kit.Article, seed_frame: pd.DataFrame) -> None:
    sentences = {s.id: s for s in seed.sentences}
    for row in seed_frame.itertuples():
        sentence = sentences[row.sentence_id]
        assert sentence.start <= row.start and row.end <= sentence.end
        assert sentence.block_id == row.block_id


def test_headings_are_read_too(seed: kit.Article, seed_frame: pd.DataFrame) -> None:
    heading_ids = {b.id for b in seed.headings}
    assert set(seed_frame["block_id"]) & heading_ids


def test_no_overlapping_rows(seed_frame: pd.DataFrame) -> None:
    ends = seed_frame["end"].tolist()
    starts = seed_frame["start"].tolist()
    assert all(starts[i + 1] >= ends[i] for i in range(len(starts) - 1))


def test_a_plain_string_is_read_as_an_article() -> None:
    text = "The regime's so-called reforms were a sham, critics said."
    frame = find_loaded_language(text)
    article = kit.Article.from_text(text)
    pieces = [article.text[s:e] for s, e in zip(frame["start"], frame["end"], strict=True)]
    assert pieces == frame["text"].tolist()
    assert set(frame["category"]) == {"label", "derision"}


def test_inflections_and_stems() -> None:
    text = "They conspired. A conspiratorial tone. Two conspiracies. He plotted it."
    assert found(text) == [("conspired", "presumption"), ("conspiratorial", "presumption"),
                           ("conspiracies", "presumption"), ("plotted", "presumption")]


def test_multiword_expressions_and_longest_match_wins() -> None:
    assert found("They wanted regime change, a total farce.") == [
        ("regime change", "euphemism"), ("total farce", "derision")]
    assert found("It caused collateral\ndamage.") == [("collateral\ndamage", "euphemism")]


def test_curly_and_straight_apostrophes_and_hyphens() -> None:
    assert found("The so‑called deal.")[0][1] == "derision"  # non-breaking hyphen
    assert found("The would-be king said it would be fine.") == [("would-be", "derision")]


@pytest.mark.parametrize(
    ("text", "flagged", "not_flagged"),
    [
        ("He was admitted to hospital. He admitted the error.", ("admitted", 2), ("admitted", 1)),
        ("He was charged with murder. Their militias murder anyone.", ("murder", 2), ("murder", 1)),
        ("The tax regime changed. The regime fell.", ("regime", 2), ("regime", 1)),
        ("Counter-terrorism police came. The terrorists fled.", ("terrorists", 1), ("terrorism", 1)),
        ("No group claimed responsibility. He claimed that he won.", ("claimed", 2), ("claimed", 1)),
        ("The plot of land was sold. It was a plot to steal it.", ("plot", 2), ("plot", 1)),
        ("A pension scheme was set up. It was a cynical scheme to cheat them.", ("scheme", 2), ("scheme", 1)),
        # issue #15: plain uses seen in development set 5 beside the loaded ones
        ("He admitted arson. He admitted that he had lied.", ("admitted", 2), ("admitted", 1)),
        ("The price cap regime began in 2019. The regime jailed them.", ("regime", 2), ("regime", 1)),
        ("Gunmen hijacked a plane. They are hijacking our schools.", ("hijacking", 1), ("hijacked", 1)),
        ("She spoke quietly to reporters. The firm quietly raised prices.", ("quietly", 2), ("quietly", 1)),
        ("The floods in 2019 closed roads. Migrants are flooding into the towns.", ("flooding into", 1),
         ("floods in", 1)),
    ],
)
def test_context_rules_keep_neutral_senses_out(text: str, flagged: tuple[str, int],
                                               not_flagged: tuple[str, int]) -> None:
    starts = set(find_loaded_language(text)["start"])
    assert nth(text, *flagged) in starts
    assert nth(text, *not_flagged) not in starts


def test_designated_terrorist_group_is_an_attributed_label() -> None:
    text = "The government has designated the group a terrorist organisation. The terrorists struck again."
    frame = find_loaded_language(text)
    assert frame["text"].tolist() == ["terrorists"]


def test_a_word_being_discussed_is_not_flagged() -> None:
    assert found('Writers debate the word "terrorist" a lot.') == []
    assert found("The term terrorist is disputed.") == []


def test_scare_quotes_are_derision_with_the_marks_included() -> None:
    text = 'Officials praised the "reform". It’s a ‘reform’ in name only.'
    frame = find_loaded_language(text)
    assert frame["text"].tolist() == ['"reform"', "‘reform’"]
    assert set(frame["category"]) == {"derision"}
    assert frame["entry"].tolist() == ["scare-quotes", "scare-quotes"]


@pytest.mark.parametrize(
    "text",
    [
        '"They are thugs," the minister said.',
        'What she called "a pause" lasted a year.',
        'She said: "We will never give up."',
        'He read "The Great Gatsby" twice.',
    ],
)
def test_quotations_that_are_speech_naming_or_titles_are_not_flagged(text: str) -> None:
    assert found(text) == []


def test_neutral_column_is_text_and_can_be_empty_where_no_neutral_word_is_honest() -> None:
    frame = find_loaded_language("It was an evil, shocking plan by the regime.")
    by_text = dict(zip(frame["text"], frame["neutral"], strict=True))
    assert by_text["evil"] == ""
    assert "government" in by_text["regime"]


def test_empty_and_wrong_input_give_plain_errors() -> None:
    with pytest.raises(ArticleError, match="empty"):
        find_loaded_language("   \n ")
    with pytest.raises(ArticleError, match="type int"):
        find_loaded_language(42)  # type: ignore[arg-type]
    with pytest.raises(AnswerError, match="empty"):
        remaining_loaded("")
    with pytest.raises(AnswerError, match="text"):
        remaining_loaded(None)  # type: ignore[arg-type]
    assert issubclass(LexiconError, KitError)


def test_remaining_loaded_and_note() -> None:
    loaded = "The terrorists claimed that the so-called deal was a sham."
    assert len(remaining_loaded(loaded)) == 4
    note = remaining_note(loaded)
    assert '"terrorists"' in note and "4 loaded expressions" in note
    clean = "The armed group said the agreement was not real."
    assert remaining_loaded(clean).empty
    assert "no loaded words" in remaining_note(clean)


def test_categories_table_has_the_seven_categories() -> None:
    table = categories()
    assert set(table["category"]) == CATEGORIES
    assert table["plain"].str.len().min() > 20


def test_term_regex_syntax() -> None:
    def matches(term: str, text: str) -> bool:
        return re.fullmatch(term_regex(term), text, re.IGNORECASE) is not None

    assert matches("claim{,s,ed}", "claimed") and matches("claim{,s,ed}", "claim")
    assert not matches("claim{,s,ed}", "claiming")
    assert matches("conspir*", "conspiratorial") and not matches("conspir*", "inspire")
    assert matches("do their bidding", "do  their\nbidding")
    assert matches("every * knows", "every observer knows")
    assert matches("Tehran's", "Tehran’s")
    assert matches("pseudo-*", "pseudo-science") and not matches("pseudo-*", "pseudo-")
    assert matches("claim{,s} {the,a}", "claims the")
    with pytest.raises(ValueError):
        term_regex("broken{a,b")
    with pytest.raises(ValueError, match="not regular expressions"):
        term_regex("paid (shills|trolls)")


def test_data_file_has_provenance_for_every_group_and_cites_wikipedia() -> None:
    raw = resources.files("kit.readers").joinpath("data", "loaded_language.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert set(data["categories"]) == CATEGORIES
    for group in data["groups"]:
        assert group["provenance"], group["id"]
        for source in group["provenance"]:
            assert data["sources"][source]["title"]
    assert "CC BY-SA" in data["sources"]["wp-words-to-watch"]["licence"]
    ids = [e["id"] for g in data["groups"] for e in g["entries"]]
    assert len(ids) == len(set(ids))


def test_a_broken_lexicon_is_reported_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    good = language.lexicon()
    bad = json.loads(json.dumps(good))
    bad["groups"][0]["provenance"] = ["nowhere"]
    with pytest.raises(LexiconError, match="nowhere"):
        language_rules._validate(bad)
    bad = json.loads(json.dumps(good))
    bad["groups"][1]["entries"][0]["terms"] = ["open{brace"]
    with pytest.raises(LexiconError, match="cannot be read"):
        language_rules._validate(bad)
    bad = json.loads(json.dumps(good))
    bad["groups"][1]["entries"][0]["unless_after"] = ["@no-such-context"]
    with pytest.raises(LexiconError, match="no context of that name"):
        language_rules._validate(bad)


def test_shared_contexts_are_used_by_name_and_defined_once() -> None:
    """A context several entries share is written once under "contexts" and named "@name" by each."""
    data = language.lexicon()
    keys = ("unless_before", "unless_after", "when_before", "when_after")
    uses = [item for g in data["groups"] for e in g["entries"] for key in keys for item in e.get(key, [])]
    named = {item[1:] for item in uses if item.startswith("@")}
    assert named == set(data["contexts"]) and len(named) >= 4
    assert not set(data["contexts"].values()) & set(uses), "a shared context is still written out in an entry"


def test_precision_recall_counts_overlaps() -> None:
    frame = pd.DataFrame({"start": [0, 10, 30], "end": [5, 15, 35]})
    scores = precision_recall(frame, [(2, 4), (12, 20), (50, 55)])
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == pytest.approx(2 / 3)
    empty = pd.DataFrame({"start": [], "end": []})
    assert precision_recall(empty, [])["precision"] == 1.0
    assert precision_recall(empty, [(1, 2)])["recall"] == 0.0


WORDS = ["The", "regime", "said", "so-called", "reform", "terrorists", "claimed", "that", "plans", "were",
         "conspiracy", '"fair"', "and", "admitted", "to", "hospital", "everyone", "knows", "é", "“new”",
         "\n\n"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_offsets_are_exact_on_any_text(words: list[str]) -> None:
    text = " ".join(words) + "."
    if not text.strip(" .\n"):
        return
    try:
        article = kit.Article.from_text(text)
    except ArticleError:
        return  # texts the article model refuses are its business, not this reader's
    frame = find_loaded_language(article)
    for row in frame.itertuples():
        assert article.text[row.start:row.end] == row.text


def test_learner_facing_text_is_plain() -> None:
    import textstat

    from kit.offline import ensure_cmudict

    ensure_cmudict()
    data = language.lexicon()
    whys = " ".join(e["why"] for g in data["groups"] for e in g["entries"])
    plains = " ".join(c["plain"] for c in data["categories"].values())
    note = remaining_note("The terrorists claimed that the so-called deal was a sham.")
    for text in (whys, plains, note):
        assert textstat.flesch_kincaid_grade(text) <= 10, text[:80]


def test_lexicon_names_nothing_from_the_seed() -> None:
    seed = kit.load_article().text
    seed_names = ["ISIS", "Iraq", "Iran", "Syria", "Washington", "PMF", "Popular Mobilization", "Soleimani",
                  "Badr", "Anbar", "Erbil", "Rukban", "Kadhimi", "Resistance", "Damascus", "White House"]
    assert all(name in seed for name in seed_names)
    entries = [e for g in language.lexicon()["groups"] for e in g["entries"]]
    terms = " ".join(t for e in entries for t in e["terms"]).lower()
    assert not [name for name in seed_names if name.lower() in terms]


def test_strongly_emotional_words_from_vader_are_flagged_in_the_writers_voice_only() -> None:
    text = (
        "Council plan\n\nThe council's plan is an agonizing waste. "
        '"It is agonizing," said Ana Ruiz, a resident. Two people were killed in the crash.'
    )
    found = find_loaded_language(text)
    emotive = found[found["entry"] == "emotive-word"]
    assert emotive["text"].tolist() == ["agonizing"]  # not inside the quotation, not the plain event word
    row = emotive.iloc[0]
    assert text[row.start : row.end] == "agonizing"
    assert "VADER" in row.why and "VADER" in row.source and "MIT" in row.source


def test_words_to_watch_puffery_and_labels_are_found_with_their_source() -> None:
    found = find_loaded_language("News\n\nThe firm opened a world-class plant. The group is a cult.")
    assert {"world-class", "cult"} <= set(found["text"])
    attributed = find_loaded_language("News\n\nCritics called the group a cult.")
    assert "cult" not in set(attributed["text"])  # a label someone else gives is reported, not the writer's
    assert found.set_index("text").loc["world-class", "source"].startswith("Wikipedia")


def test_the_emotive_word_list_records_its_licence_and_build_script() -> None:
    from kit.readers.data_files import load_data

    data = load_data("emotive_words.json")
    assert "MIT" in data["source"]["licence"] and "vaderSentiment" in data["source"]["package"]
    assert "Copyright (c) 2016 C.J. Hutto" in data["source"]["licence_text"]  # MIT: the notice travels along
    assert "build_emotive_lexicon.py" in data["about"]
    assert not set(data["not_judgements"]["words"]) & set(data["words"])
    assert all(abs(v) >= data["threshold"] for v in data["words"].values())


@pytest.mark.parametrize(
    "text, loaded",
    [
        ("Its generals speak of defence, but their real goal is to rule the region.", "real goal"),
        ("Activist judges have rewritten the law again.", "Activist judges"),
        ("Career criminals know they will be out within weeks.", "Career criminals"),
        ("The camera is a total joke in low light.", "total joke"),
        ("Year after year the same promises are broken.", "Year after year"),
        ("The court called it a landmark ruling for tenants.", "landmark ruling"),
        ("The scheme is a ticking time bomb for the town's budget.", "ticking time bomb"),
        ("The new hotel is a hidden gem with breathtaking views.", "hidden gem"),
        ("Champagne socialists lecture the rest of us about sacrifice.", "Champagne socialists"),
        ("The new plan is woefully inadequate for a city this size.", "woefully inadequate"),
    ],
)
def test_label_and_derision_patterns_of_the_propaganda_literature(text: str, loaded: str) -> None:
    found = find_loaded_language(text)
    assert loaded in found["text"].tolist(), found[["text", "entry"]]
    assert all(found["why"].str.len() > 20)  # every flag keeps its plain reason


def test_plain_news_words_and_names_are_not_emotive() -> None:
    text = ("The appeal went to the Supreme Court. It was the worst flooding since 1998, and two people "
            "were found guilty of fraud. Three players tested positive.")
    assert find_loaded_language(text).empty


def test_names_legal_terms_and_technical_senses_are_not_flagged() -> None:
    text = ("She won her third Grand Slam title. Police arrested a man suspected of plotting an attack. "
            "The outstanding debt is 4 billion dollars. The charity gives handouts of food to 300 families. "
            "Inflation is rampant in the region. The concert sold out in minutes.")
    assert find_loaded_language(text).empty
    assert find_loaded_language("Its critics mocked the plan as a Slam dunk for the rich.")["text"].tolist()


# Issue #15, round 3: each rule has a sentence that must flag and a near miss that must not.
@pytest.mark.parametrize(
    ("loaded", "phrase", "plain"),
    [
        # 'claim' as a verb in the writer's voice hints at a lie; the noun is a plain word
        ("The minister claims that crime fell.", "claims", "The claim that crime fell is false."),
        ("Critics claim the plan will fail.", "claim", "Reporters attribute claims to named sources."),
        ("The firm claims that sales rose.", "claims", "She denied the claims that sales rose."),
        ("The firm claims that sales rose.", "claims", "Claims that sales rose are untrue."),
        ("The firm claims that sales rose.", "claims",
         "The council's claims that sales rose were checked."),
        # sweeping words about people, not about things
        ("No serious economist believes it.", "No serious economist", "There were no serious accidents."),
        ("Any sane person can see it.", "Any sane person", "There was no reasonable doubt about the result."),
        # 'pretend' accuses someone else of bad faith; 'we should stop pretending' is an appeal
        ("Ministers pretend the science is settled.", "pretend",
         "We should stop pretending the science is settled."),
    ],
)
def test_round3_loaded_use_flags_and_near_miss_does_not(loaded: str, phrase: str, plain: str) -> None:
    assert phrase in find_loaded_language(loaded)["text"].tolist()
    assert find_loaded_language(plain).empty


@pytest.mark.parametrize(
    ("loaded", "plain"),
    [
        # 'crime' is the plain news word for law-breaking; 'the criminals' (before a trial) presumes guilt
        ("The criminals fled the scene.", "Police said crime rose last year."),
        # 'exposes' data or people: left open to harm, not a loaded verb of revealing
        ("The report exposed the plan last week.", "A data breach exposes customers' details."),
        # minimisers that only stress another word are left to that word
        ("The deal is a sham.", "They were searched for nothing more than walking home."),
        ("The deal is a sham.", "It was a mistake, pure and simple."),
        # someone else's charge, reported with its speaker, is attributed, not the writer's own word
        ("The minister led a cover-up.", "The opposition accused the minister of a cover-up."),
        ("The visit was a political stunt.", "He dismissed the report as a political stunt."),
    ],
)
def test_round3_narrowed_entries_and_reported_charges(loaded: str, plain: str) -> None:
    """Each pair: the loaded use flags; its plain neighbour (a narrowed entry, a reported charge) does not."""
    assert not find_loaded_language(loaded).empty
    assert find_loaded_language(plain).empty


@pytest.mark.parametrize(
    ("scare", "plain"),
    [
        # a neutral verb of saying earlier in the clause: the quoted word is the speaker's
        ('The offer left the union "disappointed".', 'The union said it was "disappointed" by the offer.'),
        ('The minister said nothing about his "reforms".',
         'A spokesman told reporters the plan was "unworkable".'),
        # a phrase the writer goes on to use without the marks is a term being introduced
        ('What is a "hung council"? Nobody can say.',
         'What is a "hung council"? A hung council has no majority.'),
        # a new thing named the first time, right after a verb of opening or starting it
        ('Nobody uses the "cool rooms" at all.', 'Several councils have opened "cool rooms" in libraries.'),
        ('The firm launched a "green" plan.', 'The firm launched a "green corridor" for cyclists.'),
    ],
)
def test_round3_scare_quotes_and_reported_or_introduced_terms(scare: str, plain: str) -> None:
    assert find_loaded_language(scare)["entry"].tolist() == ["scare-quotes"]
    assert "scare-quotes" not in find_loaded_language(plain)["entry"].tolist()


def test_round3_a_single_word_used_plainly_elsewhere_is_still_a_scare_quote() -> None:
    text = 'The council spent thousands on "art". Real art costs less.'
    assert find_loaded_language(text)["entry"].tolist() == ["scare-quotes"]


@pytest.mark.parametrize(
    ("loaded", "phrase", "entry", "plain"),
    [
        # mind-reading: a hidden wish stated as fact in the writer's voice ('do not care' is the claims
        # reader's, see test_language_generalise.py)
        ("The chief does not want anyone to see the figures.", "does not want", "does-not-want-anyone",
         "The club does not want to sell its captain."),
        # violent verbs for criticising, and spending judged as waste
        ("Residents blasted the plan on social media.", "blasted", "tabloid-criticise",
         "Workers blasted through the rock to reach the cave."),
        ("One resident fumed about the cost.", "fumed", "tabloid-criticise",
         "The ship was blasted by winds."),
        ("The council splashed the cash on a statue.", "splashed the cash", "splash-the-cash",
         "Food waste costs millions a year."),
        ("The council wasted millions on the bridge.", "wasted millions", "splash-the-cash",
         "The council spent millions on the bridge."),
        # a tax or rule that 'punishes' or 'squeezes' ordinary people
        ("The new tax punishes hard work.", "punishes", "harm-ordinary-people",
         "Courts punish offenders who reoffend."),
        ("Do not squeeze the people who keep the country running.", "squeeze", "harm-ordinary-people",
         "Squeeze the lemon over the fish."),
        # scornful labels and images
        ("This heavy-handed tactic failed.", "heavy-handed", "contempt-labels",
         "He took a heavy bag in his hand."),
        ("Critics call it a lazy fantasy.", "lazy fantasy", "contempt-labels", "We had a lazy Sunday."),
        ("Ministers are too cowardly to fix it.", "cowardly", "contempt-character",
         "She knows better than to argue."),
        ("The regulator has been asleep at the wheel for years.", "asleep at the wheel",
         "asleep-at-the-wheel",
         "The driver fell asleep at the wheel and hit a wall."),
        ("It is a scandal that nurses cannot afford rent.", "a scandal", "it-is-a-scandal",
         "The minister resigned after a scandal over expenses."),
        # glittering words in a press release
        ("Brightwater is a leading provider of solar power.", "leading", "a-leading",
         "Heart disease is a leading cause of death."),
        ("The deal shows the government's determination to act.", "determination", "determination",
         "Her determination to finish the race impressed the crowd."),
        # sweeping claims about everyone of a kind
        ("Everyone who rents knows the system is broken.", "Everyone", "everyone-who-knows",
         "Everyone who came to the meeting was given a leaflet."),
        ("The police treat every teenager as a suspect.", "treat every teenager as a suspect",
         "treat-every-as",
         "The police treat every report seriously."),
        # tabloid names for officials, and scornful phrases for plans, adverts and charges
        ("Council chiefs approved the plan.", "Council chiefs", "tabloid-officials",
         "The council chief executive resigned."),
        ("The officials who dreamed it up have never run a farm.", "dreamed it up", "dismissive-inventing",
         "She dreamed of a farm."),
        ("The cameras are a cash machine for the council.", "cash machine", "cash-machine-for",
         "The bank put a cash machine for customers in the square."),
        ("The officials who dreamed it up have never run a farm.", "dreamed it up", "dismissive-inventing",
         "The app was dreamed up by two students."),
        # near misses that need the context rules of the new entries
        ("The chief does not want anyone to see the figures.", "does not want", "does-not-want-anyone",
         "The club does not want anyone to think it is leaving, the chairman said."),
        ("Everyone who rents knows the system is broken.", "Everyone", "everyone-who-knows",
         "Anyone who knows where the dog is should call the police."),
        ("The police treat every teenager as a suspect.", "treat every teenager as a suspect",
         "treat-every-as", "The hospital treats every patient as an individual."),
        ("It is a scandal that nurses cannot afford rent.", "a scandal", "it-is-a-scandal",
         "It is a scandal, the opposition leader said."),
        ("Residents blasted the plan.", "blasted", "tabloid-criticise", "A bomb blasted the building."),
        ("The tax will squeeze families.", "squeeze", "harm-ordinary-people",
         "Prices will squeeze families' budgets."),
        ("Police used heavy-handed tactics.", "heavy-handed", "contempt-labels",
         "Police used heavy-handed tactics, the report found."),
        ("Their shiny adverts promise clean air.", "shiny", "shiny-adverts", "The car was shiny and new."),
    ],
)
def test_round3_new_rules_flag_and_near_miss_does_not(loaded: str, phrase: str, entry: str,
                                                      plain: str) -> None:
    frame = find_loaded_language(loaded)
    assert (phrase, entry) in set(zip(frame["text"], frame["entry"], strict=True))
    assert find_loaded_language(plain).empty


def test_round3_conditional_entries_are_never_flagged_without_their_context() -> None:
    """'when_before' / 'when_after' entries need their context: the bare word alone is not flagged."""
    for text in ("The leading runner fell.", "She showed great determination.", "Everyone came.",
                 "They punished him.", "It was a scandal."):
        assert find_loaded_language(text).empty, text


def test_the_seeds_crime_of_the_assassination_is_a_verdict() -> None:
    """The seed's "its crime of the assassination": a speaker's verdict on an act, as the keys mark it."""
    article = kit.load_article()
    phrase = article.text.index("its crime of the assassination")
    found = find_loaded_language(article)
    rows = found[(found["start"] < phrase + len("its crime")) & (found["end"] > phrase + len("its "))]
    assert rows["text"].tolist() == ["crime"], rows[["text", "entry"]]
    assert rows["category"].tolist() == ["presumption"]
    assert "verdict" in rows["why"].iloc[0]


# 'crime(s)' is a verdict when it belongs to an actor (a possessive before it) or names an act
# ('crime of ...'); the general news noun for law-breaking stays neutral.
@pytest.mark.parametrize(
    ("text", "word", "entry"),
    [
        ("The regime's crimes will not be forgotten.", "crimes", "an-actors-crime"),
        ("Washington's crime was to ignore the warnings.", "crime", "an-actors-crime"),
        ("They must answer for their crimes.", "crimes", "an-actors-crime"),
        ("The rebels hid their crimes for years.", "crimes", "an-actors-crime"),
        ("Moscow’s crimes in the region go on.", "crimes", "an-actors-crime"),
        ("Whose crime was it, then?", "crime", "an-actors-crime"),
        ("Ministers committed the crime of ignoring the flood warnings.", "crime", "crime-of"),
        ("It was the crime of leaving the poor to their fate.", "crime", "crime-of"),
        ("This is a crime of the worst kind.", "crime", "crime-of"),
    ],
)
def test_crime_belonging_to_an_actor_or_naming_an_act_is_a_verdict(text: str, word: str, entry: str) -> None:
    found = find_loaded_language(text)
    crimes = found[found["text"].str.lower().str.startswith("crime")]
    pairs = list(zip(crimes["text"], crimes["entry"], strict=True))
    assert pairs == [(word, entry)], found[["text", "entry"]]
    assert (crimes["category"] == "presumption").all()


@pytest.mark.parametrize(
    "text",
    [
        "Crime fell by 10 percent last year.",
        "Violent crime is rising in the suburbs.",
        "Police sealed off the crime scene.",
        "A crime was reported to police on Monday.",
        "Fewer crimes were recorded in 2024.",
        "The police must fight crime.",
        "It's crime that voters care about most.",  # 'it's' is not a possessive
        "The city's crime rate fell.",  # a possessive place, then a compound noun
        "Britain's crime has fallen for five years.",  # a possessive place, then a trend
        "Our crime statistics are out of date.",
        "Her crime novels sell well.",
        "Yesterday's crime shocked the village.",  # a time, not an actor
        "He was jailed for eight years for his crimes.",  # a court has decided it
        "She was convicted of the crime of fraud.",
        "It was a crime of passion, the court heard.",
        "The unsolved crimes of the 1980s still trouble the town.",
        "The tribunal heard evidence of war crimes.",
    ],
)
def test_crime_as_the_general_news_noun_is_not_flagged(text: str) -> None:
    assert find_loaded_language(text).empty, find_loaded_language(text)[["text", "entry"]]
