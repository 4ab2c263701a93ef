"""Rules of issue #15's precision round: classes of false finds seen on the development sets.

Each case is a pair: the text where the rule must change the reader's output, and its near miss, where
it must not. The sentences are written for these tests (none is copied from a test set).
"""

from __future__ import annotations

import re

import pytest

from kit.readers.language import find_loaded_language
from kit.readers.terms import term_regex


def entries(text: str) -> list[str]:
    return find_loaded_language(text)["entry"].tolist()


def flagged(text: str) -> list[str]:
    return find_loaded_language(text)["text"].tolist()


@pytest.mark.parametrize(
    ("speech", "scare"),
    [
        # speech cut by a comma, then a tag with a speaker of several words
        ('"Close it now," one angry shop owner told the meeting.', 'They call it a "plan" now.'),
        ('"Close it", the owner of the shop said.', 'Their "reform", for all the talk, is a cash grab.'),
        # a reported clause whose quote comes a few words after the clause's own verb
        (
            'A former clerk said the mayor wanted the jobs kept "among friends".',
            'The mayor kept the jobs "among friends".',
        ),
    ],
)
def test_speech_with_its_tag_or_in_a_reported_clause_is_not_a_scare_quote(speech: str, scare: str) -> None:
    assert "scare-quotes" not in entries(speech)
    assert "scare-quotes" in entries(scare)


@pytest.mark.parametrize(
    ("predicate", "coloured"),
    [
        ("By the evening two of the drivers were furious.", "By the evening a furious row had broken out."),
        ("The second half has been dismal to watch.", "It was a dismal second half for the visitors."),
        ("The tenants are really livid about it.", "The livid tenants wrote to the council."),
    ],
)
def test_a_bad_feeling_as_the_bare_predicate_is_not_an_emotive_flag(predicate: str, coloured: str) -> None:
    assert "emotive-word" not in entries(predicate)
    assert "emotive-word" in entries(coloured)


@pytest.mark.parametrize(
    ("plain", "loaded", "entry"),
    [
        # a motive with the people who see it named after it is their reading, not the writer's
        ("The real aim of the cuts, critics say, is to win votes.", "The real aim of the cuts is to win.",
         "true-aim"),
        # a quiet feeling or manner is a mood, not a secret act
        ("Most of the staff were quietly relieved.", "The council quietly dropped the plan.", "insinuation"),
        ("Her father was quietly spoken.", "The firm has quietly raised its fees.", "insinuation"),
        # 'not once a year' says how often, it does not sweep
        ("The board should meet every month, not once a year.", "Not once did the board ask the tenants.",
         "no-decent-person"),
        # 'of course' granting a point the writer has just hedged is a concession
        ("Part of the drop may be the weather, of course.", "The drop is, of course, the council's fault.",
         "vitally"),
    ],
)
def test_neutral_senses_and_attributed_motives(plain: str, loaded: str, entry: str) -> None:
    assert entries(plain) == []  # no other entry of the same words takes over ('of course' is listed once)
    assert entry in entries(loaded)


@pytest.mark.parametrize(
    ("loaded", "phrase", "plain"),
    [
        # a view held by 'many' who are never named (Wikipedia's words to watch call these weasel words)
        ("The old bridge is widely regarded as the finest in the region.", "widely regarded",
         "The old bridge was widely used by traders."),
        ("His later books are generally considered weaker.", "generally considered",
         "The bridge is widely regarded by Historic Ways, the charity, as its finest."),
        # what every one of a group knows, feels or has seen, said as the subject of the sentence
        ("Every landlord in this city knows what it is doing.", "Every landlord",
         "Every school in the district will close on Friday."),
        ("Every season-ticket holder has had enough of the board.", "Every season-ticket holder",
         "Every member state has had to sign the treaty."),
        ("Meanwhile every bus company in the region is watching.", "every bus company",
         "From April, every household will pay the new levy."),
        ("Every voter who met him remembers the promise.", "Every voter",
         "Every year the council publishes its accounts."),
    ],
)
def test_views_given_to_unnamed_many_or_to_every_one_of_a_group(loaded: str, phrase: str, plain: str) -> None:
    assert phrase in flagged(loaded)
    assert find_loaded_language(plain).query("category == 'generalisation'").empty


def test_the_words_of_a_term_may_be_joined_by_one_hyphen() -> None:
    assert re.fullmatch(term_regex("fat cat{,s}"), "fat-cats", re.IGNORECASE)
    assert not re.fullmatch(term_regex("fat cat{,s}"), "fat--cats", re.IGNORECASE)
    assert not re.fullmatch(term_regex("would-be"), "would be", re.IGNORECASE)
    assert "fat-cat" in flagged("The fat-cat bosses kept their bonuses.")
    assert flagged("The fat, lazy cat slept all day.") == []


@pytest.mark.parametrize(
    ("loaded", "phrase", "plain"),
    [
        # tabloid colour (seen in the tabloid pieces of sets 2 and 3)
        ("The love rat left town on Friday.", "love rat", "A nuclear meltdown was avoided at the plant."),
        ("The bitter feud went to court.", "bitter", "The bitter cold returned overnight."),
        ("The singer stormed out of the studio.", "stormed out", "The singer walked out of the studio."),
        # a decision 'forced' through, and giving in to a group
        ("The council rushed the plan through.", "rushed", "Fans rushed through the gates."),
        ("The bill was rammed through parliament.", "rammed through", "The car rammed through the gates."),
        ("Ministers caved to the lobby.", "caved to", "The cave to the north floods every spring."),
        ("Colleges must stop pandering to them.", "pandering", "Colleges must stop listening to them."),
        # mocking the other side's motive
        ("The opposition is grandstanding again.", "grandstanding", "The team scored three points."),
        ("It is time to end the rent grab.", "rent grab", "She grabbed the rent book."),
        # a speaker acting out contempt at someone
        ("The striker snarled at the photographer.", "snarled", "The dog snarled at the postman."),
        # what everyone in a place can see, said as the subject
        ("Everyone on the estate can see it.", "Everyone", "From April, everyone will pay the levy."),
        # glittering promises of press releases
        ("The new line will close the gap once and for all.", "once and for all",
         "The new line will close the gap by 2029."),
        ("This historic investment will help.", "historic", "The historic buildings will be restored."),
        ("The scheme will transform the lives of patients.", "transform",
         "The council plans to transform the old mill into flats."),
        # draining people of everything (sets 2 and 3), but not a cloth
        ("Landlords are bleeding a generation dry.", "bleeding", "She squeezed the cloth dry."),
        # plural and spelling forms of labels the lexicon had in one form only
        ("Tenants are treated as cash cows.", "cash cows", "The farm sold two cows for cash."),
        ("The levy is a stealth tax.", "stealth tax", "The levy is a new tax."),
        # a scornful word for a person's character
        ("Heartless ministers ignore them.", "Heartless", "Busy ministers ignore them."),
        # 'reckless' as the name of an offence is a legal term, and admitting it is a plea
        ("It was a reckless gamble.", "reckless", "He admitted reckless driving."),
    ],
)
def test_new_entries_flag_the_loaded_use_and_not_the_plain_one(loaded: str, phrase: str, plain: str) -> None:
    assert phrase in flagged(loaded)
    assert flagged(plain) == []


@pytest.mark.parametrize(
    "plain",
    [
        # facts about every member of a group: not what they all know or feel
        "Every region has seen a rise in applications since 2024.",
        "Every household will have received a letter by Friday.",
        "Every pupil at the school has had the vaccine.",
        "Every member of the committee has seen the report.",
        # a view whose holders are named
        "The theory is widely accepted by physicists.",
        "The painting was widely seen as a turning point, according to the museum.",
        # rushing people, a system's breakdown, a verb of shame, a plan for a firm's own work
        "The fire crews rushed the injured through the doors.",
        "The storm caused a meltdown of the power network.",
        "The company disgraced itself in the final.",
        "The firm aims to transform its logistics with new software.",
        # the noun 'grandstand', and a promise reported with its speaker
        "The stands were packed for the grandstand opening.",
        "The council says the snow will be cleared once and for all by Friday.",
    ],
)
def test_plain_news_sentences_near_the_new_entries_are_left_alone(plain: str) -> None:
    assert flagged(plain) == []


@pytest.mark.parametrize(
    ("plain", "coloured"),
    [
        ("She married her childhood sweetheart in 1962.", "She married her gorgeous sweetheart in 1962."),
        ("The lake is used by pleasure boats in summer.", "The lake fills with glorious boats in summer."),
        ("The pitch was in perfect condition.", "The pitch was in magnificent condition."),
    ],
)
def test_pleasant_things_and_plain_states_are_not_emotive_flags(plain: str, coloured: str) -> None:
    assert flagged(plain) == []
    assert "emotive-word" in entries(coloured)


@pytest.mark.parametrize(
    ("plain", "loaded", "entry"),
    [
        # fifth session: neutral senses of listed words (set 4's false flags were of these kinds)
        # a free radical in chemistry is a molecule, not a person
        ("Her lab measures free radicals in smoke.", "The party fears that its radicals will split it.",
         "radicals"),
        # 'every time I/we ...' counts the writer's own occasions
        ("Every time we phone, the office sends a form.", "Every time prices rise, the profits vanish.",
         "no-decent-person"),
        # a motive offered openly as the writer's guess is not stated as fact
        ("I suspect the real aim is to save money.", "The real aim is to save money.", "true-aim"),
        # what a document or record shows
        ("Records kept by the club reveal that the loan was repaid.",
         "The treasurer revealed that the loan was repaid.", "reveal"),
        # conceding a contest or a goal
        ("The mayor conceded late on Sunday after the final count.",
         "The mayor conceded that the count was wrong.", "concede"),
        ("The keeper conceded two goals in the first half.", "The keeper conceded the pitch was poor.",
         "concede"),
        # the plain noun for events
        ("The charity helps people displaced by disasters.", "The new timetable is a disaster.",
         "catastrophe"),
        # claiming a thing (a grant, a refund) rather than claiming that something is so
        ("Many pensioners are owed the grant but never claim it.", "They claim it is safe.", "claim-clause"),
        # what everyone deserves is a norm, not a claim about what they all know or feel
        ("Every patient deserves a clean ward.", "Every patient on this ward wants a clean one.",
         "every-member-knows"),
    ],
)
def test_neutral_senses_of_listed_words_and_a_hedged_motive(plain: str, loaded: str, entry: str) -> None:
    assert entries(plain) == []
    assert entry in entries(loaded)


@pytest.mark.parametrize(
    ("plain", "coloured"),
    [
        # the name of a feeling someone has reports it ('their anger', 'of quiet fury', 'with rage')
        ("Their anger was plain at the meeting.", "Fury as the council shuts the pool."),
        ("She gives a performance of quiet fury.", "The night ended in fury and broken glass."),
        ("He was shaking with rage by the end.", "Rage grips the town after the vote."),
        # a verdict after a title and a colon is as open as 'The Long Road is a beautiful book'
        ("The Long Road: a quiet, beautiful book", "The council unveiled a beautiful new scheme."),
    ],
)
def test_a_feeling_someone_has_and_a_titled_verdict_are_not_emotive_flags(plain: str, coloured: str) -> None:
    assert "emotive-word" not in entries(plain)
    assert "emotive-word" in entries(coloured)


def test_a_charged_verb_of_saying_after_a_definite_body_reports_its_words() -> None:
    """'the company insisted the fee was a "..."' quotes the company; 'critics of it insist' quotes nobody."""
    assert "scare-quotes" not in entries('Yesterday the company insisted the fee was a "small charge".')
    assert "scare-quotes" in entries('Critics of the company insist the fee is a "small charge".')


@pytest.mark.parametrize(
    ("loaded", "phrase", "plain"),
    [
        # fifth session: kinds of loaded wording the lexicon lacked on every development set
        # using a rule or a process as cover, said of people who would not act
        ("The ministers hide behind red tape.", "hide behind", "The children hid behind a tree."),
        ("The board is hiding behind another review.", "hiding behind",
         "The sun was hiding behind the hills."),
        # an argument mocked as worn out
        ("It is the same tired excuse as last year.", "same tired excuse",
         "The tired players left the pitch."),
        # a project mocked as a show for the cameras, but not the ceremony itself
        ("The fund must be more than ribbon-cutting.", "ribbon-cutting",
         "The mayor attended the ribbon-cutting ceremony on Friday."),
        # a tax called a robbery of ordinary people, but not a police raid
        ("The new levy is a raid on pensioners.", "raid", "Police carried out a raid on a flat in the town."),
        # what nobody in a group believes or wants, but not a plain 'nobody was hurt' or 'no one knows'
        ("Nobody in the club believes the manager.", "Nobody", "Nobody was hurt in the fire."),
        ("But no one at the council seems to be listening.", "no one", "No one knows how the fire started."),
        # scorn for a person's character or effort, but not a stain or a fever that will not go
        ("The minister gave a feeble answer.", "feeble", "The patient had a feeble pulse."),
        ("The board meekly accepted the cuts.", "meekly", "The board accepted the cuts."),
        ("The stubborn owner refused again.", "stubborn", "Vinegar lifts stubborn stains."),
        ("It was a half-hearted apology.", "half-hearted", "It was a short apology."),
        # an amount made to sound too small to matter
        ("Staff were offered a paltry rise.", "paltry", "Staff were offered a 2 percent rise."),
        ("That is a trifling sum for the city.", "trifling", "That is a small share of the budget."),
        # praise words of puffery, and spending judged as careless
        ("The new app is superb.", "superb", "The new app is free."),
        ("It learns your habits effortlessly.", "effortlessly", "It learns your habits over a week."),
        ("The firm threw a lavish party.", "lavish", "The firm held a party for its staff."),
        # a verb that mocks what someone says as a routine, but not a horse or a team coming out
        ("The club trots out the same answer.", "trots out", "The horses trotted out onto the track."),
        ("The owners plead poverty every spring.", "plead poverty", "The owners pleaded guilty in court."),
        # an advert's glittering promise
        ("There has never been a better time to switch.", "never been a better time",
         "There has never been a vote on the plan."),
        ("Solar panels are the smart choice for your home.", "smart choice",
         "Solar panels are one choice for your home."),
    ],
)
def test_new_entries_of_the_fifth_session(loaded: str, phrase: str, plain: str) -> None:
    """New lexicon entries (issue #15, fifth session): each flags its loaded use, not the plain one."""
    assert phrase in flagged(loaded)
    assert flagged(plain) == []


def test_a_verb_of_feeling_after_the_one_who_felt_it_reports_the_feeling() -> None:
    assert "emotive-word" not in entries("Most of the players will have dreaded the long trip.")
    assert "emotive-word" in entries("The players face the dreaded long trip.")
