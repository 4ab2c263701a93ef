"""The learner's reading report: one self-contained HTML page with their highlights and answers.

Lesson 4 ends with it: the learner exports their reading of the article and hands it in (or prints
it). Every piece of text is HTML-escaped; the style sheet (``templates/report.css``) is copied into the
page, so the file opens anywhere, offline. Highlights are shown with a label tag after each passage
and a different underline per label, so they read without colour and on a black-and-white printout.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from kit.errors import KitError
from kit.files import write_atomic
from kit.spans import Span

DEFAULT_PATH = "my_reading_report.html"
LABEL_STYLES = {"source": "solid underline", "loaded": "dashed underline, slanted",
                "unverifiable": "dotted underline, grey"}


class ReportError(KitError):
    """The reading report could not be made or saved."""


@lru_cache(maxsize=1)
def _css() -> str:
    return resources.files("kit").joinpath("templates/report.css").read_text(encoding="utf-8")


def _spans(highlights: Any, text: str) -> list[Span]:
    """Accept a Highlighter, a list of Span/dicts, or a table with start, end, label; check the offsets."""
    if highlights is None:
        return []
    if hasattr(highlights, "spans") and not isinstance(highlights, pd.DataFrame):
        highlights = highlights.spans
    if isinstance(highlights, pd.DataFrame):
        highlights = highlights.to_dict("records")
    out = []
    for item in highlights:
        span = Span.from_dict(item) if isinstance(item, Mapping) else item
        if not (0 <= span.start < span.end <= len(text)):
            raise ReportError(
                f"A highlight at {span.start}-{span.end} is outside this article. "
                "Make the report with the same article you highlighted."
            )
        out.append(span)
    return sorted(out, key=lambda s: (s.start, -s.end, s.label))


def _mark_text(text: str, start: int, end: int, spans: list[Span]) -> str:
    """HTML for text[start:end] with each highlight underlined by label and tagged at its end."""
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(start, s.start) for s in inside), *(min(end, s.end) for s in inside)})
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b])
        for span in inside:
            if span.start <= a and b <= span.end:
                cls = span.label if span.label in LABEL_STYLES else "other"
                piece = f'<mark class="{cls}">{piece}</mark>'
        parts.append(piece)
        for span in inside:
            if span.end == b:
                note = f": {span.note}" if span.note else ""
                parts.append(f'<span class="tag">[{html.escape(span.label + note)}]</span>')
    return "".join(parts)


def _article_html(article: Any, spans: list[Span]) -> str:
    rows = []
    for block in article.blocks:
        body = _mark_text(article.text, block.start, block.end, spans)
        if block.kind == "paragraph":
            rows.append(f'<p id="{html.escape(block.id)}">{body}</p>')
        else:
            rows.append(f'<p class="heading" id="{html.escape(block.id)}">{body}</p>')
    return "\n".join(rows)


def _answers_html(answers: Mapping[str, Any]) -> str:
    if not answers:
        return '<p class="empty">No answers given.</p>'
    out = []
    for question, answer in answers.items():
        value = "" if answer is None else str(answer).strip()
        shown = html.escape(value) if value else '<span class="empty">Not answered yet.</span>'
        out.append(f"<h3>{html.escape(str(question))}</h3>\n<div class=\"answer\">{shown}</div>")
    return "\n".join(out)


def _highlights_table(article: Any, spans: list[Span]) -> str:
    if not spans:
        return '<p class="empty">No highlights yet.</p>'
    rows = ["<tr><th>Label</th><th>Passage</th><th>Part</th><th>Note</th></tr>"]
    for span in spans:
        block = article.block_at(span.start)
        rows.append(
            "<tr>"
            f"<td>{html.escape(span.label)}</td><td>{html.escape(article.text[span.start:span.end])}</td>"
            f"<td>{html.escape(block.id if block is not None else '')}</td><td>{html.escape(span.note)}</td>"
            "</tr>"
        )
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def report_html(
    article: Any,
    answers: Mapping[str, Any] | None = None,
    *,
    highlights: Any = None,
    learner: str = "",
    summary: pd.DataFrame | None = None,
    title: str = "My reading report",
) -> str:
    """The report as one HTML string (see :func:`reading_report`, which also saves it)."""
    spans = _spans(highlights, article.text)
    labels = sorted({s.label for s in spans})
    legend = "".join(
        f'<li><mark class="{html.escape(lb if lb in LABEL_STYLES else "other")}">like this</mark>'
        f'<span class="tag">[{html.escape(lb)}]</span>: '
        f'{html.escape(LABEL_STYLES.get(lb, "double underline"))}'
        "</li>"
        for lb in labels
    )
    counts = ", ".join(f"{sum(s.label == lb for s in spans)} {html.escape(lb)}" for lb in labels) or "none"
    table = (
        summary.to_html(index=False, escape=True, border=0)
        if summary is not None and not summary.empty
        else ""
    )
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    article_title = getattr(article, "title", None) or "(no title)"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        f"<style>\n{_css()}</style>",
        "</head>",
        "<body>",
        f"<h1>{html.escape(title)}</h1>",
        '<p class="meta">'
        + (f"By {html.escape(learner)}. " if learner.strip() else "")
        + f"Article: <em>{html.escape(article_title)}</em> (fingerprint {html.escape(article.sha)}). "
        + f"Made {when}.</p>",
        "<h2>My answers</h2>",
        _answers_html(answers or {}),
        "<h2>My highlights</h2>",
        f"<p>{len(spans)} highlights: {counts}.</p>",
        f'<ul class="legend">{legend}</ul>' if legend else "",
        _highlights_table(article, spans),
        ("<h2>Part by part</h2>\n" + table) if table else "",
        "<h2>The article with my highlights</h2>",
        f'<div class="article">\n{_article_html(article, spans)}\n</div>',
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def reading_report(
    article: Any,
    answers: Mapping[str, Any] | None = None,
    *,
    highlights: Any = None,
    learner: str = "",
    summary: pd.DataFrame | None = None,
    path: str | os.PathLike[str] = DEFAULT_PATH,
    title: str = "My reading report",
) -> Path:
    """Save the learner's reading report as one HTML file and return its path.

    ``answers`` maps each question (as the learner should see it) to their answer text;
    ``highlights`` is a Highlighter, a list of Spans (or span dicts) or a table with start, end, label;
    ``summary`` is an optional table (e.g. kit.overview.paragraph_summary) shown as "Part by part".
    The file is written atomically: an old report is only replaced once the new one is complete.
    """
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise ReportError(f"The report is a web page, so its name must end in .html; got {target.name!r}.")
    if target.is_dir():
        raise ReportError(f"{target} is a folder. Give a file name like {DEFAULT_PATH!r}.")
    if not target.parent.is_dir():
        raise ReportError(f"The folder {target.parent} does not exist. Make it first, or pick another place.")
    text = report_html(article, answers, highlights=highlights, learner=learner, summary=summary, title=title)
    try:
        write_atomic(target, text)
    except OSError as err:
        raise ReportError(
            f"Could not save the report to {target} ({err.strerror}). Try another folder."
        ) from err
    return target


def report_link(path: str | os.PathLike[str]) -> Any:
    """A clickable link to the saved report, for a notebook cell."""
    from IPython.display import HTML

    name = html.escape(Path(path).name)
    link = f'<a href="{name}" target="_blank">{name}</a>'
    return HTML(f"<p>Saved. Open {link}, then print it or hand it in.</p>")
