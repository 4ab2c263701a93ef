"""One sandboxed Python process for grading: the learner's code, or the teacher's tests, never both.

The parent (:class:`Sandbox`) starts ``python -m kit.grading.sandbox`` under OS isolation
(kit.grading.isolation: bubblewrap, docker) and sends it one command at a time on stdin: ``run``
a cell, ``export`` variables as plain data (kit.grading.plaindata), or ``test`` a test cell on such
data. Replies come back on a dedicated pipe as length-prefixed frames carrying a per-run random id
(kit.grading.protocol); stdout and stderr go to /dev/null. The parent gives every reply a deadline
and kills the whole process group when it passes.

Inside, a second layer of Python guards: memory, CPU and file-size limits, a per-cell timer, and an
audit hook that refuses to open the grader's folders, to change files outside the temporary
folder, or to start programs. On its own that layer is not a security boundary (docs/SECURITY.md).
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kit.grading import isolation
from kit.grading.protocol import ChannelError, FrameReader, new_run_id, write_frame

BLOCKED = "medialit sandbox"
PRELOAD = ("kit", "kit.article", "pandas", "numpy")
STARTUP_SECONDS = 60.0  # imports on a busy machine; still bounded by the submission's budget


@dataclass(frozen=True)
class Limits:
    """Per-cell time (s), memory (bytes of address space), file size (bytes), whole-submission time (s),
    and the isolation to use (kit.grading.isolation.MODES)."""

    cell_seconds: float = 10.0
    memory_bytes: int = 2 * 1024**3
    file_bytes: int = 50 * 1024**2
    submission_seconds: float = 180.0
    isolation: str = "auto"


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


MODIFYING = {
    "os.remove", "os.rmdir", "os.rename", "os.mkdir", "os.symlink", "os.link", "os.truncate",
    "os.chmod", "os.chown", "os.utime", "os.chflags", "os.lchflags", "os.mkfifo", "os.mknod",
    "shutil.rmtree", "shutil.copyfile", "shutil.move", "shutil.copytree", "shutil.chown",
}  # fmt: skip


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
        "sys.setprofile",
    }

    def _real(path: Any) -> str | None:
        if isinstance(path, int):
            return None
        try:
            return os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return None

    def _denied(path: Any) -> bool:
        real = _real(path)
        return real is not None and any(real == root or real.startswith(root + os.sep) for root in deny_roots)

    def _outside(path: Any) -> bool:
        real = _real(path)
        return real is not None and not (real == work or real.startswith(work + os.sep))

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event in banned:
            raise PermissionError(f"{BLOCKED}: {event} is not allowed while grading")
        if event == "open" and args and _denied(args[0]):
            raise PermissionError(f"{BLOCKED}: reading {args[0]} is not allowed while grading")
        writing = len(args) > 2 and (
            (isinstance(args[1], str) and any(c in args[1] for c in "wax+"))
            or (isinstance(args[2], int) and args[2] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        )
        if event == "open" and writing and _outside(args[0]):
            if not str(_real(args[0])).startswith("/dev/"):
                raise PermissionError(f"{BLOCKED}: writing {args[0]} is not allowed while grading")
        if event in ("os.listdir", "os.scandir") and args and _denied(args[0]):
            raise PermissionError(f"{BLOCKED}: {event} on {args[0]} is not allowed while grading")
        if event in MODIFYING and args:
            paths = [a for a in args[:2] if isinstance(a, (str, bytes, os.PathLike))]
            if any(_outside(p) or _denied(p) for p in paths):
                raise PermissionError(f"{BLOCKED}: {event} outside the grading folder is not allowed")

    sys.addaudithook(hook)


def _run(code_source: str, cell_id: str, namespace: dict[str, Any], seconds: float) -> dict[str, Any]:
    reply: dict[str, Any] = {"id": cell_id, "ok": True, "error": "", "message": ""}
    try:
        code = compile(code_source, f"<cell {cell_id}>", "exec")
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            exec(code, namespace)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _CellTimeout:
        reply.update(ok=False, error="Timeout", message=f"the cell ran longer than {seconds:g} s")
    except MemoryError:
        reply.update(ok=False, error="MemoryError", message="the cell used more memory than allowed")
    except BaseException as exc:  # noqa: BLE001 - every error becomes a reply
        reply.update(ok=False, error=type(exc).__name__, message=str(exc)[:300])
    return reply


def _export(names: list[str], namespace: dict[str, Any]) -> dict[str, Any]:
    from kit.grading.plaindata import NotPlain, to_plain

    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name in names:
        if name not in namespace:
            continue
        try:
            values[name] = to_plain(namespace[name])
        except NotPlain as exc:
            problems[name] = str(exc)
        except Exception as exc:  # noqa: BLE001 - a hostile object may raise anything while read
            problems[name] = f"a value that could not be read ({type(exc).__name__})"
    return {"values": values, "problems": problems}


def _child(argv: list[str]) -> int:
    import resource

    # the reply channel: an inherited pipe (--reply-fd N) or, in a container, the original stdout
    reply_fd = int(argv[argv.index("--reply-fd") + 1]) if "--reply-fd" in argv else os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (1, 2):  # learner prints, at the Python or the C level, must go nowhere
        os.dup2(null, fd)
    setup = json.loads(sys.stdin.readline())
    run_id, role = setup["run"], setup["role"]
    limits = Limits(**setup["limits"])
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
    cpu = int(limits.submission_seconds + 10)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    for name in PRELOAD:  # import before the guard so module loading is not slowed or blocked
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - a missing optional module only means learners can't use it
            pass
    import matplotlib

    import kit.grading.plaindata  # noqa: F401 - loaded before any learner code can replace modules

    matplotlib.use("Agg")
    sys.stdout = sys.stderr = open(os.devnull, "w")
    stdin = sys.stdin
    sys.stdin = open(os.devnull)
    _install_guard(setup.get("deny", []), os.getcwd())

    def on_alarm(_signum: int, _frame: Any) -> None:
        raise _CellTimeout()

    signal.signal(signal.SIGALRM, on_alarm)
    send = write_frame  # bound now: replacing the module's function later changes nothing here
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": __builtins__}
    send(reply_fd, run_id, {"id": "ready", "ok": True})
    while True:
        line = stdin.readline()
        if not line:  # no more commands: leave at once (no atexit hooks of learner code, no slow teardown)
            os._exit(0)
        command = json.loads(line)
        op, cell_id = command["op"], command["id"]
        if op == "run":
            reply = _run(command["source"], cell_id, namespace, limits.cell_seconds)
        elif op == "export" and role == "learner":
            reply = {"id": cell_id, "ok": True, **_export(command["names"], namespace)}
        elif op == "test" and role == "verdict":
            from kit.grading.plaindata import NotPlain, from_plain

            try:
                namespace.update({k: from_plain(v) for k, v in command["values"].items()})
            except (NotPlain, KeyError, TypeError, ValueError) as exc:
                reply = {"id": cell_id, "ok": False, "error": "NotPlain", "message": str(exc)[:300]}
            else:
                reply = _run(command["source"], cell_id, namespace, limits.cell_seconds)
        else:
            reply = {"id": cell_id, "ok": False, "error": "Refused", "message": f"{op} is not for {role}"}
        send(reply_fd, run_id, reply)


# -- parent side --------------------------------------------------------------------------------------
def strip_magics(source: str) -> str:
    """IPython magics and shell lines cannot run in plain Python; they become ``pass`` (AUTHORING.md)."""
    return "\n".join("pass" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


class Sandbox:
    """A sandboxed grading process (``role`` "learner" or "verdict") under the isolation ``mode``.

    Use as a context manager: leaving it kills the whole process group and removes the temporary
    folder, whatever happened. ``deadline`` (time.monotonic) bounds every call.
    """

    def __init__(
        self, mode: str, role: str, limits: Limits, deny: Sequence[str | Path], deadline: float
    ) -> None:
        self.mode, self.role, self.limits, self.deadline = mode, role, limits, deadline
        self.deny = [str(Path(d).resolve()) for d in deny]
        self.run_id = new_run_id()
        self.proc: subprocess.Popen[bytes] | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._reader: FrameReader | None = None
        self._read_fd = -1
        self._first = True

    def __enter__(self) -> Sandbox:
        argv = [sys.executable, "-I", "-B", "-m", "kit.grading.sandbox"]
        env: dict[str, str] | None = None
        cwd: str | None = None
        read_fd, write_fd = -1, -1
        if self.mode == "docker":
            stdout: Any = subprocess.PIPE
        else:
            read_fd, write_fd = os.pipe()
            argv += ["--reply-fd", str(write_fd)]
            stdout = subprocess.DEVNULL
        if self.mode == "none":  # the Python guards alone, in a fresh folder on this computer
            self._tmp = tempfile.TemporaryDirectory(prefix="medialit-sandbox-")
            cwd = self._tmp.name
            env = {**isolation.SANDBOX_ENV, "HOME": cwd, "PATH": os.environ.get("PATH", "")}
            env.update(
                MPLCONFIGDIR=os.path.join(cwd, ".mpl"), MEDIALIT_ANSWERS_DIR=os.path.join(cwd, "answers")
            )
        try:
            self.proc = subprocess.Popen(
                isolation.wrap(self.mode, argv),
                stdin=subprocess.PIPE,
                stdout=stdout,
                stderr=subprocess.DEVNULL,
                pass_fds=(write_fd,) if write_fd >= 0 else (),
                start_new_session=True,  # its own process group, so one kill stops everything in it
                cwd=cwd,
                env=env if env is not None else {},
            )
        finally:
            if write_fd >= 0:
                os.close(write_fd)
        assert self.proc.stdin is not None
        if self.mode == "docker":
            assert self.proc.stdout is not None
            read_fd = self.proc.stdout.fileno()
        self._read_fd = read_fd
        os.set_blocking(self.proc.stdin.fileno(), False)
        self._reader = FrameReader(read_fd, self.run_id)
        setup = {"run": self.run_id, "role": self.role, "limits": asdict(self.limits), "deny": self.deny}
        self._write(json.dumps(setup) + "\n")
        return self

    def _left(self) -> float:
        return self.deadline - time.monotonic()

    def _write(self, text: str) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        data = memoryview(text.encode("utf-8"))
        fd = self.proc.stdin.fileno()
        while data:
            left = self._left()
            if left <= 0 or not select.select([], [fd], [], left)[1]:
                raise ChannelError("timeout", "the grading process stopped reading")
            try:
                data = data[os.write(fd, data) :]
            except BrokenPipeError:
                raise ChannelError("closed", "the grading process stopped") from None

    def call(self, command: dict[str, Any]) -> dict[str, Any]:
        """Send one command and wait for its reply (matched by id); raises ChannelError."""
        assert self._reader is not None
        if self._first:  # the ready message after the imports
            self._first = False
            self._reader.read(min(STARTUP_SECONDS, max(0.0, self._left())))
        self._write(json.dumps(command) + "\n")
        reply = self._reader.read(min(self.limits.cell_seconds + 5, max(0.0, self._left())))
        if reply.get("id") != command["id"]:
            raise ChannelError("interfered", "a reply came for another cell")
        return reply

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Kill the process group (bwrap's PID namespace goes with it) and clean up."""
        proc = self.proc
        if proc is not None and proc.stdin is not None and proc.poll() is None:
            try:  # the polite way first: end of commands, the sandbox exits and bwrap reaps it
                proc.stdin.close()
                proc.wait(2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if proc is not None:
            proc.wait()
            if proc.stdin is not None:
                try:
                    proc.stdin.close()
                except OSError:
                    pass
            if proc.stdout is not None:
                proc.stdout.close()
        if self.mode != "docker" and self._read_fd >= 0:
            os.close(self._read_fd)
            self._read_fd = -1
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1:]))
