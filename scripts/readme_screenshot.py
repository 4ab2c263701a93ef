"""Regenerate docs/img/start-here.png from the learner set-up, as the README shows it.

    python scripts/readme_screenshot.py            (run with the test environment's Python: it drives
                                                    chromium with Playwright)

It makes a throw-away virtual environment with the kit alone (`pip install .`, what `make lab`
installs: no nbgrader, so no Nbgrader menu), starts `medialit lab --no-browser` from it on a copy of the
notebooks, opens the start-here notebook in Debian's chromium, runs all cells and saves the picture.
It refuses to save a picture that shows an Nbgrader menu or the "Jupyter news" pop-up.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def learner_env(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    python = folder / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(REPO)], check=True)
    return python


def start_lab(python: Path, root: Path) -> tuple[subprocess.Popen, str]:
    log = root / "lab.log"
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(root / ".rt"),
        "JUPYTER_CONFIG_DIR": str(root / ".cfg"),
        "JUPYTER_DATA_DIR": str(root / ".data"),
        "MEDIALIT_ANSWERS_DIR": str(root / ".answers"),
    }
    proc = subprocess.Popen(
        [str(python), "-m", "kit.cli", "lab", "--no-browser", "--root", str(root)],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=root,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        text = log.read_text()
        match = re.search(r"(http://127\.0\.0\.1:\d+)/\S*\?token=(\w{32,})", text)
        if match and "Use Control-C to stop this server" in text:
            return proc, f"{match.group(1)}/?token={match.group(2)}"
        time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGTERM)
    raise SystemExit("medialit lab did not start:\n" + log.read_text()[-3000:])


def shoot(url: str, target: Path) -> None:
    from playwright.sync_api import sync_playwright

    from kit.pack import BROWSER_FLAGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_FLAGS, headless=True)
        page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
        page.goto(url)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
        page.wait_for_function(
            "() => document.querySelector('#jp-main-statusbar').innerText.includes('| Idle')", timeout=120_000
        )
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        heading = page.locator(
            ".jp-OutputArea-output h3", has_text="Washington’s new conspiracy in Iraq"
        ).first
        heading.wait_for(timeout=120_000)
        page.wait_for_timeout(3000)  # the news pop-up, if it came at all, comes in the first seconds
        menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
        if any("nbgrader" in m.lower() for m in menus):
            raise SystemExit(f"The learner set-up shows an Nbgrader menu ({menus}); not saving.")
        if page.locator(".Toastify__toast", has_text="Jupyter news").count():
            raise SystemExit("The 'Jupyter news' pop-up is showing; not saving.")
        try:
            heading.scroll_into_view_if_needed(timeout=5_000)
        except Exception:  # noqa: BLE001 - JupyterLab may redraw the cell while we scroll; the shot still works
            pass
        page.screenshot(path=str(target))
        browser.close()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="medialit-shot-") as tmp:
        work = Path(tmp)
        print("Installing the kit alone into a fresh environment (as `make lab` does)...", flush=True)
        python = learner_env(work / "venv")
        root = work / "kit"
        shutil.copytree(REPO / "notebooks", root / "notebooks")
        shutil.copytree(REPO / "seeds", root / "seeds")
        proc, url = start_lab(python, root)
        try:
            target = REPO / "docs" / "img" / "start-here.png"
            shoot(url, target)
            print(f"wrote {target}")
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
