"""Sourcing reader, part 4b: one row of find_sources, and the rows of attributions that name nobody
("it was reported", "is said to")."""

from __future__ import annotations

import re
from typing import Any

from kit.readers.sourcing.lexicon import _THAT_AHEAD, _Lexicon
from kit.readers.sourcing.text import _Piece, _strip_quotes


def _content_after(text: str, start: int, end: int) -> _Piece:
    m = _THAT_AHEAD.match(text[start:end])
    if m:
        start += m.end()
    return _strip_quotes(text, start, end)


def _passive_rows(text: str, sent: Any, lex: _Lexicon) -> list[dict[str, Any]]:
    """ "It was reported that ...", "it is believed ...": the whole passive is the cue and nobody speaks."""
    s0, s1 = sent.start, sent.end
    rows = []
    for m in lex.passive_re.finditer(text, s0, s1):
        verb = m.group(1)
        cue_s, cue_e = m.start(), m.end(1)  # the whole "it was reported": no word of it names anyone
        src = _Piece(m.start(), m.start() + len(m.group().split()[0]), m.group().split()[0])
        content = _content_after(text, m.end(), s1)
        rows.append(
            _row(
                text,
                sent,
                src,
                None,
                (cue_s, cue_e),
                text[cue_s:cue_e],
                "report",
                lex.passive_framing.get(verb, "neutral"),
                content,
                "vague",
                f"'{m.group()}' never says who {verb} it",
                "passive",
                lex,
                m.start(),
                m.end(),
            )
        )
    return rows


# "said to" before a verb: "is said to have resigned", "a tunnel said to lead to the shore" (not "said to
# the court", "said to me")
_HEARSAY_AFTER = re.compile(
    r"\s+to\s+(?!(?:the|a|an|his|her|their|its|our|my|me|him|us|them|you|reporters|journalists)\b)[a-z]+\b"
)
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:also\s+|widely\s+|often\s+)?$", re.IGNORECASE)
_PERSON_BEFORE = re.compile(r"\b(?:he|she|they|i|we|you|[A-Z][\w’'-]*)\s+$")


def _hearsay_row(text: str, sent: Any, m: re.Match[str], lex: _Lexicon) -> dict[str, Any] | None:
    """ "X is said to have ...": the cue "is said to" and its own words as the (missing) source."""
    after = _HEARSAY_AFTER.match(text, m.end(), sent.end)
    if m.group() != "said" or not after:
        return None
    be = _BE_BEFORE.search(text, sent.start, m.start())
    if be is None and _PERSON_BEFORE.search(text, sent.start, m.start()):
        return None  # "She said to wait": someone speaks
    start = be.start() if be else m.start()
    end = m.end() + after.group().index("to") + 2
    phrase = _Piece(start, end, text[start:end])
    return _row(
        text,
        sent,
        phrase,
        None,
        (start, end),
        phrase.text,
        "report",
        lex.passive_framing.get("said", "neutral"),
        _Piece(end, end, ""),
        "vague",
        f"'{phrase.text}' never says who said it",
        "passive",
        lex,
    )


def _row(
    text: str,
    sent: Any,
    source: _Piece,
    affiliation: _Piece | None,
    cue_span: tuple[int, int],
    cue: str,
    lemma: str,
    framing: str,
    content: _Piece,
    kind: str,
    reason: str,
    pattern: str,
    lex: _Lexicon,
    start: int | None = None,
    end: int | None = None,
    name: _Piece | None = None,
) -> dict[str, Any]:
    """One row of find_sources. ``source`` is the speaker's whole phrase as the text gives it ("Greve's
    lawyer, Anton Bril"); ``name`` the part that says who it is ("Anton Bril"), which later rows are
    linked by (the source itself when not given)."""
    parts = [source.start, source.end, *cue_span]
    if start is None or end is None:
        start, end = min(parts), max(parts)
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "source": source.text,
        "source_start": source.start,
        "source_end": source.end,
        "kind": kind,
        "affiliation": affiliation.text if affiliation else "",
        "affiliation_start": affiliation.start if affiliation else None,
        "affiliation_end": affiliation.end if affiliation else None,
        "cue": cue,
        "cue_start": cue_span[0],
        "cue_end": cue_span[1],
        "cue_lemma": lemma,
        "cue_framing": framing,
        "framing_plain": lex.framings.get(framing, ""),
        "sentence_id": sent.id,
        "content_start": content.start if not content.empty else None,
        "content_end": content.end if not content.empty else None,
        "content": "" if content.empty else content.text,
        "name_start": (name or source).start,
        "name_end": (name or source).end,
        "_reason": reason,
        "_name": (name or source).text,
        "pattern": pattern,
    }
