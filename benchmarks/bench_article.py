"""Article model: import cost, loading the seed, and from_text speed and memory on a large text.

Rows: `import kit` in a fresh interpreter (median of 5), first load_article() in a fresh interpreter,
median load_article() in a warm process, load_article() of the seed as an HTML page, and
Article.from_text throughput (words/s) and peak memory on a ~200,000-word text built from the seed.
"""

from __future__ import annotations

import html
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from timing import median_of  # benchmarks/ is on sys.path (run.py)

from kit.article import Article, load_article

ROOT = Path(__file__).resolve().parents[1]


def _fresh(code: str, repeats: int = 5) -> float:
    """Median seconds that ``code`` reports for itself in a new interpreter (startup not counted)."""
    times = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout
        times.append(float(out.strip().splitlines()[-1]))
    return statistics.median(times)


def run() -> list[dict]:
    rows = []
    timer = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"
    rows.append({
        "benchmark": "import kit (fresh interpreter)",
        "value": round(_fresh(timer.format("import kit")) * 1000, 1),
        "unit": "ms",
        "note": "median of 5; interpreter start-up not counted",
    })  # fmt: skip
    rows.append({
        "benchmark": "first load_article() (fresh interpreter)",
        "value": round(_fresh(timer.format("import kit; kit.load_article()")) * 1000, 1),
        "unit": "ms",
        "note": "median of 5; includes importing kit.article and reading the chrome rules",
    })  # fmt: skip
    load_article()
    rows.append({
        "benchmark": "load_article() seed (warm)",
        "value": round(median_of(load_article, 30) * 1000, 2),
        "unit": "ms",
        "note": "median of 30",
    })  # fmt: skip

    seed = load_article()
    page = "<html><head><title>{}</title></head><body><nav>Home News</nav><main>{}</main></body></html>"
    parts = [f"<h1>{html.escape(seed.title or '')}</h1>"]
    for block in seed.blocks[1:]:
        tag = "h2" if block.kind == "heading" else "p"
        parts.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.html"
        path.write_text(page.format(html.escape(seed.title or ""), "\n".join(parts)), encoding="utf-8")
        load_article(path)
        rows.append({
            "benchmark": "load_article() seed as HTML (warm)",
            "value": round(median_of(lambda: load_article(path), 10) * 1000, 2),
            "unit": "ms",
            "note": "median of 10; BeautifulSoup html.parser",
        })  # fmt: skip

    body = "\n\n".join(b.text for b in seed.blocks)
    big = "\n\n".join([body] * 200)
    started = time.perf_counter()
    article = Article.from_text(big)
    n_words = len(article.words)  # words are cut on first use: count that in
    seconds = time.perf_counter() - started
    rows.append({
        "benchmark": "Article.from_text throughput",
        "value": round(n_words / seconds),
        "unit": "words/s",
        "note": f"{n_words:,} words (cut included), {len(big):,} chars, one run ({seconds:.2f} s)",
    })  # fmt: skip
    del article
    tracemalloc.start()
    article = Article.from_text(big)
    n_words = len(article.words)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rows.append({
        "benchmark": "Article.from_text peak memory",
        "value": round(peak / 1e6, 1),
        "unit": "MB",
        "note": f"peak, {len(article.words):,} words ({peak / len(article.words):.0f} bytes/word)",
    })  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
