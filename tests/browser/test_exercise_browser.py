"""An exercise in a real JupyterLab: run it, check an empty answer, mark a passage, check, save, grade."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from live_server import KERNEL_IDLE, Server, command

import kit
from kit.grading.running import grade_notebook, load_key

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = kit.load_article()


def check_text(page, before: str) -> str:
    """Press the first "Check my answer" button and wait for a new message."""
    cell = page.locator(".jp-Cell", has=page.locator("button", has_text="Check my answer")).first
    cell.locator("button", has_text="Check my answer").click()
    out = cell.locator(".widget-output")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = out.inner_text()
        if text.strip() and text != before:
            return text
        time.sleep(0.2)
    raise AssertionError("the check button showed nothing")


def test_exercise_check_button_and_grading_of_the_saved_notebook(jupyter: Server, page) -> None:
    shutil.copy(ROOT / "exercises" / "00_demo.ipynb", jupyter.root / "00_demo.ipynb")
    page.goto(jupyter.page_url("lab", "00_demo.ipynb"))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')",
        timeout=60_000,
    )
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    assert page.evaluate(KERNEL_IDLE), "the kernel did not become idle"
    page.locator(".jp-Notebook .jp-Cell").first.click()
    command(page, "notebook:run-all-cells", wait=True)
    page.wait_for_selector(".mlh .mlh-article .mlh-t", timeout=60_000)
    page.wait_for_selector("button:has-text('Check my answer')", timeout=60_000)

    first = check_text(page, "")
    assert "Not answered yet" in first

    # mark one named source with the mouse, give it label 1 ("named source")
    start = ARTICLE.text.index("Qusai al-Anbari")
    end = start + len("Qusai al-Anbari")
    page.locator(f'.mlh-t[data-s="{start}"]').first.scroll_into_view_if_needed()
    a = page.locator(f'.mlh-t[data-s="{start}"]').first.bounding_box()
    b = page.locator(f'.mlh-t[data-e="{end}"]').first.bounding_box()
    page.mouse.move(a["x"] + 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] - 1, b["y"] + b["height"] / 2, steps=8)
    page.mouse.up()
    page.keyboard.press("1")
    page.wait_for_selector(f'.mlh mark[data-key="{start}:{end}:named source"]', timeout=20_000)

    second = check_text(page, first)
    assert "found 1 of the 2 practice passages" in second  # the class copy checks only the public part
    for phrase in ("Western media", "politicians believe", "Aleqabi"):  # the key stays hidden
        assert phrase not in second

    command(page, "docmanager:save", wait=True)
    saved = jupyter.root / "00_demo.ipynb"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "named source" not in saved.read_text(encoding="utf-8"):
        time.sleep(0.3)
    result = grade_notebook(saved, load_key(ROOT / "solutions" / "00_demo.ipynb"), learner="browser")
    sources = result.questions["demo-sources"]
    assert 0 < sources.points < sources.max_points
    assert list(sources.details["passages"]["status"]).count("found") == 1
