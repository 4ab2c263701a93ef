"""Timing helpers shared by the bench_*.py modules (benchmarks/run.py puts this folder on sys.path)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timings(func: Callable[[], object], repeats: int) -> list[float]:
    """Seconds taken by each of ``repeats`` calls of ``func``."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return times


def best_of(func: Callable[[], object], repeats: int = 3) -> float:
    """The fastest of several runs: the figure least disturbed by other work on the machine."""
    return min(timings(func, repeats))


def median_of(func: Callable[[], object], repeats: int) -> float:
    """The median of several runs."""
    return statistics.median(timings(func, repeats))
