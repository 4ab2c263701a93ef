"""The cost of isolation: grading files with a code question under bubblewrap against no OS sandbox.

Rows: per-file time of ``grade_batch`` (one worker) on N submissions of the demo exercise with its
code question, once with ``--isolation none`` (the Python guards only) and once with ``bwrap``; the
difference per file; and the start-up time of one empty sandbox of each kind. Both runs use the
two-sandbox verdict (learner code in one process, the tests in another), so the difference is what
bubblewrap itself adds. Size: MEDIALIT_BENCH_ISOLATION_N (default 8).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nbformat

from kit.grading import isolation
from kit.grading.running import grade_batch, load_key
from kit.grading.sandbox import Limits, Sandbox
from kit.grading.testing import key_as_submission, set_source

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "solutions" / "00_demo.ipynb"


def _startup(mode: str, repeats: int = 3) -> float:
    took = []
    for _ in range(repeats):
        started = time.perf_counter()
        with Sandbox(mode, "learner", Limits(isolation=mode), [], time.monotonic() + 120) as box:
            box.call({"op": "run", "id": "x", "source": "pass"})
        took.append(time.perf_counter() - started)
    return min(took)


def run() -> list[dict]:
    n = int(os.environ.get("MEDIALIT_BENCH_ISOLATION_N", "8"))
    if isolation.resolve("auto")[0] != "bwrap":
        return [{"benchmark": "isolation cost", "value": float("nan"), "unit": "", "note": "no bubblewrap"}]
    key = load_key(DEMO)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        subs = Path(tmp) / "subs"
        subs.mkdir()
        for i in range(n):
            nb = key_as_submission(key)
            set_source(nb, "demo-code", f"isis_count = article.text.count('ISIS') + {i % 2}")
            nbformat.write(nb, subs / f"learner{i}_00_demo.ipynb")
        per_file = {}
        for mode in ("none", "bwrap"):
            started = time.perf_counter()
            grade_batch([subs], DEMO, workers=1, progress=False, limits=Limits(isolation=mode))
            per_file[mode] = (time.perf_counter() - started) / n
            rows.append(
                {
                    "benchmark": f"grade per file with a code question, isolation {mode}",
                    "value": per_file[mode],
                    "unit": "s",
                    "note": f"{n} files, one worker, two sandboxes per file (learner code, then the tests)",
                }
            )
        rows.append(
            {
                "benchmark": "cost of bubblewrap per file",
                "value": per_file["bwrap"] - per_file["none"],
                "unit": "s",
                "note": f"bwrap / none = {per_file['bwrap'] / per_file['none']:.2f}x",
            }
        )
    for mode in ("none", "bwrap"):
        rows.append(
            {
                "benchmark": f"start one sandbox and run an empty cell, isolation {mode}",
                "value": _startup(mode),
                "unit": "s",
                "note": "best of 3; includes importing pandas and the kit inside the sandbox",
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
