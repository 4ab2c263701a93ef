"""Sourcing reader, part 1: the compiled word lists (data/sourcing.json), shared patterns and input checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kit.errors import ArticleError
from kit.readers.data_files import load_data
from kit.readers.literals import needed, trie

# What a pattern needs (see kit.readers.literals.needed): lower-case strings one of which every match
# holds, or None when that cannot be told (then the pattern is tried everywhere).
Needs = tuple[str, ...] | None

KINDS = ("named_person", "organisation", "government", "media", "document", "anonymous", "vague")

SOURCE_COLUMNS = [
    "start",
    "end",
    "text",
    "source",
    "source_start",
    "source_end",
    "name_start",
    "name_end",
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
    skip_needs: tuple[Needs, ...]  # for each of skip_res: a chunk holding none of its strings is not searched
    cue_needs: tuple[Needs, Needs]  # the same for passive_re and phrase_re (see find_sources)
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
    """One pattern for a list of words or phrases, each standing alone (not inside a longer word).

    The entries are written as a trie (kit.readers.literals.trie: "s(?:aid|ays|...)"), longer ones
    first at each letter, so "pointed out" wins over "pointed" and the regex engine rules out a whole
    group with one comparison: about twice as fast as one flat list on 150 verbs, with the same matches.
    """
    entries = sorted(set(words), key=len, reverse=True)
    if flags & re.IGNORECASE and all(w.isascii() for w in entries):
        entries = sorted({w.lower() for w in entries}, key=len, reverse=True)
    body = trie(entries) if all(w.isascii() for w in entries) else "|".join(re.escape(w) for w in entries)
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])", flags)


def _needs(pattern: re.Pattern[str]) -> Needs:
    """What ``pattern`` needs, read as if it ignored case: a case-sensitive match is also a match that
    ignores case, so the strings stay necessary and skipping text without them changes nothing."""
    return needed(pattern.pattern, pattern.flags | re.IGNORECASE)


def may_match(folded: str | None, needs: Needs) -> bool:
    """False only when ``folded`` (a text through kit.readers.literals.fold) holds none of the strings a
    pattern needs, so the pattern cannot match the text; True when it might."""
    return folded is None or needs is None or any(string in folded for string in needs)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = load_data("sourcing.json")
    verb_info: dict[str, dict[str, Any]] = {}
    for entry in raw["cues"]["verbs"]:
        for form in entry["forms"]:
            verb_info[form] = entry
    phrases = raw["cues"]["phrases"]
    lower = [w.lower() for w in raw["titles"]["words"]]
    verb_re = _words_re(list(verb_info), flags=0)  # case-sensitive: "States" in "United States" is no cue
    phrase_re = _words_re([p["pattern"] for p in phrases])
    passive_re = re.compile(raw["cues"]["passive"]["pattern"])
    skip_res = tuple(re.compile(p, re.IGNORECASE) for p in raw["subject_skip"]["phrase_patterns"])
    return _Lexicon(
        verb_re=verb_re,
        verb_info=verb_info,
        phrase_re=phrase_re,
        phrase_framing={p["pattern"]: p["framing"] for p in phrases},
        passive_re=passive_re,
        passive_framing=raw["cues"]["passive"]["framing_by_verb"],
        framings={k: v["plain"] for k, v in raw["framings"].items()},
        kind_plain=raw["kinds"]["plain"],
        skip_words=frozenset(raw["subject_skip"]["words"]),
        skip_res=skip_res,
        skip_needs=tuple(_needs(p) for p in skip_res),
        cue_needs=(_needs(passive_re), _needs(phrase_re)),
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
