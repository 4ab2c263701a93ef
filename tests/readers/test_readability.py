"""Tests for kit.readability: real textstat figures, plain explanations, clear errors."""

from __future__ import annotations

import pytest

import kit
from kit.errors import KitError
from kit.readers.readability import COLUMNS, ReadabilityError, ease_band, grade_words, readability

HARD = ("Notwithstanding considerable institutional opposition, the administration's comprehensive "
        "reorganisation of intergovernmental responsibilities necessitated extraordinarily complicated "
        "negotiations between numerous constitutional authorities.")
EASY = "The cat sat on the mat. It was warm. The dog ran in the sun. We had fun."


def test_one_text_gives_one_row_with_documented_columns() -> None:
    frame = readability(EASY)
    assert list(frame.columns) == COLUMNS
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["name"] == "text 1"
    assert row["words"] == 18 and row["sentences"] == 4
    assert row["words_per_sentence"] == pytest.approx(4.5)


def test_hard_text_scores_harder_than_easy_text() -> None:
    frame = readability({"hard": HARD, "easy": EASY}).set_index("name")
    assert frame.loc["hard", "fk_grade"] > frame.loc["easy", "fk_grade"] + 8
    assert frame.loc["hard", "reading_ease"] < frame.loc["easy", "reading_ease"]
    assert frame.loc["easy", "ease"] in {"very easy", "easy"}
    assert frame.loc["hard", "ease"] == "very hard"


def test_explanation_is_plain_and_matches_the_figures() -> None:
    row = readability([HARD]).iloc[0]
    assert f"Grade {row['fk_grade']}" in row["explanation"]
    assert "college" in row["explanation"]
    assert row["ease"] in row["explanation"]


def test_article_is_measured_on_its_paragraphs() -> None:
    article = kit.load_article()
    frame = readability(article)
    body = "\n\n".join(p.text for p in article.paragraphs)
    assert frame.iloc[0]["words"] == readability(body).iloc[0]["words"]
    assert 5 < frame.iloc[0]["fk_grade"] < 25


def test_lazy_public_name() -> None:
    assert kit.readability is readability


@pytest.mark.parametrize("bad", ["", "   \n", {"mine": ""}, [], [42]])
def test_empty_or_wrong_input_gives_a_plain_error(bad: object) -> None:
    with pytest.raises(ReadabilityError) as info:
        readability(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, KitError)
    assert "Traceback" not in str(info.value) and len(str(info.value)) > 20


def test_bands_and_grade_words() -> None:
    assert ease_band(95) == "very easy" and ease_band(65) == "plain" and ease_band(10) == "very hard"
    assert ease_band(-20) == "very hard"
    assert "grade-8" in grade_words(8.2) and "age 13 to 14" in grade_words(8.2)
    assert "college" in grade_words(14) and "primary" in grade_words(0.4)
