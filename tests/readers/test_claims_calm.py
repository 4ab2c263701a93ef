"""Plain factual structures that kit.find_claims must not call unverifiable or hedged (issue #15, session 4).

Calm reporting is full of words that look like sweeps, guesses or forecasts but are not here: a timetable
('every Thursday'), an arrangement ('will stay open'), a rule ('could not be spent'). Each rule has a
sentence it must change and a near miss it must leave alone; the sentences are written for these tests
(not taken from any frozen or passage set). ``why_part`` is a piece of the plain reason the learner sees,
so a right label for the wrong reason still fails.
"""

from __future__ import annotations

import pytest
from test_claims import assert_reads  # the claims tests' one-sentence check

_SWEEP = "sweeping claim"
_MIND = "what someone wants, intends, feels or plans"


@pytest.mark.parametrize(
    ("sentence", "kind", "hedged", "why_part"),
    [
        # 'every' before a day of the week or a season gives a timetable, not a sweep over a group
        ("The ferry leaves the harbour every Tuesday.", "checkable", False, "date or time"),
        ("The council has opened the lido every summer.", "checkable", False, "done in public"),
        # ... but 'every' before a group of people or things still sweeps
        ("The ferry leaves every passenger waiting in the rain.", "unverifiable", False, _SWEEP),
        # a quantifier in what someone on the record says was done is their account of an act
        ("The airline said it had refunded all passengers on Monday.", "checkable", False, "on the record"),
        ('"Nobody from the depot came out to us," the driver told reporters.', "checkable", False, "record"),
        # ... but after a verb of claiming, or with no speaker, a sweep is still a sweep
        ("The airline claimed that all passengers were refunded on Monday.", "unverifiable", False, _SWEEP),
        ("Nobody from the depot ever listens to the drivers.", "unverifiable", False, _SWEEP),
        # 'will stay open' or 'will remain closed' states an arrangement that whoever runs it can confirm
        ("The pool will stay open until ten during the heatwave.", "checkable", False, "arrangement"),
        ("Both bridges will stay shut to lorries.", "checkable", False, "done in public"),
        # ... but a state that is forecast is a prediction
        ("Prices at the pool will stay high during the heatwave.", "unverifiable", False, "predicts"),
        # a 'will' that someone vows or pledges is a commitment on record
        ("The mayor vowed the library will reopen.", "checkable", False, "public statement"),
        ("Farmers pledged that the blockade will go on.", "checkable", False, "public statement"),
        ("The mayor hopes the library will reopen.", "unverifiable", False, "predicts"),
        # what a plan will cost or raise, in figures, is arithmetic on the plan
        ("The opposition claims the levy will cost a driver 300 crowns a year.", "checkable", False, "sums"),
        ("The opposition claims the levy will cost jobs in every town.", "unverifiable", False, "predicts"),
        # a belief that is the content of the claim (denied, or one someone is made to hold) is no hedge
        ("The drivers did not believe the bridge was open.", "unverifiable", False, _MIND),
        ("The council wants us to think the road is safe.", "unverifiable", False, _MIND),
        # ... a belief that weakens what follows is
        ("The drivers believe the bridge was open.", "unverifiable", True, _MIND),
        # 'could not' of ability or of a rule is neither a guess nor a hedge ...
        ("The bus could not leave the depot because of the snow.", "other", False, "not possible or allowed"),
        # ... but a limit of what a finding can show softens it
        ("The inspectors could not confirm that the bus was safe.", "other", True, "cannot show"),
        # 'is said to have' done something reports an act, as 'it was reported' does: no guess, no hedge
        ("The club's treasurer is said to have resigned on Friday.", "checkable", False, "who reported it"),
        # ... a state or a belief pinned on nobody still softens the claim
        ("The club's treasurer is said to be unhappy.", "unverifiable", True, "nameless crowd"),
        # 'privately owned' says who owns something, not what anyone hides
        ("Most privately owned bridges in the county were inspected in 2024.", "checkable", False, "date"),
        ("The owners privately agreed to close the bridge in 2024.", "unverifiable", False, _MIND),
        # a feeling word between 'a' and a noun describes the thing after it
        ("Two fans were arrested after a furious argument with stewards.", "checkable", False, "describes"),
        ("Two fans were furious with the stewards.", "unverifiable", False, _MIND),
        # 'twice as likely' reports a measured rate, as 'less likely' does, not a guess
        ("Smokers in the survey were twice as likely to report a cough.", "other", False, "no sign"),
        ("Smokers in the survey were likely to report a cough.", "unverifiable", True, "predicts"),
        # 'all' or 'every' right after the verb of a public act gives the act's reach
        ("Police closed all roads into the town on Sunday.", "checkable", False, "how far a public act"),
        ("The police suspect all drivers on the road on Sunday.", "unverifiable", False, _SWEEP),
        # a 'may' of procedure lets people do an act of a notice (appeal, vote, book): permission, no guess
        ("You may appeal against the fine within 28 days.", "checkable", False, "permission"),
        ("Tickets may be bought at the door from 7pm.", "checkable", False, "permission"),
        ("You may regret the fine within 28 days.", "unverifiable", True, "marks a guess"),
    ],
)
def test_calm_structures(sentence: str, kind: str, hedged: bool, why_part: str) -> None:
    assert_reads(sentence, kind, hedged, why_part)


@pytest.mark.parametrize(
    ("sentence", "kind", "hedged", "why_part"),
    [
        # 'count' after a determiner is the noun (a tally), not 'count on' someone
        ("The festival planned to repeat the count on the northern beaches.", "other", False, "no sign"),
        ("The festival always counts on good weather.", "unverifiable", False, _MIND),
        # a belief or a feeling that a survey or study found is the content of its finding
        ("A poll in May found that most drivers did not feel safe at night.", "checkable", False, "survey"),
        ("Most drivers did not feel safe on the ring road.", "unverifiable", False, _MIND),
        # 'think again' means 'reconsider'; the speakers' own 'we don't feel' is their own word
        ("I urge the board to think again about the closure.", "other", False, "no sign"),
        ("We don't feel safe on the ring road any more.", "other", False, "themselves"),
        ("The board thinks the closure is needed.", "unverifiable", True, _MIND),
        ("The board doesn't feel safe on the ring road.", "unverifiable", False, _MIND),
        # 'set up to care for' people is a body's work, not a feeling
        ("The hospice was set up in 1962 to care for the dying.", "checkable", False, "set up or paid"),
        ("The hospice claims to care for the dying.", "unverifiable", False, _MIND),
        # a feeling word that opens the sentence before a noun is a label, as after 'a' or 'the'
        ("Furious shopper Dana Holt, 41, queued for three hours.", "checkable", False, "describes"),
        ("Furious at the delay, the drivers left.", "unverifiable", False, _MIND),
        # 'nothing less', like 'nothing more than', means 'exactly'
        ("Our offer is a fair wage for fair work, nothing less.", "other", False, "means 'exactly'"),
        ("Our offer changes nothing for fair work.", "unverifiable", False, _SWEEP),
        # nobody at one event (came, answered, turned up) is a count of zero a witness could confirm
        ("We rang the bell three times, but nobody answered.", "checkable", False, "one event"),
        ("No one from the landlord turned up to fix the boiler.", "other", False, "one event"),
        ("Nobody answers the phone at the council any more.", "unverifiable", False, _SWEEP),
        # an amount 'for everyone' in a group gives whom a payment covers
        ("The winter grant is 150 pounds for everyone over 80.", "checkable", False, "payment"),
        ("Everyone over 80 who lives alone is lonely.", "unverifiable", False, _SWEEP),
        ("Life is hard for everyone over 80 who lives alone.", "unverifiable", False, _SWEEP),
        # a modal inside what someone declined to say is no guess and no hedge
        (
            "The firm declined to comment on whether the mill could reopen next year.",
            "checkable",
            False,
            "declined to say",
        ),
        ("The firm said the mill could reopen next year.", "unverifiable", True, "marks a guess"),
        # 'do nothing to help' is a verdict of failure, not a sweep
        ("The new rules do nothing to help tenants in the old town.", "opinion", False, "judges"),
        ("The volunteers had nothing to do on Sunday.", "unverifiable", False, _SWEEP),
        # 'anyone who cares' names whom the sentence speaks of; 'you would want' advises
        ("Anyone who cares about the park should come on Saturday.", "opinion", False, "whom the sentence"),
        ("The council cares about the park.", "unverifiable", False, _MIND),
        ("You would want a second opinion before you sign.", "other", False, "gives advice"),
        ("The council would want a second opinion before it signs.", "unverifiable", False, _MIND),
        # talks or measures 'aimed at' something have a purpose, as a programme does
        ("Ministers held talks aimed at ending the strike.", "other", False, "no sign"),
        ("The union aimed to end the strike.", "unverifiable", False, _MIND),
        # more of what is inside a head: a real aim, an act out of spite or not by accident, coveting,
        # sneering, taking people for granted, what someone was thinking about
        ("The board's real aim is to sell the playing fields.", "unverifiable", False, _MIND),
        ("The board's main aim is to sell the playing fields.", "other", False, "no sign"),
        ("The fire at the depot did not start by accident.", "unverifiable", False, _MIND),
        ("The fire at the depot started by accident.", "other", False, "no sign"),
        ("The owners cut the wages out of greed.", "unverifiable", False, _MIND),
        ("The owners cut the wages out of the budget.", "checkable", False, "done in public"),
        ("The club has long coveted the land behind the stand.", "unverifiable", False, _MIND),
        ("The club has long rented the land behind the stand.", "other", False, "no sign"),
        ("The mayor sneers at the small shops on the high street.", "unverifiable", False, _MIND),
        ("The mayor shops at the small shops on the high street.", "other", False, "no sign"),
        ("The party takes the rural seats for granted.", "unverifiable", False, _MIND),
        ("The party took the rural seats in 2019.", "checkable", False, "date or time"),
        ("The ministers were not thinking about the patients.", "unverifiable", False, _MIND),
        ("I was thinking about the patients.", "other", False, "no sign"),
        # 'apparently' acts like 'reportedly': it hedges and keeps the claim's kind
        ("Apparently the mill has only two workers left.", "checkable", True, "also hedges"),
        ("The mill apparently could reopen.", "unverifiable", True, "marks a guess"),
    ],
)
def test_calm_structures_fifth_session(sentence: str, kind: str, hedged: bool, why_part: str) -> None:
    """Frozen set 4's false 'unverifiable' calls, by the reason that fired (issue #15, fifth session)."""
    assert_reads(sentence, kind, hedged, why_part)
