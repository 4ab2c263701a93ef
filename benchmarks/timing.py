"""Timing helpers shared by the bench_*.py modules (benchmarks/run.py puts this folder on sys.path)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

# how words_per_second's figures are measured, for a benchmark's note
ONE_CORE = "CPU time of one process (one core), best of 3"


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


def best_cpu_of(func: Callable[[], object], repeats: int = 3) -> float:
    """The fastest of several runs in CPU seconds of this process: the work of one core, which other
    jobs on a shared machine change far less than they change the wall clock."""
    times = []
    for _ in range(repeats):
        started = time.process_time()
        func()
        times.append(time.process_time() - started)
    return min(times)


def words_per_second(func: Callable[[], object], words: int, repeats: int = 3) -> tuple[float, float]:
    """(words per CPU second, words per wall-clock second) of ``func``, each the best of ``repeats``."""
    return words / best_cpu_of(func, repeats), words / best_of(func, repeats)
