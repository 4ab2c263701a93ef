"""Readability figures (textstat) with a plain explanation, to compare a paragraph with its rewrite.

Limits, said plainly: these formulas only count syllables, words and sentence length. A short,
simple sentence can be false or unfair, and a long one can be honest. They say nothing about
truth, fairness or loaded words. They were made for English school texts, so treat the grade as rough.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from kit.errors import KitError

if TYPE_CHECKING:
    from kit.article import Article

COLUMNS = ["name", "words", "sentences", "words_per_sentence", "fk_grade", "reading_ease", "ease",
           "explanation"]

# Flesch's own bands for reading ease (0 to 100, higher is easier)
_EASE_BANDS = [(90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain"), (50, "fairly hard"),
               (30, "hard"), (float("-inf"), "very hard")]


class ReadabilityError(KitError):
    """The text to measure is empty or not text."""


def _plain_text(item: str | Article, name: str) -> str:
    from kit.article import Article  # late import: keeps `import kit.readers.readability` cheap

    if isinstance(item, Article):
        # headings have no full stop, so they would glue onto the next sentence: measure the body only
        text = "\n\n".join(p.text for p in item.paragraphs) or item.text
    elif isinstance(item, str):
        text = item
    else:
        raise ReadabilityError(f"readability needs text (a str) or an article for {name!r}; "
                               f"it got something of type {type(item).__name__}.")
    if not text.strip():
        raise ReadabilityError(f"The text {name!r} is empty, so there is nothing to measure. "
                               "Put some sentences between the quotation marks and run the cell again.")
    return text


def ease_band(score: float) -> str:
    """Flesch's name for a reading-ease score ("plain", "fairly hard", ...)."""
    return next(label for floor, label in _EASE_BANDS if score >= floor)


def grade_words(grade: float) -> str:
    """A US school grade in plain words, with the usual age."""
    rounded = round(grade)
    if rounded <= 1:
        return "an early primary-school reader (about age 6 or 7)"
    if rounded > 12:
        return "a college reader (age 18 or older)"
    return f"a US grade-{rounded} reader (about age {rounded + 5} to {rounded + 6})"


def readability(text_or_texts: str | Article | Mapping[str, str | Article] | Sequence[str | Article]
                ) -> pd.DataFrame:
    """Measure how hard one or more texts are to read.

    Give one text (str or Article), a list of texts, or a dict {name: text} (e.g. {"original": ...,
    "my rewrite": ...}). Returns one row per text with columns:

    - ``name`` (str): the dict key, or "text 1", "text 2" ...
    - ``words``, ``sentences`` (int): counts, as textstat makes them
    - ``words_per_sentence`` (float)
    - ``fk_grade`` (float): Flesch-Kincaid grade, roughly the US school year needed
    - ``reading_ease`` (float): Flesch reading ease, 0 (very hard) to 100 (very easy)
    - ``ease`` (str): Flesch's name for that score ("plain", "fairly hard" ...)
    - ``explanation`` (str): one plain sentence saying the above

    For an Article only its body paragraphs are measured. Raises ReadabilityError for empty text.
    The figures count syllables and sentence length only: they say nothing about truth or fairness.
    """
    from kit.offline import use_syllable_table

    # before textstat is imported: it then counts syllables from the kit's small table, offline,
    # and never loads NLTK (which it would otherwise import, and use to download a dictionary)
    use_syllable_table()
    import textstat
    if isinstance(text_or_texts, Mapping):
        items = [(str(k), v) for k, v in text_or_texts.items()]
    elif isinstance(text_or_texts, str | bytes) or not isinstance(text_or_texts, Sequence):
        items = [("text 1", text_or_texts)]
    else:
        items = [(f"text {i}", v) for i, v in enumerate(text_or_texts, start=1)]
    if not items:
        raise ReadabilityError("readability got no texts at all. Give it a paragraph of text.")
    rows = []
    for name, item in items:
        text = _plain_text(item, name)  # type: ignore[arg-type]
        words = int(textstat.lexicon_count(text))
        sentences = max(1, int(textstat.sentence_count(text)))
        grade = round(float(textstat.flesch_kincaid_grade(text)), 1)
        ease = round(float(textstat.flesch_reading_ease(text)), 1)
        band = ease_band(ease)
        rows.append({
            "name": name,
            "words": words,
            "sentences": sentences,
            "words_per_sentence": round(words / sentences, 1),
            "fk_grade": grade,
            "reading_ease": ease,
            "ease": band,
            "explanation": (f"Grade {grade}: about right for {grade_words(grade)}. "
                            f"Reading ease {ease:.0f} out of 100, which counts as {band}. "
                            f"Sentences have {words / sentences:.0f} words on average."),
        })
    return pd.DataFrame(rows, columns=COLUMNS)
