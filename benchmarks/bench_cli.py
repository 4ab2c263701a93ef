"""`medialit grade` as a teacher runs it: the whole command, from the shell, on N submissions.

bench_grading.py times the grading call inside one Python process (grade_batch: key loading, worker
start and grading). This one times what a user waits for at the command line, with ``time``-like
wall clock around a fresh process: Python start and imports, key loading, worker start, grading, and
writing every report (grades.csv, per-exercise gradebooks, feedback pages, class plots, the
hand-grading notebook, the heatmap page and its picture by chromium). A second row leaves out the
heatmap picture (no chromium on PATH), to show what that one step costs.

Size: MEDIALIT_BENCH_N (default 200), the same generated submissions as bench_grading.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_grading import _no_code_solution, _submissions


def _grade(subs: Path, key: Path, out: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kit.cli",
            "grade",
            str(subs),
            "--key",
            str(key),
            "--out",
            str(out),
            "--quiet",
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - started


def run() -> list[dict]:
    n = int(os.environ.get("MEDIALIT_BENCH_N", "200"))
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="medialit-bench-cli-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "MEDIALIT_ANSWERS_DIR": str(work / "answers")}
        (work / "key").mkdir()
        (work / "subs").mkdir()
        solution = _no_code_solution(work / "key")
        _submissions(solution, work / "subs", n)
        full = _grade(work / "subs", solution, work / "out1", env)
        no_png = {**env, "PATH": str(Path(sys.executable).parent)}  # chromium not found: no heatmap picture
        bare = _grade(work / "subs", solution, work / "out2", no_png)
    return [
        {
            "benchmark": f"medialit grade from the command line, {n} files, no code question",
            "value": full,
            "unit": "s",
            "note": f"{cores} cores; process start, imports, workers, grading, every report, heatmap PNG",
        },
        {
            "benchmark": f"the same without the heatmap picture, {n} files",
            "value": bare,
            "unit": "s",
            "note": "chromium not on PATH, so no PNG; everything else as above",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
