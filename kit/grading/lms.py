"""Grades into the school's LMS: files that Canvas's and Moodle's own gradebook imports accept.

``read_roster(path)`` reads a class list in any of three shapes: the kit's own (``learner,name``),
a Canvas gradebook export (``Student, ID, SIS User ID, SIS Login ID, Section``) or a Moodle grade
export (``First name, Last name, ID number, Email address``). Extra columns the kit understands:
``email``, ``id_number``, ``canvas_id``, ``sis_user_id``, ``sis_login_id``, ``section``.

``export(kind, scores, roster, path)`` writes one of:

- ``canvas``: the columns Canvas's gradebook importer reads (Student, ID, SIS User ID, SIS Login ID,
  Section), one column per exercise, and the "Points Possible" row that sets each assignment's points.
- ``moodle``: a CSV for Moodle's "Import grades > CSV file", keyed by "Email address" or "ID number"
  (the teacher maps one of them to the same field when importing), one column per exercise.
- ``csv``: a plain table (learner, name, email, ID number, points per exercise, total, max, percent).

Formats and sources: docs/LMS.md. A score that is not final (a question still waiting for hand
grading) or a missing hand-in is left blank, never written as a number, and listed in the warnings.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kit.errors import GradingError
from kit.files import atomic_open
from kit.grading.running import Key, SubmissionResult

KINDS = ("canvas", "moodle", "csv")
ROSTER_COLUMNS = [
    "learner",
    "name",
    "email",
    "id_number",
    "canvas_id",
    "sis_user_id",
    "sis_login_id",
    "section",
]
CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_COLUMNS = ["Email address", "ID number", "First name", "Last name"]
# Canvas, Moodle export-to-import round trips and Excel all meet the same list; a formula cell is data.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_ALIASES = {
    "learner": "learner",
    "name": "name",
    "student": "name",
    "full name": "name",
    "email": "email",
    "email address": "email",
    "id number": "id_number",
    "id_number": "id_number",
    "idnumber": "id_number",
    "sid": "id_number",  # Gradescope's roster
    "id": "canvas_id",
    "canvas_id": "canvas_id",
    "sis user id": "sis_user_id",
    "sis_user_id": "sis_user_id",
    "sis login id": "sis_login_id",
    "sis_login_id": "sis_login_id",
    "section": "section",
    "first name": "first_name",
    "last name": "last_name",
}


def _key(text: str) -> str:
    """Letters and digits only, lower case: "Smith, Bob", "smithbob" and "Bob Smith" sort together."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def read_roster(path: str | Path | None) -> pd.DataFrame:
    """The class list as a DataFrame with ROSTER_COLUMNS (all str, "" where unknown)."""
    if path is None:
        return pd.DataFrame(columns=ROSTER_COLUMNS)
    try:
        raw = pd.read_csv(path, dtype=str, encoding="utf-8-sig").fillna("")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise GradingError(f"The roster {path} could not be read ({exc}). It should be a CSV file.") from None
    frame = raw.rename(columns={c: _ALIASES.get(c.strip().lower(), c) for c in raw.columns})
    frame = frame.loc[:, ~frame.columns.duplicated()]
    if "name" not in frame.columns and {"first_name", "last_name"} <= set(frame.columns):
        frame["name"] = (frame["first_name"].str.strip() + " " + frame["last_name"].str.strip()).str.strip()
    if "name" in frame.columns:  # Canvas's own export: the "Points Possible" and test-student rows
        frame = frame[~frame["name"].str.strip().str.lower().isin(["points possible", "student, test"])]
    for column in ROSTER_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[ROSTER_COLUMNS].apply(lambda s: s.astype(str).str.strip())
    if not (frame[["learner", "name", "email", "id_number", "canvas_id"]] != "").any(axis=1).all():
        raise GradingError(
            f"The roster {path} has a row with no learner, name, email, ID number or Canvas ID. "
            "Each row needs at least one of them."
        )
    missing = frame["learner"] == ""
    frame.loc[missing, "learner"] = [  # ids the grader can also take from a folder name unchanged
        re.sub(
            r"[^0-9A-Za-z]+",
            "_",
            f"canvas_{r.canvas_id}" if r.canvas_id else r.email or r.id_number or r.name,
        )
        .strip("_")
        .lower()
        for r in frame[missing].itertuples()
    ]
    frame.loc[frame["name"] == "", "name"] = frame["learner"]
    return frame.reset_index(drop=True)


def match_roster(learners: dict[str, str], roster: pd.DataFrame) -> dict[str, int]:
    """Graded learner id -> roster row, matched by id, Canvas ID, email, ID number, then by name.

    ``learners`` maps learner id to the name the submission gave (file name, Canvas or Moodle name).
    Names match ignoring case, spaces and punctuation, in either order ("smithbob" = "Smith, Bob" =
    "Bob Smith"); a name that fits two roster rows is not matched.
    """
    by: dict[str, dict[str, int]] = {c: {} for c in ("learner", "canvas_id", "email", "id_number")}
    names: dict[str, list[int]] = {}
    for i, row in roster.iterrows():
        for column in by:
            if row[column]:
                by[column].setdefault(row[column].lower(), int(i))
        parts = row["name"].replace(",", " ").split()
        for variant in {_key(row["name"]), _key("".join(parts[::-1])), _key("".join(parts[1:] + parts[:1]))}:
            if variant:
                names.setdefault(variant, []).append(int(i))
    found: dict[str, int] = {}
    for learner, shown in learners.items():
        low = learner.lower()
        canvas = low.removeprefix("canvas_") if low.startswith("canvas_") else None
        hit = by["learner"].get(low)
        if hit is None and canvas:
            hit = by["canvas_id"].get(canvas)
        hit = hit if hit is not None else by["email"].get(low, by["id_number"].get(low))
        if hit is None:
            rows = sorted(set(names.get(_key(shown), []) + names.get(_key(learner), [])))
            hit = rows[0] if len(rows) == 1 else None
        if hit is not None:
            found[learner] = hit
    return found


@dataclass
class Scores:
    """Points per learner and exercise, for the export: None where the score is not final."""

    exercises: list[str]
    possible: dict[str, float]
    points: dict[str, dict[str, float | None]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    pending: list[tuple[str, str]] = field(default_factory=list)


def scores_from_results(
    results: list[SubmissionResult], keys: dict[str, Key], names: dict[str, str] | None = None
) -> Scores:
    """Per learner and exercise: points, or None while a question waits for hand grading."""
    names = names or {}
    graded = {r.exercise for r in results}
    scores = Scores(
        exercises=[name for name in keys if name in graded],  # an empty column would make a new assignment
        possible={
            name: round(sum(q.points for q in k.solution.questions.values()), 2) for name, k in keys.items()
        },
    )
    for res in results:
        scores.shown.setdefault(res.learner, names.get(res.learner, res.learner))
        if res.exercise not in keys:
            continue
        row = scores.points.setdefault(res.learner, {})
        if any(q.status == "needs grading" for q in res.questions.values()):
            row[res.exercise] = None
            scores.pending.append((res.learner, res.exercise))
        else:
            row[res.exercise] = round(sum(q.points for q in res.questions.values()), 2)
    return scores


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


@dataclass
class Export:
    """What was written and what the teacher should know before importing it."""

    path: Path
    rows: int
    warnings: list[str]


def export(kind: str, scores: Scores, roster: pd.DataFrame, path: str | Path) -> Export:
    """Write the gradebook for ``kind`` (canvas | moodle | csv) to ``path`` (UTF-8, comma-separated)."""
    if kind not in KINDS:
        raise GradingError(f"Unknown export '{kind}'. Choose one of: {', '.join(KINDS)}.")
    path = Path(path)
    matched = match_roster(scores.shown, roster)
    warnings: list[str] = []
    unmatched = sorted(set(scores.shown) - set(matched))
    if kind != "csv" and unmatched and len(roster):
        warnings.append(
            f"{len(unmatched)} graded learner(s) are not on the roster and were left out: "
            + ", ".join(unmatched)
            + ". Add them to the roster (or fix the name) and export again."
        )
    rows: list[tuple[pd.Series | None, str]] = []
    if len(roster):
        taken = {i: learner for learner, i in matched.items()}
        rows = [(row, taken.get(int(i), "")) for i, row in roster.iterrows()]
        if kind == "csv":
            rows += [(None, learner) for learner in unmatched]
    else:
        rows = [(None, learner) for learner in sorted(scores.shown)]
    if scores.pending:
        warnings.append(
            f"{len(scores.pending)} score(s) still wait for hand grading and are left blank, so no learner "
            "gets a score that is not final: fill in manual_grading.ipynb and grade again."
        )
    no_work = [r["name"] for r, learner in rows if r is not None and not learner]
    if no_work:
        warnings.append(f"No hand-in from {len(no_work)} learner(s) (left blank): {', '.join(no_work)}.")
    writer = {"canvas": _canvas, "moodle": _moodle, "csv": _plain}[kind]
    body, more = writer(scores, rows)
    warnings += more
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(path) as handle:
        csv.writer(handle).writerows(body)
    return Export(path, len(body) - 1, warnings)


def _points(scores: Scores, learner: str) -> list[str]:
    mine = scores.points.get(learner, {})
    return [_number(mine.get(e)) for e in scores.exercises]


def _canvas(scores: Scores, rows: list[tuple[pd.Series | None, str]]) -> tuple[list[list[str]], list[str]]:
    # Canvas's importer: columns 1-2 must be Student and ID, the last student column Section; a row whose
    # first cell is "Points Possible" sets the points of each assignment (docs/LMS.md).
    body = [CANVAS_COLUMNS + scores.exercises]
    body.append(["Points Possible", "", "", "", ""] + [_number(scores.possible[e]) for e in scores.exercises])
    no_id = []
    for row, learner in rows:
        if row is None:
            canvas_id = learner.removeprefix("canvas_") if learner.startswith("canvas_") else ""
            student = [scores.shown.get(learner, learner), canvas_id, "", "", ""]
        else:
            student = [row["name"], row["canvas_id"], row["sis_user_id"], row["sis_login_id"], row["section"]]
        if not any(student[1:4]):
            no_id.append(student[0])
        body.append(
            [_cell(v) for v in student]
            + (_points(scores, learner) if learner else [""] * len(scores.exercises))
        )
    warnings = []
    if no_id:
        warnings.append(
            f"{len(no_id)} row(s) have no Canvas ID or SIS ID, so Canvas will match them by name only: "
            + ", ".join(no_id)
            + ". Use your Canvas gradebook export as the roster to get the IDs."
        )
    return body, warnings


def _moodle(scores: Scores, rows: list[tuple[pd.Series | None, str]]) -> tuple[list[list[str]], list[str]]:
    # Moodle's CSV import maps one column to a user field (email address, ID number, username or
    # user id) and each other column to a grade item; rows without the key are skipped (docs/LMS.md).
    body = [MOODLE_COLUMNS + scores.exercises]
    no_key = []
    for row, learner in rows:
        if row is None:
            no_key.append(scores.shown.get(learner, learner))
            continue
        if "," in row["name"]:  # Canvas's sortable "Last, First"
            last, _, first = (p.strip() for p in row["name"].partition(","))
        else:
            first, _, last = row["name"].partition(" ")
        if not row["email"] and not row["id_number"]:
            no_key.append(row["name"])
            continue
        body.append(
            [_cell(v) for v in (row["email"], row["id_number"], first, last)]
            + (_points(scores, learner) if learner else [""] * len(scores.exercises))
        )
    warnings = []
    if no_key:
        warnings.append(
            f"{len(no_key)} learner(s) have no email address or ID number in the roster and were left out "
            "(Moodle needs one to find them): " + ", ".join(no_key) + "."
        )
    return body, warnings


def _plain(scores: Scores, rows: list[tuple[pd.Series | None, str]]) -> tuple[list[list[str]], list[str]]:
    body = [["learner", "name", "email", "id_number", *scores.exercises, "total", "max", "percent"]]
    for row, learner in rows:
        mine = scores.points.get(learner, {})
        done = [e for e in scores.exercises if mine.get(e) is not None]
        total = round(sum(mine[e] or 0.0 for e in done), 2)
        top = round(sum(scores.possible[e] for e in done), 2)
        who = (
            [learner, scores.shown.get(learner, learner), "", ""]
            if row is None
            else [learner or row["learner"], row["name"], row["email"], row["id_number"]]
        )
        body.append(
            [_cell(v) for v in who]
            + [_number(mine.get(e)) for e in scores.exercises]
            + ([_number(total), _number(top), f"{100 * total / top:.1f}"] if top else ["", "", ""])
        )
    return body, []
