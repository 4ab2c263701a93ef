"""Sort an article's sentences by what a reader could check (lesson 3: unverifiable claims).

Pure text analysis: no I/O beyond the package's own rule file (``kit/readers/data/claims.json``),
no widgets. The rules are word lists and patterns of general English news writing; none of them
names anything in the seed article.

Each sentence gets one ``kind``:

- ``checkable``: it states a concrete fact (a date, a number, a named place or body, a public act or
  statement) that a record, a document, data or a witness could settle. Checkable is not the same
  as true.
- ``unverifiable``: nothing public could settle it: it reads minds (what someone wants or intends),
  it guesses (may, seems), it leans on nameless sources, it sweeps over a whole group (all, no one),
  it sounds sure without evidence, or it predicts. Unverifiable is not the same as false.
- ``opinion``: it judges or recommends (should, must, a disgrace).
- ``question``: it asks; it may still take something for granted.
- ``other``: the rules found no sign either way.

When signs of several kinds appear, the order is: question, strong unverifiable signs (mind-reading,
hedges, nameless sources), opinion, weak unverifiable signs (sweeping words, certainty words,
predictions), checkable signs, and last the guesses that count only alone ('perhaps', 'the findings
suggest': with a checkable sign they leave the claim checkable, and hedged). A named source does not
make a mind-reading claim checkable: you can check that the words were said, not that they are true.

A word is read in its sentence, not on its own: the rule file's exceptions set a cue aside where the
sentence's structure shows it is not what it usually is (a 'will' that states a plan with a number or
a date, an 'all' that counts traffic rather than people, a 'may' that only grants a point before
'but'). The learner is told why in the ``why`` column.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from kit.readers.claims_rules import _compile_rules as _compile_rules  # tests compile made-up rules
from kit.readers.claims_rules import _Exception, _Pattern, _rules, first_holding, set_aside_late
from kit.readers.literals import matches_at, where_to_try
from kit.readers.memo import per_article
from kit.readers.names import _proper_nouns, _title_case
from kit.segment import WORD

if TYPE_CHECKING:
    from kit.article import Article

KINDS = ("checkable", "unverifiable", "opinion", "question", "other")

COLUMNS = [
    "sentence_id",
    "start",
    "end",
    "text",
    "block_id",
    "block_kind",
    "section_id",
    "kind",
    "hedged",
    "cues",
    "cue_spans",
    "hedge_spans",
    "presupposes",
    "attributed",
    "check_with",
    "why",
]

# strength order: the first strength with any cue decides the kind (see module docstring)
_STRENGTH_ORDER = ("strong", "opinion", "weak", "checkable", "alone")

# The words of a sentence (letters, inner hyphens/apostrophes, digits).
_WORD_RE = WORD  # the kit's one word tokenizer (kit.segment)


def _as_article(text_or_article: str | Article) -> Article:
    from kit.article import Article

    if isinstance(text_or_article, Article):
        return text_or_article
    if isinstance(text_or_article, str):
        return Article.from_text(text_or_article)
    from kit.errors import ArticleError

    raise ArticleError(
        f"find_claims needs the text of an article or a kit.Article, not {type(text_or_article).__name__}. "
        "Try kit.find_claims(article) after article = kit.load_article()."
    )


def _presupposition(text: str, keys: list[int]) -> tuple[str, str]:
    """(what the sentence takes for granted, why) or ("", ""); ``keys``: the presupposition patterns
    worth trying, by key (see where_to_try)."""
    rules = _rules()
    first = len(rules.cue_patterns)
    for key in keys:
        regex, note = rules.presup[key - first]
        m = regex.search(text)
        if m and m.group("p").strip():
            return m.group("p").strip(), note
    return "", ""


def _attributed_sentences(article: Article) -> set[str] | None:
    """Sentence ids that kit.find_sources finds a source for; None if the sourcing reader is missing."""
    try:
        from kit.readers.sourcing import find_sources
    except ImportError:
        return None
    found = find_sources(article)
    if len(found) == 0:
        return set()
    return {str(s) for s in found["sentence_id"]}


def _two_words(text: str) -> bool:
    """At least two words that start with a letter (stops looking at the second)."""
    seen = 0
    for m in _WORD_RE.finditer(text):
        if m.group()[:1].isalpha():
            seen += 1
            if seen == 2:
                return True
    return False


def _dedupe(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with any span inside another one dropped."""
    if len(spans) < 2:
        return list(spans)  # the common case: nothing to sort or drop
    out: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda p: (p[0], -p[1])):
        if out and s >= out[-1][0] and e <= out[-1][1]:
            continue
        out.append((s, e))
    return out


def classify_sentence(text: str, is_heading: bool = False) -> dict[str, Any]:
    """Classify one sentence on its own. Offsets in the result are local to ``text``.

    Returns a dict with ``kind``, ``hedged``, ``cues``, ``cue_spans``, ``hedge_spans``, ``groups``
    (ids of the rule groups behind the call), ``presupposes``, ``presupposes_note``, and ``set_aside``:
    (word, why) for each cue that an exception of the rule file set aside (see claims_rules).
    """
    return _classify(text, is_heading, where_to_try(_rules().needs, text, [(0, len(text))])[0])[0]


def _classify(
    text: str, is_heading: bool, places: dict[int, list[int] | None]
) -> tuple[dict[str, Any], dict[str, list[tuple[int, int]]]]:
    """classify_sentence's result, and the cue spans of every group that fired (for _explain).

    ``places``: the patterns worth trying in this sentence, each with where its strings start (None:
    anywhere; see where_to_try); the others cannot match it.
    """
    rules = _rules()
    found: dict[int, list[tuple[int, int]]] = {}  # group number -> cue spans, in pattern order
    aside: list[tuple[int, tuple[int, int], _Exception]] = []  # cues an exception set aside
    late: list[tuple[int, tuple[int, int], _Pattern]] = []  # cues with an exception that needs `fired`
    cues = len(rules.cue_patterns)
    keys = sorted(places)
    presup_from = len(keys)
    for at, key in enumerate(keys):
        if key >= cues:
            presup_from = at
            break
        number, pat = rules.cue_patterns[key]
        if pat.unless is not None and pat.unless.search(text):
            continue
        offsets = places[key]
        if pat.starts and offsets is not None:  # it can only match where one of its strings starts
            matches = matches_at(pat.regex, text, offsets)
        else:
            matches = pat.regex.finditer(text)
        for m in matches:
            if m.end() == m.start():
                continue
            if pat.unless_match is not None and pat.unless_match.search(m.group()):
                continue
            span = (m.start(), m.end())
            if pat.exceptions:
                exception = first_holding(pat, text, span, None)
                if exception is not None:
                    aside.append((number, span, exception))
                    continue
                if pat.late:
                    late.append((number, span, pat))
            found.setdefault(number, []).append(span)
    fired: dict[str, list[tuple[int, int]]] = {}  # in group order: the first group of a strength decides
    for number in sorted(found.keys() | rules.name_groups):  # only the groups that can fire
        group = rules.groups[number]
        if group.proper_nouns:
            spans = [] if is_heading and _title_case(text) else _proper_nouns(text, rules.stoplist)
        else:
            spans = found[number]
        if spans:
            fired[group.id] = spans
    if late:
        set_aside_late(text, late, fired, aside, rules.groups)
    by_id = rules.by_id
    groups = rules.groups
    hedge_spans = [sp for gid, sps in fired.items() if by_id[gid].hedge for sp in sps]
    if aside:  # a hedge word an exception set aside (effect "yield") still marks the sentence hedged
        hedge_spans += [span for number, span, e in aside if groups[number].hedge and not e.drop]
    hedge_spans = _dedupe(hedge_spans)

    deciding: list[str]
    if not _two_words(text):  # a list number or a stray word: nothing to sort
        kind, deciding = "other", []
    elif text.rstrip().endswith("?"):
        kind, deciding = "question", []
        hedge_spans = []  # a question claims nothing, so it softens no claim (the annotation guides)
    else:
        kind, deciding = "other", []
        for strength in _STRENGTH_ORDER:
            deciding = [gid for gid in fired if by_id[gid].strength == strength]
            if deciding:
                kind = by_id[deciding[0]].kind
                break
    cue_spans = _dedupe([sp for gid in deciding for sp in fired[gid]] + hedge_spans)
    presupposes, presup_note = _presupposition(text, keys[presup_from:])
    result = {
        "kind": kind,
        "hedged": bool(hedge_spans),
        "cue_spans": cue_spans,
        "hedge_spans": hedge_spans,
        "cues": [text[s:e] for s, e in cue_spans],
        "groups": deciding,
        "presupposes": presupposes,
        "presupposes_note": presup_note,
        "set_aside": [(text[a:b], e.why) for _, (a, b), e in sorted(aside, key=_span)] if aside else [],
    }
    return result, fired


def _span(item: tuple[int, tuple[int, int], _Exception]) -> tuple[int, int]:
    return item[1]


@lru_cache(maxsize=1024)  # the same few reasons come back sentence after sentence
def _sentence(reason: str) -> str:
    """A reason from the rule file as a sentence of its own (short sentences read more easily)."""
    reason = reason.strip()
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith((".", "?", "!")) else ".")


def _explain(
    text: str, result: dict[str, Any], fired: dict[str, list[tuple[int, int]]], attributed: bool | None
) -> tuple[str, str]:
    """Plain-words (why, check_with) for one classified sentence, as short sentences."""
    rules = _rules()
    by_id = rules.by_id
    kind = result["kind"]
    reasons: list[str] = [f"Marked {kind}."]
    checks: list[str] = []
    if kind == "question":
        reasons.append(_sentence(rules.question["why"]))
        if rules.rhetorical.search(text):
            reasons.append(_sentence(rules.question["rhetorical_why"]))
        checks.append(rules.question["check_with"])
    elif kind == "other":
        reasons.append(_sentence(rules.other["why"]))
        checks.append(rules.other["check_with"])
    else:
        for gid in result["groups"]:
            g = by_id[gid]
            local = [text[s:e] for s, e in fired[gid][:3]]  # the cues that made the group fire
            words = ", ".join(f"'{w}'" for w in dict.fromkeys(local))
            reasons.append(_sentence(f"{g.why} ({words})" if words else g.why))
        checks.extend(dict.fromkeys(by_id[gid].check_with for gid in result["groups"]))
    if result["set_aside"]:
        for why, words in _set_aside_reasons(result).items():
            reasons.append(_sentence(f"{why} ({words})"))
    if result["hedged"] and kind != "unverifiable":
        reasons.append(
            _sentence("it also hedges (" + ", ".join(f"'{w}'" for w in _hedge_words(text, result)) + ")")
        )
    if result["presupposes"]:
        reasons.append(_sentence(f"{rules.presup_why}: \u201c{result['presupposes']}\u201d"))
        reasons.append(_sentence(result["presupposes_note"]))
    if attributed:
        checks.append(rules.attributed_note)
    return " ".join(reasons), " ".join(checks)


def _set_aside_reasons(result: dict[str, Any]) -> dict[str, str]:
    """{why: "'word', 'word'"} for the cues that exceptions set aside, in the sentence's order."""
    by_why: dict[str, list[str]] = {}
    for cue, why in result["set_aside"]:
        by_why.setdefault(why, []).append(cue)
    return {why: ", ".join(f"'{w}'" for w in dict.fromkeys(cues)) for why, cues in by_why.items()}


def _hedge_words(text: str, result: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(text[s:e] for s, e in result["hedge_spans"]))


@per_article
def find_claims(text_or_article: str | Article) -> pd.DataFrame:
    """One row per sentence: is it checkable, unverifiable, opinion, a question, or other?

    ``text_or_article`` is a ``kit.Article`` or a plain string (read with ``Article.from_text``).
    All offsets point into ``article.text``.

    Columns:
        sentence_id (str), start (int), end (int), text (str): the sentence,
            with ``text == article.text[start:end]``.
        block_id, block_kind, section_id: where the sentence sits (see kit.article).
        kind (str): one of ``checkable``, ``unverifiable``, ``opinion``, ``question``, ``other``.
        hedged (bool): the sentence has a hedge word (may, seems, appears, reportedly, it is believed ...).
        cues (list[str]): the words that drove the call (and any hedge words).
        cue_spans (list[tuple[int, int]]): where those words are, as offsets into ``article.text``.
        hedge_spans (list[tuple[int, int]]): where the hedge words are.
        presupposes (str): what the sentence takes for granted without saying it ("" if nothing found).
        attributed (boolean, may be missing): ``kit.find_sources`` finds a source in this sentence;
            missing (pd.NA) when the sourcing reader is not available.
        check_with (str): in plain words, what evidence could settle it, or why nothing public could.
        why (str): in plain words, the rule behind the call.
    """
    article = _as_article(text_or_article)
    attributed_ids = _attributed_sentences(article)
    sentences = list(article.sentences)
    # per sentence, the patterns that could match it: one pass over the text per needed string
    tried = where_to_try(_rules().needs, article.text, [(sent.start, sent.end) for sent in sentences])
    rows = []
    for number, sent in enumerate(sentences):
        is_heading = getattr(sent, "block_kind", "paragraph") in ("title", "heading")
        result, fired = _classify(sent.text, is_heading, tried[number])
        attributed = None if attributed_ids is None else sent.id in attributed_ids
        why, check_with = _explain(sent.text, result, fired, attributed)
        base = sent.start
        rows.append(
            {
                "sentence_id": sent.id,
                "start": sent.start,
                "end": sent.end,
                "text": sent.text,
                "block_id": getattr(sent, "block_id", None),
                "block_kind": getattr(sent, "block_kind", None),
                "section_id": getattr(sent, "section_id", None),
                "kind": result["kind"],
                "hedged": result["hedged"],
                "cues": result["cues"],
                "cue_spans": [(base + s, base + e) for s, e in result["cue_spans"]],
                "hedge_spans": [(base + s, base + e) for s, e in result["hedge_spans"]],
                "presupposes": result["presupposes"],
                "attributed": pd.NA if attributed is None else attributed,
                "check_with": check_with,
                "why": why,
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    frame["hedged"] = frame["hedged"].astype(bool)
    frame["attributed"] = frame["attributed"].astype("boolean")
    return frame
