"""compare(): found / missed / extra by the word-overlap rule, on passages written for these tests."""

from __future__ import annotations

import pytest

import kit
from kit.offline import ensure_cmudict
from kit.spans import Span
from kit.widgets.compare import DETAIL_COLUMNS, SUMMARY_COLUMNS, compare

TEXT = (
    "Local farmers say the new dam ruined the river. Experts warn the shocking decision could cost jobs. "
    "The minister, Jo Park, said the dam was safe."
)


def sp(phrase: str, label: str) -> Span:
    start = TEXT.index(phrase)
    return Span(start, start + len(phrase), label)


def test_one_word_more_or_less_still_counts() -> None:
    key = [sp("Experts warn", "vague source"), sp("shocking decision", "loaded")]
    mine = [sp("Experts", "vague source"), sp("the shocking decision", "loaded")]
    result = compare(TEXT, mine, key)
    assert result.summary.set_index("label").loc["vague source", "found"] == 1
    assert result.summary.set_index("label").loc["loaded", "found"] == 1
    assert set(result.to_frame()["status"]) == {"found"}


def test_small_overlap_or_other_label_does_not_count() -> None:
    key = [sp("Local farmers say the new dam", "vague source")]
    mine = [sp("dam", "vague source"), sp("Local farmers say the new dam", "loaded")]
    frame = compare(TEXT, mine, key).to_frame()
    assert sorted(frame["status"]) == ["extra", "extra", "missed"]


def test_each_key_span_is_matched_once() -> None:
    key = [sp("Jo Park", "named source")]
    mine = [sp("Jo Park", "named source"), sp("minister, Jo Park", "named source")]
    result = compare(TEXT, mine, key)
    assert list(result.summary.columns) == SUMMARY_COLUMNS
    assert list(result.to_frame().columns) == DETAIL_COLUMNS
    row = result.summary.iloc[0]
    assert (row.in_key, row.found, row.missed, row.extra) == (1, 1, 0, 1)
    found = result.to_frame().query("status == 'found'").iloc[0]
    assert (found.start, found.end) == (key[0].start, key[0].end)  # the exact match wins


def test_summary_is_plain_and_fair_about_extra_marks() -> None:
    ensure_cmudict()
    import textstat

    key = [sp("Experts warn", "vague source"), sp("Local farmers say", "vague source")]
    mine = [sp("Experts warn", "vague source"), sp("ruined", "loaded")]
    result = compare(TEXT, mine, key, labels=["vague source", "loaded"])
    assert "You found 1 of 2 marks for “vague source”." in result.message
    assert "1 of your marks is not in the key" in result.message and "can still be fair" in result.message
    assert textstat.flesch_kincaid_grade(result.message) <= 10
    html = result._repr_html_()
    assert "missed" in html and "extra" in html and "found" in html and "<style>" in html


@pytest.mark.parametrize("article_kind", ["str", "article"])
def test_accepts_text_or_article_and_dicts(article_kind: str) -> None:
    source = TEXT if article_kind == "str" else kit.Article.from_text(TEXT)
    key = [sp("shocking", "loaded").to_dict()]
    result = compare(source, [sp("shocking", "loaded")], key)
    assert result.summary.iloc[0].found == 1
