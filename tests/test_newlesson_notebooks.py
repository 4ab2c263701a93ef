"""Every notebook `medialit new-lesson` writes runs clean in a fresh kernel, and its keys survive review.

Apart from test_newlesson.py so the slow notebook runs can go to another test worker.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from test_newlesson import _answers_elsewhere, _draft  # noqa: F401  (the same autouse fixture and drafter)

from kit.grading.build import build
from kit.grading.running import load_key
from kit.grading.testing import grade_notebook, key_as_submission, run_in_kernel


def _errors(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    run_in_kernel(nb, path.parent, allow_errors=True)
    return [
        f"{path.name} cell {i}: {out.get('ename')}: {out.get('evalue', '')[:200]}"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]


# the shortest and the HTML page run all 13 notebooks (13 kernels each); the one with no headings runs the
# guided lessons and the review, the notebooks whose cells read the article's sections (its solutions and
# exercises are the same cells as the others' on another text)
@pytest.mark.slow
@pytest.mark.parametrize(
    ("article", "folders", "count"),
    [("wire_short.txt", "*", 13), ("health_page.html", "*", 13), ("no_headings.txt", "notebooks", 5)],
)
def test_every_generated_notebook_runs_clean(article: str, folders: str, count: int, tmp_path: Path) -> None:
    folder = _draft(tmp_path, article)
    build(folder / "solutions", folder / "exercises")
    paths = sorted(folder.glob(f"{folders}/*.ipynb")) + [folder / "review_key.ipynb"]
    assert len(paths) == count
    errors = [e for p in paths for e in _errors(p)]
    assert errors == []
    # the review notebook saved the draft keys back unchanged: they still grade as before
    for sol in sorted((folder / "solutions").glob("*.ipynb")):
        key = load_key(sol)
        full = grade_notebook(key_as_submission(key), key, tmp_path, name="after-review.ipynb")
        assert full.score == full.max_auto
