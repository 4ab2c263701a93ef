"""Slide decks from the guided notebooks open in a real chromium with every network request refused."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from kit.cli import main
from kit.slides import slide_type, with_slide_metadata

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    assert main(["slides", str(out), "--notebooks", str(ROOT / "notebooks")]) == 0
    return out


def test_slide_metadata_is_added_in_memory_only():
    path = ROOT / "notebooks" / "01_sourcing.ipynb"
    before = path.read_bytes()
    nb = nbformat.read(path, as_version=4)
    marked = with_slide_metadata(nb)
    kinds = [c.metadata["slideshow"]["slide_type"] for c in marked.cells]
    assert kinds[0] == "slide" and kinds.count("slide") >= 3
    assert all(k == "skip" for c, k in zip(marked.cells, kinds, strict=True) if c.cell_type == "code")
    assert "slideshow" not in nb.cells[0].metadata and path.read_bytes() == before
    assert slide_type({"cell_type": "markdown", "source": "### Part"}) == "subslide"
    assert slide_type({"cell_type": "markdown", "source": "Plain words"}) == "-"


def test_every_deck_opens_offline_and_moves_on(decks, browser):
    names = sorted(p.name for p in decks.glob("*.slides.html"))
    assert names == sorted(f"{p.stem}.slides.html" for p in (ROOT / "notebooks").glob("*.ipynb"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    refused: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    try:
        for name in names:
            page = context.new_page()
            failed: list[str] = []
            page.on("requestfailed", lambda r, failed=failed: failed.append(r.url))
            page.goto((decks / name).as_uri())
            page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=60_000)
            total = page.evaluate("Reveal.getTotalSlides()")
            assert total >= 3, (name, total)
            title = page.evaluate("Reveal.getCurrentSlide().innerText")
            assert title.strip(), name
            page.keyboard.press("ArrowRight")
            page.wait_for_function("Reveal.getIndices().h === 1", timeout=30_000)
            assert page.evaluate("Reveal.getCurrentSlide().innerText").strip() != title.strip()
            assert not failed, (name, failed)
            page.close()
    finally:
        context.close()
    assert not refused, refused  # nothing was even asked of the network
