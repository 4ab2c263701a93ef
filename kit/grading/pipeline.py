"""One grading run, start to end: grade the files, merge hand grading, write every report.

Used by ``medialit grade``; kept apart from the CLI so tests and benchmarks can call it directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kit.files import atomic_open
from kit.grading.csvsafe import escape_frame
from kit.grading.heatmap import write_heatmaps
from kit.grading.journal import Journal, fingerprint
from kit.grading.manual import read_manual, write_manual
from kit.grading.reports import grades_frame, read_roster, write_feedback, write_gradebooks, write_plots
from kit.grading.running import Key, SubmissionResult, grade_batch, load_keys
from kit.grading.sandbox import DEFAULT_LIMITS, Limits


def _deny_for(submission: Path) -> Path:
    """The folder of a file (so the files beside it are closed too), unless that folder holds the kit."""
    import kit

    path = submission.resolve()
    if path.is_dir():
        return path
    package = Path(kit.__file__).resolve().parent
    return path if package.is_relative_to(path.parent) else path.parent


@dataclass
class GradingRun:
    """The outcome of a run: the grades table, the per-file results and where things were written."""

    grades: pd.DataFrame
    results: list[SubmissionResult]
    out: Path
    resumed: int = 0  # files whose results came from an interrupted earlier run
    keys: dict[str, Key] = field(default_factory=dict)


def grade_and_report(
    submissions: Sequence[str | Path],
    key: str | Path = "solutions",
    out: str | Path = "grades",
    *,
    roster: str | Path | None = None,
    workers: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: bool = True,
    names: dict[str, str] | None = None,
    notes: dict[str, list[str]] | None = None,
) -> GradingRun:
    """Grade ``submissions`` against ``key`` and write grades.csv, feedback, plots and the manual files.

    ``names``: learner id -> display name, used instead of reading ``roster`` (kit.grading.lms reads
    Canvas and Moodle class lists). ``notes``: extra flags by resolved file path (late or duplicate
    hand-ins found by kit.grading.intake).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    keys = load_keys(key)
    names = read_roster(roster) if names is None else names
    manual = read_manual(out / "manual.csv", keys)
    # learner code may not open the keys, the submissions, the outputs or the roster
    deny = [_deny_for(Path(key)), out.resolve(), *(_deny_for(Path(s)) for s in submissions)]
    if roster:
        deny.append(Path(roster).resolve())
    journal = Journal(out, fingerprint(key, out / "manual.csv", limits))
    resumed = len(journal.done)
    try:
        results = grade_batch(
            submissions,
            key,
            manual=manual,
            deny=deny,
            limits=limits,
            workers=workers,
            progress=progress,
            exclude=[out],
            journal=journal,
        )
    finally:
        journal.close()
    for res in results:
        res.flags.extend((notes or {}).get(str(Path(res.file).resolve()), []))
    grades = grades_frame(results, keys, names)
    with atomic_open(out / "grades.csv") as handle:
        escape_frame(grades).to_csv(handle, index=False)
    write_feedback(results, keys, names, out)
    write_plots(results, grades, keys, out)
    write_manual(results, keys, out, manual)
    write_gradebooks(results, keys, names, out)
    write_heatmaps(results, keys, out)
    journal.finish()
    return GradingRun(grades, results, out, resumed, keys)
