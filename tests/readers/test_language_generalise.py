"""Rules of issue #15's generalising round: error classes seen on set 2, checked on every development set.

Each case is a pair: the text where the rule must change the reader's output, and its near miss, where
it must not. The sentences are written for these tests (none is copied from a test set).
"""

from __future__ import annotations

import pytest

from kit.readers.claims import find_claims
from kit.readers.language import find_loaded_language


def entries(text: str) -> list[str]:
    return find_loaded_language(text)["entry"].tolist()


@pytest.mark.parametrize(
    ("plain", "scare"),
    [
        # a reported clause opened by 'that', however long, holds the speaker's words
        (
            'The firm said in a statement that its offer was "fair".',
            'The firm made a "fair" offer to its staff.',
        ),
        (
            'She wrote that she bought a "fresh" loaf at the shop and found it "stale" by noon.',
            'She bought a "fresh" loaf at the shop.',
        ),
        # the clause's own verb may be any past verb, and the quote may follow another quote
        (
            'The mayor said the team was "listening" and would "review" it.',
            'The mayor said nothing about his "review".',
        ),
        # a charged verb of saying after a named speaker: still the speaker's words
        (
            'Finance Minister Ann Lode claims the cut will "unleash growth".',
            'Defenders of the cut claim it will "unleash growth".',
        ),
        (
            'Chief Constable Bo Hale has claimed her officers acted "calmly".',
            'Critics of the force insist its officers acted "calmly".',
        ),
        # the words of a promise or agreement, and the label of a rating scale
        ('The dean agreed to "open a dialogue" with the students.', 'The dean wants a "dialogue" with them.'),
        ('A third of the bridges were rated "poor" in the survey.', 'A third of the bridges are "safe".'),
    ],
)
def test_a_quote_inside_a_reported_clause_or_a_rating_is_not_a_scare_quote(plain: str, scare: str) -> None:
    assert "scare-quotes" not in entries(plain)
    assert "scare-quotes" in entries(scare)


@pytest.mark.parametrize(
    ("stated", "slipped_in"),
    [
        ("The staff were lovely, though the soup was cold.", "The lovely staff served cold soup."),
        ("It is a wonderful route for a day out.", "Walkers took the wonderful route over the hill."),
        (
            "The valley is regarded as one of the most beautiful in the region.",
            "Beautiful new flats will replace the old school.",
        ),
        # a bad feeling stated as a verdict is still pushed at the reader
        ("The camera is excellent in daylight.", "The backlog is a national humiliation."),
    ],
)
def test_praise_stated_openly_as_a_verdict_is_not_an_emotive_flag(stated: str, slipped_in: str) -> None:
    assert "emotive-word" not in entries(stated)
    assert "emotive-word" in entries(slipped_in)


@pytest.mark.parametrize(
    ("plain", "loaded", "entry"),
    [
        # a plain 'scheme' is a plan; after a word that belittles it, or as 'scheming', it is a sly one
        (
            "The council will review the scheme after six months.",
            "The plan is nothing more than a scheme to fool voters.",
            "scheme",
        ),
        ("Farms joined a certification scheme for tea.", "It was a cynical scheme from the start.", "scheme"),
        (
            "This landmark scheme will open in May.",
            "The two men were scheming to take over the club.",
            "scheming",
        ),
    ],
)
def test_scheme_is_a_sly_plan_only_with_a_word_that_says_so(plain: str, loaded: str, entry: str) -> None:
    assert "scheme" not in entries(plain)
    assert entry in entries(loaded)


def test_so_called_before_a_quoted_name_is_flagged_once() -> None:
    """'so-called' followed by quotation marks still sneers (only 'so-called' is flagged, not the quote)."""
    assert entries('Their so-called "community manager" posted a note.') == ["so-called"]
    assert find_loaded_language("The so-called experts were wrong.")["text"].tolist() == ["so-called experts"]


@pytest.mark.parametrize(
    ("plain", "loaded"),
    [
        # 'claimed by' someone is owned or wanted (a territory, a title), not a doubted statement
        (
            "Voters in a province claimed by two states went to the polls.",
            "The minister claimed the vote was fair.",
        ),
    ],
)
def test_neutral_senses_of_claimed(plain: str, loaded: str) -> None:
    assert find_loaded_language(plain).empty
    assert not find_loaded_language(loaded).empty


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # a last word that only picks the loaded sense is left out of the span, so 'said' fits in its place
        ("The minister claims that crime fell.", ["claims"]),
        ("The owners pocket the rent and ignore the mould.", ["pocket"]),
        ("Critics claim the plan will fail.", ["claim"]),
        # near misses: a longer phrase keeps its words ('caved in to', 'in the pocket of')
        ("The council caved in to the developers.", ["caved in to"]),
        ("The mayor is in the pocket of the builders.", ["in the pocket of"]),
    ],
)
def test_a_link_word_at_the_end_of_a_term_is_not_part_of_the_span(text: str, shown: list[str]) -> None:
    assert find_loaded_language(text)["text"].tolist() == shown


@pytest.mark.parametrize(
    ("loaded", "plain"),
    [
        # a verb that acts out how someone spoke, used as the verb of saying
        ('"I cannot grow tomatoes any more," Edna sobbed.', "Edna sobbed as she described the crash."),
        ('Flint snarled: "It is my garden."', "Traffic snarled, and drivers waited for an hour."),
        ('"Get out," he snapped.', "A branch snapped."),
        ('"No," she raged.', "As the storm raged, residents fled."),
    ],
)
def test_a_verb_acting_out_the_speaking_is_a_loaded_verb_of_saying(loaded: str, plain: str) -> None:
    assert "speech-manner" in entries(loaded)
    assert find_loaded_language(plain).empty


def test_a_short_quote_followed_by_its_speaker_and_any_verb_of_saying_is_not_a_scare_quote() -> None:
    assert "scare-quotes" not in entries('"Never," Edna Pollard replied.')
    assert "scare-quotes" not in entries('"Get out," he shouted.')
    assert entries('The "experts" Edna trusts are wrong.') == ["scare-quotes"]


@pytest.mark.parametrize(
    ("loaded", "plain"),
    [
        (
            "Lumora launches Halo X, its most advanced smart hub yet.",
            "Lumora launches Halo X, its newest smart hub.",
        ),
        (
            "It is the most intuitive home hub ever made.",
            "March saw the most rain ever recorded in the town.",
        ),
        ("It is the most exciting phone ever.", "Most people have not yet voted."),
        (
            "Our most ambitious plan yet starts today.",
            "It is the most exciting phone ever, the reviewer said.",
        ),
    ],
)
def test_a_superlative_with_ever_or_yet_is_puffery(loaded: str, plain: str) -> None:
    assert "superlative-ever" in entries(loaded)
    assert find_loaded_language(plain).empty


@pytest.mark.parametrize(
    ("plain", "loaded"),
    [
        # water flooding a place (a passive, or a place as the subject) is literal, not people as a flood
        (
            "A spokesperson said 120 homes had been flooded in the village.",
            "Migrants are flooding into the towns.",
        ),
        ("Basements in the old town flooded in the storm.", "Thousands of people flooded into the square."),
        # a place that 'flooded in' a year is literal water, not people pictured as a flood
        ("The estate also flooded in 2019.", "Migrants flooded in from the south."),
    ],
)
def test_a_place_that_floods_is_literal_water(plain: str, loaded: str) -> None:
    assert find_loaded_language(plain).empty
    assert "flood-verbs" in entries(loaded)


@pytest.mark.parametrize(
    "text",
    [
        "The bureaucrats running the office do not care.",
        "Landlords only care about profit.",
        "He simply does not care about the children who swim in these rivers.",
    ],
)
def test_a_feeling_stated_as_fact_is_left_to_the_claims_reader(text: str) -> None:
    """'do not care' is mind-reading: find_claims marks the sentence unverifiable (one place for it)."""
    assert "does-not-care" not in entries(text)
    assert find_claims(text)["kind"].tolist() == ["unverifiable"]


def test_a_charged_word_in_a_mind_reading_sentence_is_still_loaded() -> None:
    assert find_loaded_language("The eco-zealots at the ministry do not care.")["text"].tolist() == [
        "eco-zealots"
    ]


def test_treated_like_criminals_is_a_comparison_not_a_verdict() -> None:
    """'criminals' gives a verdict on people; 'treated like criminals' says they are not criminals."""
    assert "crime" not in entries("Mothers with pushchairs were treated like criminals.")
    assert "crime" not in entries("They were treated as if they were criminals.")
    assert "crime" in entries("The criminals fled the scene.")
