"""Choice: one or several options; saved at once, restored, and carried in the notebook output."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.answers import AnswerStore
from kit.errors import AnswerError
from kit.widgets.choice import Choice

OPTIONS = ["news", "opinion", "advertising"]


def test_single_choice_is_saved_and_restored(tmp_path: Path) -> None:
    c = Choice("kind-of-text", OPTIONS, notebook="nb", store=tmp_path)
    assert c.value is None
    c.value = "opinion"
    assert AnswerStore(tmp_path).load("nb", "kind-of-text")["value"] == "opinion"
    again = Choice("kind-of-text", OPTIONS, notebook="nb", store=tmp_path)
    assert again.value == "opinion" and again._radio.value == "opinion"
    assert again.payload["kind"] == "choice"


def test_clicking_the_radio_widget_records_the_answer(tmp_path: Path) -> None:
    c = Choice("q", OPTIONS, notebook="nb", store=tmp_path)
    c._radio.value = "news"  # what the front end sets when a learner clicks
    assert c.value == "news" and AnswerStore(tmp_path).load("nb", "q")["value"] == "news"


def test_multiple_choice_keeps_option_order(tmp_path: Path) -> None:
    c = Choice("q", OPTIONS, multiple=True, notebook="nb", store=tmp_path)
    assert c.value == []
    c._boxes[2].value = True
    c._boxes[0].value = True
    assert c.value == ["news", "advertising"]
    again = Choice("q", OPTIONS, multiple=True, notebook="nb", store=tmp_path)
    assert [b.value for b in again._boxes] == [True, False, True]


def test_bad_values_and_options_are_refused(tmp_path: Path) -> None:
    c = Choice("q", OPTIONS, notebook="nb", store=tmp_path)
    with pytest.raises(AnswerError):
        c.value = "satire"
    assert c.value is None
    with pytest.raises(AnswerError):
        Choice("q", [], store=tmp_path)
    with pytest.raises(AnswerError):
        Choice("q", ["a", "a"], store=tmp_path)


def test_a_stored_value_that_is_no_longer_an_option_is_not_restored(tmp_path: Path) -> None:
    Choice("q", OPTIONS, notebook="nb", store=tmp_path).value = "advertising"
    again = Choice("q", ["news", "opinion"], notebook="nb", store=tmp_path)
    assert again.value is None
