"""Sourcing reader, part 6: claims with no source, and which voices speak or are missing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kit.readers.sourcing.attribution import find_sources
from kit.readers.sourcing.lexicon import (
    _HEDGES,
    _NUMBER,
    CLAIM_COLUMNS,
    _as_article,
    _Lexicon,
    _lexicon,
)
from kit.readers.sourcing.text import (
    _FUNCTION_WORDS,
)

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
