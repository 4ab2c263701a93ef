"""Bring your own article: ``medialit new-lesson ARTICLE --name NAME`` drafts all four lessons for it.

An instructor gives any article file (.txt, .md, .html). This package writes, under ``lessons/NAME/``:

- ``article.<ext>``: a byte copy of the file (every notebook reads it as ``../article.<ext>``);
- ``notebooks/01..04_*.ipynb``: guided notebooks on that article (kit.newlesson.guided);
- ``solutions/01..04_*.ipynb``: graded exercises in the docs/AUTHORING.md format (kit.newlesson.exercises),
  whose highlight keys are a **draft**: the readers' findings ranked by confidence, the clearest ones
  drafted with a core and an extent like the hand keys (kit.newlesson.draftkey), so the instructor
  reviews a short key instead of rewriting a long one;
- ``review_key.ipynb``: one editable highlighter per highlight question, showing the draft key;
  :func:`save_key` writes the corrected marks back into the solution's key (kit.newlesson.review).

``medialit build --solutions lessons/NAME/solutions --exercises lessons/NAME/exercises`` then makes the
learner copies, and ``medialit grade ... --key lessons/NAME/solutions`` grades them (the solutions name
their article in ``metadata.medialit.article``, so build and grading use it instead of the seed).

The modules, one job each: keys (spans to key items, exact occurrences), draftkey (ranking), agreement
(a draft against a hand key, with the grader), cells (notebook cells), guided and exercises (the
notebooks), review (instructor mode). Time on a 2 MB article: ``benchmarks/bench_newlesson.py``.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from kit.files import staged_folder
from kit.newlesson.errors import NewLessonError
from kit.newlesson.keys import spans_to_key
from kit.newlesson.review import key_editor, save_key
from kit.phrases import PhraseIndex
from kit.spans import Span

__all__ = ["LessonDraft", "NewLessonError", "PhraseIndex", "key_editor", "new_lesson", "save_key",
           "spans_to_key"]  # fmt: skip

NAME_RULE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass
class LessonDraft:
    """What :func:`new_lesson` wrote: the lesson folder and its files, plus notes for the instructor."""

    folder: Path
    article: Path
    notebooks: list[Path] = field(default_factory=list)
    solutions: list[Path] = field(default_factory=list)
    review: Path | None = None
    notes: list[str] = field(default_factory=list)


def readings(article: Any) -> dict[str, Any]:
    """The three readers' tables for ``article``, read once, with the capstone's layers built from them.

    Keys: sources, loaded, claims (the readers' DataFrames), layers (kit.overview.kit_layers' table) and
    spans (label -> list of Span, "all" for the layers) for the guided notebooks.
    """
    import kit
    from kit.overview import kit_layers, layer_spans

    sources = kit.find_sources(article)
    loaded = kit.find_loaded_language(article)
    claims = kit.find_claims(article)
    layers = kit_layers(article)  # the readers remember their result for this article (kit.readers.memo)
    unverifiable = claims[claims["kind"] == "unverifiable"]
    return {
        "sources": sources,
        "loaded": loaded,
        "claims": claims,
        "layers": layers,
        "spans": {
            "source": [Span(int(r.start), int(r.end), "source") for r in sources.itertuples()],
            "loaded": [Span(int(r.start), int(r.end), "loaded") for r in loaded.itertuples()],
            "unverifiable": [
                Span(int(r.start), int(r.end), "unverifiable") for r in unverifiable.itertuples()
            ],
            "all": layer_spans(layers),
        },
    }


def _check(source: Path, name: str, folder: Path, force: bool) -> None:
    if not source.is_file():
        raise NewLessonError(f"Could not find the article file {source}. Check the name and the folder.")
    if source.suffix.lower() not in SUFFIXES:
        raise NewLessonError(
            f"{source.name} is not a file the kit can read. Save the article as .txt, .md or .html first."
        )
    if not NAME_RULE.match(name or ""):
        raise NewLessonError(
            f"The lesson name {name!r} should use only lowercase letters, digits and '-', like 'city-budget'."
        )
    if folder.exists() and not force:
        raise NewLessonError(
            f"{folder} already exists. Pick another --name, or add --force to replace it "
            "(that deletes any review you did there)."
        )


def new_lesson(
    article_file: str | os.PathLike[str],
    name: str,
    *,
    out: str | os.PathLike[str] = "lessons",
    force: bool = False,
) -> LessonDraft:
    """Draft all four lessons for ``article_file`` in ``out/name`` (see the package docstring).

    Raises NewLessonError (plain words) for a missing or unsupported file, a bad name, or a folder that
    already exists without ``force``; nothing is written or changed then.
    """
    import kit

    source = Path(article_file)
    _check(source, name, Path(out) / name, force)
    article = kit.load_article(source)  # ArticleError (plain words) for an empty or unreadable file
    if not article.paragraphs:
        raise NewLessonError(f"{source.name} has no paragraphs of text after cleaning. Is it the right file?")
    return write_lesson(source, article, readings(article), name, out=out)


def write_lesson(
    source: Path, article: Any, found: dict[str, Any], name: str, *, out: str | os.PathLike[str] = "lessons"
) -> LessonDraft:
    """Write the lesson folder ``out/name`` for an article already loaded and read (:func:`readings`).

    The part of :func:`new_lesson` after the readers (benchmarks/bench_newlesson.py times it apart). The
    folder is built in a staging folder and moved into place at the end, replacing an old one.
    """
    from kit.newlesson.exercises import review, solution
    from kit.newlesson.guided import LESSONS, guided

    folder = Path(out) / name
    with staged_folder(folder) as staging:
        article_name = "article" + source.suffix.lower()
        shutil.copyfile(source, staging / article_name)
        rel = f"../{article_name}"
        draft = LessonDraft(folder=folder, article=folder / article_name)
        (staging / "notebooks").mkdir()
        (staging / "solutions").mkdir()
        to_review: list[tuple[str, str]] = []
        for slug in LESSONS:
            nbformat.write(guided(slug, article, rel, found, name), staging / "notebooks" / f"{slug}.ipynb")
            nb, highlights = solution(slug, article, rel, found, name, draft.notes)
            nbformat.write(nb, staging / "solutions" / f"{slug}.ipynb")
            to_review += [(f"{slug}.ipynb", gid) for gid in highlights]
            draft.notebooks.append(folder / "notebooks" / f"{slug}.ipynb")
            draft.solutions.append(folder / "solutions" / f"{slug}.ipynb")
        nbformat.write(review(to_review, folder), staging / "review_key.ipynb")
        draft.review = folder / "review_key.ipynb"
    return draft
