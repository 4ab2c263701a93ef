"""The learner's reading report in Debian's chromium (the shared `browser` fixture): accessible, printable."""

from __future__ import annotations

from pathlib import Path

import pytest

import kit
from kit.overview import kit_layers, layer_spans, paragraph_summary
from kit.report import reading_report


@pytest.mark.browser
@pytest.mark.slow
def test_report_in_a_real_browser_is_accessible_and_prints(tmp_path: Path, browser) -> None:
    """Open the seed report in chromium: axe finds no serious issue; print layout tells labels apart."""
    from axe_playwright_python.sync_playwright import Axe

    seed = kit.load_article()
    path = reading_report(
        seed,
        {"My overall judgement": "Not on its own."},
        highlights=layer_spans(kit_layers(seed)),
        learner="Sam",
        summary=paragraph_summary(seed),
        path=tmp_path / "report.html",
    )
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        results = Axe().run(page)
        bad = [v["id"] for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        assert results.response["passes"] and not bad, bad
        page.emulate_media(media="print")
        styles = page.evaluate(
            """() => Object.fromEntries(['source', 'loaded', 'unverifiable'].map(label => {
                const mark = document.querySelector('.article mark.' + label);
                return [label, getComputedStyle(mark).borderBottomStyle];
            }))"""
        )
        assert len(set(styles.values())) == 3, styles  # three different underlines, no colour needed
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    finally:
        page.close()
