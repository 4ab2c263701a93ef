"""Run every benchmark in this folder and print one table.

Each ``bench_*.py`` module exposes ``run() -> list[dict]`` with keys benchmark, value, unit, note.
Usage: ``python benchmarks/run.py [NAME ...]`` (names filter modules, e.g. ``article grading``).
Results are also written to ``benchmarks/results/latest.csv`` (not committed).
"""

from __future__ import annotations

import importlib.util
import platform
import sys
import time
import traceback
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # bench modules share timing.py


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def collect(names: list[str]) -> pd.DataFrame:
    rows: list[dict] = []
    for path in sorted(HERE.glob("bench_*.py")):
        topic = path.stem.removeprefix("bench_")
        if names and topic not in names:
            continue
        started = time.perf_counter()
        try:
            results = _load(path).run()
        except Exception as err:  # a broken benchmark must not hide the others
            traceback.print_exc()
            results = [{"benchmark": "(failed)", "value": float("nan"), "unit": "", "note": repr(err)}]
        took = time.perf_counter() - started
        for row in results:
            rows.append({"topic": topic, **row})
        print(f"  {topic}: done in {took:.1f} s", file=sys.stderr)
    return pd.DataFrame(rows, columns=["topic", "benchmark", "value", "unit", "note"])


def main(argv: list[str]) -> int:
    print(
        f"medialit-kit benchmarks on {platform.node()}"
        f" ({platform.machine()}, Python {platform.python_version()})",
        file=sys.stderr,
    )
    table = collect(argv)
    if table.empty:
        print("No benchmark ran.", file=sys.stderr)
        return 1
    with pd.option_context("display.max_colwidth", 70, "display.width", 200):
        print(table.to_string(index=False, float_format=lambda v: f"{v:,.3g}"))
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    table.to_csv(out / "latest.csv", index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
