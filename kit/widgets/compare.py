"""``compare``: a learner's highlights next to a key, as found / missed / extra, with a plain summary.

Matching rule (documented for learners and graders): a learner span matches a key span when they
have the same label and their words overlap a lot: the shared words are at least half of all the
words in either span together (word Jaccard >= 0.5). So one word more or one word less still
counts. Each key span and each learner span is used in at most one match (best overlap first).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kit.spans import Span
from kit.widgets.span_rules import words_in

HERE = Path(__file__).parent
MATCH_THRESHOLD = 0.5
STATUSES = ("found", "missed", "extra")
SUMMARY_COLUMNS = ["label", "in_key", "found", "missed", "extra"]
DETAIL_COLUMNS = ["status", "label", "start", "end", "text", "key_start", "key_end", "overlap"]


def word_overlap(text: str, a: Span, b: Span) -> float:
    """Shared words / all words of the two spans (0 when they share none)."""
    wa, wb = words_in(text, a.start, a.end), words_in(text, b.start, b.end)
    union = wa | wb
    return len(wa & wb) / len(union) if union else 0.0


def _spans(items: Any) -> list[Span]:
    return [s if isinstance(s, Span) else Span.from_dict(s) for s in items or []]


@dataclass
class Comparison:
    """The result of :func:`compare`. ``summary`` and ``to_frame()`` are DataFrames; ``message`` is text.

    ``summary`` columns: label, in_key (key spans), found, missed, extra.
    ``to_frame()`` columns: status (found | missed | extra), label, start, end, text,
    key_start, key_end (the matched key span for "found", else None), overlap (0..1).
    """

    text: str
    rows: list[dict[str, Any]]
    labels: list[str]
    summary: pd.DataFrame = field(init=False)
    message: str = field(init=False)

    def __post_init__(self) -> None:
        counts = []
        for label in self.labels:
            mine = [r for r in self.rows if r["label"] == label]
            counts.append(
                {
                    "label": label,
                    "in_key": sum(r["status"] in ("found", "missed") for r in mine),
                    "found": sum(r["status"] == "found" for r in mine),
                    "missed": sum(r["status"] == "missed" for r in mine),
                    "extra": sum(r["status"] == "extra" for r in mine),
                }
            )
        self.summary = pd.DataFrame(counts, columns=SUMMARY_COLUMNS)
        self.message = self._message()

    def to_frame(self) -> pd.DataFrame:
        """One row per learner or key span (see the class docstring for the columns)."""
        return pd.DataFrame(self.rows, columns=DETAIL_COLUMNS)

    def _message(self) -> str:
        lines = []
        for row in self.summary.itertuples():
            if row.in_key:
                lines.append(f"You found {row.found} of {row.in_key} marks for “{row.label}”.")
            elif row.extra:
                lines.append(f"The key has no marks for “{row.label}”.")
        extra = int(self.summary["extra"].sum())
        if extra:
            verb = "is" if extra == 1 else "are"
            lines.append(
                f"{extra} of your marks {verb} not in the key. That can still be fair. "
                "The key is one careful reading, not the only one. "
                "If you can say who is speaking and what the proof is, your mark may be right too."
            )
        if not lines:
            lines.append("There is nothing to compare yet.")
        return " ".join(lines)

    # -- display --------------------------------------------------------------------------------
    def _repr_html_(self) -> str:
        css = (HERE / "compare.css").read_text(encoding="utf-8")
        legend = (
            '<ul class="mlc-legend" aria-label="Legend">'
            '<li><span class="mlc-found">found</span> in the key and in your marks</li>'
            '<li><span class="mlc-missed">missed</span> in the key, not in your marks</li>'
            '<li><span class="mlc-extra">extra</span> in your marks, not in the key</li></ul>'
        )
        items = []
        for row in sorted(self.rows, key=lambda r: (r["start"], r["status"])):
            items.append(
                f'<li class="mlc-row"><span class="mlc-{row["status"]}">{row["status"]}</span> '
                f"<em>{html.escape(row['label'])}</em>: “{html.escape(row['text'])}”</li>"
            )
        table = self.summary.to_html(index=False, border=0, classes="mlc-table")
        return (
            f"<style>{css}</style>"
            "<div class='mlc' role='group' aria-label='Your marks compared with the key'>"
            f"<p class='mlc-summary'>{html.escape(self.message)}</p>{legend}{table}"
            f"<ol class='mlc-list'>{''.join(items)}</ol></div>"
        )

    def __repr__(self) -> str:
        return self.message


def compare(
    article: Any,
    learner_spans: Any,
    reference_spans: Any,
    labels: list[str] | None = None,
) -> Comparison:
    """Compare a learner's spans with a key (reference) on one article. See the module docstring."""
    text = article if isinstance(article, str) else article.text
    learner, key = _spans(learner_spans), _spans(reference_spans)
    if labels is None:
        labels = list(dict.fromkeys([s.label for s in key] + [s.label for s in learner]))
    pairs = []
    for i, mine in enumerate(learner):
        for j, ref in enumerate(key):
            if mine.label == ref.label:
                score = word_overlap(text, mine, ref)
                if score >= MATCH_THRESHOLD:
                    pairs.append((score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_l: dict[int, tuple[int, float]] = {}
    used_k: set[int] = set()
    for score, i, j in pairs:
        if i not in used_l and j not in used_k:
            used_l[i] = (j, score)
            used_k.add(j)
    rows: list[dict[str, Any]] = []
    for i, mine in enumerate(learner):
        if i in used_l:
            j, score = used_l[i]
            rows.append(_row("found", mine, text, key[j], score))
        else:
            rows.append(_row("extra", mine, text, None, 0.0))
    for j, ref in enumerate(key):
        if j not in used_k:
            rows.append(_row("missed", ref, text, None, 0.0))
    return Comparison(text=text, rows=rows, labels=list(labels))


def _row(status: str, span: Span, text: str, ref: Span | None, score: float) -> dict[str, Any]:
    return {
        "status": status,
        "label": span.label,
        "start": span.start,
        "end": span.end,
        "text": text[span.start : span.end],
        "key_start": ref.start if ref else None,
        "key_end": ref.end if ref else None,
        "overlap": round(score, 3),
    }
