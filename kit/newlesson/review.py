"""Instructor mode: show one draft key in an editable highlighter, and write the corrected marks back.

``key_editor`` and ``save_key`` are what the generated ``review_key.ipynb`` calls. A passage the teacher
leaves as it was keeps its core, status and reason; a new mark becomes a required passage whose core is
the whole mark. The solution file is replaced only after the new key loads and resolves (atomic write).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import nbformat

from kit.files import atomic_open
from kit.newlesson.errors import NewLessonError
from kit.newlesson.keys import key_block, spans_to_key
from kit.phrases import index_for


def _solution_and_article(path: Path) -> tuple[Any, Any]:
    import kit
    from kit.grading.build import solution_article
    from kit.grading.format import load_solution

    sol = load_solution(path)
    return sol, solution_article(sol) or kit.load_article()


def key_editor(solution: str | os.PathLike[str], grade_id: str) -> Any:
    """An editable Highlighter showing the key of one highlight question; save it with :func:`save_key`."""
    from kit.grading.format import resolve_highlight_key
    from kit.widgets.highlighter import Highlighter

    sol, article = _solution_and_article(Path(solution))
    question = sol.questions.get(grade_id)
    if question is None or question.type != "highlight":
        raise NewLessonError(f"{Path(solution).name} has no highlight question called {grade_id!r}.")
    spans, _notes = resolve_highlight_key(question, article)
    editor = Highlighter(
        article, list(question.meta["labels"]), question_id=f"review-{grade_id}", spans=spans
    )
    editor.key_source = (Path(solution), grade_id)
    return editor


def _kept_items(article: Any, question: Any, spans: list[Any]) -> list[Any]:
    """The editor's marks as key items: a mark that is exactly an old passage keeps its details."""
    from kit.grading.format import resolve_highlight_key

    old = {(p.start, p.end, p.label): p for p in resolve_highlight_key(question, article)[0]}
    index, text = index_for(article), article.text
    items: list[Any] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end, s.label)):
        passage = old.get((span.start, span.end, span.label))
        named = index.occurrence(span.start, span.end) if passage is not None else None
        if passage is None or named is None:
            items.extend(spans_to_key(article, [span]))
            continue
        item: dict[str, Any] = {"mark": named[0]}
        core = text[slice(*passage.core())].strip()
        if core and core != named[0]:
            item["core"] = core
        item["label"] = span.label
        if passage.status != "required":
            item["status"] = passage.status
        if named[1] > 1 or len(index.places(named[0])) > 1:
            item["occurrence"] = named[1]
        if passage.why:
            item["why"] = passage.why
        items.append(item)
    return items


def save_key(editor: Any, solution: str | os.PathLike[str] | None = None, grade_id: str | None = None) -> int:
    """Write the editor's marks into the solution's key (between the SOLUTION markers). Returns how many.

    The new solution is checked (it must still load and every phrase must be found) before it replaces
    the old file, so a failed save loses nothing.
    """
    from kit.grading.format import (
        BEGIN_SOLUTION,
        END_SOLUTION,
        grade_id_of,
        load_solution,
        resolve_highlight_key,
        split_block,
    )

    if solution is None or grade_id is None:
        solution, grade_id = getattr(editor, "key_source", (solution, grade_id))
    if solution is None or grade_id is None:
        raise NewLessonError("save_key needs an editor made by key_editor, or a solution and a grade_id.")
    path = Path(solution)
    spans = list(getattr(editor, "spans", editor))
    sol, article = _solution_and_article(path)
    question = sol.questions.get(grade_id)
    if question is None or question.type != "highlight":
        raise NewLessonError(f"{path.name} has no highlight question called {grade_id!r}.")
    key = _kept_items(article, question, spans)
    if not key:
        raise NewLessonError(f"The key for {grade_id!r} would be empty. Mark at least one passage first.")
    nb = nbformat.read(path, as_version=4)
    cell = next((c for c in nb.cells if grade_id_of(c) == grade_id), None)
    parts = split_block(cell.source, BEGIN_SOLUTION, END_SOLUTION) if cell is not None else None
    if parts is None or cell is None:
        raise NewLessonError(f"{path.name} has no key block for {grade_id!r}.")
    before, _old, after = parts
    cell.source = f"{before}{BEGIN_SOLUTION}\n{key_block(key)}\n{END_SOLUTION}" + (
        f"\n{after}" if after else ""
    )
    def still_loads(tmp: Path) -> None:  # the new key must load and resolve before it replaces the old one
        resolve_highlight_key(load_solution(tmp).questions[grade_id], article)

    with atomic_open(path, check=still_loads) as handle:
        nbformat.write(nb, handle)
    return len(key)
