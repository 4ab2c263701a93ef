"""Classroom tools: the capstone's three layers, the reading report, and `medialit new-lesson`.

Rows: kit_layers (all three readers) and paragraph_summary on the seed (median of 5); reading_report
with the kit's layers as highlights (median of 5, and its file size); new_lesson on each article written
for the tests (tests/newlesson_articles, median of 3). How good new-lesson's draft key is (the review
work left to the instructor) is measured in one place, bench_draftkey.py, with the grader's own scorer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from timing import median_of  # benchmarks/ is on sys.path (run.py)

import kit
from kit.newlesson import new_lesson
from kit.overview import kit_layers, layer_spans, paragraph_summary
from kit.readers.memo import clear_all
from kit.report import reading_report

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "newlesson_articles"


def run() -> list[dict]:
    seed = kit.load_article()
    rows = []
    t = median_of(lambda: (clear_all(), kit_layers(seed)), 5)
    rows.append(
        {
            "benchmark": "kit_layers on the seed",
            "value": t * 1000,
            "unit": "ms",
            "note": f"three readers, {len(seed.words)} words; median of 5",
        }
    )
    layers = kit_layers(seed)
    t = median_of(lambda: paragraph_summary(seed, layers), 5)
    rows.append(
        {
            "benchmark": "paragraph_summary on the seed",
            "value": t * 1000,
            "unit": "ms",
            "note": "layers already computed; median of 5",
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        spans = layer_spans(layers)
        t = median_of(lambda: reading_report(seed, {"Q": "A"}, highlights=spans, path=path), 5)
        rows.append(
            {
                "benchmark": "reading_report on the seed",
                "value": t * 1000,
                "unit": "ms",
                "note": f"{len(spans)} highlights; median of 5",
            }
        )
        rows.append(
            {
                "benchmark": "reading_report file size",
                "value": path.stat().st_size / 1024,
                "unit": "KiB",
                "note": "self-contained HTML with the style sheet inside",
            }
        )
        for article in sorted(ARTICLES.iterdir()):
            words = len(kit.load_article(article).words)
            t = median_of(lambda a=article: new_lesson(a, "bench", out=Path(tmp) / "lessons", force=True), 3)
            rows.append(
                {
                    "benchmark": f"new_lesson {article.name}",
                    "value": t,
                    "unit": "s",
                    "note": f"{words} words; 4 notebooks, 4 solutions, review; median of 3",
                }
            )
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']:<55} {row['value']:>10.3f} {row['unit']:<6} {row['note']}")
