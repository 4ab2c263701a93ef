"""Run learner code for grading in a separate, limited Python process.

The parent (:func:`run_cells`) starts ``python -m kit.grading.sandbox`` in an empty temporary folder
and sends one cell at a time (so hidden tests are not in memory while learner code runs). The child
sets memory, CPU and file-size limits, installs an audit hook that refuses to open the grader's
folders or to start programs, and runs each cell with a time limit. It answers one JSON line per cell.

This is a guard against accidents and casual cheating, not a security boundary against a skilled
attacker (see docs/AUTHORING.md).
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BLOCKED = "medialit sandbox"
PRELOAD = ("kit", "kit.article", "pandas", "numpy")


@dataclass(frozen=True)
class Limits:
    """Per-cell time (seconds), memory (bytes of address space), output file size (bytes)."""

    cell_seconds: float = 10.0
    memory_bytes: int = 2 * 1024**3
    file_bytes: int = 50 * 1024**2


DEFAULT_LIMITS = Limits()


@dataclass
class CellRun:
    """What happened to one cell: ok, or the error name and a one-line message."""

    cell_id: str
    ok: bool
    error: str = ""
    message: str = ""


# -- child side ---------------------------------------------------------------------------------------
class _CellTimeout(BaseException):
    """A cell ran past its time (a BaseException, so `except Exception` in learner code cannot eat it)."""


def _install_guard(deny: list[str], workdir: str) -> None:
    deny_roots = [os.path.realpath(d) for d in deny]
    work = os.path.realpath(workdir)
    banned = {
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "pty.spawn",
        "ctypes.dlopen",
        "ctypes.dlsym",
        "socket.connect",
        "socket.bind",
        "os.kill",
        "os.killpg",
        "signal.pthread_kill",
        "sys.settrace",
    }

    def _denied(path: Any) -> bool:
        if isinstance(path, int):
            return False
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return False
        return any(real == root or real.startswith(root + os.sep) for root in deny_roots)

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event in banned:
            raise PermissionError(f"{BLOCKED}: {event} is not allowed while grading")
        if event == "open" and args and _denied(args[0]):
            raise PermissionError(f"{BLOCKED}: reading {args[0]} is not allowed while grading")
        writing = len(args) > 2 and (
            (isinstance(args[1], str) and any(c in args[1] for c in "wax+"))
            or (isinstance(args[2], int) and args[2] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        )
        if event == "open" and writing:
            target = args[0]
            if not isinstance(target, int):
                real = os.path.realpath(os.fsdecode(target))
                if not (real == work or real.startswith(work + os.sep) or real.startswith("/dev/")):
                    raise PermissionError(f"{BLOCKED}: writing {target} is not allowed while grading")
        if event in ("os.listdir", "os.scandir", "os.remove", "os.rename", "shutil.rmtree") and args:
            if _denied(args[0]):
                raise PermissionError(f"{BLOCKED}: {event} on {args[0]} is not allowed while grading")

    sys.addaudithook(hook)


def _child() -> int:
    import resource

    setup = json.loads(sys.stdin.readline())
    limits = Limits(**setup["limits"])
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
    total_cpu = int(limits.cell_seconds * max(1, setup.get("n_cells", 1)) + 10)
    resource.setrlimit(resource.RLIMIT_CPU, (total_cpu, total_cpu + 5))
    for name in PRELOAD:  # import before the guard so module loading is not slowed or blocked
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - a missing optional module only means learners can't use it
            pass
    import matplotlib

    matplotlib.use("Agg")
    out = sys.stdout
    sys.stdout = sys.stderr = open(os.devnull, "w")  # learner prints must not corrupt the reply channel
    stdin = sys.stdin
    sys.stdin = open(os.devnull)
    _install_guard(setup.get("deny", []), os.getcwd())

    def on_alarm(_signum: int, _frame: Any) -> None:
        raise _CellTimeout()

    signal.signal(signal.SIGALRM, on_alarm)
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": __builtins__}
    while True:
        line = stdin.readline()
        if not line:
            return 0
        cell = json.loads(line)
        reply: dict[str, Any] = {"id": cell["id"], "ok": True, "error": "", "message": ""}
        try:
            code = compile(cell["source"], f"<cell {cell['id']}>", "exec")
            signal.setitimer(signal.ITIMER_REAL, limits.cell_seconds)
            try:
                exec(code, namespace)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _CellTimeout:
            reply.update(
                ok=False, error="Timeout", message=f"the cell ran longer than {limits.cell_seconds:g} s"
            )
        except MemoryError:
            reply.update(ok=False, error="MemoryError", message="the cell used more memory than allowed")
        except BaseException as exc:  # noqa: BLE001 - every learner error becomes a reply
            reply.update(ok=False, error=type(exc).__name__, message=str(exc)[:300])
        out.write(json.dumps(reply) + "\n")
        out.flush()


# -- parent side --------------------------------------------------------------------------------------
def _strip_magics(source: str) -> str:
    # IPython magics and shell lines cannot run in plain Python; skip them (documented in AUTHORING.md)
    return "\n".join("pass" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def run_cells(
    cells: list[tuple[str, str]], deny: list[str | Path], limits: Limits = DEFAULT_LIMITS
) -> list[CellRun]:
    """Run ``(cell_id, source)`` cells in order in a fresh sandboxed process; one CellRun per cell.

    Cells after a crash of the whole process (or a hang the child could not stop) are reported as
    not run. The temporary folder is removed afterwards.
    """
    results: list[CellRun] = []
    with tempfile.TemporaryDirectory(prefix="medialit-sandbox-") as work:
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "PYTHONPATH")}
        env.update(
            HOME=work,
            MPLBACKEND="Agg",
            OPENBLAS_NUM_THREADS="1",
            OMP_NUM_THREADS="1",
            MEDIALIT_ANSWERS_DIR=os.path.join(work, "answers"),
            PYTHONDONTWRITEBYTECODE="1",
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "kit.grading.sandbox"],
            cwd=work,
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        setup = {
            "limits": limits.__dict__,
            "deny": [str(Path(d).resolve()) for d in deny],
            "n_cells": len(cells),
        }
        selector = selectors.DefaultSelector()
        assert proc.stdin is not None and proc.stdout is not None
        selector.register(proc.stdout, selectors.EVENT_READ)
        alive = True
        try:
            proc.stdin.write(json.dumps(setup) + "\n")
            proc.stdin.flush()
            startup = 30.0  # first cell also waits for the child's imports
            for cell_id, source in cells:
                if not alive:
                    results.append(CellRun(cell_id, False, "NotRun", "an earlier cell stopped the run"))
                    continue
                try:
                    proc.stdin.write(json.dumps({"id": cell_id, "source": _strip_magics(source)}) + "\n")
                    proc.stdin.flush()
                except BrokenPipeError:
                    alive = False
                    results.append(CellRun(cell_id, False, "Crashed", "the code stopped the grading process"))
                    continue
                deadline = time.monotonic() + limits.cell_seconds + 5 + startup
                startup = 0.0
                line = ""
                while time.monotonic() < deadline:
                    if selector.select(timeout=max(0.05, deadline - time.monotonic())):
                        line = proc.stdout.readline()
                        break
                if not line:
                    alive = False
                    crashed = proc.poll() is not None
                    results.append(
                        CellRun(
                            cell_id,
                            False,
                            "Crashed" if crashed else "Timeout",
                            "the code stopped the grading process"
                            if crashed
                            else f"the cell ran longer than {limits.cell_seconds:g} s",
                        )
                    )
                    continue
                reply = json.loads(line)
                results.append(CellRun(cell_id, bool(reply["ok"]), reply["error"], reply["message"]))
        finally:
            selector.close()
            try:
                proc.stdin.close()
            except OSError:
                pass
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return results


if __name__ == "__main__":
    raise SystemExit(_child())
