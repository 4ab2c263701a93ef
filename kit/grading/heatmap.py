"""A class heatmap for the debrief: where the class marked the article, per label, with the key outlined.

``write_heatmaps(results, keys, out)`` writes ``<out>/<exercise>/heatmap.html`` for every exercise with a
highlight question; ``heatmap_png(html)`` screenshots it with chromium (``medialit grade`` does both).
Not colour alone: the share of learners is also the underline style (none, dotted, dashed, solid), a
count per sentence in text ("7/20"), and a tooltip; key passages are boxed and tagged KEY.

Learners' marks are read again from their saved notebooks (kit.answers_from_notebook), so the map shows
exactly what was marked, whatever the scoring made of it. Marks made on another article are left out.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any

from kit.grading.running import Key, SubmissionResult
from kit.spans import Span

COLOURS = ["200, 60, 40", "40, 90, 200", "30, 140, 60", "150, 60, 170"]  # one hue per label


def class_marks(results: list[SubmissionResult], key: Key, grade_id: str) -> list[list[Span]]:
    """Each graded learner's spans for ``grade_id`` (an empty list for a learner who marked nothing)."""
    from kit.answers import answers_from_notebook
    from kit.errors import KitError

    marks = []
    for res in results:
        if res.exercise != key.name:
            continue
        try:
            payload = answers_from_notebook(res.file).get(grade_id)
        except KitError:
            payload = None
        spans: list[Span] = []
        if payload and payload.get("article_sha") in (None, key.article_sha):
            for value in payload.get("value") or []:
                try:
                    span = Span.from_dict(value)
                except (KitError, TypeError, ValueError, KeyError):
                    continue
                if 0 <= span.start < span.end <= len(key.article_text):
                    spans.append(span)
        marks.append(spans)
    return marks


def _band(share: float) -> str:
    if share <= 0:
        return ""
    return "h1" if share <= 1 / 3 else "h2" if share <= 2 / 3 else "h3"


def _section(
    article: Any, key: Key, gid: str, label: str, marks: list[list[Span]], rgb: str
) -> dict[str, Any]:
    n = max(1, len(marks))
    text = article.text
    per_learner = [[s for s in spans if s.label == label] for spans in marks]
    keyed = [s for s in key.spans.get(gid, []) if s.label == label]
    cuts = {0, len(text)}
    for s in [*keyed, *(s for spans in per_learner for s in spans)]:
        cuts.update((s.start, s.end))
    for sentence in article.sentences:
        cuts.update((sentence.start, sentence.end))
    bounds = sorted(cuts)
    blocks = []
    for block in article.blocks:
        pieces = []
        for sentence in (s for s in article.sentences if s.block_id == block.id):
            inside = [b for b in bounds if sentence.start <= b <= sentence.end]
            for i, (a, b) in enumerate(zip(inside, inside[1:], strict=False)):
                count = sum(any(s.start < b and s.end > a for s in spans) for spans in per_learner)
                in_key = any(k.start < b and k.end > a for k in keyed)
                share = count / n
                pieces.append(
                    {
                        "sid": sentence.id if i == 0 else "",
                        "text": text[a:b],
                        "alpha": f"{0.65 * share:.2f}",
                        "css": " ".join(c for c in (_band(share), "key" if in_key else "") if c),
                        "keytag": in_key and any(k.end == b for k in keyed),
                        "title": f"marked by {count} of {len(marks)}" + (" (in the key)" if in_key else ""),
                        "count": None,
                    }
                )
            if pieces:
                pieces[-1]["count"] = sum(
                    any(s.start < sentence.end and s.end > sentence.start for s in spans)
                    for spans in per_learner
                )
                pieces[-1]["text"] += " "
        blocks.append({"id": block.id, "pieces": pieces})
    found = [
        sum(any(s.start < k.end and s.end > k.start for s in spans) for spans in per_learner) for k in keyed
    ]
    summary = f"{len(keyed)} key passage(s) with this label. " + (
        f"Most found: “{text[keyed[found.index(max(found))].start : keyed[found.index(max(found))].end]}” "
        f"({max(found)} of {len(marks)}). Least found: "
        f"“{text[keyed[found.index(min(found))].start : keyed[found.index(min(found))].end]}” "
        f"({min(found)} of {len(marks)})."
        if keyed
        else ""
    )
    return {"question": gid, "label": label, "rgb": rgb, "blocks": blocks, "summary": summary}


def heatmap_html(key: Key, results: list[SubmissionResult]) -> str | None:
    """The page for one exercise, or None when it has no highlight question."""
    import jinja2

    from kit.article import Article

    article = Article.from_text(key.article_text)
    sections = []
    for gid, q in key.solution.questions.items():
        if q.type != "highlight":
            continue
        marks = class_marks(results, key, gid)
        labels = list(q.meta.get("labels") or [])
        for i, label in enumerate(labels):
            sections.append(_section(article, key, gid, label, marks, COLOURS[i % len(COLOURS)]))
    if not sections:
        return None
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parents[1] / "templates" / "pack")), autoescape=True
    )
    learners = sum(r.exercise == key.name for r in results)
    title = f"Class heatmap: {key.name}"
    return env.get_template("heatmap.html.j2").render(title=title, sections=sections, learners=learners)


def write_heatmaps(results: list[SubmissionResult], keys: dict[str, Key], out: Path) -> list[Path]:
    """``<out>/<exercise>/heatmap.html`` for each exercise graded in this run that has highlight questions."""
    from kit.grading.reports import _safe_file

    written = []
    for name, key in keys.items():
        if not any(r.exercise == name for r in results):
            continue
        page = heatmap_html(key, results)
        if page is None:
            continue
        folder = out / _safe_file(name)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "heatmap.html").write_text(page, encoding="utf-8")
        written.append(folder / "heatmap.html")
    return written


def page_height(key: Key, width: int = 1100) -> int:
    """Pixels the page needs at ``width`` (generous: a screenshot shorter than the page would cut it)."""
    sections = sum(
        len(q.meta.get("labels") or []) for q in key.solution.questions.values() if q.type == "highlight"
    )
    lines = len(key.article_text) / (width / 13) + key.article_text.count("\n\n") * 1.5
    return int(min(30000, 450 + sections * (180 + lines * 36)))


def heatmap_png(html: Path, height: int, width: int = 1100) -> Path:
    """A PNG of the page, by chromium's screenshot of a window ``width`` x ``height``."""
    from kit.pack import BROWSER_FLAGS, chromium

    png = html.with_suffix(".png")
    flags = ["--headless", *BROWSER_FLAGS]
    with tempfile.TemporaryDirectory(prefix="medialit-chromium-") as profile:
        subprocess.run(
            [
                chromium(),
                *flags,
                f"--user-data-dir={profile}",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                f"--screenshot={png}",
                html.resolve().as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
    return png
