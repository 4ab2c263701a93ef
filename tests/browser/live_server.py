"""Start a real Jupyter server (JupyterLab + Notebook 7) for browser tests and benchmarks.

Loopback only, a random token, a fresh temp root, config and runtime folders, and
``MEDIALIT_ANSWERS_DIR`` inside the root. Used by tests/browser/conftest.py and
benchmarks/bench_widget.py (which puts this folder on sys.path).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import nbformat

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Server:
    """A running server: where it is, its token, its root folder and its answers folder."""

    url: str
    token: str
    root: Path
    answers_dir: Path
    proc: subprocess.Popen

    def api(self, path: str, method: str = "GET", body: dict | None = None) -> dict | list:
        """Call the server's REST API with the token."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=20) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else {}

    def page_url(self, ui: str, notebook: str) -> str:
        """URL of a notebook in JupyterLab (ui="lab") or Notebook 7 (ui="notebooks")."""
        if ui == "lab":  # reset: open only this notebook, not the tabs a former page left open
            return f"{self.url}/lab/tree/{notebook}?reset&token={self.token}"
        return f"{self.url}/notebooks/{notebook}?token={self.token}"

    def stop(self) -> None:
        """Shut down kernels and the server; kill the process group if it does not go quietly."""
        try:
            for kernel in self.api("/api/kernels"):
                self.api(f"/api/kernels/{kernel['id']}", method="DELETE")
        except Exception:  # a dead server cannot list kernels; carry on to stop it anyway
            pass
        try:
            self.api("/api/shutdown", method="POST")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_notebook(path: Path, sources: list[str]) -> Path:
    """Write a notebook made of these code cells (not executed)."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def start_server(root: Path, timeout: float = 90) -> Server:
    """Start JupyterLab in ``root`` on a free loopback port with a random token; wait until it answers."""
    root.mkdir(parents=True, exist_ok=True)
    home = root.parent / f"{root.name}-jupyter"
    for sub in ("config", "runtime", "data", "workspaces"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    answers = root / "answers"
    token = secrets.token_hex(24)
    port = free_port()
    # Expose the app object to the page so tests can run Lumino commands (both UIs read this option).
    for name in ("jupyter_server_config.json", "jupyter_lab_config.json", "jupyter_notebook_config.json"):
        (home / "config" / name).write_text(
            json.dumps(
                {
                    "LabApp": {"expose_app_in_browser": True},
                    "JupyterNotebookApp": {"expose_app_in_browser": True},
                }
            )
        )
    # No "get Jupyter news?" pop-up over the page (it would need the network anyway).
    (home / "config" / "labconfig").mkdir(exist_ok=True)
    (home / "config" / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    )
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "MEDIALIT_ANSWERS_DIR": str(answers),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    env.pop("JPY_SESSION_NAME", None)
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.open_browser=False",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",
        "--allow-root",
    ]
    log = (home / "server.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", token, root, answers, proc)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Jupyter exited early; see {home / 'server.log'}")
        try:
            server.api("/api/status")
            return server
        except (OSError, urllib.error.URLError):
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"Jupyter did not answer within {timeout} s; see {home / 'server.log'}")


# JupyterLab helpers shared by the browser tests (they need the app exposed: see start_server).
KERNEL_IDLE = """async () => {
    const panel = window.jupyterapp.shell.currentWidget;
    await panel.context.ready;
    await panel.sessionContext.ready;
    for (let i = 0; i < 600; i++) {
        const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
        if (kernel && kernel.status === "idle") return true;
        await new Promise((r) => setTimeout(r, 100));
    }
    return false;
}"""


def command(page, name: str, wait: bool = False) -> None:
    """Start a JupyterLab command by name, as its menus would. With ``wait``, return only when it has
    finished (e.g. a save has reached the disk); without, return at once (it may open a dialog)."""
    call = f"window.jupyterapp.commands.execute({json.dumps(name)})"
    page.evaluate(f"() => {call}" if wait else f"() => {{ {call}; }}")


def open_and_run_all(page, server: Server, ui: str, name: str, ready: str) -> None:
    """Open a notebook in JupyterLab ("lab") or Notebook 7 ("notebooks"), run every cell, and wait for
    the CSS selector ``ready`` (the widget's view) to appear."""
    page.goto(server.page_url(ui, name))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')",
        timeout=60_000,
    )
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    assert page.evaluate(KERNEL_IDLE), "the kernel did not become idle"
    page.locator(".jp-Notebook .jp-Cell").first.click()
    command(page, "notebook:run-all-cells")
    page.wait_for_selector(ready, timeout=60_000)


def restart_and_run_all(page, view: str) -> None:
    """Clear outputs (so an old view of selector ``view`` cannot pass for the new one), restart the
    kernel, and run every cell again."""
    import time

    command(page, "notebook:clear-all-cell-outputs")
    page.wait_for_selector(f".jp-Notebook {view}", state="detached")
    command(page, "kernelmenu:restart")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_selector(".jp-Dialog", state="detached")
    time.sleep(0.5)  # the restart begins after the dialog closes; then wait for the new kernel
    assert page.evaluate(KERNEL_IDLE), "the kernel did not come back after the restart"
    page.locator(".jp-Notebook .jp-Cell").first.click()
    command(page, "notebook:run-all-cells")


def wait_for(check, timeout: float = 20.0, what: str = "condition"):
    """Poll ``check`` until it returns something truthy (returned), or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def saved_answer(path: Path, question_id: str) -> object | None:
    """A question's answer in a notebook file, or None while Jupyter is still writing it (the file can
    be empty for a moment after its time stamp changes, on a busy machine): for ``wait_for``."""
    import kit

    try:
        return kit.answers_from_notebook(path).get(question_id)
    except kit.NotebookError:
        return None


def stored_value(server: Server, stem: str, question_id: str) -> list:
    """What the kernel saved in the answers store for a question ([] before the first save)."""
    from kit.answers import AnswerStore

    payload = AnswerStore(server.answers_dir).load(stem, question_id)
    return [] if payload is None else payload["value"]
