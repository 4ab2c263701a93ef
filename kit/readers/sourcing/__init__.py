"""Lesson 1 reader: who is speaking in a news text, and which claims have no source at all.

Pure text analysis: no I/O beyond the package's own word lists (``data/sourcing.json``), no widgets.
The rules are hand-written because no English parser ships with the kit (a classroom may be offline);
they are shallow on purpose, and the lesson shows learners where they go wrong.

Public functions (all take ``text_or_article``: a str or a :class:`kit.Article`):

- :func:`find_sources` - one row per attribution ("X said ...", "according to X").
- :func:`unsourced_claims` - body sentences that state something with no attribution.
- :func:`voices_summary` - which kinds of voices speak, and which are missing.

The reader is split along its own steps: ``lexicon`` (word lists), ``text`` (offsets and tokens),
``speakers`` (who speaks, which kind), ``attribution`` (the patterns in one sentence, find_sources),
``rows`` (one row of the table, and the passives and "is said to" that name nobody),
``coreference`` (linking "he" to a name) and ``voices`` (unsourced claims, who is missing).
"""

from __future__ import annotations

from kit.readers.sourcing.attribution import find_sources
from kit.readers.sourcing.lexicon import CLAIM_COLUMNS, KINDS, SOURCE_COLUMNS
from kit.readers.sourcing.voices import VoicesSummary, unsourced_claims, voices_summary

__all__ = [
    "CLAIM_COLUMNS",
    "KINDS",
    "SOURCE_COLUMNS",
    "VoicesSummary",
    "find_sources",
    "unsourced_claims",
    "voices_summary",
]
