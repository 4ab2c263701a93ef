"""The search log in a real browser: JupyterLab 4 and Notebook 7, keyboard alone, save, restart, axe.

Every check reads real state: the kernel's answers store file, or the saved .ipynb on disk (through
kit.answers_from_notebook), and after a kernel restart the rows the new view draws.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from live_server import (
    Server,
    open_and_run_all,
    restart_and_run_all,
    saved_answer,
    stored_value,
    write_notebook,
)
from live_server import wait_for as _wait_for

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
pytestmark = [pytest.mark.browser, pytest.mark.slow]

QID = "q-log"
SETUP = f"import kit\nlog = kit.SearchLog({QID!r})\nlog"
FIRST = {
    "query": "Badr Organization",
    "source": "Wikipedia: Badr Organization",
    "who": "Wikipedia volunteers",
    "says": "An Iraqi party with an armed wing, part of the PMF.",
    "trust": "somewhat",
    "side": "independent",
}


def stored(server: Server, stem: str) -> list[dict]:
    return stored_value(server, stem, QID)


def wait_for(check, timeout: float = 30.0, what: str = "condition"):
    return _wait_for(check, timeout, what)


def type_entry(page, entry: dict) -> None:
    """Fill the form with the keyboard alone: Tab from box to box, letters pick an option, Enter adds."""
    page.locator(".mlsl input[name=query]").first.focus()
    for name in ("query", "source", "who", "says"):
        page.keyboard.insert_text(entry[name])
        page.keyboard.press("Tab")
    for name in ("trust", "side"):  # a focused <select> takes the typed start of an option
        page.keyboard.type(entry[name][:4])
        page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == "Add to log", f"Tab should reach the add button, reached {focused!r}"
    page.keyboard.press("Enter")


def rows(page) -> int:
    return page.locator(".mlsl .mlsl-table tbody tr").count()


def save(page, server: Server, name: str) -> dict:
    path = server.root / name
    before = path.stat().st_mtime
    page.locator(".mlsl input[name=query]").first.focus()
    page.keyboard.press("Control+s")
    wait_for(lambda: path.stat().st_mtime > before, what="the notebook to be saved")
    return wait_for(lambda: saved_answer(path, QID), what="answer in the saved notebook")


@pytest.mark.parametrize("ui", ["lab", "notebooks"])
def test_keyboard_only_log_survives_save_and_restart(jupyter: Server, page, ui: str) -> None:
    name = f"log_{ui}.ipynb"
    write_notebook(jupyter.root / name, [SETUP])
    open_and_run_all(page, jupyter, ui, name, ".mlsl form")
    stem = name.removesuffix(".ipynb")

    type_entry(page, FIRST)
    wait_for(lambda: stored(jupyter, stem) == [FIRST], what="the first search in the store")
    page.wait_for_function("() => document.querySelectorAll('.mlsl tbody tr').length === 1")
    # the status line follows the row by one kernel message
    page.wait_for_function(
        "() => (document.querySelector('.mlsl .mlsl-status')?.innerText || '')"
        ".toLowerCase().includes('saved')",
        timeout=30_000,
    )
    assert "saved" in page.locator(".mlsl .mlsl-status").inner_text().lower()
    # after adding, the focus is back in the first box, ready for the next search
    assert page.evaluate("() => document.activeElement.name") == "query"

    second = {**FIRST, "query": "Al-Mayadeen", "source": "Iran Press", "side": "same side as the article"}
    type_entry(page, second)
    wait_for(lambda: len(stored(jupyter, stem)) == 2, what="the second search")
    assert stored(jupyter, stem)[1]["side"] == "same side as the article"
    page.wait_for_function("() => document.querySelectorAll('.mlsl tbody tr').length === 2")

    # keyboard: reach "Remove search 1" and press Enter
    page.locator(".mlsl button[aria-label='Remove search 1']").focus()
    page.keyboard.press("Enter")
    wait_for(lambda: [e["query"] for e in stored(jupyter, stem)] == ["Al-Mayadeen"], what="remove")

    page.wait_for_function("() => document.querySelectorAll('.mlsl tbody tr').length === 1", timeout=30_000)
    # the answer output follows the store by one kernel message: a save a moment too early keeps the old
    # output, and the next save has the new one (the store never lags)
    for _ in range(5):
        saved = save(page, jupyter, name)
        if [e["query"] for e in saved["value"]] == ["Al-Mayadeen"]:
            break
        time.sleep(1)
    assert [e["query"] for e in saved["value"]] == ["Al-Mayadeen"] and saved["kind"] == "searchlog"

    restart_and_run_all(page, ".mlsl")
    page.wait_for_function("() => document.querySelectorAll('.mlsl tbody tr').length === 1", timeout=60_000)
    assert "Al-Mayadeen" in page.locator(".mlsl tbody tr").first.inner_text()


def test_axe_finds_no_serious_issue_in_the_log(jupyter: Server, page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    entries = json.dumps([FIRST, {**FIRST, "query": "Fatah Alliance", "trust": "a lot"}])
    source = f"import kit\nlog = kit.SearchLog('q-axe', entries={entries})\nlog"
    write_notebook(jupyter.root / "log_axe.ipynb", [source])
    open_and_run_all(page, jupyter, "lab", "log_axe.ipynb", ".mlsl tbody tr")
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".mlsl").first.screenshot(path=str(ARTIFACTS / "searchlog-widget.png"))
    results = Axe().run(page, context={"include": [[".mlsl"]]})
    (ARTIFACTS / "axe-searchlog.json").write_text(json.dumps(results.response["violations"], indent=1))
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert results.response["passes"], "axe ran no rule on the log: it did not see it"
    assert not bad, json.dumps(bad, indent=1)[:3000]
