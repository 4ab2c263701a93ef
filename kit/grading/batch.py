"""Run a batch of grading jobs so that nothing can stop it or leave anything behind.

Each result is written to the journal (kit.grading.journal) the moment it comes, in whatever order
the workers finish. Ctrl+C or a SIGTERM stops the workers, and each worker kills its sandbox's
process group on the way out; a worker whose parent dies (even by SIGKILL) is told by the kernel
(PR_SET_PDEATHSIG) and stops too, and bubblewrap's --die-with-parent takes the sandbox with it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any

PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Ask Linux to send ``sig`` to this process when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _stop(_signum: int, _frame: Any) -> None:
    raise SystemExit(143)  # unwinds through every `finally`, so sandboxes and temp folders are removed


def _call(work: Callable[[Any], Any], job: Any) -> Any:
    """Run one job in a worker; a stop request ends the worker (the pool would otherwise go on)."""
    try:
        return work(job)
    except SystemExit:  # raised by _stop, after every `finally` of the job has run
        os._exit(143)


def worker_start(init: Callable[..., None], *args: Any) -> None:
    """Pool initializer: stop cleanly on SIGTERM and when the grader dies, then load the keys."""
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl+C means
    die_with_parent()
    init(*args)


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """While grading, a SIGTERM to the grader behaves like Ctrl+C (clean stop, resumable)."""

    def interrupt(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    processes = list(getattr(pool, "_processes", {}).values())  # no public API lists the workers
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(10)
        if proc.is_alive():
            proc.kill()
            proc.join()


def run_jobs(
    jobs: list[Any],
    work: Callable[[Any], Any],
    init: Callable[..., None],
    init_args: tuple[Any, ...],
    workers: int,
    on_result: Callable[[Any, Any], None],
) -> None:
    """Run ``work(job)`` for every job (in ``workers`` processes); ``on_result(job, result)`` as each ends."""
    with terminate_as_interrupt():
        if workers <= 1 or len(jobs) <= 1:
            init(*init_args)
            for job in jobs:
                on_result(job, work(job))
            return
        pool = ProcessPoolExecutor(
            max_workers=min(workers, len(jobs)), initializer=worker_start, initargs=(init, *init_args)
        )
        try:
            pending: dict[Future[Any], Any] = {pool.submit(_call, work, job): job for job in jobs}
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    on_result(pending.pop(future), future.result())
        except BaseException:
            _stop_pool(pool)
            raise
        pool.shutdown(wait=True)
