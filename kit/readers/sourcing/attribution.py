"""Sourcing reader, part 4: attributions in one sentence ("X said", "said X", "according to X", passives)
and :func:`find_sources`, which runs them over an article."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

import pandas as pd

from kit.readers.literals import worth_trying
from kit.readers.memo import per_article
from kit.readers.sourcing.coreference import _resolve, _why
from kit.readers.sourcing.lexicon import (
    _BE,
    _DETERMINER_BEFORE,
    _HEAD_CUT,
    _OPEN_QUOTE_OR_COLON,
    _QUOTE_PAIRS,
    _TO_BEFORE,
    SOURCE_COLUMNS,
    _as_article,
    _Lexicon,
    _lexicon,
)
from kit.readers.sourcing.rows import _content_after, _hearsay_row, _passive_rows, _row
from kit.readers.sourcing.speakers import (
    _classify,
    _clause_start,
    _looks_like_role,
    _person_run,
    _plain_noun_phrase,
    _shared_subject,
    _Speaker,
    _split_speaker,
    _strip_between,
)
from kit.readers.sourcing.text import (
    _Piece,
    _piece,
    _strip_quotes,
    _word_key,
)


def _quote_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _QUOTE_PAIRS.finditer(text[start:end])]


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in ranges)


_PASSIVE, _PHRASE = range(2)  # the cue patterns found by the strings they need, as in lex.cue_needs


def _sentence_rows(text: str, sent: Any, lex: _Lexicon, cues: Collection[int]) -> list[dict[str, Any]]:
    """The attributions in one sentence. ``cues``: which of the passive and phrase patterns can match
    it (the others are not run; see find_sources); the verb pattern is always run."""
    s0, s1 = sent.start, sent.end
    rows: list[dict[str, Any]] = []
    quotes = _quote_ranges(text, s0, s1)
    used: list[tuple[int, int]] = []

    if _PASSIVE in cues:
        for passive in _passive_rows(text, sent, lex):
            rows.append(passive)
            used.append((passive["start"], passive["end"]))

    for m in lex.phrase_re.finditer(text, s0, s1) if _PHRASE in cues else ():
        if _inside(m.start(), quotes):
            continue
        row = _according_to(text, sent, m, lex)
        if row:
            rows.append(row)
            used.append((m.start(), max(m.end(), row["source_end"])))  # "according to its report"

    for m in lex.verb_re.finditer(text, s0, s1):
        if _inside(m.start(), quotes) or any(a <= m.start() < b for a, b in used):
            continue
        found = (
            _hearsay_row(text, sent, m, lex)
            or _verb_attribution(text, sent, m, lex)
            or _second_verb(text, sent, m, lex)
        )
        if found and not any(found["source_start"] <= r["cue_start"] < found["source_end"] for r in rows):
            rows.append(found)  # not when the "speaker" holds an earlier cue: "X said the figures showed"
    return rows


def _according_to(text: str, sent: Any, m: re.Match[str], lex: _Lexicon) -> dict[str, Any] | None:
    s0, s1 = sent.start, sent.end
    after = m.end()
    stop = re.search(r"[,;.!?](?:\s|$)|[,;]|\s(?:that|who)\s", text[after:s1])
    src_end = after + stop.start() if stop else s1
    source = _piece(text, after, src_end)
    if source.empty:
        return None
    affiliation = None
    at_start = _piece(text, s0, m.start()).empty or text[s0 : m.start()].strip() in {'"', "“"}
    if at_start:
        content = _strip_quotes(text, src_end, s1)
    else:
        content = _strip_quotes(text, s0, m.start())
        tail = _piece(text, src_end, s1)
        if not tail.empty and _looks_like_role(tail, lex):
            affiliation = tail
    kind, reason = _classify(source, affiliation, text, lex)
    cue = text[m.start() : m.end()]
    framing = lex.phrase_framing.get(cue.lower(), "neutral")
    return _row(
        text,
        sent,
        source,
        affiliation,
        (m.start(), m.end()),
        cue,
        "according to",
        framing,
        content,
        kind,
        reason,
        "according to",
        lex,
    )


def _verb_attribution(text: str, sent: Any, m: re.Match[str], lex: _Lexicon) -> dict[str, Any] | None:
    s0, s1 = sent.start, sent.end
    cue = m.group()
    info = lex.verb_info[cue]
    before = text[s0 : m.start()]
    if (
        _ends_with(_BE, before, 2)  # a be-verb, then maybe an adverb in -ly
        or _ends_with(_DETERMINER_BEFORE, before, 1)
        or _ends_with(_TO_BEFORE, before, 1)
    ):
        return None  # "was accused", "the claim", "refused to say": not someone speaking here
    # a verb such as "found" or "show" reports only before "that", a quote or a colon ("found that ...",
    # not "found the keys"), or after its content ("..., the study found."), or with a written source
    # ("the figures show prices rose"); the last two are checked below
    if info["lemma"] == "tell" and _TOLD_NOBODY.match(text, m.end()):
        return None  # "the rain told on the players", "their pressure told when ...": no one is told
    loose = not info.get("needs_that") or bool(_OPEN_QUOTE_OR_COLON.match(text[m.end() : s1]))

    lead = before.rstrip()
    # 1. "..., said Irene Bassi, the mayor of Faenza." - the speaker comes after the cue
    if lead.endswith((",", '"', "”")) and _speaker_follows(text, m.end(), s1, lead, lex):
        return _speaker_after(text, sent, m, info, lex)
    # 2. "'...,' Nandakumar said." / "..., officials said." - content first, speaker just before the cue
    end = _strip_between(text, s0, m.start(), lex)
    rest = _strip_between_right(text, m.end(), s1, lex)
    if rest.empty or rest.text.startswith((",", "adding")) and "that" not in rest.text[:12]:
        cut = max(text.rfind(",", s0, end), text.rfind("”", s0, end), text.rfind('"', s0, end))
        if cut > s0:
            speaker = _split_speaker(text, cut + 1, end, False, lex)
            content = _strip_quotes(text, s0, cut + (1 if text[cut] in '”"' else 0))
            joined = re.match(r"\s*(?:and|but|so)\b", text[cut + 1 : end], re.IGNORECASE)
            if joined and not loose:
                speaker = None  # "..., and it shows." is a clause of its own, not a reporting tag
            if speaker and len(speaker.source.text.split()) <= 8 and not content.empty:
                return _finish(
                    text, sent, m, info, speaker, content, "speaker before cue, after content", lex
                )
    # 3. "Qusai al-Anbari, the head of ..., has recently revealed that ..." - speaker, cue, content
    # closed also when the time phrase stripped took the comma: "X, which ... since 2022, said"
    closed = text[s0:end].rstrip().endswith(",") or lead.endswith(",")
    # a closed apposition (", who voted against the plan,") may hold clause words: look before it
    last_comma = text.rfind(",", s0, end)
    appos_start = text.rfind(",", s0, last_comma) if closed and last_comma > s0 else -1
    begin = _clause_start(text, s0, appos_start if appos_start > s0 else end, lex)
    speaker = _split_speaker(text, begin, end, closed, lex)
    if speaker is None or len(speaker.whole.text.split()) > 22:
        return None
    if not loose and (
        info["framing"] != "implies_truth"
        or _classify(speaker.source, speaker.affiliation, text, lex)[0] != "document"
    ):
        return None  # "the figures show prices rose" reports evidence; "the budget needs fewer promises" not
    content = _content_after(text, m.end(), s1)
    return _finish(text, sent, m, info, speaker, content, "speaker then cue", lex)


def _second_verb(text: str, sent: Any, m: re.Match[str], lex: _Lexicon) -> dict[str, Any] | None:
    """ "Dravonia's ministry rejected the criticism and said ...": the cue shares the sentence's subject."""
    info = lex.verb_info[m.group()]
    if info["lemma"] not in {"say", "tell"}:
        return None  # "... and added a fee", "but estimates vary": other verbs have other senses there
    subject = _shared_subject(text, sent.start, m.start(), lex)
    speaker = _split_speaker(text, *subject, False, lex) if subject else None
    if speaker is None or len(speaker.whole.text.split()) > 8:
        return None
    content = _content_after(text, m.end(), sent.end)
    return _finish(text, sent, m, info, speaker, content, "shared subject", lex)


def _ends_with(pattern: re.Pattern[str], text: str, words: int) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern that ends at the end of ``text`` ("\\s+$") and spans at
    most its last ``words`` words: searched from the space before them only (the engine would otherwise
    try every place in the sentence before the cue; a later start still sees the text before it)."""
    cut = len(text.rstrip())
    for _ in range(words):
        cut = text.rfind(" ", 0, len(text[:cut].rstrip()))  # a word holds no space: it begins after one
        if cut < 0:
            return pattern.search(text)
    return pattern.search(text, cut)


def _strip_between_right(text: str, start: int, end: int, lex: _Lexicon) -> _Piece:
    """What follows a cue once time phrases ("on Sunday") are removed."""
    piece = _piece(text, start, end)
    chunk = piece.text
    m = re.match(
        r"^(?:on|in|at|late|early|last|this|earlier)\s+(?:\w+\s+){0,2}?(?:monday|tuesday|wednesday|thursday|friday"
        r"|saturday|sunday|week|night|morning|evening|afternoon|month|year|\d{4})\b\s*",
        chunk,
        re.IGNORECASE,
    )
    if m:
        return _piece(text, piece.start + m.end(), piece.end)
    return piece


_AFTER_STOP = re.compile(r",\s|[.!?](?:\s|$)|\s(?:who|speaking|adding|that)\s")


def _speaker_follows(text: str, start: int, end: int, lead: str, lex: _Lexicon) -> bool:
    """True for "..., said the minister." but not for "X, the mayor, said the roads were closed."."""
    stop = _AFTER_STOP.search(text, start, end)
    phrase = _piece(text, start, stop.start() if stop else end)
    words = phrase.text.split()
    if not words or len(words) > 12 or not (stop is None or text[stop.start()] in ",.!?"):
        return False
    if len(words) > 6:  # only a name with its body: "Sergeant Paul Adeyemi of the Roads Policing Unit"
        run = _person_run(phrase, lex, text)
        named = run is not None and words[0][:1].isupper()  # the name (or its title) comes first
        return named and len(_HEAD_CUT.sub("", phrase.text).split()) <= 6
    if lead.endswith(('"', "”", ',"', ",”")):
        return True
    return _person_run(phrase, lex, text) is not None or (
        words[0].lower() in {"the", "a", "an", "one", "another"}
        and _word_key(words[-1]) in lex.role_nouns | lex.vague_heads
    )


def _speaker_after(
    text: str, sent: Any, m: re.Match[str], info: dict[str, Any], lex: _Lexicon
) -> dict[str, Any] | None:
    s0, s1 = sent.start, sent.end
    stop = re.search(r",\s|[.!?](?:\s|$)|\s(?:who|speaking|adding)\s", text[m.end() : s1])
    src_end = m.end() + stop.start() if stop else s1
    source = _piece(text, m.end(), src_end)
    affiliation = None
    if stop and text[m.end() + stop.start()] == ",":
        nxt = re.search(r",|[.!?](?:\s|$)", text[src_end + 1 : s1])
        aff_end = src_end + 1 + nxt.start() if nxt else s1
        cand = _piece(text, src_end + 1, aff_end)
        if not cand.empty and _looks_like_role(cand, lex) and not cand.text.startswith("speaking"):
            affiliation = cand
    whole_end = affiliation.end if affiliation else source.end
    speaker = _Speaker(source, affiliation, _Piece(source.start, whole_end, text[source.start : whole_end]))
    cut = m.start()
    content = _strip_quotes(text, s0, cut)
    return _finish(text, sent, m, info, speaker, content, "cue then speaker", lex)


def _inner_affiliation(source: _Piece, text: str, lex: _Lexicon) -> _Piece | None:
    """The role inside a named speaker phrase: "Interior Minister X" or "X of Harbor Capital"."""
    run = _person_run(source, lex, text)
    if run is None:
        return None
    tail = re.match(r"\s+(?:of|from|at|with)\s+", text[run[1] : source.end])
    if tail:
        return _piece(text, run[1] + tail.end(), source.end)
    head = re.match(r"(?:the|a|an)\s+", text[source.start : run[0]], re.IGNORECASE)
    prefix = _piece(text, source.start + (head.end() if head else 0), run[0])
    return None if prefix.empty else prefix


def _finish(
    text: str,
    sent: Any,
    m: re.Match[str],
    info: dict[str, Any],
    speaker: _Speaker,
    content: _Piece,
    pattern: str,
    lex: _Lexicon,
) -> dict[str, Any] | None:
    source = speaker.source
    in_clause = re.search(r"(?:^|,\s*)(?:who|which)$", speaker.whole.text, re.IGNORECASE)
    if in_clause or source.text[-1:].isdigit():
        return None  # "Greve, who had said little, ...": the cue is in a clause; "4,870 confirmed cases"
    kind, reason = _classify(source, speaker.affiliation, text, lex)
    if info.get("needs_subject"):
        first = source.text.split()[0].lower() if source.text else ""
        if first in {"i", "we", "you"} or len(source.text.split()) > 6 or kind in {"document"}:
            return None  # "we know", "I think": the writer's own view, not a source
    if kind == "vague" and not _looks_like_source(source.text, lex) and pattern != "cue then speaker":
        if info.get("needs_subject") or not _plain_noun_phrase(source.text, lex):
            return None
        reason = f"'{source.text}' names the speaker only by a common word; look earlier for who it is"
    affiliation = speaker.affiliation
    if affiliation is None and kind == "named_person":
        affiliation = _inner_affiliation(source, text, lex)
    aux = _AUXILIARY.search(text, speaker.whole.end, m.start())
    cue_start = aux.start() if aux else m.start()  # "has said": the cue keeps its auxiliary
    start = min(speaker.whole.start, cue_start)
    end = max(speaker.whole.end, m.end())
    # a role in apposition belongs to the source ("the Trust's director, Hannah Kerslake"), as readers
    # mark it; an age (", 52") or a clause about the speaker (", who led the study,") does not
    shown = source
    if speaker.affiliation is not None and not _NOT_APPOSITION.match(speaker.affiliation.text):
        shown = speaker.whole
    return _row(
        text,
        sent,
        shown,
        affiliation,
        (cue_start, m.end()),
        text[cue_start : m.end()],
        info["lemma"],
        info["framing"],
        content,
        kind,
        reason,
        pattern,
        lex,
        start,
        end,
        source,
    )


# "told" followed by these tells nobody anything: "the rain told on the players", "the pressure told when"
_TOLD_NOBODY = re.compile(r"\s+(?:on|upon|in|at|when|as|against)\b")

# not a role: a clause ("who led the study"), an age ("52") or a participle phrase ("shared 900 times",
# "sitting at the High Court"; but "acting director", "retired teacher" are roles)
_NOT_APPOSITION = re.compile(
    r"(?i:who|whom|whose|which|that|\d)"
    r"|[a-z]\w*(?:ed|ing)(?:$|\s+(?:at|on|in|by|to|from|with|for|more|after|before|outside|\d|\w+ly\b))"
)

# an auxiliary right before the cue, with nothing else between it and the cue
_AUXILIARY = re.compile(r"\b(?:has|have|had|will|would)\s+$", re.IGNORECASE)


def _looks_like_source(phrase: str, lex: _Lexicon) -> bool:
    """A vague speaker must still look like a speaker: a group word, a role or a plural noun phrase."""
    words = [_word_key(w) for w in phrase.split() if _word_key(w)]
    if not words or len(words) > 8:
        return False
    return any(w in lex.vague_heads or w in lex.role_nouns for w in words) or (
        len(words) <= 4 and words[-1].endswith("s") and not words[-1].endswith("ss")
    )


@per_article
def find_sources(text_or_article: Any) -> pd.DataFrame:
    """Find every attribution ("X said ...", "according to X") in a news text.

    Why: the first question a careful reader asks is who is speaking and why we should believe them.

    Columns (offsets are exact: ``article.text[start:end]``):
      start, end, text        - the attribution phrase (speaker, role and cue together)
      source, source_start, source_end - who speaks, as the text names them (with a role set off by
                                commas: "Greve's lawyer, Anton Bril"; not an age or a "who ..." clause)
      name_start, name_end    - the part of the source that says who it is ("Anton Bril"; the whole
                                source when no role is set off)
      kind, kind_plain        - named_person | organisation | government | media | document |
                                anonymous | vague
      affiliation, affiliation_start, affiliation_end - the role or group the text gives ("" / NA if none)
      cue, cue_start, cue_end, cue_lemma - the reporting word (said, claimed, according to ...)
      cue_framing, framing_plain - how the cue frames the claim (neutral, implies_truth, implies_guilt,
                                 casts_doubt, loaded, opinion, accusation) and what that means
      sentence_id             - the sentence the attribution sits in
      content_start, content_end, content - what is attributed (NA/"" when it is not in the sentence)
      refers_to               - row number of the earlier attribution that a pronoun or short name
                                continues (NA if none)
      resolved_source         - the speaker's name ("Anton Bril") after following refers_to
      pattern                 - which rule found it
      why                     - the reason, in plain words
    """
    article = _as_article(text_or_article)
    lex = _lexicon()
    text = article.text
    sentences = list(article.sentences)
    # which sentences the passive and the phrase patterns can match: one str.find pass over the text
    # per string they need, instead of running both over every sentence (few sentences hold "according
    # to" or "it is believed"). Not done for the verbs: their words are many and common, so looking for
    # them costs about as much as running the verb pattern.
    spans = [(sent.start, sent.end) for sent in sentences]
    if all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)):
        cues = worth_trying(lex.cue_needs, text, spans)
    else:  # worth_trying needs sentences in order: an Article built by hand may not have them so
        cues = [list(range(len(lex.cue_needs)))] * len(spans)
    rows: list[dict[str, Any]] = []
    for sent, sent_cues in zip(sentences, cues, strict=True):
        rows.extend(sorted(_sentence_rows(text, sent, lex, sent_cues), key=lambda r: r["cue_start"]))
    _resolve(rows, lex)
    for row in rows:
        row["kind_plain"] = lex.kind_plain.get(row["kind"], row["kind"])
        row["why"] = _why(row, lex)
        del row["_reason"], row["_name"]
    frame = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    for col in ("affiliation_start", "affiliation_end", "content_start", "content_end", "refers_to"):
        frame[col] = frame[col].astype("Int64")
    for col in ("start", "end", "source_start", "source_end", "name_start", "name_end", "cue_start",
                "cue_end"):
        frame[col] = frame[col].astype("int64")
    return frame
