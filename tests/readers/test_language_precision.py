"""Rules of issue #15's precision round: classes of false finds seen on the development sets.

Each case is a pair: the text where the rule must change the reader's output, and its near miss, where
it must not. The sentences are written for these tests (none is copied from a test set).
"""

from __future__ import annotations

import pytest

from kit.readers.language import find_loaded_language


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
