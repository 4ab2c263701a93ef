"""The README's first command for real: `medialit lab` opens JupyterLab on the start-here notebook,
and the notebook runs in the browser and shows the article as a reader sees it."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kit.cli import START_NOTEBOOK

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`medialit lab --no-browser` on a copy of the kit's notebooks (so nothing in the repo changes)."""
    root = tmp_path_factory.mktemp("kitcopy")
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    shutil.copytree(REPO / "seeds", root / "seeds")
    log = root / "lab.log"
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(root / ".rt"),
        "JUPYTER_CONFIG_DIR": str(root / ".cfg"),
        "MEDIALIT_ANSWERS_DIR": str(root / ".answers"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "kit.cli", "lab", "--no-browser", "--root", str(root)],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    url = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        text = log.read_text()
        match = re.search(r"(http://127\.0\.0\.1:\d+)/\S*\?token=(\w{32,})", text)
        if match and "Use Control-C to stop this server" in text:
            url = f"{match.group(1)}/?token={match.group(2)}"
            break
        time.sleep(0.3)
    try:
        assert url, "medialit lab did not start:\n" + log.read_text()[-3000:]
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_lab_opens_start_here_and_it_runs(lab: str, browser, page) -> None:
    page.goto(lab)  # the bare address: JupyterLab must take us to the start-here notebook by itself
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    title = page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel").first.inner_text()
    assert title == Path(START_NOTEBOOK).name
    # wait for the kernel, then use the menus as a learner would: Run > Run All Cells
    page.wait_for_function(
        "() => document.querySelector('#jp-main-statusbar').innerText.includes('| Idle')", timeout=90_000
    )
    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    # the article cell renders the title and headings as a reader sees them
    heading = page.locator(".jp-OutputArea-output h3", has_text="Washington’s new conspiracy in Iraq").first
    heading.wait_for(timeout=90_000)
    page.locator(".jp-RenderedText", has_text="Back to top button").first.wait_for(
        timeout=60_000
    )  # what was cut
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert "Traceback" not in page.locator(".jp-Notebook").inner_text()
    # JupyterLab's "Would you like to get Jupyter news?" toast is off in the lab the kit starts
    assert page.locator(".Toastify__toast", has_text="Jupyter news").count() == 0
    try:  # JupyterLab draws only the cells in view, so the heading may be redrawn while we scroll
        heading.scroll_into_view_if_needed(timeout=5_000)
    except Exception:
        pass
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "start-here.png"))
    if os.environ.get("MEDIALIT_UPDATE_SCREENSHOTS") == "1":
        page.screenshot(path=str(REPO / "docs" / "img" / "start-here.png"))
