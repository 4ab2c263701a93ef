"""Friendly errors: a learner sees a short boxed message, not a traceback, for a KitError."""

from __future__ import annotations

import nbformat
import pytest
import textstat

import kit
from kit.errors import ArticleError
from kit.friendly import HINT, TITLE, as_html, as_text, show_error
from kit.grading.testing import run_in_kernel


def _run(tmp_path, *sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    return run_in_kernel(nb, tmp_path, timeout=60, allow_errors=True)


def _text_of(outputs) -> str:
    parts = []
    for out in outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type == "error":
            parts.append("\n".join(out.traceback) + out.ename + out.evalue)
        else:
            parts.extend(str(v) for v in out.get("data", {}).values())
    return "\n".join(parts)


@pytest.mark.slow
def test_notebook_shows_friendly_box_not_traceback(tmp_path):
    nb = _run(
        tmp_path,
        "import kit; kit.friendly.install(); kit.load_article('missing.txt')",
        "1 / 0",
    )
    first, second = nb.cells
    shown = _text_of(first.outputs)
    assert "Could not find the file 'missing.txt'" in shown
    assert TITLE in shown
    assert "Traceback" not in shown
    assert not any(out.output_type == "error" for out in first.outputs)
    html_parts = [out.data["text/html"] for out in first.outputs if "text/html" in out.get("data", {})]
    assert html_parts and 'role="alert"' in html_parts[0]
    # other errors (real bugs) keep their normal traceback
    assert any(out.output_type == "error" and out.ename == "ZeroDivisionError" for out in second.outputs)


@pytest.mark.slow
def test_without_install_a_kit_error_is_a_normal_error(tmp_path):
    nb = _run(tmp_path, "import kit; kit.load_article('missing.txt')")
    errors = [out for out in nb.cells[0].outputs if out.output_type == "error"]
    assert errors and errors[0].ename == "ArticleError"


def test_text_box_wraps_and_escapes():
    err = ArticleError("The file '<b>x.txt</b>' is empty. " + "Put words in it. " * 10)
    text = as_text(err)
    lines = text.splitlines()
    assert lines[0].startswith("┌") and lines[-1].startswith("└")
    assert len({len(line) for line in lines}) == 1  # a true box: every line the same width
    assert "<b>x.txt</b>" in text
    page = as_html(err)
    assert "&lt;b&gt;x.txt&lt;/b&gt;" in page and "<b>x.txt</b>" not in page


def test_show_error_outside_ipython_prints_to_stderr(capsys):
    show_error(ArticleError("The file 'a.txt' is empty."))
    err = capsys.readouterr().err
    assert "The file 'a.txt' is empty." in err and TITLE in err


def test_install_outside_ipython_says_no():
    assert kit.friendly.install() is False


def test_box_wording_is_easy_to_read():
    from kit.offline import ensure_cmudict

    ensure_cmudict()
    words = f"{TITLE}. {HINT}"
    assert textstat.flesch_kincaid_grade(words) <= 10
