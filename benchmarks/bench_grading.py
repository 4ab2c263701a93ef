"""Grading speed: medialit grade against nbgrader autograde, and the cost of running learner code.

Rows:
1. medialit grading of N generated submissions of the demo exercise without its code question
   (all cores): wall time, per-file time and peak memory (parent and worker processes).
2. nbgrader autograde of the same submissions (the first M of them) in a temporary nbgrader course,
   per-file time, and the ratio nbgrader / medialit per file (goal: at least 20).
3. With the code question: medialit per-file time (one worker) against plain nbclient execution of
   the same notebooks, as an overhead ratio.

Sizes: MEDIALIT_BENCH_N (default 200), MEDIALIT_BENCH_NBGRADER_N (default 20),
MEDIALIT_BENCH_CODE_N (default 10).
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from kit.grading.format import grade_id_of, medialit_meta
from kit.grading.running import grade_batch, load_key
from kit.grading.testing import empty_submission, run_in_kernel, set_choice, set_highlights, set_source

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "solutions" / "00_demo.ipynb"


def _no_code_solution(folder: Path) -> Path:
    """The demo solution without its code question (answer and test cells)."""
    nb = nbformat.read(DEMO, as_version=4)
    drop = {"demo-code", "demo-code-tests", "demo-code-q"}
    nb.cells = [c for c in nb.cells if grade_id_of(c) not in drop]
    path = folder / "00_demo.ipynb"
    nbformat.write(nb, path)
    return path


def _submissions(solution: Path, folder: Path, n: int, seed: int = 7) -> list[Path]:
    """n varied learners: a random part of the key, some wrong choices, some wrong numbers."""
    rng = random.Random(seed)
    key = load_key(solution)
    paths = []
    for i in range(n):
        nb = empty_submission(key)
        for gid, q in key.solution.questions.items():
            if q.type == "highlight":
                spans = [s for s in key.spans[gid] if rng.random() < 0.7]
                set_highlights(nb, gid, spans, key.article_sha, q.meta.get("labels"))
            elif q.type == "choice":
                options = medialit_meta(key.solution.cell(gid))["options"]
                pick = rng.sample(options, 2) if q.meta.get("multiple") else rng.choice(options)
                set_choice(nb, gid, pick)
            elif q.type == "literal":
                set_source(nb, gid, f"{q.variable} = {rng.choice([2, 3, 3, 4])}")
            elif q.type == "text":
                set_source(nb, gid, "No, because every source in it is on one side.")
            elif q.type == "code":
                set_source(nb, gid, rng.choice(['isis_count = article.text.count("ISIS")', "isis_count = 3"]))
        path = folder / f"learner{i:04d}_00_demo.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # ru_maxrss is in KiB on Linux


def _nbgrader(solution: Path, subs: list[Path], work: Path) -> tuple[float | None, str]:
    """Seconds per file for `nbgrader autograde` in a temporary course, or None and why not."""
    course = work / "course"
    (course / "source" / "demo").mkdir(parents=True)
    shutil.copy(solution, course / "source" / "demo" / solution.name)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'bench'\nc.Execute.timeout = 120\n",
        encoding="utf-8",
    )
    nbgrader = [sys.executable, "-m", "nbgrader"]
    # nbgrader runs the `alembic` program: it must find the one installed next to this Python
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PATH": path, "MEDIALIT_ANSWERS_DIR": str(work / "answers")}
    done = subprocess.run(
        [*nbgrader, "generate_assignment", "demo", "--force"],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        return None, "nbgrader generate_assignment failed: " + done.stderr.strip().splitlines()[-1][:200]
    students = []
    for i, sub in enumerate(subs):
        student = f"s{i:04d}"
        target = course / "submitted" / student / "demo"
        target.mkdir(parents=True)
        shutil.copy(sub, target / solution.name)
        (target / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC", encoding="utf-8")
        students.append(student)
    started = time.perf_counter()
    done = subprocess.run(
        [*nbgrader, "autograde", "demo", "--force"], cwd=course, env=env, capture_output=True, text=True
    )
    took = time.perf_counter() - started
    graded = list((course / "autograded").glob("*/demo/*.ipynb"))
    if done.returncode or len(graded) != len(students):
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1][:200]
        return None, f"nbgrader autograde graded {len(graded)} of {len(students)} ({tail})"
    return took / len(students), f"{len(students)} files; each run in a fresh kernel by nbgrader"


def _nbclient_seconds(subs: list[Path]) -> float:
    """Plain nbclient execution of the same notebooks, one after another."""

    started = time.perf_counter()
    for path in subs:
        nb = nbformat.read(path, as_version=4)
        run_in_kernel(nb, path.parent, timeout=60, allow_errors=True)
    return time.perf_counter() - started


def run() -> list[dict]:
    n = int(os.environ.get("MEDIALIT_BENCH_N", "200"))
    n_nbgrader = min(n, int(os.environ.get("MEDIALIT_BENCH_NBGRADER_N", "20")))
    n_code = int(os.environ.get("MEDIALIT_BENCH_CODE_N", "10"))
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="medialit-bench-") as tmp:
        work = Path(tmp)
        os.environ.setdefault("MEDIALIT_ANSWERS_DIR", str(work / "answers"))
        (work / "key").mkdir()
        (work / "subs").mkdir()
        solution = _no_code_solution(work / "key")
        subs = _submissions(solution, work / "subs", n)
        started = time.perf_counter()
        results = grade_batch([work / "subs"], solution, progress=False)
        wall = time.perf_counter() - started
        assert len(results) == n
        per_file = wall / n
        cores = os.cpu_count() or 1
        rows.append(
            {
                "benchmark": f"medialit grade, {n} files, no code question",
                "value": wall,
                "unit": "s",
                "note": f"{per_file * 1000:.1f} ms per file on {cores} cores (worker start-up included)",
            }
        )
        rows.append(
            {
                "benchmark": "medialit grade peak memory (largest process)",
                "value": _peak_mb(),
                "unit": "MB",
                "note": "max RSS of this process and its worker processes",
            }
        )

        per_nbgrader, note = _nbgrader(solution, subs[:n_nbgrader], work)
        if per_nbgrader is None:
            rows.append(
                {"benchmark": "nbgrader autograde per file", "value": float("nan"), "unit": "s", "note": note}
            )
        else:
            rows.append(
                {"benchmark": "nbgrader autograde per file", "value": per_nbgrader, "unit": "s", "note": note}
            )
            rows.append(
                {
                    "benchmark": "speed-up of medialit over nbgrader autograde",
                    "value": per_nbgrader / per_file,
                    "unit": "x",
                    "note": f"per file; goal >= 20x (medialit on {n}, nbgrader on {n_nbgrader} files)",
                }
            )

        (work / "code").mkdir()
        code_subs = _submissions(DEMO, work / "code", n_code, seed=11)
        started = time.perf_counter()
        grade_batch([work / "code"], DEMO, workers=1, progress=False)
        ours = (time.perf_counter() - started) / n_code
        plain = _nbclient_seconds(code_subs) / n_code
        rows.append(
            {
                "benchmark": "medialit grade per file, with a code question",
                "value": ours,
                "unit": "s",
                "note": f"{n_code} files, one worker; learner code in the sandbox process",
            }
        )
        rows.append(
            {
                "benchmark": "plain nbclient execution per file (same notebooks)",
                "value": plain,
                "unit": "s",
                "note": "one kernel per notebook, no grading",
            }
        )
        rows.append(
            {
                "benchmark": "medialit / nbclient time, with a code question",
                "value": ours / plain,
                "unit": "ratio",
                "note": "below 1 means grading costs less than just running the notebook",
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
