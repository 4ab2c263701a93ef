"""Sourcing reader, part 3: who the speaker is (names, roles, clause bounds) and what kind of voice it is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kit.readers.literals import fold
from kit.readers.sourcing.lexicon import (
    _DETERMINER_BEFORE,
    _HEAD_CUT,
    _LEADING_FILLER,
    _Lexicon,
    may_match,
)
from kit.readers.sourcing.text import (
    _clean_token,
    _is_namey,
    _Piece,
    _piece,
    _tokens,
    _word_key,
)


def _name_runs(
    piece: _Piece, lex: _Lexicon, toks: list[tuple[int, int, str]] | None = None
) -> list[tuple[int, int, int]]:
    """Runs of name-like tokens: (start, end, index of the first token) in absolute offsets.

    ``toks``: the piece's tokens when the caller already has them (so the piece is not split twice).
    """
    runs: list[tuple[int, int, int]] = []
    if toks is None:
        toks = _tokens(piece)
    i = 0
    while i < len(toks):
        if _is_namey(toks[i][2], lex) and _word_key(toks[i][2]) not in lex.titles:
            j = i
            while j + 1 < len(toks) and (
                _is_namey(toks[j + 1][2], lex)
                or (
                    toks[j + 1][2].lower() in lex.particles
                    and j + 2 < len(toks)
                    and _is_namey(toks[j + 2][2], lex)
                )
            ):
                j += 1
            end = toks[j][1]
            last = toks[j][2]
            if last.endswith(("’s", "'s")):
                end -= 2
            runs.append((toks[i][0], end, i))
            i = j + 1
        else:
            i += 1
    return runs


def _person_run(piece: _Piece, lex: _Lexicon, text: str) -> tuple[int, int] | None:
    """The span of a person's name inside ``piece`` (two or more name words, or a title then a name)."""
    toks = _tokens(piece)
    lowered = [_word_key(t[2]) for t in toks]
    for start, end, first in _name_runs(piece, lex, toks):
        words = [_word_key(w) for w in text[start:end].split()]
        if any(w in lex.organisation_words or w in lex.media_words for w in words):
            continue
        if lex.government_re.search(text, start, end):
            continue  # "the Commerce Ministry", "the Harbour Authority": a public body, not a person
        if (
            text[start:end] in lex.countries
            or any(w.endswith(("ian", "ese", "ish")) for w in words[:1])
            and len(words) == 1
        ):
            continue
        before = lowered[first - 1] if first > 0 else ""
        if before in lex.organisation_words or before in lex.media_words or before == "journal":
            continue  # "the union Terra Viva", "the journal Nature": a name of a body, not of a person
        has_title = before in lex.titles or before in lex.role_nouns
        if len(words) >= 2 or has_title:
            return start, end
    return None


# ---------------------------------------------------------------- finding the speaker


def _strip_between(text: str, start: int, end: int, lex: _Lexicon) -> int:
    """Move ``end`` left past auxiliaries, adverbs and time phrases that sit before the cue.

    A skip pattern is only searched when the chunk holds a string it needs (``lex.skip_needs``): most
    chunks hold no time phrase at all, and searching a pattern costs far more than looking for a word.
    """
    changed = True
    while changed and end > start:
        changed = False
        chunk = text[start:end]
        folded = fold(chunk)
        for pattern, needs in zip(lex.skip_res, lex.skip_needs, strict=True):
            if not may_match(folded, needs):
                continue
            m = pattern.search(chunk)
            if m and m.start() > 0 and not _DETERMINER_BEFORE.search(chunk[: m.start()] + " "):
                end = start + m.start()
                changed = True
                break
        if changed:
            continue
        m = re.search(r"([\w'’-]+)\s*$", text[start:end])
        if m and m.group(1).lower() in lex.skip_words:
            end = start + m.start()
            changed = True
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_IN_A_NAME = re.compile(r"(?:(?<=\s)|^)[A-Z][\w'’-]*\s$")  # a capitalised word right before
_CAPITALISED_RUN = re.compile(r"(?:\s+[A-Z][\w'’-]*)+")


def _body_name(text: str, start: int, lex: _Lexicon) -> bool:
    """True when the capitalised words from ``start`` end a body's name ("Freight Workers' Union")."""
    run = _CAPITALISED_RUN.match(text, start)
    if run is None:
        return False
    words = [_word_key(w) for w in run.group().split()]
    return any(w in lex.organisation_words for w in words) or bool(lex.government_re.search(run.group()))


def _clause_start(text: str, start: int, end: int, lex: _Lexicon) -> int:
    """Where the clause holding the speaker begins: after the last clause word, semicolon or dash."""
    best = start
    for m in lex.opener_re.finditer(text, start, end):
        if m.group().lower() == "than" and text[m.end() : m.end() + 2].strip()[:1].isdigit():
            continue  # "more than 30,000 times" is an amount, not a new clause
        before = _IN_A_NAME.search(text, max(start, m.start() - 40), m.start())  # the word before only
        if m.group() == "and" and before and _body_name(text, m.end(), lex):
            continue  # "the Harbour and Freight Workers' Union": one name
        best = max(best, m.end())
    for m in re.finditer(r"[;:—–]|\s-\s|[”\"](?=\s)", text[start:end]):
        best = max(best, start + m.end())
    return best


@dataclass
class _Speaker:
    source: _Piece
    affiliation: _Piece | None
    whole: _Piece  # source and affiliation together


def _split_speaker(text: str, start: int, end: int, closed: bool, lex: _Lexicon) -> _Speaker | None:
    """Split "Name, role" / "role, Name" / "a phrase" into the speaker and the role the text gives."""
    region = _piece(text, start, end)
    if region.empty:
        return None
    commas = re.finditer(r",(?!\d)", region.text)  # not the comma of "30,000"
    bounds = [region.start] + [region.start + m.end() for m in commas]
    segs = []
    for i, s in enumerate(bounds):
        e = bounds[i + 1] - 1 if i + 1 < len(bounds) else region.end
        seg = _piece(text, s, e)
        if not seg.empty:
            segs.append(seg)
    if not segs:
        return None
    unclosed_role = (
        len(segs) >= 2
        and _person_run(segs[-2], lex, text) is not None
        and _looks_like_role(segs[-1], lex)
        and _person_run(segs[-1], lex, text) is None
    )  # "Qusai al-Anbari, the head of X has said": the writer left out the second comma
    if (
        closed
        and len(segs) >= 3
        and re.match(r"(?:who|which)\b", segs[-1].text)
        and _person_run(segs[-3], lex, text)
        and not _person_run(segs[-2], lex, text)
    ):
        segs = segs[:-1]  # "Martin Kell, a sleep scientist, who was not involved, said": name and role first
    if len(segs) >= 2 and (closed or unclosed_role):
        head, appos = segs[-2], segs[-1]
        if _person_run(appos, lex, text) and not _person_run(head, lex, text):
            source, affiliation = appos, head
        else:
            source, affiliation = head, appos
        whole = _Piece(head.start, appos.end, text[head.start : appos.end])
        source = _trim_leading(text, source)
        return _Speaker(source, affiliation, whole)
    source = _trim_leading(text, segs[-1])
    return _Speaker(source, None, source)


def _looks_like_role(seg: _Piece, lex: _Lexicon) -> bool:
    first = seg.text.split()[0].lower() if seg.text.split() else ""
    if first in {"the", "a", "an", "who", "its", "his", "her", "their", "our", "one", "speaking", "itself"}:
        return True
    return any(_word_key(w) in lex.role_nouns for w in seg.text.split()[:6])


def _trim_leading(text: str, seg: _Piece) -> _Piece:
    m = _LEADING_FILLER.match(seg.text)
    if m and m.end() < len(seg.text):
        return _piece(text, seg.start + m.end(), seg.end)
    return seg


# ---------------------------------------------------------------- kinds


def _head_words(source: str) -> list[str]:
    head = _HEAD_CUT.sub("", source)
    return [_word_key(w) for w in head.split() if _word_key(w)]


def _classify(source: _Piece, affiliation: _Piece | None, text: str, lex: _Lexicon) -> tuple[str, str]:
    """Return (kind, reason in plain words) for a speaker phrase."""
    s = source.text
    low = s.lower()
    both = s + " " + (affiliation.text if affiliation else "")
    words = [_word_key(w) for w in s.split() if _word_key(w)]
    head = _head_words(s) or words
    if not words:
        return "vague", "no speaker is given"
    if len(words) == 1 and words[0] in {"he", "she", "they", "it", "him", "her", "them"}:
        return "pronoun", f"'{s}' points back to an earlier speaker"
    if lex.anonymous_re.search(both):
        return "anonymous", "the text says this source is not named"
    if any(w in lex.document_words for w in head[:4]):
        return "document", f"'{s}' is a written source, not a person"
    if _person_run(source, lex, text):
        return "named_person", f"'{s}' is named, so a reader can look them up"
    if head[-1] in lex.vague_heads or head[0] in lex.vague_heads:
        return "vague", f"'{s}' is a group with no names: nobody can check who exactly said it"
    caps = [w for w in s.split()[1:] if w[:1].isupper()]
    if (
        (caps or s[:1].isupper())
        and any(w in lex.media_words for w in words)
        and head[-1] not in {"media", "press", "outlets"}
    ):
        return "media", f"'{s}' is a news outlet"
    first_raw = s.split()[0]
    one_person = words[0] in {"a", "an", "another", "one"} or first_raw.endswith(("’s", "'s"))
    if one_person and head[-1] in lex.role_nouns and not head[-1].endswith("s"):
        return "anonymous", f"'{s}' is one person, but the text does not give their name"
    stripped = _clean_token(re.sub(r"^(?:the|The)\s+", "", s))
    if stripped in lex.countries or s in lex.countries:
        return "government", f"'{s}' stands for a country's government"
    if lex.government_re.search(s):
        return "government", f"'{s}' is a government or public body"
    if any(w in lex.organisation_words for w in words) or any(
        w.isupper() and len(w) > 1 for w in (_clean_token(t) for t in s.split())
    ):
        return "organisation", f"'{s}' is a group or organisation"
    if low.startswith(("the ", "this ", "that ")) and head and head[-1] in lex.role_nouns:
        return "role", f"'{s}' points back to an earlier speaker by their role"
    if len(words) == 1 and s[:1].isupper():
        return "surname", f"'{s}' may be a short name for an earlier speaker"
    return "vague", f"'{s}' does not say who exactly is speaking"


# ---------------------------------------------------------------- a speaker named by a common noun

_DETERMINERS = frozenset("the a an this that these those its his her their our one another".split())
_NOT_IN_A_NAME = frozenset(
    """it he she they we i you him them us me who which that not no will would should shall can could may
    might must is are was were be been has have had do does did""".split()
)


def _plain_noun_phrase(phrase: str, lex: _Lexicon) -> bool:
    """A short noun phrase that opens with a determiner or a possessive and holds no verb or pronoun:
    "the board", "one surgeon", "Kolb's agent". Such a subject of "said" is a speaker the text names
    only by a common noun (often a body named earlier), not a stray word before the cue."""
    words = phrase.split()
    if not 1 < len(words) <= 6:
        return False
    first = words[0]
    if first.lower() not in _DETERMINERS and not first.endswith(("’s", "'s")):
        return False
    for i, word in enumerate(words[1:], start=1):
        key = _word_key(word)
        if not key or key in _NOT_IN_A_NAME or key[0].isdigit():
            return False
        if word in lex.verb_info and i < len(words) - 1:
            return False  # a cue inside the phrase ("the firm said it"); as its head a noun ("the forecast")
    return True


# ---------------------------------------------------------------- a subject shared by two verbs

_AND_BEFORE = re.compile(r"\s(?:and|but)\s*$", re.IGNORECASE)
_VERB_AFTER_SUBJECT = frozenset("has have had will would is are was were".split())


def _shared_subject(text: str, start: int, cue_start: int, lex: _Lexicon) -> tuple[int, int] | None:
    """The subject of "Pellaro denied the claims and said ...": when the cue follows "and" or "but", the
    words before the sentence's first verb (a past form in -ed, a cue or an auxiliary), if they come
    before that "and". None when the cue does not follow "and"/"but" or no such verb is found."""
    end = _strip_between(text, start, cue_start, lex)
    joint = _AND_BEFORE.search(text, start, end)
    if joint is None:
        return None
    begin = _piece(text, start, joint.start()).start
    m = _LEADING_FILLER.match(text, begin)
    begin = m.end() if m else begin
    for tok_start, _tok_end, tok in _tokens(_Piece(begin, joint.start(), text[begin : joint.start()])):
        word = tok.lower()
        verb = word in lex.verb_info or word.endswith("ed") or word in _VERB_AFTER_SUBJECT
        if tok[:1].islower() and verb:
            return (begin, tok_start) if tok_start > begin else None
    return None
