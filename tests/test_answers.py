"""The answers store, the answer output inside notebooks, and reading answers back from a saved .ipynb."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

from kit import NotebookError, answers_from_notebook
from kit.answers import ANSWER_MIME, AnswerRecorder, AnswerStore, make_payload, notebook_key
from kit.errors import AnswerError
from kit.grading.testing import run_in_kernel


def test_notebook_key_from_argument_session_or_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert notebook_key() == "default"
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/sam/course/02_loaded_language.ipynb")
    assert notebook_key() == "02_loaded_language"
    assert notebook_key("lesson9.ipynb") == "lesson9"


def test_notebook_key_in_vscode_comes_from_its_kernel_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """VS Code cannot run here; we give the kernel namespace the variable its Jupyter extension sets."""
    import types

    import IPython

    namespace = {"__vsc_ipynb_file__": "/home/sam/course/03_unverifiable_claims.ipynb"}
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setattr(IPython, "get_ipython", lambda: types.SimpleNamespace(user_ns=namespace))
    assert notebook_key() == "03_unverifiable_claims"
    namespace.clear()
    assert notebook_key() == "default"


def test_store_folder_from_env_or_working_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MEDIALIT_ANSWERS_DIR", str(tmp_path / "env"))
    assert AnswerStore().root == tmp_path / "env"
    monkeypatch.delenv("MEDIALIT_ANSWERS_DIR")
    monkeypatch.chdir(tmp_path)
    assert AnswerStore().root == tmp_path / ".medialit" / "answers"


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    store = AnswerStore(tmp_path)
    payload = make_payload("q/1 odd name", "text", "hello")
    path = store.save("my notebook", "q/1 odd name", payload)
    assert path.parent.parent == tmp_path and json.loads(path.read_text()) == payload
    store.save("my notebook", "q/1 odd name", {**payload, "value": "again"})
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert store.load("my notebook", "q/1 odd name")["value"] == "again"
    assert store.path("a", "q?") != store.path("a", "q*")  # cleaned names never collide


def test_recorder_refuses_bad_kinds_and_ids(tmp_path: Path) -> None:
    with pytest.raises(AnswerError, match="kind"):
        AnswerRecorder("q", "essay", store=tmp_path)
    with pytest.raises(AnswerError, match="question id"):
        AnswerRecorder(" ", "text", store=tmp_path)


def write_raw(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "does not exist"),
        ("", "empty"),
        ("   \n", "empty"),
        ('{"cells": [', "damaged"),
        (b"\xff\xfe\x00binary", "damaged"),
        ('{"name": "a data file"}', "not a Jupyter notebook"),
        ("[1, 2, 3]", "not a Jupyter notebook"),
    ],
)
def test_unreadable_notebooks_get_plain_errors(tmp_path: Path, content, words: str) -> None:
    path = tmp_path / "hand-in.ipynb"
    if content is not None:
        write_raw(path, content)
    with pytest.raises(NotebookError, match=words) as info:
        answers_from_notebook(path)
    assert str(path) in str(info.value)


def test_a_folder_is_not_a_notebook(tmp_path: Path) -> None:
    with pytest.raises(NotebookError, match="folder"):
        answers_from_notebook(tmp_path)


def test_newest_payload_wins_and_cell_index_is_given(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    old = make_payload("q", "choice", "a", saved_at="2026-01-01T10:00:00.000000Z")
    new = make_payload("q", "choice", "b", saved_at="2026-01-02T10:00:00.000000Z")
    other = make_payload("r", "text", "hi")
    cells = []
    for payload in (new, old, other):
        cell = nbformat.v4.new_code_cell("x")
        cell.outputs = [
            nbformat.v4.new_output("display_data", data={ANSWER_MIME: payload, "text/plain": "x"})
        ]
        cells.append(cell)
    nb.cells = [nbformat.v4.new_markdown_cell("intro"), *cells]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    got = answers_from_notebook(path)
    assert got["q"]["value"] == "b" and got["q"]["cell_index"] == 1
    assert got["r"]["cell_index"] == 3 and set(got) == {"q", "r"}


SETUP = """
import os, kit
article = kit.load_article()
h = kit.Highlighter(article, labels=['loaded', 'vague source'], question_id='q-restart', notebook='restart')
h
"""
CHOICE = """
c = kit.Choice('kind', ['news', 'opinion'], notebook='restart')
c
"""
ADD = """
start = article.text.index('so-called anti-ISIS forces')
h.add(start, start + len('so-called anti-ISIS forces'), 'loaded', note='a label, not a fact')
start = article.text.index('Western media reported')
h.add(start, start + len('Western media reported'), 'vague source')
"""
SHOW = "print('PID', os.getpid()); print('SPANS', [(s.start, s.end, s.label, s.note) for s in h.spans])"


def run(cells: list[str], tmp_path: Path) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    return run_in_kernel(nb, tmp_path)


def printed(nb: nbformat.NotebookNode) -> dict[str, str]:
    lines = "".join(o.get("text", "") for o in nb.cells[-1].outputs).splitlines()
    return dict(line.split(" ", 1) for line in lines)


@pytest.mark.slow
def test_highlights_survive_a_real_kernel_restart_and_travel_in_the_saved_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kit

    monkeypatch.setenv("MEDIALIT_ANSWERS_DIR", str(tmp_path / "answers"))
    first = run([SETUP, CHOICE, "c.value = 'opinion'", ADD, SHOW], tmp_path)
    before = printed(first)

    # nbclient applied update_display, so the widget's cell (index 0) carries the newest spans
    saved = tmp_path / "executed.ipynb"
    nbformat.write(first, saved)
    answer = answers_from_notebook(saved)["q-restart"]
    article = kit.load_article()
    assert answer["cell_index"] == 0 and answer["article_sha"] == article.sha
    texts = {article.text[v["start"] : v["end"]]: v["label"] for v in answer["value"]}
    assert texts == {"so-called anti-ISIS forces": "loaded", "Western media reported": "vague source"}
    choice = answers_from_notebook(saved)["kind"]
    assert choice["value"] == "opinion" and choice["kind"] == "choice" and choice["cell_index"] == 1

    # a new kernel process runs only the setup: the spans come back from the answers store
    second = run([SETUP, CHOICE, SHOW + "; print('CHOICE', c.value)"], tmp_path)
    after = printed(second)
    assert after["PID"] != before["PID"]
    assert after["SPANS"] == before["SPANS"] and "a label, not a fact" in after["SPANS"]
    assert after["CHOICE"] == "opinion"
    assert sorted(os.listdir(tmp_path / "answers" / "restart")) == ["kind.json", "q-restart.json"]


def _widget_cell(gid: str | None, *payloads: dict, locked: bool = False) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("kit.widgets.Choice(...)")
    if gid:
        cell.metadata["nbgrader"] = {"grade_id": gid, "locked": locked, "solution": not locked}
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={ANSWER_MIME: p, "text/plain": "x"}) for p in payloads
    ]
    return cell


def test_answers_count_only_in_their_own_unlocked_cell_and_the_rest_is_flagged() -> None:
    from kit.answers import question_answers

    real = make_payload("kind", "choice", "news", saved_at="2026-01-01T10:00:00.000000Z")
    forged = make_payload("kind", "choice", "opinion")
    future = make_payload("kind", "choice", "opinion", saved_at="2099-01-01T00:00:00.000000Z")
    bad = {**make_payload("kind", "choice", "opinion"), "saved_at": 5}
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _widget_cell("setup", forged, locked=True),
        _widget_cell("kind", real, future, bad),
        _widget_cell("missing", forged),
        _widget_cell(None, forged),
    ]
    got, flags = question_answers(nb, {"kind": "choice", "missing": "choice"})
    assert got["kind"]["value"] == "news" and set(got) == {"kind"}
    text = " ".join(flags)
    assert "cell 1 ('setup'): that cell is locked" in text
    assert "dated in the future (2099" in text and "not in the answer format (saved_at" in text
    assert "cell 3 ('missing'): it answers 'kind', but sits in another cell" in text
    assert "cell 4: it answers 'kind', but sits in another cell" in text
    # answers_from_notebook (the public reader) leaves out the same forgeries
    assert all(p["saved_at"] < "2099" for p in kit_iter(nb))


def kit_iter(nb):
    from kit.answers import iter_answer_outputs

    return [p for _, p in iter_answer_outputs(nb)]


def test_cleared_outputs_are_flagged_with_the_fix() -> None:
    from kit.answers import question_answers

    nb = nbformat.v4.new_notebook()
    nb.cells = [_widget_cell("kind"), _widget_cell("other", make_payload("other", "choice", "a"))]
    _, flags = question_answers(nb, {"kind": "choice", "other": "choice"})
    assert flags == [
        "'kind': the answer is not in the notebook (its outputs were cleared, or the cell was never run). "
        "Ask the learner to re-run the cell and save."
    ]
    _, flags = question_answers(nb, {"kind": "choice"})
    assert len(flags) == 2 and "re-run the cells and save" in flags[-1]


def test_an_old_format_notebook_says_open_and_save_it_in_jupyter(tmp_path: Path) -> None:
    path = tmp_path / "old.ipynb"
    old = '{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}'
    path.write_text(old, encoding="utf-8")
    with pytest.raises(NotebookError, match="old format 3: open and save it in Jupyter"):
        answers_from_notebook(path)
