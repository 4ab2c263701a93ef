"""Quotations in a text, and which short ones are scare quotes (used by kit.readers.language).

Pure text analysis: where each quotation opens and closes, and whether a short quoted phrase is a
sneer in the writer's voice ("the "experts"") rather than someone's words, a name or a title.
"""

from __future__ import annotations

import re

_WINDOW = 60  # characters of context seen on each side of a quotation
_QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’"}
_MAX_SCARE_WORDS = 3

# Before a quotation: naming or speech verbs mean the quote is attributed or discussed, not a sneer.
_ATTRIBUTED_BEFORE = re.compile(
    r"\b(word|term|label|phrase|name|expression|verb|noun|adjective|slogan|title|headline|called|dubbed|"
    r"termed|titled|named|nicknamed|known as|labell?ed|described|calls?|calling|say|says|said|saying|"
    r"wrote|writes|told|tweeted|posted|chanted|shouted|reads?|reading|promised|warned|added|"
    r"rated|graded|classed|classified|ranked)"
    r"(\s+(it|them|him|her|this|that|us|the\s+\w+))?(\s+as)?\s*[:,]?\s*$"
    # the words of a promise or an agreement ('agreed to "open a dialogue"'): what was agreed, not a sneer
    r"|\b(agreed|agrees|pledged|pledges|vowed|vows|promised|promises|undertook|offered|offers)\s+to\s*$"
    r"|[:]\s*$",
    re.IGNORECASE,
)
# A verb of saying, then the clause it reports, which the quote is part of: the quoted words are the
# speaker's own, reported in part. Either the clause has its own verb before the quote ('said it was
# "disappointed"', 'has claimed her officers acted "proportionately"') or it opens with 'that' ('wrote that
# she bought a "fresh" loaf'). 'The minister said nothing about his "reforms"' is still the writer's sneer.
_SAYING = (r"said|says|say|told|tells|added|stated|states|wrote|writes|writing|described|describes|explained|"
           r"announced|replied|warned|promised|confirmed")
# A charged verb of saying counts only after a named speaker (a name or a pronoun): 'Defenders of the deal
# insist that sanctions relief would "moderate" Iran' quotes nobody, so the quote is still a sneer.
_CHARGED_SAYING = (r"claim(?:s|ed|ing)?|insist(?:s|ed|ing)?|argu(?:e|es|ed|ing)|maintain(?:s|ed)?|"
                   r"boast(?:s|ed)?|admit(?:s|ted)?|concede[sd]?|suggest(?:s|ed)?|contend(?:s|ed)?|assert(?:s|ed)?")
_CLAUSE_VERB = (r"(?:was|were|is|are|would|will|had|has|have|remained|remains|be|been|felt|feels|seemed|"
                r"seems|looked|sounded|must|should|could|might|may|can|not|[^\W\d_]+ed)")
_REPORTED_CLAUSE = re.compile(
    rf"\b(?P<verb>{_SAYING}|{_CHARGED_SAYING})\b"
    rf"(?:(?:\s+\S+){{0,8}}?\s+{_CLAUSE_VERB}(?:\s+\S+){{0,4}}|(?:\s+\S+){{0,4}}?\s+that\b[^.;:!?]*?)\s+$",
    re.IGNORECASE,
)
_CHARGED = re.compile(rf"(?:{_CHARGED_SAYING})$", re.IGNORECASE)
_NAMED_SPEAKER = re.compile(
    r"\S\s+(?-i:[A-Z])[\w’'-]+|\b(?:he|she|they|it|we|I)\s+(?:(?:has|have|had|also|again|repeatedly|once)\s+)*$",
    re.IGNORECASE,
)
# A definite body as the subject of the charged verb ('Last night the council insisted the trip was a "..."'):
# a named speaker too, unless 'the ...' hangs from a preposition ('Defenders of the deal insist ...').
_DEFINITE_SUBJECT = re.compile(
    r"(?:^|(?P<word>[\w’'-]+)\s+|[^\w\s]\s*)the\s+(?-i:[a-z])[\w’'-]+\s+$", re.IGNORECASE
)
_PREPOSITIONS = frozenset(
    "of for to in on at by with from about against among between behind beyond into over under like than"
    .split()
)
_REPORTED_WINDOW = 160  # characters of the sentence before a quotation searched for its verb of saying


def _reported(before: str) -> bool:
    """True if a quotation right after ``before`` (its sentence up to it) is part of a reported clause."""
    match = _REPORTED_CLAUSE.search(before)
    if match is None:
        return False
    if not _CHARGED.match(match.group("verb")):
        return True
    speaker = before[: match.start()]
    if _NAMED_SPEAKER.search(speaker):
        return True
    body = _DEFINITE_SUBJECT.search(speaker)
    return bool(body and (body.group("word") or "").lower() not in _PREPOSITIONS)


# Right after a verb of opening or starting something: a new thing being named the first time ("councils
# have opened "cool rooms"", "the city launched a "green corridor""), not a sneer. Used for phrases only.
_NAMED_NEW_THING = re.compile(
    r"\b(?:opened|opens|open|opening|set\s+up|sets\s+up|setting\s+up|launched|launches|launch|launching|"
    r"introduced|introduces|introduce|introducing|created|creates|create|built|builds|installed|installs|"
    r"started|starts|began|begins|offers?|offered|trialled|trialed|piloted)\s+(?:a\s+|an\s+)?(?:new\s+)?$",
    re.IGNORECASE,
)
# Right after a quotation: its speaker and a verb of saying ('"Get out," he snapped', '"Never," Edna sobbed').
_TAG_VERB = (r"(?:said|says|added|wrote|asked|told|replied|shouted|yelled|cried|whispered|muttered|insisted|"
             r"claimed|sobbed|snarled|wailed|shrieked|hissed|gushed|growled|sneered|scoffed|snapped|barked|thundered|moaned)\b")
_SPEECH_AFTER = re.compile(
    r"^\s*[,.!?]?\s*(?:(?:he|she|they|it|we|i|the\s+\w+|(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+)?)\s+)?"
    + _TAG_VERB,
    re.IGNORECASE,
)
# Speech cut off by a comma, "!" or "?" and then its tag with any speaker ('"Sell him," one season-ticket
# holder told us', '"Not again!" a neighbour shouted'): the mark ends a spoken sentence, so the quote is
# someone's words. Without that mark ('the "experts" who told us') the tag may belong to the next clause.
_CUT_SPEECH_AFTER = re.compile(r"^\s*(?:[\w’'-]+\s+){1,5}?" + _TAG_VERB, re.IGNORECASE)
# A sentence that talks about words ("the verb", "the term") quotes them as examples, not as sneers.
_METALANGUAGE = re.compile(r"\b(words?|terms?|verbs?|labels?|phrases?|expressions?|nouns?|adjectives?)\b",
                           re.IGNORECASE)

_OPENERS = re.compile("[" + "".join(_QUOTE_PAIRS) + "]")


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation, marks included, that opens and closes inside one paragraph."""
    spans = []
    for block_match in re.finditer(r"[^\n]+", text):
        block, offset = block_match.group(), block_match.start()
        first = _OPENERS.search(block)
        i = first.start() if first else len(block)
        while i < len(block):
            char = block[i]
            closer = _QUOTE_PAIRS.get(char)
            # a straight or curly single quote only opens after a space or bracket (else: an apostrophe)
            opens = closer is not None and (char != "‘" or i == 0 or not block[i - 1].isalnum())
            if opens and closer is not None:
                close = block.find(closer, i + 1)
                if char == "‘":
                    while close != -1 and close + 1 < len(block) and block[close + 1].isalpha():
                        close = block.find(closer, close + 1)  # "don’t" inside a single-quoted phrase
                if close > i + 1:
                    spans.append((offset + i, offset + close + 1))
                    i = close + 1
                    continue
            nxt = _OPENERS.search(block, i + 1)  # jump to the next quotation mark
            i = nxt.start() if nxt else len(block)
    return spans


def scare_quote(text: str, start: int, end: int, sentence_start: int, sentence_end: int,
                quotes: list[tuple[int, int]] | None = None) -> bool:
    """True if the quotation text[start:end] (marks included) is a scare quote in its sentence.

    ``quotes`` (all quotations of the text) lets it see whether the writer also uses the phrase without
    quotation marks elsewhere, which makes it a term being introduced ("What is a "hung council"? A hung
    council is ..."), not a sneer."""
    inner = text[start + 1:end - 1].strip()
    words = inner.split()
    if not words or len(words) > _MAX_SCARE_WORDS or re.search(r"[.?!]$", inner):
        return False
    if len(words) >= 2 and all(w[:1].isupper() for w in words):
        return False  # a title or a name, e.g. "Operation Inherent Resolve"
    before = text[max(sentence_start, start - _WINDOW):start]
    after = text[end:min(sentence_end, end + _WINDOW)]
    reported = _reported(text[max(sentence_start, start - _REPORTED_WINDOW):start])
    if _ATTRIBUTED_BEFORE.search(before) or reported or _SPEECH_AFTER.search(after):
        return False
    if (inner[-1] in ",!?" or after[:1] in ",!?") and _CUT_SPEECH_AFTER.search(after.lstrip(",!?")):
        return False
    if len(words) >= 2 and _NAMED_NEW_THING.search(before):
        return False
    if len(words) >= 2 and quotes is not None and _used_plainly(text, inner, quotes):
        return False
    return not _METALANGUAGE.search(text[sentence_start:sentence_end])




def _used_plainly(text: str, phrase: str, quotes: list[tuple[int, int]]) -> bool:
    """True if ``phrase`` also occurs outside every quotation (the writer uses it as a plain term).

    Only asked for phrases of two or more words: a single quoted word that turns up plainly elsewhere
    ("art", "experts") is still more often a sneer at one use of it than a term being defined.
    """
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)", re.IGNORECASE)
    for match in pattern.finditer(text):
        if not any(start <= match.start() < end for start, end in quotes):
            return True
    return False
