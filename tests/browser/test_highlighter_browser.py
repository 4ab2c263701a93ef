"""The highlighter in a real browser: JupyterLab 4 and Notebook 7, mouse and keyboard, save, restart.

One server for the module; every check reads real state: the kernel's answers store file, a cell's
printed output, or the saved .ipynb on disk (through kit.answers_from_notebook).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from live_server import (
    KERNEL_IDLE,
    Server,
    command,
    restart_and_run_all,
    saved_answer,
    stored_value,
    wait_for,
    write_notebook,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import kit
from kit.offline import ensure_cmudict

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLE = kit.load_article()
QID = "q-browser"
SETUP = (
    "import kit\n"
    "article = kit.load_article()\n"
    f"h = kit.Highlighter(article, labels=['loaded', 'vague source'], question_id={QID!r})\n"
    "h"
)
PRINT = "print('SPANS=' + __import__('json').dumps([s.to_dict() for s in h.spans]))"


def span_of(phrase: str) -> tuple[int, int]:
    start = ARTICLE.text.index(phrase)
    return start, start + len(phrase)


def stored(server: Server, stem: str) -> list[dict]:
    """What the kernel saved in the answers store (it writes on every accepted change)."""
    return stored_value(server, stem, QID)


def open_and_run(page, server: Server, ui: str, name: str) -> None:
    page.goto(server.page_url(ui, name))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')",
        timeout=60_000,
    )
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    run_all(page)


def run_all(page) -> None:
    assert page.evaluate(KERNEL_IDLE), "the kernel did not become idle"
    page.locator(".jp-Notebook .jp-Cell").first.click()
    command(page, "notebook:run-all-cells")
    page.wait_for_selector(".mlh .mlh-article .mlh-t", timeout=60_000)


def restart_and_run(page) -> None:
    restart_and_run_all(page, ".mlh")


def wait_mark(page, span: dict) -> None:
    """Wait until the view shows a mark (the kernel has sent the new spans back)."""
    key = f"{span['start']}:{span['end']}:{span['label']}"
    page.wait_for_selector(f'.mlh mark[data-key="{key}"]', timeout=20_000)


def wait_summary(page, count: int) -> None:
    """Wait until the answer output under the widget counts ``count`` highlights (what gets saved)."""
    page.wait_for_function(
        f"""() => [...document.querySelectorAll('.jp-OutputArea-output')]
            .some((o) => o.innerText.includes("saved: {count} highlight"))""",
        timeout=20_000,
    )


def drag_select(page, phrase: str) -> tuple[int, int]:
    """Select a phrase with the mouse: press on its first letter, drag to its last."""
    start, end = span_of(phrase)
    first = page.locator(f'.mlh-t[data-s="{start}"]').first
    last = page.locator(f'.mlh-t[data-e="{end}"]').first
    last.scroll_into_view_if_needed()  # Notebook 7 may fold a long output into a scroll box
    first.scroll_into_view_if_needed()
    a, b = first.bounding_box(), last.bounding_box()
    page.mouse.move(a["x"] + 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=8)
    page.mouse.move(b["x"] + b["width"] - 1, b["y"] + b["height"] / 2, steps=2)
    page.mouse.up()
    return start, end


def printed_spans(page) -> list[dict]:
    """Run a new cell that prints the kernel's spans and read its output."""
    page.locator(".jp-Notebook .jp-Cell").last.click()
    command(page, "notebook:insert-cell-below")
    editor = page.locator(".jp-Notebook .jp-Cell").last.locator(".cm-content")
    editor.click()
    page.keyboard.insert_text(PRINT)
    command(page, "notebook:run-cell")
    out = page.locator(".jp-Notebook .jp-Cell").last.locator(".jp-OutputArea-output pre")
    out.first.wait_for(timeout=30_000)
    text = wait_for(
        lambda: out.first.inner_text() if "SPANS=" in out.first.inner_text() else "", what="print"
    )
    return json.loads(text.split("SPANS=", 1)[1])


@pytest.fixture(scope="module")
def lab_nb(jupyter: Server) -> str:
    write_notebook(jupyter.root / "lab_flow.ipynb", [SETUP])
    return "lab_flow.ipynb"


def test_lab_mouse_keyboard_save_restart(jupyter: Server, page, lab_nb: str) -> None:
    open_and_run(page, jupyter, "lab", lab_nb)
    widget = page.locator(".mlh").first
    assert widget.get_attribute("tabindex") == "0"

    # mouse: drag over a phrase, then press the key of label 1 ("loaded")
    s1 = drag_select(page, "so-called anti-ISIS forces")
    page.keyboard.press("1")
    want1 = {"start": s1[0], "end": s1[1], "label": "loaded", "note": ""}
    wait_for(lambda: want1 in stored(jupyter, "lab_flow"), what="mouse span in the store")
    wait_mark(page, want1)
    assert ARTICLE.text[s1[0] : s1[1]] == "so-called anti-ISIS forces"
    # JupyterLab's own "1" shortcut (make the cell a Markdown heading) must not have fired
    assert page.locator(".jp-Notebook .jp-MarkdownCell").count() == 0

    # keyboard only: from the title, Ctrl+Down goes to the first paragraph; Shift+Right twice selects
    # "While the coronavirus"; key 2 labels it "vague source".
    widget.focus()
    page.keyboard.press("Control+Home")
    page.keyboard.press("Control+ArrowDown")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("2")
    s2 = span_of("While the coronavirus")
    want2 = {"start": s2[0], "end": s2[1], "label": "vague source", "note": ""}
    wait_for(lambda: want2 in stored(jupyter, "lab_flow"), what="keyboard span in the store")
    wait_mark(page, want2)

    # select that highlight with "[" (previous mark from the caret), relabel with 1, undo, redo
    page.keyboard.press("Home")
    page.keyboard.press("]")
    page.keyboard.press("1")
    relabelled = {**want2, "label": "loaded"}
    wait_for(lambda: relabelled in stored(jupyter, "lab_flow"), what="relabel")
    wait_mark(page, relabelled)
    page.keyboard.press("Control+z")
    wait_for(lambda: want2 in stored(jupyter, "lab_flow"), what="undo")
    wait_mark(page, want2)
    page.keyboard.press("Control+y")
    wait_for(lambda: relabelled in stored(jupyter, "lab_flow"), what="redo")
    wait_mark(page, relabelled)

    # Enter opens the edit panel; type a note and save it with the keyboard
    page.keyboard.press("Enter")
    note = page.locator(".mlh-editor textarea")
    note.wait_for()
    note.focus()
    page.keyboard.type("no name is given")
    page.locator(".mlh-editor button", has_text="Save note").focus()
    page.keyboard.press("Enter")
    noted = {**relabelled, "note": "no name is given"}
    wait_for(lambda: noted in stored(jupyter, "lab_flow"), what="note")
    page.keyboard.press("Escape")

    # the kernel holds exactly these spans
    assert sorted(printed_spans(page), key=lambda d: d["start"]) == sorted(
        [want1, noted], key=lambda d: d["start"]
    )

    # save with Ctrl+S while the widget has focus; the .ipynb on disk carries the spans
    wait_summary(page, 2)
    path = jupyter.root / lab_nb
    before = path.stat().st_mtime
    widget.focus()
    page.keyboard.press("Control+s")
    wait_for(lambda: path.stat().st_mtime > before, what="the notebook to be saved")
    answers = wait_for(lambda: saved_answer(path, QID), what="answer in the saved notebook")
    assert sorted(answers["value"], key=lambda d: d["start"]) == sorted(
        [want1, noted], key=lambda d: d["start"]
    )
    assert answers["article_sha"] == ARTICLE.sha and answers["cell_index"] == 0

    # restart the kernel, run again: the highlights come back from the answers store
    restart_and_run(page)
    page.wait_for_function(
        f"() => document.querySelectorAll('.mlh mark[data-key=\"{s1[0]}:{s1[1]}:loaded\"]').length > 0",
        timeout=60_000,
    )
    assert sorted(printed_spans(page), key=lambda d: d["start"]) == sorted(
        [want1, noted], key=lambda d: d["start"]
    )


def test_refused_edit_shows_a_message_and_loses_nothing(jupyter: Server, page, lab_nb: str) -> None:
    """An edit Python cannot accept (across two paragraphs) shows a message in the widget; nothing is lost.

    The view itself never proposes such a span (its keys stop at block edges), so the proposal is
    fed to the same handler the view's messages reach, from a cell.
    """
    open_and_run(page, jupyter, "lab", lab_nb)
    # keyboard selections stop at the edge of a block: Shift+Down from the title selects the title only
    page.locator(".mlh").first.focus()
    page.keyboard.press("Control+Home")
    for _ in range(3):
        page.keyboard.press("Shift+ArrowDown")
    page.keyboard.press("2")
    title = ARTICLE.blocks[0]
    want = {"start": title.start, "end": title.end - 1, "label": "vague source", "note": ""}  # no "?"
    wait_for(lambda: want in stored(jupyter, "lab_flow"), what="title mark")
    assert not page.locator(".mlh .mlh-message").is_visible()
    before = stored(jupyter, "lab_flow")
    gap = ARTICLE.blocks[1].end  # the blank gap after the first paragraph
    page.locator(".jp-Notebook .jp-Cell").last.click()
    command(page, "notebook:insert-cell-below")
    page.locator(".jp-Notebook .jp-Cell").last.locator(".cm-content").click()
    page.keyboard.insert_text(
        "h._on_browser_msg(h, {'type': 'medialit-edit', 'kind': 'add', 'seq': 999, "
        f"'span': {{'start': {gap - 5}, 'end': {gap + 5}, 'label': 'loaded'}}}}, [])"
    )
    command(page, "notebook:run-cell")
    alert = page.locator(".mlh .mlh-message")
    alert.wait_for(state="visible", timeout=20_000)
    assert "not kept" in alert.inner_text()
    assert stored(jupyter, "lab_flow") == before


@pytest.fixture(scope="module")
def nb7_nb(jupyter: Server) -> str:
    write_notebook(jupyter.root / "nb7_flow.ipynb", [SETUP])
    return "nb7_flow.ipynb"


def test_notebook7_core_flow(jupyter: Server, page, nb7_nb: str) -> None:
    open_and_run(page, jupyter, "notebooks", nb7_nb)
    widget = page.locator(".mlh").first
    s1 = drag_select(page, "trumpeted loudly")
    page.keyboard.press("1")
    want1 = {"start": s1[0], "end": s1[1], "label": "loaded", "note": ""}
    wait_for(lambda: want1 in stored(jupyter, "nb7_flow"), what="mouse span (Notebook 7)")
    wait_mark(page, want1)
    assert page.locator(".jp-Notebook .jp-MarkdownCell").count() == 0

    widget.focus()
    page.keyboard.press("Control+Home")
    page.keyboard.press("Control+ArrowDown")
    page.keyboard.press("s")  # select the whole first sentence
    page.keyboard.press("2")
    sentence = ARTICLE.sentences[0] if ARTICLE.sentences[0].block_id != "title" else ARTICLE.sentences[1]
    want2 = {"start": sentence.start, "end": sentence.end, "label": "vague source", "note": ""}
    got = wait_for(
        lambda: [d for d in stored(jupyter, "nb7_flow") if d["label"] == "vague source"], what="kb"
    )
    assert got[0]["start"] == want2["start"]
    assert ARTICLE.text[got[0]["start"] : got[0]["end"]].rstrip(".") == sentence.text.rstrip(".")

    wait_summary(page, 2)
    path = jupyter.root / nb7_nb
    before = path.stat().st_mtime
    widget.focus()
    page.keyboard.press("Control+s")
    wait_for(lambda: path.stat().st_mtime > before, what="Notebook 7 save")
    answers = wait_for(lambda: saved_answer(path, QID), what="answer in the saved notebook")
    assert want1 in answers["value"] and len(answers["value"]) == 2

    restart_and_run(page)
    page.wait_for_function(
        f"() => document.querySelectorAll('.mlh mark[data-key=\"{s1[0]}:{s1[1]}:loaded\"]').length > 0",
        timeout=60_000,
    )
    assert want1 in printed_spans(page)


def test_axe_finds_no_serious_issue_in_the_widget(jupyter: Server, page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    source = (
        "import kit\n"
        "article = kit.load_article()\n"
        "labels = ['loaded', 'vague source', 'unverifiable']\n"
        "h = kit.Highlighter(article, labels=labels, question_id='q-axe')\n"
        "h.clear()\n"
        "marks = [('so-called anti-ISIS forces', 'loaded'), ('so-called', 'vague source'),\n"
        "         ('Western media reported', 'vague source'), ('trumpeted loudly', 'unverifiable')]\n"
        "for phrase, label in marks:\n"
        "    start = article.text.index(phrase)\n"
        "    h.add(start, start + len(phrase), label, note='a note')\n"
        "h"
    )
    write_notebook(jupyter.root / "axe.ipynb", [source])
    open_and_run(page, jupyter, "lab", "axe.ipynb")
    page.wait_for_selector(".mlh mark.mlh-mark")
    assert page.locator(".mlh mark.mlh-mark mark.mlh-mark").count() > 0, "overlapping marks are nested"
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".mlh").first.screenshot(path=str(ARTIFACTS / "highlighter-widget.png"))
    help_text = page.locator(".mlh .mlh-help").inner_text()
    ensure_cmudict()
    import textstat

    assert textstat.flesch_kincaid_grade(help_text) <= 10, help_text
    assert "For a named source, mark the name" in help_text  # the source convention, for a source label
    page.locator(".mlh mark.mlh-mark .mlh-t").first.click()  # also check the open edit panel
    page.wait_for_selector(".mlh-editor:not([hidden])")
    results = Axe().run(page, context={"include": [[".mlh"]]})
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    report = ARTIFACTS / "axe-highlighter.json"
    report.write_text(json.dumps(results.response["violations"], indent=1))
    assert results.response["passes"], "axe ran no rule on the widget: it did not see it"
    assert not bad, json.dumps(bad, indent=1)[:3000]


# -- the optimistic view: marks are drawn at once, Python confirms or takes them back --------------
# ipykernel 7 handles the main shell's messages, comm messages too, in the main thread's asyncio loop
# (kernelbase.shell_main); any synchronous cell keeps that loop from running, even one that only
# sleeps, so a widget message waits until the cell returns (ipykernel 7.4, tried with a bare kernel
# client: a comm message sent during time.sleep(3) was handled as the cell ended). What made this
# test flaky was knowing when the busy cell had started: the kernel also says 'busy' for widget
# messages, and a cell that holds the interpreter lock in C (sum(range(...))) can keep even its own
# 'busy' and output from leaving the kernel until it ends (tried: a line printed with flush=True
# before sum(range(10**8)) reached the client only 3.6 s later, as the sum ended). So the busy cell
# prints a line the test waits for, then polls (releasing the lock) until the test drops a file: it
# is busy exactly while the test needs it, on any machine, and never longer than two minutes.
BUSY_SAID = "Python is busy now"
BUSY = (
    "import time\n"
    "from pathlib import Path\n"
    f"print({BUSY_SAID!r}, flush=True)\n"
    "_until = time.monotonic() + 120\n"
    "while not Path('busy.release').exists() and time.monotonic() < _until:\n"
    "    time.sleep(0.05)"
)
KERNEL_BUSY = """() => { const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    return k && k.status === 'busy'; }"""


def article_words() -> list[tuple[int, int]]:
    """The words the view moves through (the kit's tokenizer, inside the article's blocks)."""
    from kit.segment import split_words

    return [
        (a, b)
        for a, b in split_words(ARTICLE.text)
        if any(blk.start <= a and b <= blk.end for blk in ARTICLE.blocks)
    ]


def word_span(index: int, label: str = "loaded") -> dict:
    start, end = article_words()[index]
    return {"start": start, "end": end, "label": label, "note": ""}


def run_cell(page, index: int) -> None:
    """Run one cell of the open notebook (without waiting for it to finish)."""
    page.evaluate(
        f"""() => {{ window.jupyterapp.shell.currentWidget.content.activeCellIndex = {index};
            window.jupyterapp.commands.execute('notebook:run-cell'); }}"""
    )


def open_widget(page, server: Server, name: str) -> object:
    """Open a notebook in JupyterLab, run its first cell (the highlighter) only, focus the widget."""
    page.goto(server.page_url("lab", name))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-cell')",
        timeout=60_000,
    )
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    assert page.evaluate(KERNEL_IDLE), "the kernel did not become idle"
    run_cell(page, 0)
    page.wait_for_selector(".mlh .mlh-article .mlh-t", timeout=60_000)
    widget = page.locator(".mlh").first
    widget.focus()
    page.keyboard.press("Control+Home")
    return widget


def mark(page, span: dict):
    return page.locator(f'.mlh mark[data-key="{span["start"]}:{span["end"]}:{span["label"]}"]')


def settled(page) -> None:
    """Wait until Python has answered every edit the view sent."""
    page.wait_for_function("() => document.querySelector('.mlh').dataset.pending === '0'", timeout=60_000)


def keys(spans: list[dict]) -> list[tuple]:
    return sorted((d["start"], d["end"], d["label"], d["note"]) for d in spans)


def test_fast_typing_keeps_every_mark_once(jupyter: Server, page) -> None:
    write_notebook(jupyter.root / "fast.ipynb", [SETUP])
    open_widget(page, jupyter, "fast.ipynb")
    for _ in range(12):  # as fast as Playwright types: the kernel answers while keys keep coming
        page.keyboard.press("ArrowRight")
        page.keyboard.press("1")
    want = [word_span(i) for i in range(1, 13)]
    wait_for(lambda: keys(stored(jupyter, "fast")) == keys(want), what="12 marks in the store")
    settled(page)
    drawn = page.eval_on_selector_all(".mlh mark.mlh-mark", "ms => ms.map((m) => m.dataset.key)")
    assert sorted(drawn) == sorted(f"{d['start']}:{d['end']}:{d['label']}" for d in want)
    assert page.locator(".mlh mark.mlh-pending").count() == 0
    assert keys(printed_spans(page)) == keys(want)


def test_busy_kernel_marks_at_once_and_saves_when_free(jupyter: Server, page) -> None:
    write_notebook(jupyter.root / "busy.ipynb", [SETUP, BUSY])
    release = jupyter.root / "busy.release"
    release.unlink(missing_ok=True)
    open_widget(page, jupyter, "busy.ipynb")
    said = page.locator(".jp-Notebook .jp-Cell").nth(1).locator(".jp-OutputArea-output")
    run_cell(page, 1)
    try:
        said.filter(has_text=BUSY_SAID).wait_for(timeout=20_000)
    except PlaywrightTimeoutError:  # the first run request can land before the notebook takes commands
        run_cell(page, 1)
        said.filter(has_text=BUSY_SAID).wait_for(timeout=30_000)
    try:
        page.locator(".mlh").first.focus()
        first, second = word_span(1), word_span(2)
        page.keyboard.press("ArrowRight")
        page.keyboard.press("1")
        assert mark(page, first).get_attribute("data-pending") is not None  # drawn before Python answers
        page.keyboard.press("ArrowRight")
        page.keyboard.press("1")
        page.keyboard.press("[")  # the mark before the caret: the first one
        page.keyboard.press("Delete")
        assert mark(page, first).count() == 0 and mark(page, second).count() == 1
        waiting = page.locator(".mlh .mlh-waiting")
        waiting.wait_for(state="visible", timeout=20_000)
        assert "busy" in waiting.inner_text()
        assert page.evaluate(KERNEL_BUSY), "the busy cell ended before the test let it"
        assert stored(jupyter, "busy") == []  # Python is still busy: nothing saved yet, and the view says so
    finally:
        release.touch()  # the busy cell ends
    wait_for(lambda: keys(stored(jupyter, "busy")) == keys([second]), timeout=60, what="saved when free")
    settled(page)
    assert mark(page, second).get_attribute("data-pending") is None
    assert mark(page, first).count() == 0
    waiting.wait_for(state="hidden", timeout=10_000)
    assert keys(printed_spans(page)) == keys([second])


def test_refused_optimistic_edit_is_taken_back_with_a_message(jupyter: Server, page) -> None:
    """A mark drawn at once that Python then refuses: the view takes it back and says why, and the
    store is untouched. The refusal comes from a stricter check set up in the kernel (a teacher's
    rule that this question takes no vague sources), so the view cannot know it in advance."""
    strict = (
        "from kit.errors import AnswerError\n"
        "_check = h._check\n"
        "def strict(span):\n"
        "    span = _check(span)\n"
        "    if span.label == 'vague source':\n"
        "        raise AnswerError('this question takes no vague sources.')\n"
        "    return span\n"
        "h._check = strict"
    )
    write_notebook(jupyter.root / "refuse.ipynb", [SETUP, strict])
    open_widget(page, jupyter, "refuse.ipynb")
    run_cell(page, 1)
    assert page.evaluate(KERNEL_IDLE)
    refused = word_span(1, "vague source")
    key = f"{refused['start']}:{refused['end']}:vague source"
    page.evaluate(  # note whether the view drew the mark (as pending) before Python's answer
        """(key) => { window.__sawPending = false;
            const sel = `.mlh mark.mlh-pending[data-key="${key}"]`;
            const seen = () => { if (document.querySelector(sel)) window.__sawPending = true; };
            new MutationObserver(seen).observe(document.querySelector('.mlh-article'),
                {childList: true, subtree: true}); }""",
        key,
    )
    page.locator(".mlh").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("2")
    alert = page.locator(".mlh .mlh-message")
    alert.wait_for(state="visible", timeout=90_000)
    assert "not kept" in alert.inner_text() and "no vague sources" in alert.inner_text()
    settled(page)
    assert page.evaluate("() => window.__sawPending"), "the view did not draw the mark before the answer"
    assert page.locator(".mlh mark.mlh-mark").count() == 0
    assert stored(jupyter, "refuse") == []


def test_kernel_restart_never_loses_or_doubles_the_saved_answer(jupyter: Server, page) -> None:
    write_notebook(jupyter.root / "restart.ipynb", [SETUP])
    open_widget(page, jupyter, "restart.ipynb")
    first, second = word_span(1), word_span(2)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("1")
    wait_for(lambda: keys(stored(jupyter, "restart")) == keys([first]), what="the first mark saved")
    settled(page)
    command(page, "kernelmenu:restart")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_selector(".jp-Dialog", state="detached")
    page.locator(".mlh").first.focus()  # the old view, whose kernel is going away
    page.keyboard.press("ArrowRight")
    page.keyboard.press("1")
    assert page.evaluate(KERNEL_IDLE), "the kernel did not come back after the restart"
    # the view says the change was not saved (at once if the link is gone, or when no answer comes)
    page.wait_for_function(
        "() => document.querySelector('.mlh .mlh-waiting').innerText.includes('not saved')", timeout=60_000
    )
    assert keys(stored(jupyter, "restart")) == keys([first])
    # run the cell again: the new view shows what was saved, once; the unsaved mark is not there
    run_cell(page, 0)
    page.wait_for_function(
        "() => document.querySelectorAll('.mlh').length === 1"
        " && !document.querySelector('.mlh .mlh-pending')",
        timeout=60_000,
    )
    mark(page, first).wait_for(timeout=60_000)
    assert mark(page, second).count() == 0
    assert keys(printed_spans(page)) == keys([first])
    assert keys(stored(jupyter, "restart")) == keys([first])
