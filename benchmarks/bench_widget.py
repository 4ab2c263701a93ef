"""Highlighter speed in a real browser (JupyterLab + Debian's chromium).

Key presses are real (Playwright's keyboard), 80 ms apart (faster than anyone types), in rounds of
three: a caret move (ArrowRight), a key the view swallows and does nothing with ("x", the floor: what
any key costs this page and this machine), and a label key ("1", which draws a mark).

* key to mark presented: the browser's own Event Timing entry for the label key's keydown: from the
  event's timeStamp to the first frame *presented* after its handlers ran (what the issue means by "the
  mark drawn on screen"). Chromium reports it in steps of 8 ms and only from 16 ms up, so a press
  with no entry took under 12 ms; the median counts those as 8 ms and the note says how many there
  were. Goal: median <= 16 ms (one frame).
* key to mark painted: from the event's timeStamp to a task queued from the next animation frame,
  which runs once the renderer has done that frame's style, layout and paint (presentation follows).
* key to mark in the page: the same press until the <mark> is in the DOM (MutationObserver).
* the same two figures for the caret move and for the swallowed key (the floor).
* label key to kernel: from a label key press in the page to the kernel holding (and having saved)
  the new span. Both clocks are this machine's wall clock: the page stamps the key press, a kernel
  callback that runs after the widget's own handler stamps the arrival. Goal: median <= 100 ms.
* key to view updated: the same key press until the view has the kernel's reply (round trip: the
  mark is confirmed, or taken back if refused).
* render full article: the view's own timing of its first full draw (data-render-ms). Goal <= 200 ms.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "browser"))

PRESSES = 25
SETUP = """
import time, json, kit
article = kit.load_article()
h = kit.Highlighter(article, labels=['loaded', 'vague source'], question_id='bench')
h.clear()
arrivals = {}
h.on_msg(lambda w, content, buffers: arrivals.__setitem__(content.get('seq'), time.time() * 1000))
h
"""
REPORT = "print('ARRIVALS=' + json.dumps(arrivals))"

PRESS = """async (n) => {
    const root = document.querySelector('.mlh');
    root.focus();
    const key = (k) => root.dispatchEvent(
        new KeyboardEvent('keydown', {key: k, bubbles: true, cancelable: true}));
    const out = [];
    for (let i = 0; i < n; i++) {
        key('ArrowRight');
        const before = Number(root.dataset.handledSeq || 0);
        const t0 = performance.timeOrigin + performance.now();
        key('1');
        const p0 = performance.now();
        while (Number(root.dataset.handledSeq || 0) <= before) await new Promise((r) => setTimeout(r, 1));
        out.push({seq: before + 1, sent: t0, roundtrip: performance.now() - p0});
    }
    return out;
}"""


GAP_MS = 80
ROUND = ("ArrowRight", "x", "1")  # caret move, the floor (a swallowed key), a label key
DRAWN_WATCH = """() => {
    const root = document.querySelector('.mlh');
    window.__mlhKeys = [];
    window.__mlhEvents = [];
    let label = null;
    window.addEventListener('keydown', (e) => {
        const rec = {key: e.key, t: e.timeStamp, dom: null, painted: null};
        window.__mlhKeys.push(rec);
        if (e.key === '1') label = rec;
        requestAnimationFrame(() => setTimeout(() => { rec.painted = performance.now() - rec.t; }, 0));
    }, true);
    const isNew = (n) => n.nodeType === 1
        && (n.matches('mark.mlh-pending') || n.querySelector('mark.mlh-pending'));
    new MutationObserver((records) => {
        if (label === null || !records.some((r) => [...r.addedNodes].some(isNew))) return;
        label.dom = performance.now() - label.t;
        label = null;
    }).observe(root.querySelector('.mlh-article'), {childList: true, subtree: true});
    new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
            if (e.name === 'keydown') window.__mlhEvents.push({start: e.startTime, duration: e.duration});
        }
    }).observe({type: 'event', durationThreshold: 16});
    root.focus();
}"""
NAMES = {
    "1": ("key to mark presented (median)", "key to mark painted (median)"),
    "ArrowRight": ("caret move presented (median)", "caret move painted (median)"),
    "x": ("floor: swallowed key presented (median)", "floor: swallowed key painted (median)"),
}
DRAWN_NAMES = (*NAMES["1"], "key to mark in the page (median)", *NAMES["ArrowRight"], *NAMES["x"])


def _drawn(page) -> list[dict]:
    """PRESSES rounds of real key presses, GAP_MS apart; Event Timing and frame timings per key."""
    page.evaluate(DRAWN_WATCH)
    for _ in range(PRESSES):
        for key in ROUND:
            page.keyboard.press(key)
            page.wait_for_timeout(GAP_MS)
    page.wait_for_function(
        f"() => window.__mlhKeys.length >= {PRESSES * len(ROUND)}"
        " && window.__mlhKeys.every((k) => k.painted !== null)",
        timeout=30_000,
    )
    page.wait_for_timeout(500)  # Event Timing entries arrive after the frame is presented
    page.wait_for_function(
        f"() => Number(document.querySelector('.mlh').dataset.handledSeq) >= {PRESSES}", timeout=60_000
    )
    keys = page.evaluate("() => window.__mlhKeys")
    presented = {round(e["start"], 1): e["duration"] for e in page.evaluate("() => window.__mlhEvents")}
    rows = []
    for key in ROUND:
        mine = [k for k in keys if k["key"] == key]
        shown = [presented.get(round(k["t"], 1)) for k in mine]
        fast = sum(d is None for d in shown)
        durations = [8.0 if d is None else d for d in shown]
        painted = [k["painted"] for k in mine]
        goal = "goal <= 16; " if key == "1" else ""
        rows.append({
            "benchmark": NAMES[key][0], "value": statistics.median(durations), "unit": "ms",
            "note": f"{goal}Event Timing, 8 ms steps; {fast} of {len(mine)} under 12 ms (counted as 8); "
                    f"max {max(durations):.0f}",
        })
        rows.append({
            "benchmark": NAMES[key][1], "value": statistics.median(painted), "unit": "ms",
            "note": f"{len(mine)} presses; max {max(painted):.0f} ms; to the task after the next frame",
        })
        if key == "1":
            dom = [k["dom"] for k in mine if k["dom"] is not None]
            rows.append({
                "benchmark": DRAWN_NAMES[2], "value": statistics.median(dom), "unit": "ms",
                "note": f"key event to <mark> in the DOM; {len(dom)} presses; max {max(dom):.1f} ms",
            })
    return rows


def _skipped(reason: str) -> list[dict]:
    return [
        {"benchmark": name, "value": math.nan, "unit": "ms", "note": f"skipped: {reason}"}
        for name in (
            *DRAWN_NAMES,
            "label key to kernel (median)",
            "key to view updated (median)",
            "render full article",
        )
    ]


def run() -> list[dict]:
    from live_server import CHROMIUM, CHROMIUM_ARGS, start_server, write_notebook

    if not Path(CHROMIUM).exists():
        return _skipped("no chromium")
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="bench-widget-")) / "root"
    server = start_server(root)
    try:
        write_notebook(root / "bench.ipynb", [SETUP, REPORT])
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(server.page_url("lab", "bench.ipynb"))
                page.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-Notebook')")
                page.wait_for_function(
                    """() => { const p = window.jupyterapp.shell.currentWidget;
                        const k = p && p.sessionContext.session && p.sessionContext.session.kernel;
                        return k && k.status === 'idle'; }""",
                    timeout=90_000,
                )
                page.locator(".jp-Notebook .jp-Cell").first.click()
                page.evaluate(
                    "() => { window.jupyterapp.commands.execute('notebook:run-cell-and-select-next'); }"
                )
                page.wait_for_selector(".mlh .mlh-t", timeout=90_000)
                render_ms = float(page.locator(".mlh").first.get_attribute("data-render-ms"))
                drawn = _drawn(page)
                presses = page.evaluate(PRESS, PRESSES)
                page.locator(".jp-Notebook .jp-Cell").last.click()
                page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-cell'); }")
                out = page.locator(".jp-Notebook .jp-Cell").last.locator(".jp-OutputArea-output pre").first
                out.wait_for(timeout=60_000)
                deadline = time.monotonic() + 30
                while "ARRIVALS=" not in out.inner_text() and time.monotonic() < deadline:
                    time.sleep(0.1)
                arrivals = json.loads(out.inner_text().split("ARRIVALS=", 1)[1])
            finally:
                browser.close()
    finally:
        server.stop()
    one_way = [arrivals[str(p["seq"])] - p["sent"] for p in presses if str(p["seq"]) in arrivals]
    round_trip = [p["roundtrip"] for p in presses]
    return [
        *drawn,
        {
            "benchmark": "label key to kernel (median)",
            "value": statistics.median(one_way),
            "unit": "ms",
            "note": f"goal <= 100; {len(one_way)} presses, max {max(one_way):.0f} ms; incl. store write",
        },
        {
            "benchmark": "key to view updated (median)",
            "value": statistics.median(round_trip),
            "unit": "ms",
            "note": f"round trip through the kernel; max {max(round_trip):.0f} ms",
        },
        {
            "benchmark": "render full article",
            "value": render_ms,
            "unit": "ms",
            "note": "goal <= 200; first draw of the seed article in JupyterLab",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
