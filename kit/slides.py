"""Slides per lesson: ``medialit slides OUT`` makes a reveal.js deck from each guided notebook, offline.

Jupyter's own ``nbconvert --to slides`` does the work (SlidesExporter). The notebooks carry no slide
metadata (their prose changes often), so it is added here, in memory, at build time:

- a Markdown cell that starts with a level-1 or level-2 heading starts a new slide, level 3 a sub-slide
  (down arrow), and other Markdown continues the slide it follows;
- code cells are left out: the deck is for talking through a lesson; run the notebook itself for the
  widgets.

reveal.js comes from the ``sphinx-revealjs`` package on PyPI (it ships reveal.js's own built files,
MIT licence) and is copied into ``OUT/reveal.js/`` beside the decks; the template
(kit/templates/nbconvert/medialit_reveal) loads nothing from the network.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

from kit.errors import KitError

TEMPLATES = Path(__file__).parent / "templates" / "nbconvert"
REVEAL_DIR = "reveal.js"


class SlidesError(KitError):
    """The decks could not be made (a notebook or reveal.js missing)."""


def reveal_source() -> Path:
    """reveal.js's built files, as the sphinx-revealjs package ships them (dist/ and plugin/)."""
    try:
        import sphinx_revealjs
    except ImportError:
        raise SlidesError("Slides need the sphinx-revealjs package: pip install sphinx-revealjs") from None
    folder = Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"
    if not (folder / "dist" / "reveal.js").is_file():
        raise SlidesError(f"reveal.js was not found in {folder}; reinstall sphinx-revealjs.")
    return folder


def slide_type(cell: Any) -> str:
    """The reveal slide type for one cell (see the module docstring)."""
    if cell.get("cell_type") != "markdown":
        return "skip"
    first = cell.get("source", "").lstrip().splitlines()[:1]
    heading = re.match(r"^(#{1,6})\s", first[0]) if first else None
    if heading and len(heading.group(1)) <= 2:
        return "slide"
    if heading and len(heading.group(1)) == 3:
        return "subslide"
    return "-"


def with_slide_metadata(nb: Any) -> Any:
    """A copy of ``nb`` with ``metadata.slideshow.slide_type`` set on every cell (the file is untouched)."""
    nb = copy.deepcopy(nb)
    for index, cell in enumerate(nb.cells):
        kind = slide_type(cell)
        if index == 0 and kind == "-":
            kind = "slide"
        cell.setdefault("metadata", {})["slideshow"] = {"slide_type": kind}
    return nb


def build_slides(out: str | Path, notebooks: str | Path = "notebooks") -> list[Path]:
    """One ``OUT/<notebook>.slides.html`` per guided notebook, and reveal.js beside them."""
    from kit.schema import nbformat as _nbformat

    nbformat = _nbformat()  # before nbconvert imports it (kit/schema.py)
    from nbconvert import SlidesExporter

    out, notebooks = Path(out), Path(notebooks)
    paths = sorted(notebooks.glob("*.ipynb")) if notebooks.is_dir() else [notebooks]
    if not paths or not all(p.is_file() for p in paths):
        raise SlidesError(f"No notebooks found at {notebooks}. Pass the folder of guided notebooks.")
    out.mkdir(parents=True, exist_ok=True)
    source = reveal_source()
    target = out / REVEAL_DIR
    if target.exists():
        shutil.rmtree(target)
    for part in ("dist", "plugin"):
        shutil.copytree(source / part, target / part)
    shutil.copy(source / "LICENSE", target / "LICENSE")
    exporter = SlidesExporter(
        template_name="medialit_reveal",
        extra_template_basedirs=[str(TEMPLATES)],
        reveal_url_prefix=REVEAL_DIR,
        reveal_theme="white",  # its fonts ship with reveal.js; some other themes fetch Google Fonts
    )
    written = []
    for path in paths:
        nb = with_slide_metadata(nbformat.read(path, as_version=4))
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        deck = out / f"{path.stem}.slides.html"
        deck.write_text(body, encoding="utf-8")
        written.append(deck)
    return written
