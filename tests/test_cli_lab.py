"""`medialit lab` starts a real JupyterLab that listens on loopback only and demands a token."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from kit.cli import lab_command, main


def test_lab_command_is_loopback_with_token(tmp_path: Path) -> None:
    cmd, address = lab_command(tmp_path, port=12345)
    assert "--ServerApp.ip=127.0.0.1" in cmd
    token = [arg for arg in cmd if arg.startswith("--IdentityProvider.token=")]
    assert token and len(token[0].split("=", 1)[1]) >= 32
    assert address.startswith("http://127.0.0.1:12345/lab/tree/notebooks/00_start_here.ipynb?token=")
    assert address.endswith(token[0].split("=", 1)[1])


def test_lab_refuses_a_folder_without_the_lessons(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["lab", "--root", str(tmp_path), "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert "Could not find notebooks/00_start_here.ipynb" in err and "Traceback" not in err


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.mark.slow
def test_lab_serves_start_here_on_loopback_with_token(repo_root: Path, tmp_path: Path) -> None:
    token = "t" * 48
    env = {**os.environ, "MEDIALIT_TOKEN": token, "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kit.cli", "lab", "--no-browser", "--root", str(repo_root)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        port = None
        deadline = time.monotonic() + 240  # a loaded 2-core CI machine starts Jupyter slowly
        ready = False
        log = []
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            log.append(line)
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match and port is None:
                port = int(match.group(1))
            if "Use Control-C to stop this server" in line:  # Jupyter listens from here on
                ready = True
                break
        assert port and ready, "JupyterLab did not start:\n" + "".join(log)
        listening: list = []
        for _ in range(100):  # Jupyter may log its address a moment before the socket listens
            listening = [
                c
                for c in psutil.net_connections(kind="tcp")
                if c.status == psutil.CONN_LISTEN and c.laddr.port == port
            ]
            if listening:
                break
            time.sleep(0.2)
        assert listening and all(c.laddr.ip == "127.0.0.1" for c in listening), "".join(log)
        base = f"http://127.0.0.1:{port}"
        assert _get(f"{base}/api/contents/notebooks") == 403  # no token: refused
        assert _get(f"{base}/api/contents/notebooks/00_start_here.ipynb?token={token}") == 200
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=30) as response:
            page = response.read().decode("utf-8")  # the page config JupyterLab hands the browser
        assert '"@jupyterlab/apputils-extension:announcements"' in page  # no "Jupyter news?" pop-up
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_lab_env_puts_the_kit_settings_first_and_keeps_the_rest() -> None:
    from jupyterlab_server.config import get_page_config

    from kit.cli import JUPYTER_CONFIG, lab_env

    env = lab_env({"JUPYTER_CONFIG_PATH": "/elsewhere"})
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(JUPYTER_CONFIG), "/elsewhere"]
    old = os.environ.get("JUPYTER_CONFIG_PATH")
    try:
        os.environ["JUPYTER_CONFIG_PATH"] = env["JUPYTER_CONFIG_PATH"]
        disabled = get_page_config([], None).get("disabledExtensions")
    finally:
        os.environ.pop("JUPYTER_CONFIG_PATH") if old is None else os.environ.update(JUPYTER_CONFIG_PATH=old)
    assert "@jupyterlab/apputils-extension:announcements" in disabled
