"""The three readings of an article side by side: the kit's spans as layers, counted per paragraph.

Pure text analysis for the capstone lesson (lesson 4) and the report: it calls the three readers
(kit.find_sources, kit.find_loaded_language, kit.find_claims) and reshapes their rows. No I/O, no widgets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from kit.spans import Span

SOURCE, LOADED, UNVERIFIABLE = "source", "loaded", "unverifiable"
LAYERS = (SOURCE, LOADED, UNVERIFIABLE)
LAYER_COLUMNS = ["start", "end", "label", "text", "block_id", "why"]
SUMMARY_COLUMNS = ["block_id", "kind", "words", "source", "loaded", "unverifiable", "total", "opening"]


def _as_article(text_or_article: Any) -> Any:
    from kit.article import Article

    return Article.from_text(text_or_article) if isinstance(text_or_article, str) else text_or_article


def kit_layers(text_or_article: Any) -> pd.DataFrame:
    """All three readings as one table of labelled spans, in reading order.

    Columns: start, end (exact offsets: ``article.text[start:end]``), label ("source", "loaded" or
    "unverifiable"), text, block_id (the title, heading or paragraph that holds it), why (the reader's
    reason, in plain words). "source" rows are attributions (who says it); "unverifiable" rows are whole
    sentences the claims reader sorts as unverifiable.
    """
    import kit

    article = _as_article(text_or_article)
    rows: list[dict[str, Any]] = []
    for label, frame in (
        (SOURCE, kit.find_sources(article)),
        (LOADED, kit.find_loaded_language(article)),
        (UNVERIFIABLE, _unverifiable(kit.find_claims(article))),
    ):
        for row in frame.itertuples():
            start, end = int(row.start), int(row.end)
            block = article.block_at(start)
            rows.append(
                {
                    "start": start,
                    "end": end,
                    "label": label,
                    "text": article.text[start:end],
                    "block_id": block.id if block is not None else None,
                    "why": str(row.why),
                }
            )
    out = pd.DataFrame(rows, columns=LAYER_COLUMNS)
    out = out.sort_values(["start", "end", "label"], kind="stable").reset_index(drop=True)
    return out.astype({"start": "int64", "end": "int64"})


def _unverifiable(claims: pd.DataFrame) -> pd.DataFrame:
    return claims[claims["kind"] == UNVERIFIABLE]


def layer_spans(layers: pd.DataFrame) -> list[Span]:
    """The rows of :func:`kit_layers` (or any table with start, end, label) as Span objects."""
    return [Span(int(r.start), int(r.end), str(r.label)) for r in layers.itertuples()]


def paragraph_summary(
    text_or_article: Any, spans: Iterable[Any] | pd.DataFrame | None = None
) -> pd.DataFrame:
    """How many sources, loaded expressions and unverifiable claims each part of the article holds.

    ``spans``: Span objects (or a table with start, end, label); default: the kit's own layers.
    Columns: block_id, kind (title | heading | paragraph), words (how many words the part has), source,
    loaded, unverifiable (counts of spans with that label that start in the part), total (the three
    added up), opening (the first words of the part, so a reader can find it). One row per block, in
    reading order; parts with nothing found are kept, with zeros.
    """
    article = _as_article(text_or_article)
    if spans is None:
        spans = kit_layers(article)
    if isinstance(spans, pd.DataFrame):
        spans = layer_spans(spans)
    counts: dict[str, dict[str, int]] = {b.id: dict.fromkeys(LAYERS, 0) for b in article.blocks}
    for span in spans:
        block = article.block_at(int(span.start))
        if block is not None and span.label in LAYERS:
            counts[block.id][span.label] += 1
    words: dict[str, int] = {b.id: 0 for b in article.blocks}
    for word in article.words:
        if word.block_id in words:
            words[word.block_id] += 1
    rows = []
    for block in article.blocks:
        found = counts[block.id]
        opening = " ".join(block.text.split()[:6])
        rows.append(
            {
                "block_id": block.id,
                "kind": block.kind,
                "words": words[block.id],
                **found,
                "total": sum(found.values()),
                "opening": opening + (" …" if len(block.text.split()) > 6 else ""),
            }
        )
    out = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return out.astype({c: "int64" for c in ("words", *LAYERS, "total")})
