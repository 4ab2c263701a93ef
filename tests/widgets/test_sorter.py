"""The Sorter widget: choices are checked, saved at once, restored, and travel inside the notebook."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import nbformat
import pytest

import kit
from kit.answers import ANSWER_MIME, AnswerStore, answers_from_notebook
from kit.errors import AnswerError
from kit.grading.testing import run_in_kernel
from kit.widgets.sorter import NOT_SORTED, Sorter

TEXT = "The dam opened in 1971. Engineers may want a new one. It should be pulled down. Who pays?"


def test_reachable_from_kit_and_kit_widgets() -> None:
    assert kit.Sorter is Sorter
    assert kit.widgets.Sorter is Sorter


def test_built_from_an_article_sorts_every_sentence(tmp_path: Path) -> None:
    article = kit.Article.from_text(TEXT)
    sorter = Sorter(article, question_id="q", store=tmp_path)
    assert [sid for sid, _ in sorter.items] == [s.id for s in article.sentences]
    assert sorter.categories == ["checkable", "unverifiable", "opinion"]
    assert sorter.value == {}
    assert sorter.payload["kind"] == "sort" and sorter.payload["article_sha"] == article.sha


def test_set_saves_to_the_store_at_once(tmp_path: Path) -> None:
    article = kit.Article.from_text(TEXT)
    sorter = Sorter(article, question_id="l3-test", store=tmp_path, notebook="nb")
    first, second = article.sentences[0].id, article.sentences[1].id
    sorter.set(first, "checkable")
    sorter.set(second, "unverifiable")
    saved = AnswerStore(tmp_path).load("nb", "l3-test")
    assert saved is not None and saved["value"] == {first: "checkable", second: "unverifiable"}
    sorter.set(first, None)
    assert AnswerStore(tmp_path).load("nb", "l3-test")["value"] == {second: "unverifiable"}
    frame = sorter.to_frame()
    assert list(frame.columns) == ["sentence_id", "text", "category"]
    assert frame.set_index("sentence_id").loc[second, "category"] == "unverifiable"


def test_choosing_in_the_drop_down_is_the_same_as_set(tmp_path: Path) -> None:
    sorter = Sorter(
        ["Rain fell.", "They plot in secret."], ["fact", "guess"], "dd", store=tmp_path, notebook="n"
    )
    menu = sorter._menus["2"]
    assert menu.options[0] == (NOT_SORTED, None)
    menu.value = "guess"  # what the browser does when the learner picks an option
    assert sorter.value == {"2": "guess"}
    assert AnswerStore(tmp_path).load("n", "dd")["value"] == {"2": "guess"}


def test_a_new_sorter_restores_the_saved_answer(tmp_path: Path) -> None:
    article = kit.Article.from_text(TEXT)
    sid = article.sentences[2].id
    Sorter(article, question_id="r", store=tmp_path, notebook="nb").set(sid, "opinion")
    again = Sorter(article, question_id="r", store=tmp_path, notebook="nb")
    assert again.value == {sid: "opinion"}
    assert again._menus[sid].value == "opinion"


def test_an_answer_for_another_article_is_set_aside_not_loaded(tmp_path: Path) -> None:
    one = kit.Article.from_text(TEXT)
    other = kit.Article.from_text("A different text. With two sentences.")
    Sorter(one, question_id="x", store=tmp_path, notebook="nb").set(one.sentences[0].id, "checkable")
    with pytest.warns(UserWarning, match="different article"):
        fresh = Sorter(other, question_id="x", store=tmp_path, notebook="nb")
    assert fresh.value == {}
    assert list((tmp_path / "nb").glob("x.old-*.json")), "the old answer should be kept, not lost"


def test_built_from_a_claims_table_and_chosen_ids(tmp_path: Path) -> None:
    article = kit.load_article()
    claims = kit.find_claims(article)
    ids = list(claims["sentence_id"][3:6])
    sorter = Sorter(claims, question_id="t", store=tmp_path, sentence_ids=ids)
    assert [sid for sid, _ in sorter.items] == ids
    assert sorter.items[0][1] == claims.set_index("sentence_id").loc[ids[0], "text"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((42,), "Sorter needs an article"),
        (([],), "no sentences"),
        ((["a", ("b",)],), "Sorter item 2"),
        ((["a", "b"], ["one"]), "2 to 9 categories"),
        ((["a", "b"], ["x", "x"]), "same category"),
        ((["a", "b"], ["x", ""]), "empty"),
        (([("s1", "a"), ("s1", "b")],), "appears twice"),
    ],
)
def test_bad_input_gets_a_plain_message(args: tuple, message: str, tmp_path: Path) -> None:
    with pytest.raises(AnswerError, match=message):
        Sorter(*args, store=tmp_path)


def test_unknown_ids_and_categories_are_refused(tmp_path: Path) -> None:
    article = kit.Article.from_text(TEXT)
    with pytest.raises(AnswerError, match="not in the article"):
        Sorter(article, sentence_ids=["s99"], store=tmp_path)
    sorter = Sorter(article, question_id="u", store=tmp_path)
    with pytest.raises(AnswerError, match="not in this sorter"):
        sorter.set("s99", "checkable")
    with pytest.raises(AnswerError, match="not a category"):
        sorter.set(article.sentences[0].id, "true")
    assert sorter.value == {}


@pytest.mark.slow
def test_the_answer_travels_inside_a_saved_notebook(tmp_path: Path) -> None:
    """A real kernel runs a Sorter; the saved .ipynb holds the newest answer, read back without running it."""
    code = textwrap.dedent(
        f"""
        import kit
        article = kit.Article.from_text({TEXT!r})
        sorter = kit.Sorter(article, ["checkable", "unverifiable", "opinion"], "l3-travel",
                            store={str(tmp_path / "answers")!r}, notebook="travel")
        sorter
        """
    )
    update = (
        "sorter.set(article.sentences[0].id, 'checkable')\n"
        "sorter.set(article.sentences[1].id, 'unverifiable')"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code), nbformat.v4.new_code_cell(update)])
    run_in_kernel(nb, tmp_path)
    path = tmp_path / "travel.ipynb"
    nbformat.write(nb, path)
    mimes = [o.get("data", {}) for o in nb.cells[0].outputs]
    assert any("application/vnd.jupyter.widget-view+json" in d for d in mimes), "the widget view is shown"
    answers = answers_from_notebook(path)
    article = kit.Article.from_text(TEXT)
    payload = answers["l3-travel"]
    assert payload["kind"] == "sort"
    assert payload["value"] == {article.sentences[0].id: "checkable", article.sentences[1].id: "unverifiable"}
    assert json.dumps(payload)  # plain JSON, as the contract says
    assert any(ANSWER_MIME in d for d in mimes)


# -- in a real browser ------------------------------------------------------------------------------
BROWSER_HELPERS = Path(__file__).resolve().parents[1] / "browser"


@pytest.mark.browser
@pytest.mark.slow
def test_in_jupyterlab_a_choice_is_saved_and_travels_in_the_saved_notebook(tmp_path: Path) -> None:
    """Real JupyterLab and chromium: pick a kind by label; it is stored, and saving keeps it in the file."""
    import sys
    import time

    sys.path.insert(0, str(BROWSER_HELPERS))
    from live_server import CHROMIUM, CHROMIUM_ARGS, start_server, write_notebook
    from playwright.sync_api import sync_playwright

    server = start_server(tmp_path / "root")
    try:
        setup = (
            "import kit\n"
            f"article = kit.Article.from_text({TEXT!r})\n"
            "s = kit.Sorter(article, ['checkable', 'unverifiable', 'opinion'], 'l3-browser')\n"
            "s"
        )
        path = write_notebook(server.root / "sorter_flow.ipynb", [setup])
        article = kit.Article.from_text(TEXT)
        second = article.sentences[1].id
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(server.page_url("lab", "sorter_flow.ipynb"))
                page.wait_for_function(
                    "() => window.jupyterapp"
                    " && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')",
                    timeout=60_000,
                )
                page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
                kernel_idle = """async () => {
                    const panel = window.jupyterapp.shell.currentWidget;
                    await panel.sessionContext.ready;
                    for (let i = 0; i < 600; i++) {
                        const k = panel.sessionContext.session && panel.sessionContext.session.kernel;
                        if (k && k.status === "idle") return true;
                        await new Promise((r) => setTimeout(r, 100));
                    }
                    return false;
                }"""
                assert page.evaluate(kernel_idle), "the kernel did not become idle"
                page.locator(".jp-Notebook .jp-Cell").first.click()
                page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
                # the drop-down is found by its visible label: screen readers get the same name
                menu = page.get_by_label("Sentence 2 is")
                menu.wait_for(timeout=60_000)
                menu.select_option(label="unverifiable")
                deadline = time.monotonic() + 20
                saved = None
                while time.monotonic() < deadline and not saved:
                    saved = AnswerStore(server.answers_dir).load("sorter_flow", "l3-browser")
                    saved = saved if saved and saved["value"] else None
                    time.sleep(0.1)
                assert saved is not None and saved["value"] == {second: "unverifiable"}
                page.get_by_text("Sorted 1 of").wait_for(timeout=10_000)
                before = path.stat().st_mtime
                page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline and path.stat().st_mtime <= before:
                    time.sleep(0.1)
                answers = answers_from_notebook(path)
                assert answers["l3-browser"]["value"] == {second: "unverifiable"}
            finally:
                browser.close()
    finally:
        server.stop()
