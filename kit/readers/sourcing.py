"""Lesson 1 reader: who is speaking in a news text, and which claims have no source at all.

Pure text analysis: no I/O beyond the package's own word lists (``data/sourcing.json``), no widgets.
The rules are hand-written because no English parser ships with the kit (a classroom may be offline);
they are shallow on purpose, and the lesson shows learners where they go wrong.

Public functions (all take ``text_or_article``: a str or a :class:`kit.Article`):

- :func:`find_sources` - one row per attribution ("X said ...", "according to X").
- :func:`unsourced_claims` - body sentences that state something with no attribution.
- :func:`voices_summary` - which kinds of voices speak, and which are missing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from kit.errors import ArticleError

KINDS = ("named_person", "organisation", "government", "media", "document", "anonymous", "vague")

SOURCE_COLUMNS = [
    "start",
    "end",
    "text",
    "source",
    "source_start",
    "source_end",
    "kind",
    "kind_plain",
    "affiliation",
    "affiliation_start",
    "affiliation_end",
    "cue",
    "cue_start",
    "cue_end",
    "cue_lemma",
    "cue_framing",
    "framing_plain",
    "sentence_id",
    "content_start",
    "content_end",
    "content",
    "refers_to",
    "resolved_source",
    "pattern",
    "why",
]

CLAIM_COLUMNS = ["sentence_id", "start", "end", "text", "signals", "hedged", "why"]

_QUOTE_PAIRS = re.compile(r"“[^”]*”|\"[^\"]*\"")
_TOKEN = re.compile(r"[^\s,;:()\[\]\"“”]+")
_BE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|such|any|no|every|each)\s+$",
    re.IGNORECASE,
)
_TO_BEFORE = re.compile(r"\b(?:to|not|n't)\s+$", re.IGNORECASE)
_THAT_AHEAD = re.compile(r"^(?:[^,.;:\"“”]{0,60}?\s)?that\b\s*", re.IGNORECASE)
_OPEN_QUOTE_OR_COLON = re.compile(r"^\s*(?:that\b|[:\"“]|,\s*[\"“])", re.IGNORECASE)
_LEADING_FILLER = re.compile(
    r"^(?:(?:then|now|meanwhile|however|also|and|but|so|yet|still|later|earlier|today|yesterday|once again"
    r"|last\s+(?:week|month|year|night)|this\s+(?:week|month|year)|on\s+(?:monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday))\b[\s,]*)+",
    re.IGNORECASE,
)
_HEDGES = re.compile(
    r"\b(?:may|might|could|perhaps|possibly|probably|likely|seems?|seemed|appears?|appeared|suggests?"
    r"|apparently|reportedly|allegedly)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_RELATIVE_TAIL = re.compile(r"\s+(?:who|which|that)\b.*$", re.IGNORECASE | re.DOTALL)
_HEAD_CUT = re.compile(
    r"\s+(?:of|from|at|in|for|with|on|by|published|close|familiar|speaking|who|which)\b.*$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class _Lexicon:
    """The compiled word lists from data/sourcing.json."""

    verb_re: re.Pattern[str]
    verb_info: dict[str, dict[str, Any]]
    phrase_re: re.Pattern[str]
    phrase_framing: dict[str, str]
    passive_re: re.Pattern[str]
    passive_framing: dict[str, str]
    framings: dict[str, str]
    kind_plain: dict[str, str]
    skip_words: frozenset[str]
    skip_res: tuple[re.Pattern[str], ...]
    opener_re: re.Pattern[str]
    particles: frozenset[str]
    titles: frozenset[str]
    role_nouns: frozenset[str]
    anonymous_re: re.Pattern[str]
    vague_heads: frozenset[str]
    document_words: frozenset[str]
    media_words: frozenset[str]
    government_re: re.Pattern[str]
    organisation_words: frozenset[str]
    countries: frozenset[str]
    government_roles: frozenset[str]
    actor_aliases: dict[str, tuple[str, ...]]
    expert_re: re.Pattern[str]
    ordinary_re: re.Pattern[str]
    author_re: re.Pattern[str]
    date_re: re.Pattern[str]


def _words_re(words: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    alternatives = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", flags)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = json.loads(resources.files("kit.readers").joinpath("data/sourcing.json").read_text("utf-8"))
    verb_info: dict[str, dict[str, Any]] = {}
    for entry in raw["cues"]["verbs"]:
        for form in entry["forms"]:
            verb_info[form] = entry
    phrases = raw["cues"]["phrases"]
    lower = [w.lower() for w in raw["titles"]["words"]]
    return _Lexicon(
        verb_re=_words_re(list(verb_info), flags=0),  # case-sensitive: "States" in "United States" is no cue
        verb_info=verb_info,
        phrase_re=_words_re([p["pattern"] for p in phrases]),
        phrase_framing={p["pattern"]: p["framing"] for p in phrases},
        passive_re=re.compile(raw["cues"]["passive"]["pattern"]),
        passive_framing=raw["cues"]["passive"]["framing_by_verb"],
        framings={k: v["plain"] for k, v in raw["framings"].items()},
        kind_plain=raw["kinds"]["plain"],
        skip_words=frozenset(raw["subject_skip"]["words"]),
        skip_res=tuple(re.compile(p, re.IGNORECASE) for p in raw["subject_skip"]["phrase_patterns"]),
        opener_re=_words_re(raw["clause_openers"]["words"]),
        particles=frozenset(raw["name_particles"]["words"]),
        titles=frozenset(lower),
        role_nouns=frozenset(raw["role_nouns"]["words"]),
        anonymous_re=re.compile("|".join(raw["anonymous_markers"]["patterns"]), re.IGNORECASE),
        vague_heads=frozenset(raw["vague_heads"]["words"]),
        document_words=frozenset(raw["document_words"]["words"]),
        media_words=frozenset(raw["media_words"]["words"]),
        government_re=_words_re(raw["government_words"]["words"]),
        organisation_words=frozenset(raw["organisation_words"]["words"]),
        countries=frozenset(raw["countries"]["words"]),
        government_roles=frozenset(raw["government_roles"]["words"]),
        actor_aliases={k: tuple(v) for k, v in raw["actor_aliases"]["groups"].items()},
        expert_re=_words_re(raw["expert_words"]["words"]),
        ordinary_re=_words_re(raw["ordinary_words"]["words"]),
        author_re=re.compile(raw["byline"]["author_pattern"], re.MULTILINE),
        date_re=re.compile(raw["byline"]["date_pattern"]),
    )


def _as_article(text_or_article: Any) -> Any:
    """Accept a str or an Article; anything else gets a plain-language error."""
    from kit.article import Article

    if isinstance(text_or_article, Article):
        return text_or_article
    if isinstance(text_or_article, str):
        return Article.from_text(text_or_article)
    raise ArticleError(
        "The sourcing reader needs an article or a piece of text, "
        f"but it got {type(text_or_article).__name__}. "
        "Pass it `article` (from kit.load_article()) or a string of news text."
    )


# ---------------------------------------------------------------- small text helpers


@dataclass
class _Piece:
    """A stretch of the article text, kept with its absolute offsets."""

    start: int
    end: int
    text: str

    @property
    def empty(self) -> bool:
        return not self.text.strip()


def _piece(text: str, start: int, end: int) -> _Piece:
    """Cut ``text[start:end]`` and trim spaces and outer punctuation, keeping offsets exact."""
    while start < end and (text[start].isspace() or text[start] in ",;:-—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.!?-—–"):
        end -= 1
    return _Piece(start, end, text[start:end])


def _strip_quotes(text: str, start: int, end: int) -> _Piece:
    piece = _piece(text, start, end)
    s, e = piece.start, piece.end
    if e - s >= 2 and text[s] in '"“' and text[e - 1] in '"”':
        s, e = s + 1, e - 1
    elif s < e and text[s] in '"“' and text.count(text[s], s, e) == 1:
        s += 1
    if e - 1 > s and text[e - 1] in ",.":
        e -= 1
    return _Piece(s, e, text[s:e])


def _tokens(piece: _Piece) -> list[tuple[int, int, str]]:
    return [(piece.start + m.start(), piece.start + m.end(), m.group()) for m in _TOKEN.finditer(piece.text)]


def _clean_token(token: str) -> str:
    return token.strip(".'’").removesuffix("’s").removesuffix("'s")


def _is_namey(token: str, lex: _Lexicon) -> bool:
    """A capitalised word that can be part of a person's name ("al-Anbari" counts too)."""
    word = _clean_token(token)
    if not word:
        return False
    lower = word.lower()
    for particle in ("al-", "el-", "bin-", "abu-"):
        if lower.startswith(particle) and len(word) > len(particle) and word[len(particle)].isupper():
            return True
    if not word[0].isupper() or (word.isupper() and len(word) > 1):
        return False
    return lower not in _FUNCTION_WORDS


_FUNCTION_WORDS = frozenset(
    """the a an this that these those his her its their our my your he she it they we i then now but and
    so yet however meanwhile also once after before when while if although in on at by for with from of to
    last next this some many most several other another according all every each both""".split()
)


def _name_runs(piece: _Piece, lex: _Lexicon) -> list[tuple[int, int, int]]:
    """Runs of name-like tokens: (start, end, index of the first token) in absolute offsets."""
    runs: list[tuple[int, int, int]] = []
    toks = _tokens(piece)
    i = 0
    while i < len(toks):
        if _is_namey(toks[i][2], lex) and _clean_token(toks[i][2]).lower() not in lex.titles:
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
    lowered = [_clean_token(t[2]).lower() for t in toks]
    for start, end, first in _name_runs(piece, lex):
        words = [_clean_token(w).lower() for w in text[start:end].split()]
        if any(w in lex.organisation_words or w in lex.media_words for w in words):
            continue
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
    """Move ``end`` left past auxiliaries, adverbs and time phrases that sit before the cue."""
    changed = True
    while changed and end > start:
        changed = False
        chunk = text[start:end]
        for pattern in lex.skip_res:
            m = pattern.search(chunk)
            if m and m.start() > 0:
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


def _clause_start(text: str, start: int, end: int, lex: _Lexicon) -> int:
    """Where the clause holding the speaker begins: after the last clause word, semicolon or dash."""
    best = start
    for m in lex.opener_re.finditer(text, start, end):
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
    bounds = [region.start] + [region.start + m.end() for m in re.finditer(",", region.text)]
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
    return any(_clean_token(w).lower() in lex.role_nouns for w in seg.text.split()[:6])


def _trim_leading(text: str, seg: _Piece) -> _Piece:
    m = _LEADING_FILLER.match(seg.text)
    if m and m.end() < len(seg.text):
        return _piece(text, seg.start + m.end(), seg.end)
    return seg


# ---------------------------------------------------------------- kinds


def _head_words(source: str) -> list[str]:
    head = _HEAD_CUT.sub("", source)
    return [_clean_token(w).lower() for w in head.split() if _clean_token(w)]


def _classify(source: _Piece, affiliation: _Piece | None, text: str, lex: _Lexicon) -> tuple[str, str]:
    """Return (kind, reason in plain words) for a speaker phrase."""
    s = source.text
    low = s.lower()
    both = s + " " + (affiliation.text if affiliation else "")
    words = [_clean_token(w).lower() for w in s.split() if _clean_token(w)]
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


# ---------------------------------------------------------------- attributions in one sentence


def _content_after(text: str, start: int, end: int) -> _Piece:
    m = _THAT_AHEAD.match(text[start:end])
    if m:
        start += m.end()
    return _strip_quotes(text, start, end)


def _quote_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _QUOTE_PAIRS.finditer(text[start:end])]


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in ranges)


def _sentence_rows(text: str, sent: Any, lex: _Lexicon) -> list[dict[str, Any]]:
    s0, s1 = sent.start, sent.end
    quotes = _quote_ranges(text, s0, s1)
    rows: list[dict[str, Any]] = []
    used: list[tuple[int, int]] = []

    for m in lex.passive_re.finditer(text, s0, s1):
        verb = m.group(1)
        cue_s, cue_e = m.start(1), m.end(1)
        src = _Piece(m.start(), m.start() + len(m.group().split()[0]), m.group().split()[0])
        content = _content_after(text, m.end(), s1)
        rows.append(
            _row(
                text,
                sent,
                src,
                None,
                (cue_s, cue_e),
                verb,
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
        used.append((m.start(), m.end()))

    for m in lex.phrase_re.finditer(text, s0, s1):
        if _inside(m.start(), quotes):
            continue
        row = _according_to(text, sent, m, lex)
        if row:
            rows.append(row)
            used.append((m.start(), m.end()))

    for m in lex.verb_re.finditer(text, s0, s1):
        if _inside(m.start(), quotes) or any(a <= m.start() < b for a, b in used):
            continue
        row = _verb_attribution(text, sent, m, lex)
        if row:
            rows.append(row)
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
    if _BE.search(before) or _DETERMINER_BEFORE.search(before) or _TO_BEFORE.search(before):
        return None  # "was accused", "the claim", "refused to say": not someone speaking here
    if info.get("needs_that") and not _OPEN_QUOTE_OR_COLON.match(text[m.end() : s1]):
        return None

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
            if speaker and len(speaker.source.text.split()) <= 8 and not content.empty:
                return _finish(
                    text, sent, m, info, speaker, content, "speaker before cue, after content", lex
                )
    # 3. "Qusai al-Anbari, the head of ..., has recently revealed that ..." - speaker, cue, content
    closed = text[s0:end].rstrip().endswith(",")
    # a closed apposition (", who voted against the plan,") may hold clause words: look before it
    appos_start = text.rfind(",", s0, text.rfind(",", s0, end)) if closed else -1
    begin = _clause_start(text, s0, appos_start if appos_start > s0 else end, lex)
    speaker = _split_speaker(text, begin, end, closed, lex)
    if speaker is None or len(speaker.whole.text.split()) > 22:
        return None
    content = _content_after(text, m.end(), s1)
    return _finish(text, sent, m, info, speaker, content, "speaker then cue", lex)


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
    if not words or len(words) > 6 or not (stop is None or text[stop.start()] in ",.!?"):
        return False
    if lead.endswith(('"', "”", ',"', ",”")):
        return True
    return _person_run(phrase, lex, text) is not None or (
        words[0].lower() in {"the", "a", "an", "one", "another"}
        and _clean_token(words[-1]).lower() in lex.role_nouns | lex.vague_heads
    )


def _speaker_after(
    text: str, sent: Any, m: re.Match[str], info: dict[str, Any], lex: _Lexicon
) -> dict[str, Any]:
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
    kind, reason = _classify(source, speaker.affiliation, text, lex)
    if info.get("needs_subject"):
        first = source.text.split()[0].lower() if source.text else ""
        if first in {"i", "we", "you"} or len(source.text.split()) > 6 or kind in {"document"}:
            return None  # "we know", "I think": the writer's own view, not a source
    if kind == "vague" and not _looks_like_source(source.text, lex) and pattern != "cue then speaker":
        return None
    affiliation = speaker.affiliation
    if affiliation is None and kind == "named_person":
        affiliation = _inner_affiliation(source, text, lex)
    start = min(speaker.whole.start, m.start())
    end = max(speaker.whole.end, m.end())
    return _row(
        text,
        sent,
        source,
        affiliation,
        (m.start(), m.end()),
        m.group(),
        info["lemma"],
        info["framing"],
        content,
        kind,
        reason,
        pattern,
        lex,
        start,
        end,
    )


def _looks_like_source(phrase: str, lex: _Lexicon) -> bool:
    """A vague speaker must still look like a speaker: a group word, a role or a plural noun phrase."""
    words = [_clean_token(w).lower() for w in phrase.split() if _clean_token(w)]
    if not words or len(words) > 8:
        return False
    return any(w in lex.vague_heads or w in lex.role_nouns for w in words) or (
        len(words) <= 4 and words[-1].endswith("s") and not words[-1].endswith("ss")
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
) -> dict[str, Any]:
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
        "_reason": reason,
        "pattern": pattern,
    }


# ---------------------------------------------------------------- linking "he", "the official", "Bassi"


def _resolve(rows: list[dict[str, Any]], lex: _Lexicon) -> None:
    """Link pronouns, role phrases and short names to the earlier speaker they continue (in place)."""
    for i, row in enumerate(rows):
        row["refers_to"] = None
        row["resolved_source"] = row["source"]
        kind = row["kind"]
        if kind not in {"pronoun", "role", "surname", "named_person"}:
            continue
        target = None
        word = row["source"].lower()
        earlier = list(range(i - 1, -1, -1))
        if kind == "named_person" and len(row["source"].split()) >= 2:
            continue
        if kind in {"surname", "named_person"}:
            name = _clean_token(row["source"])
            target = next(
                (
                    j
                    for j in earlier
                    if rows[j]["kind"] == "named_person"
                    and rows[j]["resolved_source"].split()[-1:] == [name]
                    and j != i
                ),
                None,
            )
        elif kind == "pronoun" and word in {"he", "she", "him", "her"}:
            target = next((j for j in earlier if rows[j]["kind"] in {"named_person", "anonymous"}), None)
        elif kind == "pronoun":
            target = earlier[0] if earlier else None
        elif kind == "role":
            role = _head_words(row["source"])[-1]
            target = next(
                (
                    j
                    for j in earlier
                    if rows[j]["kind"] in {"named_person", "anonymous"}
                    and role in (rows[j]["affiliation"] + " " + rows[j]["source"]).lower()
                ),
                None,
            )
            if target is None:
                target = next((j for j in earlier if rows[j]["kind"] in {"named_person", "anonymous"}), None)
        if target is None:
            if kind == "surname":
                row["kind"], row["_reason"] = "named_person", f"'{row['source']}' looks like a person's name"
            elif kind == "role":
                public = _head_words(row["source"])[-1] in lex.government_roles
                row["kind"] = "government" if public else "anonymous"
                row["_reason"] = f"'{row['source']}' is one person, named only by their role" + (
                    ", a public office" if public else ""
                )
            elif kind != "named_person":
                row["kind"] = "vague"
                row["_reason"] += ", but no earlier speaker is named, so we cannot tell who"
            continue
        ante = rows[target]
        row["refers_to"] = target
        row["resolved_source"] = ante["resolved_source"]
        row["kind"] = ante["kind"]
        row["_reason"] = f"'{row['source']}' continues an earlier speaker: {ante['resolved_source']}"


def _why(row: dict[str, Any], lex: _Lexicon) -> str:
    """Two short sentences: who the speaker is, and what the cue word does to the claim."""
    framing = lex.framings.get(row["cue_framing"], "")
    reason = row["_reason"]
    return f"{reason[:1].upper()}{reason[1:]}. The word '{row['cue']}' {framing}."


def find_sources(text_or_article: Any) -> pd.DataFrame:
    """Find every attribution ("X said ...", "according to X") in a news text.

    Why: the first question a careful reader asks is who is speaking and why we should believe them.

    Columns (offsets are exact: ``article.text[start:end]``):
      start, end, text        - the attribution phrase (speaker, role and cue together)
      source, source_start, source_end - who speaks, as the text names them
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
      resolved_source         - the speaker after following refers_to
      pattern                 - which rule found it
      why                     - the reason, in plain words
    """
    article = _as_article(text_or_article)
    lex = _lexicon()
    text = article.text
    rows: list[dict[str, Any]] = []
    for sent in article.sentences:
        rows.extend(sorted(_sentence_rows(text, sent, lex), key=lambda r: r["cue_start"]))
    _resolve(rows, lex)
    for row in rows:
        row["kind_plain"] = lex.kind_plain.get(row["kind"], row["kind"])
        row["why"] = _why(row, lex)
        del row["_reason"]
    frame = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    for col in ("affiliation_start", "affiliation_end", "content_start", "content_end", "refers_to"):
        frame[col] = frame[col].astype("Int64")
    for col in ("start", "end", "source_start", "source_end", "cue_start", "cue_end"):
        frame[col] = frame[col].astype("int64")
    return frame


# ---------------------------------------------------------------- claims with no source


def unsourced_claims(text_or_article: Any) -> pd.DataFrame:
    """List body sentences that state something but name no source for it.

    Why: a claim with no source cannot be traced back; a reader should ask "says who?".

    Columns: sentence_id, start, end, text (the sentence; exact offsets), signals (what makes it read like
    a statement of fact: numbers, names, verbs such as "is"), hedged (True if it softens itself with
    "may", "seems" ...), why (plain words).
    """
    article = _as_article(text_or_article)
    sources = find_sources(article)
    covered = {sid for sid in sources["sentence_id"]}
    rows = []
    previous_attributed = False
    for sent in article.sentences:
        if sent.block_kind != "paragraph":
            continue
        body = sent.text.strip()
        attributed = sent.id in covered
        continues_quote = previous_attributed and body[:1] in '"“'
        previous_attributed = attributed or continues_quote
        if attributed or continues_quote or body.endswith("?") or len(body.split()) < 5:
            continue
        signals = _signals(body)
        if not signals:
            continue
        hedged = bool(_HEDGES.search(body))
        why = "It states " + ", ".join(signals) + " but does not say where this comes from."
        if hedged:
            why += " It softens itself with a word like 'may' or 'seems', yet still gives no source."
        rows.append(
            {
                "sentence_id": sent.id,
                "start": sent.start,
                "end": sent.end,
                "text": sent.text,
                "signals": "; ".join(signals),
                "hedged": hedged,
                "why": why,
            }
        )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _signals(sentence: str) -> list[str]:
    out = []
    numbers = _NUMBER.findall(sentence)
    if numbers:
        out.append("a number or date (" + ", ".join(numbers[:3]) + ")")
    names = [w.strip(".,;:’'\"“”") for w in sentence.split()[1:] if w[:1].isupper()]
    names = [n for n in names if n and n.lower() not in _FUNCTION_WORDS]
    if names:
        out.append("names (" + ", ".join(dict.fromkeys(names[:4])) + ")")
    if sentence.rstrip("\"”’' ").endswith((".", "!")) or sentence[-1:].isalnum():
        out.append("a plain statement")
    return out


# ---------------------------------------------------------------- who speaks, who is missing


@dataclass(frozen=True)
class VoicesSummary:
    """Which voices speak in a text (``voices``), which are missing (``missing``) and a plain ``text``."""

    voices: pd.DataFrame
    missing: pd.DataFrame
    text: str

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        import html

        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in self.text.split("\n") if p)
        return paragraphs + self.voices.to_html(index=False) + self.missing.to_html(index=False)


def voices_summary(text_or_article: Any) -> VoicesSummary:
    """Say which kinds of voices a text lets speak, and which are absent.

    ``voices`` columns: kind, kind_plain, source (after linking pronouns), affiliation, attributions
    (how many times this voice speaks), first_sentence_id, cues.
    ``missing`` columns: check, present (bool), detail (plain words).
    ``text``: a short plain-words summary of both.
    """
    article = _as_article(text_or_article)
    lex = _lexicon()
    found = find_sources(article)
    voices_rows: dict[tuple[str, str], dict[str, Any]] = {}
    for row in found.itertuples(index=False):
        key = (row.kind, row.resolved_source.lower() if row.kind != "vague" else row.source.lower())
        entry = voices_rows.setdefault(
            key,
            {
                "kind": row.kind,
                "kind_plain": row.kind_plain,
                "source": row.resolved_source,
                "affiliation": row.affiliation,
                "attributions": 0,
                "first_sentence_id": row.sentence_id,
                "cues": [],
            },
        )
        entry["attributions"] += 1
        if row.cue.lower() not in entry["cues"]:
            entry["cues"].append(row.cue.lower())
        if not entry["affiliation"] and row.affiliation:
            entry["affiliation"] = row.affiliation
    voices = pd.DataFrame(
        [{**v, "cues": ", ".join(v["cues"])} for v in voices_rows.values()],
        columns=["kind", "kind_plain", "source", "affiliation", "attributions", "first_sentence_id", "cues"],
    )
    missing = pd.DataFrame(_gaps(article, found, lex), columns=["check", "present", "detail"])
    return VoicesSummary(voices, missing, _summary_text(found, voices, missing))


def _gaps(article: Any, found: pd.DataFrame, lex: _Lexicon) -> list[dict[str, Any]]:
    top = "\n".join(b.text for b in article.blocks[:4])
    kinds = set(found["kind"])
    who = (found["source"] + " " + found["resolved_source"] + " " + found["affiliation"]).tolist()
    firm = found[found["kind"].isin(["named_person", "anonymous", "document", "organisation", "media"])]
    firm_who = " ".join((firm["source"] + " " + firm["resolved_source"] + " " + firm["affiliation"]).tolist())
    gaps = [
        ("author", bool(lex.author_re.search(top)), "The text does not say who wrote it."),
        ("date", bool(lex.date_re.search(top)), "The text gives no date."),
        ("named person", "named_person" in kinds, "No person is named as a source."),
        (
            "independent expert",
            any(lex.expert_re.search(w) for w, k in zip(who, found["kind"], strict=False) if k != "vague"),
            "No named expert (such as a scientist or researcher) is quoted.",
        ),
        ("document", "document" in kinds, "No document, study or data is cited."),
        (
            "ordinary people",
            any(lex.ordinary_re.search(w) for w in who),
            "No ordinary people (such as residents or witnesses) speak.",
        ),
    ]
    rows = [{"check": c, "present": p, "detail": "Found." if p else d} for c, p, d in gaps]
    text = article.text
    for actor, aliases in lex.actor_aliases.items():
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, aliases)) + r")(?![\w-])")
        mentions = len(pattern.findall(text))
        if mentions < 3:
            continue
        heard = bool(pattern.search(firm_who))
        rows.append(
            {
                "check": f"voice of {actor}",
                "present": heard,
                "detail": "Found."
                if heard
                else f"The text mentions {actor} {mentions} times, but no named person, document "
                f"or unnamed insider from {actor} speaks for it.",
            }
        )
    if len(found):
        loose = int(found["kind"].isin(["vague", "anonymous"]).sum())
        many = loose * 2 >= len(found)
        rows.append(
            {
                "check": "checkable sources",
                "present": not many,
                "detail": f"{loose} of {len(found)} attributions are vague or unnamed." if many else "Found.",
            }
        )
    else:
        rows.append({"check": "any source", "present": False, "detail": "The text quotes nobody at all."})
    return rows


def _summary_text(found: pd.DataFrame, voices: pd.DataFrame, missing: pd.DataFrame) -> str:
    if found.empty:
        present = "Nobody is quoted or named as a source."
    else:
        counts = voices.groupby("kind_plain")["attributions"].sum().sort_values(ascending=False)
        present = "Voices: " + "; ".join(f"{n} from {kind}" for kind, n in counts.items()) + "."
        named = voices[voices["kind"] == "named_person"]
        if len(named):
            roles = [
                f"{r.source} ({r.affiliation})" if r.affiliation else r.source for r in named.itertuples()
            ]
            present += " Named people: " + "; ".join(roles) + "."
    gaps = [d for d, p in zip(missing["detail"], missing["present"], strict=False) if not p]
    absent = ("Missing: " + " ".join(gaps)) if gaps else "No common kind of voice is missing."
    return present + "\n" + absent + "\nAsk the same questions of every text, whichever side it takes."
