"""The searchlog question type: key parsing, the three automatic checks, self-check without the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.grading.format import ExerciseFormatError
from kit.grading.questions import searchlog

GOOD = {
    "query": "q",
    "source": "Carnegie Endowment",
    "who": "a think tank",
    "says": "s",
    "trust": "a lot",
    "side": "independent",
}
SIDE = {
    "query": "q",
    "source": "Iran Press",
    "who": "an Iranian outlet",
    "says": "s",
    "trust": "a little",
    "side": "same side as the article",
}
META = {"checks": {"complete": 1, "outside": 1, "independent": 1}, "min_entries": 3}


def _key(**extra: object) -> dict:
    raw = {"article_side": ["Badr", "Iran Press", "Al-Mayadeen"], "sample": [GOOD, GOOD, SIDE], **extra}
    return searchlog.parse_key(Path("x.ipynb"), "q", raw, META)


def test_the_three_checks_each_earn_their_share() -> None:
    key = _key()
    assert searchlog.score([GOOD, GOOD, SIDE], key, META, 3).points == 3
    assert searchlog.score([GOOD], key, META, 3).points == 2  # outside + independent, not complete
    # every source on the article's side: outside the article, but not independent
    fooled = {**SIDE, "side": "independent"}
    assert searchlog.score([fooled, fooled, fooled], key, META, 3).points == 2
    assert searchlog.score([{**GOOD, "source": "the article"}] * 3, key, META, 3).points == 1
    assert searchlog.score([], key, META, 3).status == "not answered"
    assert searchlog.score("junk", key, META, 3).status == "invalid"


def test_article_side_names_match_as_whole_word_runs() -> None:
    key = _key()
    ap = {**GOOD, "source": "Associated Press", "who": "a news agency"}
    assert searchlog.evaluate([ap], key, 1)["independent"]  # "press" alone is not "iran press"
    mayadeen = {**GOOD, "source": "al-Mayadeen website"}
    assert not searchlog.evaluate([mayadeen], key, 1)["independent"]


def test_a_key_whose_sample_fails_its_own_checks_is_refused() -> None:
    with pytest.raises(ExerciseFormatError, match="fails its own checks"):
        _key(sample=[SIDE])
    with pytest.raises(ExerciseFormatError, match="article_side"):
        searchlog.parse_key(Path("x.ipynb"), "q", {"article_side": [], "sample": [GOOD]}, META)


def test_class_copy_hashes_only_the_public_name_and_never_confirms_independence() -> None:
    key = _key()
    record = {"salt": "s4lt", **searchlog.check_record(key, META, "s4lt")}
    assert len(record["side_hashes"]) == 1 and record["hidden"] is True and "reveal" not in record
    assert "badr" not in str(record).lower() and "press" not in str(record).lower()
    assert searchlog.self_check({}, record, [GOOD, GOOD, SIDE]).startswith("The checks this copy can make")
    fooled = {**SIDE, "side": "independent"}
    message = searchlog.self_check({"hint": "h"}, record, [fooled, fooled, fooled])
    assert "Your teacher checks that it is really not on the article's side" in message


def test_self_check_agrees_with_grading_and_holds_no_names() -> None:
    """A self-study record knows every name (and lists them only in ``reveal``)."""
    key = _key()
    record = {"salt": "s4lt", **searchlog.check_record(key, META, "s4lt", self_study=True)}
    assert "badr" not in str(record["side_hashes"]).lower()
    assert "badr, iran press" in searchlog.self_check({}, record, [GOOD, GOOD, SIDE])
    assert searchlog.self_check({}, record, [GOOD, GOOD, SIDE]).startswith("All the automatic checks pass")
    fooled = {**SIDE, "side": "independent"}
    message = searchlog.self_check({"hint": "h"}, record, [fooled, fooled, fooled])
    assert "not on the article's side" in message and "Hint: h" in message
    assert "Not answered" in searchlog.self_check({}, record, [])
