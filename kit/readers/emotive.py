"""Strongly emotional words (VADER) for kit.readers.language, and when one is the writer's plain verdict.

Pure text analysis. The word list is kit/readers/data/emotive_words.json (built from the VADER lexicon,
with its licence); this module finds its words in a text and says, for the learner, why one is flagged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from kit.readers.data_files import load_data

_WORD = re.compile(r"(?<![\w’'-])[A-Za-z]{4,}(?![\w’'-])")
# Praise stated openly as the writer's verdict on a thing ('the staff were lovely', 'it is a wonderful
# route', 'the camera is excellent'): an opinion the reader can see and weigh, as in a review, not a
# feeling slipped into a report. Only for good feelings: 'the backlog is a national humiliation' still
# pushes a bad one, and praise in front of a noun ('a wonderful new scheme') is still flagged.
_LINKING = (r"is|are|was|were|be|been|being|seems?|seemed|looks?|looked|sounds?|sounded|feels?|felt|"
            r"remains?|remained")  # verbs that join a subject to what it is said to be
_DEGREE = (r"so|very|really|quite|truly|absolutely|just|simply|genuinely|pretty|rather|also|always|still|"
           r"most|more")  # words of degree that may stand between the verb and the word
_STATED_PRAISE = re.compile(
    rf"\b(?:{_LINKING}|regarded\s+as|considered|seen\s+as)\s+(?:(?:a|an|the|{_DEGREE}|one|of|such)\s+)*$",
    re.IGNORECASE,
)
# A bad feeling as the bare predicate, with no article or noun after it ('two of them were furious', 'it has
# been dismal to watch', 'fans are livid about it'): it reports how someone feels, or gives a verdict openly,
# rather than colouring a thing in passing. With a noun it is still flagged ('a cruel trick', 'is poisoning
# our river', 'is a national humiliation').
_BARE_PREDICATE = re.compile(
    rf"\b(?:{_LINKING}|became|become|becomes|got|get|gets)\s+"
    rf"(?:(?:{_DEGREE}|too|utterly|clearly|visibly|openly|frankly)\s+)*$",
    re.IGNORECASE,
)
_PREDICATE_END = re.compile(
    r"^\s*(?:[,.;:!?)\u2014-]|$|(?:to|about|at|with|over|that|when|because|for|after|by|and|but)\b)",
    re.IGNORECASE,
)

# A review's or a title's verdict set off by a colon ('The Salt Road: a slow, beautiful film'): the same open
# verdict as 'The Salt Road is a beautiful film'. Only the words after the colon, its article and up to three
# describing words may stand before the praise.
_COLON_VERDICT = re.compile(r":\s+(?:(?:a|an|the)\s+)?(?:[^\W\d_][\w-]*,?\s+){0,3}$", re.IGNORECASE)
# The name of a feeling that someone has ('their anger', 'a performance of quiet fury', 'shaking with rage'):
# it says what a person feels or shows, it does not make the reader feel it. 'Fury as council wastes
# thousands' names nobody's feeling and is still flagged.
_FEELING_NOUNS = frozenset(
    "anger fury rage anguish grief sorrow despair horror disgust hatred hate misery delight joy happiness"
    .split()
)
_FEELING_HELD = re.compile(
    r"(?:\b(?:his|her|their|its|our|my|your|whose|with|(?:look|looks|performance|cry|cries|shout|shouts|tears|"
    r"expression|display|show|flash|surge|moment|sense|feelings?|mix|mixture)\s+of)|[\w](?:'s|’s|s'|s’))"
    r"\s+(?:(?-i:[a-z])[\w-]*\s+)?$",
    re.IGNORECASE,
)

# A verb of feeling with its subject or auxiliary before it ('fans will have dreaded the drive', 'they hated
# it'): it reports what someone felt, as a bare predicate does. 'The dreaded exam' is still flagged.
_FEELING_VERBS = frozenset("dread dreaded hate hated loathe loathed despise despised adore adored".split())
_FEELER_BEFORE = re.compile(
    r"\b(?:have|has|had|will|would|always|never|once|all|both|I|we|they|he|she|you|who)\s+$", re.IGNORECASE
)


@functools.cache
def _emotive() -> tuple[dict[str, float], str]:
    """Strongly emotional words with their VADER valence, and the source line for the learner."""
    data = load_data("emotive_words.json")
    source = data["source"]
    return data["words"], f"{source['name']}, {source['package']} ({source['licence']})"


def source() -> str:
    """The word list's source, as the learner's table shows it."""
    return _emotive()[1]


def emotive_words(text: str) -> Iterator[tuple[int, int, float]]:
    """(start, end, valence) of every strongly emotional word of the list in ``text``, in order."""
    words = _emotive()[0]
    for match in _WORD.finditer(text):
        valence = words.get(match.group().lower())
        if valence is not None:
            yield match.start(), match.end(), valence


def stated_praise(before: str, valence: float) -> bool:
    """True if a good-feeling word is the predicate of a plain verdict (also one after a title and a colon);
    ``before`` is its sentence so far."""
    return valence > 0 and bool(_STATED_PRAISE.search(before) or _COLON_VERDICT.search(before))


def named_feeling(word: str, before: str) -> bool:
    """True if ``word`` names a feeling someone has ('their anger', 'of quiet fury') or is a verb of feeling
    after the one who felt it ('they dreaded it'); ``before``: its sentence so far."""
    if word.lower() in _FEELING_VERBS and _FEELER_BEFORE.search(before):
        return True  # 'they dreaded the drive': a feeling reported with the one who felt it
    return word.lower() in _FEELING_NOUNS and bool(_FEELING_HELD.search(before))


def bare_predicate(before: str, after: str, valence: float) -> bool:
    """True if a bad-feeling word is the bare predicate; ``before``, ``after``: its sentence around it."""
    return valence < 0 and bool(_BARE_PREDICATE.search(before)) and bool(_PREDICATE_END.match(after))


def why(word: str, valence: float) -> str:
    """The reason shown to the learner for one emotional word."""
    feeling = "a bad" if valence < 0 else "a good"
    return (
        f"'{word}' is a strongly emotional word (VADER scores it {valence:+.1f} on a scale from"
        f" -4 to +4). In the writer's own voice it pushes {feeling} feeling instead of describing."
    )
