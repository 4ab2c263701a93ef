"""A draft key worth reviewing: the readers' findings ranked by confidence, the clearest ones drafted.

Pure text analysis (no I/O, no notebooks). :func:`candidates` turns the three readers' tables into one
table of key passages in the hand keys' form (docs/AUTHORING.md, the source convention of
docs/READING.md): a **core** that must be marked and an **extent** that may be marked with it, per label:

- ``source``: core = the speaker (for a named source, the name); extent = the speaker, title and cue.
  A later reference to a speaker already quoted ("He said") is ``accept``: fine, never needed.
- ``loaded``: the loaded words themselves. Labels most governments apply to groups they list as
  terrorist ("terrorist", "extremist") are ``either``: whether they are loaded depends on whom they name.
- ``unverifiable``: the sentence is the extent; the core is the cue that makes it unverifiable ("intend",
  "wants", "seeks to") and the two words after it ("intend to prolong").
- ``hedge``: the hedge word ("may", "seems"); "can" (ability, rarely a hedge) is ``accept``.

Each row has a ``confidence`` between 0 and 1: how sure the reader's evidence makes us, from the kind of
finding (a named speaker is clearer than a vague one; a claim about someone's intentions is clearer than
a sweeping "all"). The numbers rank findings; they are not probabilities. :func:`draft` keeps the rows at
or above the cut-off (``DRAFT_FROM``) and marks the rows between ``EITHER_FROM`` and the cut-off as
debatable, so a teacher reviews a short key and sees the rest, ranked, below it.

Columns of both tables (:data:`COLUMNS`): start, end (the extent), core_start, core_end, label, status
(required | either | accept), confidence, finding (what kind of finding, in a few words), why (for the
learner, one sentence).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

COLUMNS = ["start", "end", "core_start", "core_end", "label", "status", "confidence", "finding", "why"]
DRAFT_FROM = 0.6  # at or above: drafted as required
EITHER_FROM = 0.45  # from here up to DRAFT_FROM: drafted as debatable (either)
CORE_WORDS_AFTER = 2  # an unverifiable cue's core takes the next two words ("intend" -> "intend to prolong")

# sources, by the reader's kind of speaker
SOURCE_CONFIDENCE = {
    "named_person": 0.9,
    "organisation": 0.8,
    "government": 0.75,
    "media": 0.75,
    "document": 0.7,
    "vague": 0.7,
    "anonymous": 0.65,
}
SOURCE_LATER = 0.3  # a later reference to a speaker already quoted
SOURCE_OPINION_CUE = -0.15  # "the US predicts", "politicians believe": an opinion verb, less clearly a quote
# loaded language, by the reader's category
LOADED_CONFIDENCE = {
    "derision": 0.85,
    "presumption": 0.8,
    "label": 0.75,
    "generalisation": 0.75,
    "intensifier": 0.6,
    "emotive": 0.55,
    "attribution": 0.5,
}
LOADED_DEFAULT = 0.5
LOADED_WIDELY_USED = {"terror", "extremist"}  # lexicon entries for labels widely applied to listed groups
# unverifiable sentences, by the group of cues that fired (kit/readers/data/claims.json ids)
CLAIM_CONFIDENCE = {
    "mind_reading": 0.8,
    "unsupported_attribution": 0.65,
    "nameless_belief": 0.65,  # split from unsupported_attribution (issue #15): the passive "it is believed"
    "hedge": 0.55,
    "generalisation": 0.45,
    "certainty": 0.45,
    "prediction": 0.4,
}
CLAIM_DEFAULT = 0.4
CLAIM_ATTRIBUTED = -0.1  # the sentence reports someone else's claim: the source, not the writer, says it
HEDGE_CONFIDENCE = 0.7
HEDGE_WEAK = {"can"}  # ability more often than a guess
HEDGE_WEAK_CONFIDENCE = 0.3

_WORD = re.compile(r"\w[\w'’-]*")
_STOP = re.compile(r"[.,;:!?()\[\]“”\"]")


def _rows_of(frame: pd.DataFrame) -> Any:
    """``itertuples`` over plain Python objects: iterating nullable (extension) columns element by
    element is what made this slow on a 2 MB article."""
    return frame.astype(object).itertuples()


def _row(start, end, core_start, core_end, label, status, confidence, finding, why) -> dict[str, Any]:
    return {
        "start": int(start),
        "end": int(end),
        "core_start": int(core_start),
        "core_end": int(core_end),
        "label": label,
        "status": status,
        "confidence": round(float(min(1.0, max(0.0, confidence))), 2),
        "finding": finding,
        "why": why,
    }


def source_candidates(sources: pd.DataFrame) -> list[dict[str, Any]]:
    """One passage per attribution of kit.find_sources: the speaker is the core (docs/READING.md)."""
    rows = []
    for r in _rows_of(sources):
        core = (int(r.name_start), int(r.name_end))  # the name, without a role set off by commas
        start, end = min(int(r.start), core[0]), max(int(r.end), core[1])
        later = not pd.isna(r.refers_to)
        if later:
            confidence, status = SOURCE_LATER, "accept"
            why = f"A later mention of {r.resolved_source}: the same source again, fine to mark, not needed."
        else:
            confidence = SOURCE_CONFIDENCE.get(str(r.kind), 0.6)
            if str(r.cue_framing) == "opinion":
                confidence += SOURCE_OPINION_CUE
            status = "required"
            why = f"{str(r.kind_plain).capitalize()}: {r.source!r} is who is speaking; '{r.cue}' is the cue."
        rows.append(_row(start, end, *core, "source", status, confidence, f"source: {r.kind}", why))
    return rows


def loaded_candidates(loaded: pd.DataFrame) -> list[dict[str, Any]]:
    """One passage per finding of kit.find_loaded_language; the words are the core."""
    rows = []
    for r in _rows_of(loaded):
        confidence = LOADED_CONFIDENCE.get(str(r.category), LOADED_DEFAULT)
        status = "required"
        why = str(r.why)
        if str(r.entry) in LOADED_WIDELY_USED:
            status = "either"
            why = (
                f"'{r.text}': for a group most governments list as terrorist this is a widely used "
                "label, so marking it is your choice; for anyone else it is loaded (teacher: make it "
                "required)."
            )
        start, end = int(r.start), int(r.end)
        rows.append(_row(start, end, start, end, "loaded", status, confidence, f"loaded: {r.category}", why))
    return rows


def _claim_groups() -> list[tuple[str, str]]:
    """(group id, its reason text) of every unverifiable group of the claims reader's data file."""
    from kit.readers.data_files import load_data

    return [
        (g["id"], str(g["why"])) for g in load_data("claims.json")["groups"] if g["kind"] == "unverifiable"
    ]


def _core_after(text: str, start: int, end: int, limit: int) -> int:
    """The end of the cue plus up to CORE_WORDS_AFTER words after it, stopping at punctuation or ``limit``."""
    at = end
    for _ in range(CORE_WORDS_AFTER):
        m = _WORD.search(text, at, limit)
        if m is None or _STOP.search(text, at, m.start()):
            break
        at = m.end()
    return at


def claim_candidates(text: str, claims: pd.DataFrame) -> list[dict[str, Any]]:
    """One passage per unverifiable sentence of kit.find_claims: the sentence is the extent, the first
    cue and the two words after it the core."""
    groups = _claim_groups()
    rows = []
    for r in _rows_of(claims[claims["kind"] == "unverifiable"]):
        why = str(r.why).lower()
        fired = [gid for gid, reason in groups if reason.lower() in why]
        confidence = max((CLAIM_CONFIDENCE.get(g, CLAIM_DEFAULT) for g in fired), default=CLAIM_DEFAULT)
        if bool(r.attributed):
            confidence += CLAIM_ATTRIBUTED
        start, end = int(r.start), int(r.end)
        cues = sorted((int(a), int(b)) for a, b in (r.cue_spans or []) if start <= int(a) < int(b) <= end)
        core = (cues[0][0], _core_after(text, cues[0][0], cues[0][1], end)) if cues else (start, end)
        finding = "unverifiable: " + (", ".join(fired) or "other")
        rows.append(_row(start, end, *core, "unverifiable", "required", confidence, finding, str(r.why)))
    return rows


def hedge_candidates(text: str, claims: pd.DataFrame) -> list[dict[str, Any]]:
    """One passage per hedge word of kit.find_claims (the word is the core and the extent)."""
    rows = []
    for r in _rows_of(claims[claims["hedge_spans"].map(bool)]):
        for a, b in r.hedge_spans:
            word = text[int(a) : int(b)]
            weak = word.lower() in HEDGE_WEAK
            rows.append(
                _row(
                    a, b, a, b, "hedge", "accept" if weak else "required",
                    HEDGE_WEAK_CONFIDENCE if weak else HEDGE_CONFIDENCE, "hedge",
                    f"'{word}' softens the claim: it marks a guess, not a fact.",
                )
            )  # fmt: skip
    return rows


def candidates(text: str, readings: dict[str, pd.DataFrame], labels: tuple[str, ...]) -> pd.DataFrame:
    """Every finding of the readers for ``labels`` as a key passage with its confidence, best first.

    ``readings``: the frames of kit.find_sources ("sources"), kit.find_loaded_language ("loaded") and
    kit.find_claims ("claims"); the rows made for each label are kept in it under "draft rows", so a
    label is ranked once per article. Columns: :data:`COLUMNS`.
    """
    makers = {
        "source": lambda: source_candidates(readings["sources"]),
        "loaded": lambda: loaded_candidates(readings["loaded"]),
        "unverifiable": lambda: claim_candidates(text, readings["claims"]),
        "hedge": lambda: hedge_candidates(text, readings["claims"]),
    }
    made = readings.setdefault("draft rows", {})  # each label once, however many questions use it
    rows: list[dict[str, Any]] = []
    for label in labels:
        if label not in made:
            made[label] = makers[label]()
        rows += made[label]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame = frame.drop_duplicates(["start", "end", "label"])
    return frame.sort_values(["confidence", "start"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def draft(
    found: pd.DataFrame, draft_from: float = DRAFT_FROM, either_from: float = EITHER_FROM
) -> pd.DataFrame:
    """The rows of :func:`candidates` that go into the draft key, in reading order.

    Required rows at or above ``draft_from`` stay required; rows from ``either_from`` up to it become
    ``either`` (debatable: credit if marked, nothing lost if not); ``either`` and ``accept`` rows the
    readers gave stay as they are when they reach ``either_from``. If no row would be required, the best
    one is (a key needs one required passage).
    """
    keep = found[found["confidence"] >= either_from].copy()
    low = (keep["status"] == "required") & (keep["confidence"] < draft_from)
    keep.loc[low, "status"] = "either"
    accept = found[(found["status"] == "accept") & (found["confidence"] < either_from)]
    keep = pd.concat([keep, accept]) if len(accept) else keep
    if len(found) and not (keep["status"] == "required").any():
        best = found[found["status"] != "accept"].head(1).copy()
        if len(best):
            best["status"] = "required"
            keep = pd.concat([keep[~keep.index.isin(best.index)], best])
    return keep.sort_values(["start", "end", "label"], kind="stable").reset_index(drop=True)
