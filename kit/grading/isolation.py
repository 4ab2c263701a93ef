"""OS-level isolation for the grading sandboxes: bubblewrap on Linux, Docker or Podman where installed.

:func:`resolve` turns what the teacher asked for (``auto``, ``bwrap``, ``docker``, ``none``) into the
mode to use, or into a plain reason why code cannot be run safely here. :func:`wrap` turns the
sandbox's Python command into the isolated command. What each layer stops: docs/SECURITY.md.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from kit.errors import GradingError

MODES = ("auto", "bwrap", "docker", "none")
NO_ISOLATION_FLAG = "--isolation none"
DOCKER_IMAGE = os.environ.get("MEDIALIT_DOCKER_IMAGE", "debian:bookworm-slim")
# The only writable folder inside a sandbox. It is a folder of its own, not /tmp itself, because the kit
# may be bound in under /tmp (a clone there), and the Python guard lets learner code change only this one.
WORKDIR = "/tmp/work"
SANDBOX_ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": WORKDIR,
    "TMPDIR": WORKDIR,
    "LANG": "C.UTF-8",
    "MPLBACKEND": "Agg",
    "MPLCONFIGDIR": f"{WORKDIR}/.matplotlib",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MEDIALIT_ANSWERS_DIR": f"{WORKDIR}/answers",
}


class IsolationUnavailable(GradingError):
    """The isolation the teacher asked for is not available on this computer."""


def _python_roots() -> list[Path]:
    """The folders the interpreter, the venv and the kit live in: the only host files a sandbox sees."""
    import sysconfig

    import kit

    roots = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), Path(sys.base_exec_prefix)}
    for name in ("stdlib", "platstdlib", "purelib", "platlib"):
        roots.add(Path(sysconfig.get_paths()[name]))
    roots.add(Path(kit.__file__).resolve().parent)  # an editable install keeps the kit in the repo
    roots.add(Path(os.path.realpath(sys.executable)).parent.parent)
    real = sorted({Path(os.path.realpath(r)) for r in roots if r.exists()} | {r for r in roots if r.exists()})
    # bind a folder once: drop folders inside another one already bound
    kept: list[Path] = []
    for root in sorted(real, key=lambda p: len(p.parts)):
        if root == Path("/"):
            continue
        if not any(root.is_relative_to(k) for k in kept):
            kept.append(root)
    return kept


def bwrap_command(argv: list[str], keep_fds: Sequence[int] = ()) -> list[str]:
    """``argv`` inside bubblewrap: no network, own PID namespace, read-only Python, a fresh /tmp."""
    bwrap = shutil.which("bwrap") or "bwrap"
    cmd = [bwrap, "--unshare-all", "--die-with-parent", "--new-session"]
    if os.geteuid() == 0:
        cmd += ["--cap-drop", "ALL"]
    cmd += ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64"):
        top = Path("/") / name
        if top.is_symlink():
            cmd += ["--symlink", os.readlink(top), str(top)]
        elif top.is_dir():
            cmd += ["--ro-bind", str(top), str(top)]
    for etc in ("/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives"):
        cmd += ["--ro-bind-try", etc, etc]
    # the fresh /tmp comes before the Python folders: a kit or venv that lives under /tmp (a clone there)
    # is then bound on top of it instead of being hidden by it
    cmd += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for root in _python_roots():
        if not root.is_relative_to("/usr"):
            cmd += ["--ro-bind", str(root), str(root)]
    cmd += ["--dir", WORKDIR, "--chdir", WORKDIR, "--clearenv"]
    for key, value in SANDBOX_ENV.items():
        cmd += ["--setenv", key, value]
    return [*cmd, "--", *argv]


def docker_command(engine: str, argv: list[str]) -> list[str]:
    """``argv`` in a throw-away container with no network and a read-only view of the Python folders."""
    cmd = [
        engine,
        "run",
        "--rm",
        "-i",
        "--network",
        "none",
        "--read-only",
        "--tmpfs",
        "/tmp:rw,size=256m",
        "--cap-drop",
        "ALL",
        "--security-opt",
        "no-new-privileges",
        "--pids-limit",
        "64",
        "--user",
        "65534:65534",
        "--workdir",
        WORKDIR,
    ]
    for root in _python_roots():
        cmd += ["--volume", f"{root}:{root}:ro"]
    for key, value in SANDBOX_ENV.items():
        cmd += ["--env", f"{key}={value}"]
    return [*cmd, DOCKER_IMAGE, *argv]


@functools.cache
def _bwrap_works() -> str:
    """'' when bubblewrap can start the sandbox's Python here, else why not."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    try:
        probe = subprocess.run(
            bwrap_command([sys.executable, "-I", "-c", "print('ok')"]),
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap could not start ({exc})"
    if probe.stdout.strip() != "ok":
        detail = (probe.stderr.strip().splitlines() or ["no message"])[-1]
        return f"bubblewrap cannot make a sandbox here ({detail}); user namespaces may be turned off"
    return ""


@functools.cache
def _docker_engine() -> tuple[str, str]:
    """(engine, '') for a working docker or podman, else ('', why not)."""
    for engine in ("docker", "podman"):
        path = shutil.which(engine)
        if path is None:
            continue
        try:
            info = subprocess.run([path, "info"], capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired):
            return "", f"{engine} is installed but does not answer"
        if info.returncode == 0:
            return path, ""
        return "", f"{engine} is installed but its engine is not running"
    return "", "neither docker nor podman is installed"


def resolve(requested: str = "auto") -> tuple[str | None, str]:
    """(mode, '') to run code with, or (None, why code questions cannot be run safely here).

    ``auto`` takes bubblewrap, then docker/podman; ``none`` is the teacher's explicit choice to run
    learner code with the Python guards only. Asking for bwrap or docker when it is missing raises.
    """
    if requested not in MODES:
        raise GradingError(f"--isolation must be one of {', '.join(MODES)}, not {requested!r}.")
    if requested == "none":
        return "none", ""
    if requested in ("auto", "bwrap"):
        why = _bwrap_works()
        if not why:
            return "bwrap", ""
        if requested == "bwrap":
            raise IsolationUnavailable(
                f"--isolation bwrap: {why}. On Debian or Ubuntu: apt-get install bubblewrap."
            )
    engine, docker_why = _docker_engine()
    if engine:
        return "docker", ""
    if requested == "docker":
        raise IsolationUnavailable(
            f"--isolation docker: {docker_why}. Install and start Docker or Podman, or use --isolation bwrap."
        )
    return None, (
        f"no sandbox is available on this computer ({why}; {docker_why}), so code questions were not run. "
        "Install bubblewrap (Linux: apt-get install bubblewrap) or Docker, or pass "
        f"{NO_ISOLATION_FLAG} to run learner code without isolation (only for code you trust)"
    )


def wrap(mode: str, argv: list[str]) -> list[str]:
    """The command that runs ``argv`` under ``mode`` (``none`` runs it as it is)."""
    if mode == "bwrap":
        return bwrap_command(argv)
    if mode == "docker":
        engine, why = _docker_engine()
        if not engine:
            raise IsolationUnavailable(f"--isolation docker: {why}.")
        return docker_command(engine, argv)
    return argv
