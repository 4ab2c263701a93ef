"""Hand grading of free-text answers: ``manual.csv``, the rubric file and the grading notebook.

``medialit grade`` writes ``manual.csv`` (one row per learner and free-text question, keeping any
level, points and comment already there), ``rubrics.json`` and ``manual_grading.ipynb``. The
instructor grades in the notebook (ipywidgets); the next ``medialit grade`` merges the scores.
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd

from kit.errors import GradingError
from kit.files import write_atomic
from kit.grading.csvsafe import escape_frame, unescape_frame
from kit.grading.questions import question_type
from kit.grading.running import Key, SubmissionResult, answer_sha

COLUMNS = ["learner", "exercise", "grade_id", "level", "points", "comment", "answer_sha", "answer"]


def read_manual(
    path: str | Path, keys: dict[str, Key] | None = None
) -> dict[tuple[str, str], dict[str, Any]]:
    """(learner, grade_id) -> {level, points, comment, answer_sha} from manual.csv (missing file: empty).

    A level without points takes the rubric's points for that level.
    """
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise GradingError(
            f"{path} could not be read ({exc}). Fix it or move it away, then grade again."
        ) from None
    frame = unescape_frame(frame)
    missing = {"learner", "grade_id", "points"} - set(frame.columns)
    if missing:
        raise GradingError(
            f"{path} lacks the column(s) {', '.join(sorted(missing))}. It should come from medialit."
        )
    rubrics = rubric_table(keys or {})
    entries = {}
    for row in frame.to_dict("records"):
        raw = str(row.get("points", "")).strip()
        level = str(row.get("level", "")).strip()
        try:
            points = float(raw) if raw else None
        except ValueError:
            raise GradingError(
                f"{path}: the points for {row['learner']} / {row['grade_id']} are {raw!r}, not a number."
            ) from None
        if points is not None and math.isnan(points):
            points = None
        if points is None and level:
            points = rubrics.get(row["grade_id"], {}).get("levels", {}).get(level, {}).get("points")
        entries[(row["learner"], row["grade_id"])] = {
            "level": level,
            "points": points,
            "comment": str(row.get("comment", "")),
            "answer_sha": str(row.get("answer_sha", "")),
            "exercise": str(row.get("exercise", "")),
            "answer": str(row.get("answer", "")),
        }
    return entries


def rubric_table(keys: dict[str, Key]) -> dict[str, dict[str, Any]]:
    """Free-text questions: grade_id -> {exercise, points, lesson, levels: {level: {points, means}}}."""
    table = {}
    for key in keys.values():
        for gid, q in key.solution.questions.items():
            if not question_type(q.type).auto:  # graded by hand
                table[gid] = {
                    "exercise": key.name,
                    "points": q.points,
                    "lesson": q.meta.get("lesson", ""),
                    "levels": q.meta.get("rubric", {}),
                }
    return table


def write_manual(
    results: list[SubmissionResult],
    keys: dict[str, Key],
    out: Path,
    existing: dict[tuple[str, str], dict[str, Any]],
) -> Path:
    """Rewrite manual.csv (keeping the instructor's work), rubrics.json and manual_grading.ipynb."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for (learner, gid), entry in existing.items():  # rows of learners not in this run are kept
        rows[(learner, gid)] = {"learner": learner, "grade_id": gid, **entry}
    for res in results:
        for gid, q in res.questions.items():
            if question_type(q.type).auto or not q.answer:
                continue
            old = existing.get((res.learner, gid), {})
            graded = old.get("points") is not None or bool(old.get("level"))
            # a graded row keeps the fingerprint of the answer that was graded, so a change is noticed
            sha = old.get("answer_sha") if graded and old.get("answer_sha") else answer_sha(q.answer)
            rows[(res.learner, gid)] = {
                "learner": res.learner,
                "exercise": res.exercise,
                "grade_id": gid,
                "level": old.get("level", ""),
                "points": old.get("points"),
                "comment": old.get("comment", ""),
                "answer_sha": sha,
                "answer": q.answer,
            }
    frame = pd.DataFrame(sorted(rows.values(), key=lambda r: (r["grade_id"], r["learner"])), columns=COLUMNS)
    out.mkdir(parents=True, exist_ok=True)
    csv_path = out / "manual.csv"
    write_atomic(csv_path, escape_frame(frame).to_csv(index=False))
    write_atomic(
        out / "rubrics.json", json.dumps(rubric_table(keys), indent=1, sort_keys=True, ensure_ascii=False)
    )
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# Grading the written answers\n\nRun the cell below. For each answer pick a rubric level "
            "(the points fill in; you can change them) and write a short, kind comment. Press **Save** "
            "often. Then run `medialit grade` again: it merges these scores into grades.csv and the feedback."
        ),
        nbformat.v4.new_code_cell(
            'from kit.grading.manual import grading_panel\n\ngrading_panel("manual.csv")'
        ),
    ]
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    write_atomic(out / "manual_grading.ipynb", nbformat.writes(nb) + "\n")
    return csv_path


def save_entries(csv_path: str | Path, updates: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Write level, points and comment for some rows of manual.csv (atomic; other rows untouched)."""
    csv_path = Path(csv_path)
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    for i, row in frame.iterrows():
        entry = updates.get((row["learner"], row["grade_id"]))
        if entry is None:
            continue
        frame.loc[i, "level"] = entry.get("level") or ""
        pts = entry.get("points")
        frame.loc[i, "points"] = "" if pts is None else f"{float(pts):g}"
        frame.loc[i, "comment"] = entry.get("comment") or ""
    write_atomic(csv_path, escape_frame(frame).to_csv(index=False))


def grading_panel(csv_path: str | Path = "manual.csv", rubrics_path: str | Path | None = None) -> Any:
    """The grading widgets: each answer beside its rubric, a level, points and a comment; one Save button."""
    import ipywidgets as widgets

    csv_path = Path(csv_path)
    rubrics = json.loads(Path(rubrics_path or csv_path.with_name("rubrics.json")).read_text(encoding="utf-8"))
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    controls: dict[tuple[str, str], tuple[Any, Any, Any]] = {}
    boxes = []
    for row in frame.to_dict("records"):
        rubric = rubrics.get(row["grade_id"], {})
        levels = rubric.get("levels", {})
        table = "".join(
            f"<tr><th>{html.escape(level)} ({entry.get('points', '')} pts)</th>"
            f"<td>{html.escape(entry.get('means', ''))}"
            f"<br><i>Sample:</i> {html.escape(entry.get('sample', ''))}</td></tr>"
            for level, entry in levels.items()
        )
        level_box = widgets.Dropdown(
            options=["", *levels], value=row["level"] if row["level"] in levels else "", description="Level"
        )
        points_box = widgets.BoundedFloatText(
            value=float(row["points"]) if row["points"] else 0.0,
            min=0,
            max=float(rubric.get("points", 100)),
            step=0.5,  # partial levels: an answer between two levels gets points between theirs
            description="Points",
        )
        comment_box = widgets.Textarea(
            value=row["comment"], description="Comment", layout=widgets.Layout(width="95%")
        )

        def _on_level(change: Any, levels: dict[str, Any] = levels, box: Any = points_box) -> None:
            if change["new"] in levels:
                box.value = float(levels[change["new"]].get("points", 0))

        level_box.observe(_on_level, names="value")
        controls[(row["learner"], row["grade_id"])] = (level_box, points_box, comment_box)
        boxes.append(
            widgets.VBox(
                [
                    widgets.HTML(
                        f"<h3>{html.escape(row['learner'])}: {html.escape(row['grade_id'])}</h3>"
                        f"<blockquote>{html.escape(row['answer'])}</blockquote>"
                        f"<table>{table}</table>"
                    ),
                    widgets.HBox([level_box, points_box]),
                    comment_box,
                ]
            )
        )
    status = widgets.HTML("")
    save = widgets.Button(description="Save", icon="save", button_style="primary")

    def _save(_button: Any) -> None:
        updates = {
            k: {
                "level": lv.value,
                "points": pt.value if (lv.value or pt.value) else None,
                "comment": cm.value,
            }
            for k, (lv, pt, cm) in controls.items()
        }
        save_entries(csv_path, updates)
        status.value = f"Saved {len(updates)} rows to {html.escape(str(csv_path))}."

    save.on_click(_save)
    if not boxes:
        return widgets.HTML("There are no written answers to grade.")
    return widgets.VBox([*boxes, widgets.HBox([save, status])])
