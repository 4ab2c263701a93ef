"""Write the results of a grading run: grades.csv, feedback per learner (Markdown and HTML), class plots.

Everything in the output folder is rewritten from the results on every run (idempotent); only
``manual.csv`` (kit.grading.manual) carries the instructor's own work between runs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from kit.files import atomic_open
from kit.grading.csvsafe import escape_frame
from kit.grading.questions import question_type
from kit.grading.running import Key, SubmissionResult

FIXED_COLUMNS = ["learner", "name", "exercise", "total", "max", "pending", "percent", "flags", "files"]
STATUS_WORDS = {
    "right": "Right",
    "partly": "Partly right",
    "wrong": "Not right",
    "not answered": "Not answered",
    "invalid": "Could not be read",
    "needs grading": "Waiting for your teacher",
}


def read_roster(path: str | Path | None) -> dict[str, str]:
    """Learner id -> display name from a CSV with columns ``learner`` and ``name``."""
    if path is None:
        return {}
    from kit.errors import GradingError

    try:
        frame = pd.read_csv(path, dtype=str).fillna("")
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise GradingError(f"The roster {path} could not be read ({exc}). It should be a CSV file.") from None
    if "learner" not in frame.columns:
        raise GradingError(f"The roster {path} needs a column called 'learner' (and optionally 'name').")
    names = frame["name"] if "name" in frame.columns else frame["learner"]
    return {
        str(k).strip(): str(v).strip() or str(k).strip() for k, v in zip(frame["learner"], names, strict=True)
    }


def question_order(keys: dict[str, Key]) -> list[str]:
    return [gid for key in keys.values() for gid in key.solution.questions]


def grades_frame(
    results: list[SubmissionResult], keys: dict[str, Key], roster: dict[str, str]
) -> pd.DataFrame:
    """One row per learner, one column per question (points), then total, max, percent, flags.

    Columns: learner, name, exercise, <grade_id...>, total, max, pending, percent, flags, files.
    A question waiting for hand grading is empty (NaN), counted in ``max`` and in ``pending`` (its
    points), and left out of ``percent`` (the share of the points graded so far), so it never counts as 0.
    """
    qids = question_order(keys)
    rows: dict[str, dict[str, Any]] = {}
    for res in results:
        row = rows.setdefault(
            res.learner,
            {
                "learner": res.learner,
                "name": roster.get(res.learner, res.learner),
                "exercise": [],
                "flags": [],
                "files": [],
            },
        )
        if res.exercise and res.exercise not in row["exercise"]:
            row["exercise"].append(res.exercise)
        row["flags"].extend(res.flags)
        row["files"].append(Path(res.file).name)
        for gid, q in res.questions.items():
            row[gid] = None if q.status == "needs grading" else q.points
            row[f"_max_{gid}"] = q.max_points
    for learner, name in roster.items():
        if learner not in rows:
            rows[learner] = {
                "learner": learner,
                "name": name,
                "exercise": [],
                "flags": ["No submission."],
                "files": [],
            }
    records = []
    for row in rows.values():
        points = [row.get(g) for g in qids if row.get(f"_max_{g}") is not None]
        maxes = [row[f"_max_{g}"] for g in qids if row.get(f"_max_{g}") is not None]
        total = round(sum(p for p in points if p is not None), 2)
        top = round(sum(maxes), 2)
        pending = round(sum(m for p, m in zip(points, maxes, strict=True) if p is None), 2)
        graded_max = round(top - pending, 2)
        record = {"learner": row["learner"], "name": row["name"], "exercise": " ".join(row["exercise"])}
        record.update({g: row.get(g) for g in qids})
        record.update(
            total=total,
            max=top,
            pending=pending,
            percent=round(100 * total / graded_max, 1) if graded_max else 0.0,
            flags=" | ".join(row["flags"]),
            files=" ".join(row["files"]),
        )
        records.append(record)
    frame = pd.DataFrame(records, columns=["learner", "name", "exercise", *qids, *FIXED_COLUMNS[3:]])
    for gid in qids:
        frame[gid] = pd.to_numeric(frame[gid], errors="coerce")
    return frame.sort_values("learner", kind="stable").reset_index(drop=True)


# -- feedback ----------------------------------------------------------------------------------------------
def _safe_file(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "learner"


def _feedback_text(key: Key, gid: str, status: str) -> str:
    fb = key.solution.questions[gid].meta.get("feedback") or {}
    which = {"right": "right", "partly": "partly"}.get(status, "wrong")
    return str(fb.get(which) or "")


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def feedback_markdown(res: SubmissionResult, key: Key | None, name: str) -> str:
    """The feedback for one learner, in Markdown: each question, its score, what was found or missed."""
    lines = [f"# Feedback for {name}", ""]
    if res.exercise:
        lines += [f"Exercise: {res.exercise}", ""]
    lines += [_score_line(res), ""]
    if res.flags:
        lines += ["Notes from the grader:", ""] + [f"- {f}" for f in res.flags] + [""]
    for gid, q in res.questions.items():
        lines += [f"## {gid}: {q.points:g} of {q.max_points:g} ({STATUS_WORDS.get(q.status, q.status)})", ""]
        if q.message:
            lines += [q.message, ""]
        passages = q.details.get("passages")
        if isinstance(passages, pd.DataFrame) and not passages.empty:
            lines += passage_lines(passages, q.details.get("extra") or []) + [""]
        answer_line = question_type(q.type).answer_line(q.answer) if q.answer else ""
        if answer_line:
            lines += [answer_line, ""]
        if q.details.get("level"):  # a rubric level chosen by the teacher
            lines += [f"Level: {q.details['level']}", ""]
        if key is not None and gid in key.solution.questions and q.status != "needs grading":
            text = _feedback_text(key, gid, q.status)
            if text:
                lines += [text, ""]
            rubric = key.solution.questions[gid].meta.get("rubric")
            if isinstance(rubric, str) and rubric:
                lines += [f"How it is marked: {rubric}", ""]
            lesson = key.solution.questions[gid].meta.get("lesson")
            if lesson and q.status != "right":
                lines += [f"Look again at: {lesson}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _score_line(res: SubmissionResult) -> str:
    """The score, with points still waiting for the teacher shown as pending, never as 0."""
    pending = round(sum(q.max_points for q in res.questions.values() if q.status == "needs grading"), 2)
    line = f"**Score: {res.score:g} of {res.max_points:g}**"
    if pending:
        line += f" ({pending:g} of these points are still to be graded by your teacher)"
    return line


PASSAGE_WORDS = {
    "found": "Found",
    "too wide": "Found, but marked too widely (half credit)",
    "partly": "Partly found (half credit)",
    "missed": "Missed",
}


def passage_lines(passages: pd.DataFrame, extra: list[Any]) -> list[str]:
    """Feedback lines for a highlight question: each required passage (what counted, and why), the
    debatable ones that were marked, and what the extra marks cost (docs/SCORING.md)."""
    lines = []
    debatable_left = 0
    for row in passages.itertuples():
        key_status = getattr(row, "key_status", "required")
        why = str(getattr(row, "why", "") or "")
        shown = str(getattr(row, "core_text", "") or row.text) if row.status == "found" else row.text
        if key_status == "accept":
            continue
        if key_status == "either" and row.status != "found":
            debatable_left += 1
            continue
        if row.status == "other label":
            word = f"Right place, but you used “{row.learner_label}”"
        else:
            word = PASSAGE_WORDS.get(row.status, row.status)
        if key_status == "either":
            word = "Found a debatable one (it counts)"
        lines.append(f"- {word}: “{_quote(shown)}” ({row.label})" + (f". Why: {why}" if why else ""))
    if debatable_left:
        lines.append(f"- {debatable_left} debatable passages you left unmarked cost nothing.")
    if extra:
        free = "the first two are free" if len(extra) > 2 else "they cost nothing"
        verb = "is" if len(extra) == 1 else "are"
        lines.append(f"- {len(extra)} of your marks {verb} not passages of the answer ({free}).")
    return lines


def markdown_to_html(markdown: str, title: str) -> str:
    """A small, safe HTML page for our own feedback Markdown (only headings, lists, bold, paragraphs)."""
    # our feedback uses four Markdown features only, so a tiny converter beats a new dependency
    body: list[str] = []
    in_list = False
    for raw in markdown.splitlines():
        line = html.escape(raw)
        line = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", line)
        if raw.startswith("- "):
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{line[2:]}</li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        if raw.startswith("## "):
            body.append(f"<h2>{line[3:]}</h2>")
        elif raw.startswith("# "):
            body.append(f"<h1>{line[2:]}</h1>")
        elif raw.strip():
            body.append(f"<p>{line}</p>")
    if in_list:
        body.append("</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>\n"
        "<style>body{font-family:sans-serif;max-width:44em;margin:2em auto;line-height:1.5}</style></head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def write_feedback(
    results: list[SubmissionResult], keys: dict[str, Key], roster: dict[str, str], out: Path
) -> list[Path]:
    """feedback/<learner>[-<exercise>].md and .html for every graded file; old feedback files are removed."""
    folder = out / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    for old in list(folder.glob("*.md")) + list(folder.glob("*.html")):
        old.unlink()
    written = []
    several = len(keys) > 1
    for res in results:
        name = roster.get(res.learner, res.learner)
        stem = _safe_file(res.learner + (f"-{res.exercise}" if several and res.exercise else ""))
        text = feedback_markdown(res, keys.get(res.exercise or ""), name)
        (folder / f"{stem}.md").write_text(text, encoding="utf-8")
        (folder / f"{stem}.html").write_text(markdown_to_html(text, f"Feedback for {name}"), encoding="utf-8")
        written += [folder / f"{stem}.md", folder / f"{stem}.html"]
    return written


# -- class plots ---------------------------------------------------------------------------------------------
def _missed_passages(results: Iterable[SubmissionResult]) -> pd.DataFrame:
    rows = []
    for res in results:
        for q in res.questions.values():
            passages = q.details.get("passages")
            if isinstance(passages, pd.DataFrame):
                for row in passages.itertuples():
                    if getattr(row, "key_status", "required") != "required":
                        continue  # debatable and accepted passages are never "missed"
                    rows.append(
                        {
                            "question": q.grade_id,
                            "text": row.text,
                            "label": row.label,
                            "missed": row.status != "found",
                        }
                    )
    frame = pd.DataFrame(rows, columns=["question", "text", "label", "missed"])
    if frame.empty:
        return frame.assign(share=pd.Series(dtype=float))
    grouped = frame.groupby(["question", "text", "label"], as_index=False)["missed"].mean()
    return grouped.rename(columns={"missed": "share"}).sort_values("share", ascending=False)


def write_plots(
    results: list[SubmissionResult], grades: pd.DataFrame, keys: dict[str, Key], out: Path
) -> Path:
    """Three PNG charts and plots/index.html with alt text for each. Returns the index path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder = out / "plots"
    folder.mkdir(parents=True, exist_ok=True)
    graded = grades[grades["files"].astype(str) != ""]
    items: list[tuple[str, str, str]] = []

    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.hist(graded["percent"], bins=range(0, 105, 10), color="#3b6ea8", edgecolor="black")
    ax.set_xlabel("Score (percent)")
    ax.set_ylabel("Number of learners")
    ax.set_title("Score distribution")
    fig.tight_layout()
    fig.savefig(folder / "score_distribution.png", dpi=100)
    plt.close(fig)
    pct = graded["percent"]
    alt = f"Histogram of scores for {len(graded)} learners, in steps of 10 percent. " + (
        f"Median {pct.median():.0f} percent, lowest {pct.min():.0f}, highest {pct.max():.0f}."
        if len(pct)
        else "No learner was graded."
    )
    items.append(("score_distribution.png", "Score distribution", alt))

    qids = question_order(keys)
    shares = []
    for gid in qids:
        got = [
            r.questions[gid]
            for r in results
            if gid in r.questions and r.questions[gid].status != "needs grading"
        ]
        if got:
            shares.append((gid, 100 * sum(q.points for q in got) / max(1e-9, sum(q.max_points for q in got))))
    pending = [g for g in qids if g not in {s[0] for s in shares} and any(g in r.questions for r in results)]
    fig, ax = plt.subplots(figsize=(6, 0.5 + 0.4 * max(1, len(shares))))
    ax.barh([g for g, _ in shares], [s for _, s in shares], color="#6a8f3b", edgecolor="black")
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.set_xlabel("Average share of points (percent)")
    ax.set_title("How hard was each question?")
    if pending:
        ax.set_xlabel("Average share of points (percent); still to be graded by hand: " + ", ".join(pending))
    fig.tight_layout()
    fig.savefig(folder / "question_difficulty.png", dpi=100)
    plt.close(fig)
    if shares:
        hardest = min(shares, key=lambda s: s[1])
        easiest = max(shares, key=lambda s: s[1])
        alt = (
            f"Bar chart of the average share of points per question. Hardest: {hardest[0]} "
            f"({hardest[1]:.0f} percent). Easiest: {easiest[0]} ({easiest[1]:.0f} percent). "
            + " ".join(f"{g}: {s:.0f}%." for g, s in shares)
        )
    else:
        alt = "Bar chart of the average share of points per question: no automatic scores yet."
    if pending:
        alt += " Still to be graded by hand, so not shown: " + ", ".join(pending) + "."
    items.append(("question_difficulty.png", "Question difficulty", alt))

    missed = _missed_passages(results).head(10)
    fig, ax = plt.subplots(figsize=(7, 0.6 + 0.45 * max(1, len(missed))))
    labels = [_quote(t, 45) for t in missed["text"]]
    ax.barh(labels, 100 * missed["share"], color="#a84b3b", edgecolor="black")
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.set_xlabel("Learners who missed it (percent)")
    ax.set_title("Most-missed passages of the article")
    fig.tight_layout()
    fig.savefig(folder / "missed_passages.png", dpi=100)
    plt.close(fig)
    if len(missed):
        alt = "Bar chart of the passages most often missed. " + " ".join(
            f"“{_quote(r.text, 60)}” ({r.label}): missed by {100 * r.share:.0f}%."
            for r in missed.itertuples()
        )
    else:
        alt = "Bar chart of the passages most often missed: there are no highlight questions."
    items.append(("missed_passages.png", "Most-missed passages", alt))

    page = [
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Class results</title></head>',
        "<body>",
        "<h1>Class results</h1>",
    ]
    for file, title, alt_text in items:
        page += [
            f"<h2>{html.escape(title)}</h2>",
            f'<figure><img src="{file}" alt="{html.escape(alt_text)}">',
            f"<figcaption>{html.escape(alt_text)}</figcaption></figure>",
        ]
    page += ["</body>", "</html>", ""]
    index = folder / "index.html"
    index.write_text("\n".join(page), encoding="utf-8")
    return index


# -- one gradebook per exercise ---------------------------------------------------------------------------
def write_gradebooks(
    results: list[SubmissionResult], keys: dict[str, Key], roster: dict[str, str], out: Path
) -> list[Path]:
    """``<out>/<exercise>/grades.csv`` (that exercise's questions only) and ``<out>/summary.csv``.

    Every learner seen in the run (or on the roster) has a row in every exercise's gradebook, so a
    missing hand-in shows as "No submission." there. summary.csv: learner, name, one column of points
    per exercise (empty when not handed in or waiting for hand grading), total, max (of the exercises
    scored), percent, flags.
    """
    everyone = {**{r.learner: roster.get(r.learner, r.learner) for r in results}, **roster}
    written = []
    for name, key in keys.items():
        mine = [r for r in results if r.exercise == name]
        if not mine:
            continue
        frame = grades_frame(mine, {name: key}, everyone)
        folder = out / _safe_file(name)
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_open(folder / "grades.csv") as handle:
            escape_frame(frame).to_csv(handle, index=False)
        written.append(folder / "grades.csv")
    graded = [n for n in keys if any(r.exercise == n for r in results)]
    rows = []
    for learner in sorted(everyone):
        by_exercise = {r.exercise: r for r in results if r.learner == learner}
        row: dict[str, Any] = {"learner": learner, "name": everyone[learner]}
        total = top = 0.0
        for name in graded:
            res = by_exercise.get(name)
            final = res is not None and all(q.status != "needs grading" for q in res.questions.values())
            row[name] = res.score if final and res is not None else None
            if final and res is not None:
                total, top = total + res.score, top + res.max_points
        flags = [f for r in by_exercise.values() for f in r.flags]
        flags = flags or ([] if by_exercise else ["No submission."])
        row.update(
            total=round(total, 2),
            max=round(top, 2),
            percent=round(100 * total / top, 1) if top else None,
            flags=" | ".join(flags),
        )
        rows.append(row)
    summary = pd.DataFrame(rows, columns=["learner", "name", *graded, "total", "max", "percent", "flags"])
    with atomic_open(out / "summary.csv") as handle:
        escape_frame(summary).to_csv(handle, index=False)
    return [*written, out / "summary.csv"]
