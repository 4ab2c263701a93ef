"""Find loaded language: words that push the reader instead of informing them.

The word lists and context rules live in ``kit/readers/data/loaded_language.json`` (with the source
of every group). This module only matches them against an article's text: no I/O beyond reading that
file, no widgets.

What it does, in order:

1. Match every lexicon term (multiword, with inflections) against ``article.text``.
2. Drop hits that a context rule marks as neutral (e.g. "admitted to hospital", "tax regime",
   "charged with murder", "the word terrorist"), and hits of entries that are loaded only in a given
   context when that context is missing ("leading" only before "provider", "brand" ...).
3. Find strongly emotional words (VADER, kit/readers/emotive.py) in the writer's own voice, leaving out
   plain words for events ("killed", "worst", "fraud"), words a lexicon rule has just read in a neutral
   sense ("outstanding debt"), praise stated openly as a verdict ("the staff were lovely"), a bad
   feeling standing alone as the predicate ("two of them were furious"), and
   capitalised words inside a sentence that are part of a name ("the Supreme Court").
4. Find scare quotes: a short quoted phrase that nobody is quoted as saying. Words inside any
   quotation are dropped as lexicon hits, because they are someone else's words (or a mention), and
   so are words inside a reported charge ("accused him of a cover-up").
5. Keep the longest hit where hits overlap.

Limits, said honestly: it reads words, not meaning. It misses loaded words that are not in its
list, it cannot tell who is speaking in most indirect speech, and a contested word such as
"resistance" is a label in one mouth and a plain description in another. The first frozen set was
read and tuned on in issue #15 (it is now a development set), so its figures overstate how well the
rules do on new text; only a set written without seeing the rules can say that.
`python benchmarks/run.py frozen` prints the current figures.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from kit.errors import AnswerError, ArticleError
from kit.readers import emotive
from kit.readers.language_rules import LexiconError as LexiconError  # public: the lexicon file is broken
from kit.readers.language_rules import _matches, _rules, lexicon
from kit.readers.memo import per_article
from kit.readers.quotes import quotations, scare_quote
from kit.readers.terms import term_regex as term_regex  # tests build terms the way the lexicon does

if TYPE_CHECKING:
    from kit.article import Article

COLUMNS = [
    "start", "end", "text", "category", "category_name", "neutral", "why", "source", "entry",
    "sentence_id", "block_id",
]

_WINDOW = 60  # characters of context the unless_* rules see on each side
# Someone else's charge, reported with its speaker ("accused the minister of a cover-up", "dismissed the
# claim as a political stunt"): not the writer's own. (A denied word, "nothing sinister", is still flagged:
# lesson 2 shows it as the reader's false positive.)
_REPORTED_OR_DENIED = re.compile(
    r"\b(?:accus(?:ed|es|ing)|charg(?:ed|es|ing))\s+(?:[\w’'-]+\s+){0,4}?of\s+(?:being\s+)?(?:a\s+|an\s+|the\s+)?"
    r"(?:[\w-]+\s+)?$"
    r"|\bdismiss(?:ed|es|ing)\s+(?:[\w’'-]+\s+){0,4}?as\s+(?:a\s+|an\s+|the\s+|mere\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_MENTION_BEFORE = re.compile(
    r"\b(word|term|label|phrase|expression|adjective|verb|noun)s?\s+(such\s+as\s+|like\s+)?[\"“'‘]?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    category: str
    neutral: str
    why: str
    source: str
    entry: str


def _as_article(text_or_article: str | Article, what: str = "find_loaded_language") -> Article:
    from kit.article import Article  # imported late so that `import kit.readers.language` stays cheap

    if isinstance(text_or_article, Article):
        return text_or_article
    if isinstance(text_or_article, str):
        if not text_or_article.strip():
            raise ArticleError(f"{what} got an empty text. Give it the article (kit.load_article()) "
                               "or a paragraph of text.")
        return Article.from_text(text_or_article)
    raise ArticleError(f"{what} needs an article or a piece of text (a str); "
                       f"it got something of type {type(text_or_article).__name__}.")


class _Sentences:
    """Fast lookup of the sentence around an offset (the article's sentences are in order)."""

    def __init__(self, article: Article) -> None:
        self.units = list(article.sentences)
        self.starts = [s.start for s in self.units]

    def at(self, offset: int) -> Any:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.units[i].start <= offset < self.units[i].end:
            return self.units[i]
        return None


_CAPITALISED = re.compile(r"\b[^\W\d_][\w’'-]{3,}")


_NEXT_WORD = re.compile(r"\s+([^\W\d_])")
_PREVIOUS_WORD = re.compile(r"([^\W\d_])[\w’'-]*\s+$")


def _in_a_name(text: str, start: int, end: int, sentence: tuple[int, int], touching: bool) -> bool:
    """A capitalised word inside a sentence is part of a name ("the Supreme Court", "a Grand Slam
    title"), not the writer's feeling. With ``touching`` the word must also sit next to another
    capitalised word (so "the Western media" is still read). Title-case headlines capitalise every
    word, so there the rule is off."""
    s_start, s_end = sentence
    before = text[s_start:start]
    if not text[start].isupper() or not before.strip():
        return False
    words = _CAPITALISED.findall(text[s_start:s_end])
    if sum(w[0].isupper() for w in words) * 5 >= len(words) * 4:
        return False  # a title-case headline: four in five of its longer words are capitalised
    if not touching:
        return True
    nxt = _NEXT_WORD.match(text, end, s_end)
    prev = _PREVIOUS_WORD.search(before)
    prev_is_first = prev is not None and not before[: prev.start()].strip()
    return bool((nxt and nxt.group(1).isupper()) or (prev and prev.group(1).isupper() and not prev_is_first))


def _hits(article: Article) -> list[_Hit]:
    text = article.text
    sentences = _Sentences(article)
    quotes = quotations(text)
    quote_starts = [q[0] for q in quotes]
    data = lexicon()

    def inside_quote(start: int, end: int) -> bool:
        i = bisect.bisect_right(quote_starts, start) - 1
        return i >= 0 and quotes[i][0] <= start and end <= quotes[i][1]

    def bounds(offset: int) -> tuple[int, int]:
        sentence = sentences.at(offset)
        return (sentence.start, sentence.end) if sentence else (0, len(text))

    found: list[_Hit] = []
    plain: set[tuple[int, int]] = set()  # spans a context rule read in a neutral sense
    rules = _rules()
    for number, match in _matches(text):
        rule = rules[number]
        start, end = match.span()
        s_start, s_end = bounds(start)
        before = text[max(s_start, start - _WINDOW):start]
        after = text[end:min(s_end, end + _WINDOW)]
        neutral_sense = any(p.search(before) for p in rule.unless_before) or any(
            p.search(after) for p in rule.unless_after)
        if neutral_sense:
            plain.add((start, end))
            continue
        if (rule.when_before and not any(p.search(before) for p in rule.when_before)) or (
                rule.when_after and not any(p.search(after) for p in rule.when_after)):
            continue  # the word without the context that makes it loaded ("a leading" + "provider")
        if _MENTION_BEFORE.search(before) or _REPORTED_OR_DENIED.search(before) or inside_quote(start, end):
            continue
        if " " not in match.group() and _in_a_name(text, start, end, (s_start, s_end), touching=True):
            continue
        found.append(_Hit(start, end, rule.category, rule.neutral, rule.why, rule.source, rule.entry))
    for start, end, valence in emotive.emotive_words(text):
        if inside_quote(start, end) or (start, end) in plain:
            continue  # a lexicon rule that knows the word's neutral sense ("outstanding debt") wins
        s_start, s_end = bounds(start)
        before = text[max(s_start, start - _WINDOW):start]
        if _MENTION_BEFORE.search(before) or _REPORTED_OR_DENIED.search(before):
            continue
        if emotive.stated_praise(before, valence):
            continue  # praise stated openly as a verdict ("the staff were lovely"): an opinion you can see
        if emotive.named_feeling(text[start:end], before):
            continue  # a feeling someone has ("their anger", "they dreaded it"): it reports it
        if emotive.bare_predicate(before, text[end:min(s_end, end + _WINDOW)], valence):
            continue  # a feeling reported or a verdict given openly ("two of them were furious")
        if _in_a_name(text, start, end, (s_start, s_end), touching=False):
            continue
        found.append(_Hit(
            start, end, "intensifier", "a plain word that says what happened, without the feeling",
            emotive.why(text[start:end], valence), emotive.source(), "emotive-word",
        ))
    scare_source = "; ".join(data["sources"][k]["short"] for k in ("reuters-handbook", "wp-words-to-watch"))
    for start, end in quotes:
        s_start, s_end = bounds(start)
        if scare_quote(text, start, end, s_start, s_end, quotes):
            inner = text[start + 1:end - 1].strip()
            found.append(_Hit(
                start, end, "derision", f"{inner} (without the quotation marks, or say who uses the word)",
                "Quotation marks around a word nobody is quoted as saying (scare quotes) "
                "mock it or cast doubt on it.",
                scare_source, "scare-quotes",
            ))
    return found


# A term's last word that is only there to pick the loaded sense ("claims that", "pocket the"):
# the span shown is the loaded word itself, so the learner sees what to change and the neutral word fits.
_LINK_WORD_AFTER = re.compile(r"([^\W\d_][\w’'-]*)\s+(?:that|the)", re.IGNORECASE)


def _without_link_word(text: str, hit: _Hit) -> _Hit:
    """The hit without a trailing link word, when one loaded word is left ("claims that" -> "claims")."""
    match = _LINK_WORD_AFTER.fullmatch(text, hit.start, hit.end)
    return replace(hit, end=match.end(1)) if match else hit


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    """Where hits overlap keep the longest (e.g. "regime change" over "regime"), then order by position."""
    kept: list[_Hit] = []
    starts: list[int] = []  # the kept spans never overlap, so sorted by start they are sorted by end too
    ends: list[int] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        i = bisect.bisect_right(starts, hit.start)
        if (i > 0 and ends[i - 1] > hit.start) or (i < len(starts) and starts[i] < hit.end):
            continue
        kept.append(hit)
        starts.insert(i, hit.start)
        ends.insert(i, hit.end)
    return sorted(kept, key=lambda h: h.start)


@per_article
def find_loaded_language(text_or_article: str | Article) -> pd.DataFrame:
    """Find loaded expressions in an article or a piece of text.

    Returns a DataFrame with one row per expression, ordered by position, with columns:

    - ``start``, ``end`` (int): exact offsets, ``article.text[start:end] == text``
    - ``text`` (str): the expression as written
    - ``category`` (str): label | intensifier | derision | presumption | attribution |
      generalisation | euphemism
    - ``category_name`` (str): the category in plain words
    - ``neutral`` (str): a suggested neutral wording, or "" where none is honest
    - ``why`` (str): one plain sentence on what the expression does to the reader
    - ``source`` (str): the guides the entry is drawn from
    - ``entry`` (str): the lexicon entry id (or "scare-quotes")
    - ``sentence_id``, ``block_id`` (str): where it sits in the article ("" if outside a sentence)

    A str is read with ``Article.from_text``. Raises ArticleError for empty text or a wrong type.
    """
    article = _as_article(text_or_article)
    hits = [_without_link_word(article.text, hit) for hit in _longest_first(_hits(article))]
    sentences = _Sentences(article)
    names = {key: value["name"] for key, value in lexicon()["categories"].items()}
    rows = []
    for hit in hits:
        sentence = sentences.at(hit.start)
        rows.append({
            "start": hit.start,
            "end": hit.end,
            "text": article.text[hit.start:hit.end],
            "category": hit.category,
            "category_name": names[hit.category],
            "neutral": hit.neutral,
            "why": hit.why,
            "source": hit.source,
            "entry": hit.entry,
            "sentence_id": sentence.id if sentence else "",
            "block_id": sentence.block_id if sentence else "",
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"start": "int64", "end": "int64"})


def categories() -> pd.DataFrame:
    """The seven categories: columns ``category`` (key), ``name`` and ``plain`` (a one-line definition)."""
    cats = lexicon()["categories"]
    return pd.DataFrame(
        [{"category": key, "name": value["name"], "plain": value["plain"]} for key, value in cats.items()],
        columns=["category", "name", "plain"],
    )


def remaining_loaded(rewrite: str) -> pd.DataFrame:
    """The loaded expressions still in a learner's rewrite (same columns as find_loaded_language).

    Raises AnswerError if the rewrite is empty or not text, so the learner sees what to do.
    """
    if not isinstance(rewrite, str):
        raise AnswerError("Your rewrite should be text between quotation marks; "
                          f"it is something of type {type(rewrite).__name__}.")
    if not rewrite.strip():
        raise AnswerError("Your rewrite is empty. Type your neutral version of the paragraph between the "
                          "quotation marks, then run the cell again.")
    return find_loaded_language(rewrite)


def remaining_note(rewrite: str) -> str:
    """A short plain note for the learner: which loaded expressions the program still sees in a rewrite."""
    found = remaining_loaded(rewrite)
    if found.empty:
        return ("The program finds no loaded words from its list in your rewrite. "
                "It only knows a list, so read it once more yourself.")
    listed = "; ".join(f"\"{row.text}\" ({row.category_name})" for row in found.itertuples())
    count = len(found)
    noun = "expression" if count == 1 else "expressions"
    return (f"The program still sees {count} loaded {noun}: {listed}. "
            "Is each one fair? If not, try a plainer word. The program can be wrong, so you decide.")


def precision_recall(found: pd.DataFrame, expected: list[tuple[int, int]]) -> dict[str, float]:
    """Compare found expressions with hand-marked (start, end) spans; a pair counts if they overlap.

    Returns ``true_positives``, ``found``, ``expected``, ``precision`` and ``recall`` (1.0 when there
    is nothing to find or nothing was found, so an empty, correct answer scores full marks).
    """
    pairs = list(zip(found["start"], found["end"], strict=True))
    hit_found = sum(any(s < e_end and e_start < e for e_start, e_end in expected) for s, e in pairs)
    hit_expected = sum(any(s < e_end and e_start < e for s, e in pairs) for e_start, e_end in expected)
    return {
        "true_positives": float(hit_found),
        "found": float(len(pairs)),
        "expected": float(len(expected)),
        "precision": hit_found / len(pairs) if pairs else 1.0,
        "recall": hit_expected / len(expected) if expected else 1.0,
    }
