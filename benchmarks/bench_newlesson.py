"""`medialit new-lesson` on ever larger articles: is it linear in article size, and where does the time go?

Articles are built from the frozen set and the development passages (tests/readers/), repeated up to
the size, just under the kit's 2,000,000-byte limit at most. Each size runs once, in four timed parts
that add up to what `new_lesson` does:

- load: kit.load_article (reading the file, removing site chrome, cutting the article into units);
- readers: kit.find_sources, kit.find_loaded_language, kit.find_claims, each timed on its own after
  their memory is cleared (kit.readers.memo), then the capstone layers built from them;
- own work: everything new-lesson itself does after that (kit.newlesson.write_lesson): ranking the
  draft keys, naming each passage's occurrence, building and writing the 9 notebooks.

A fifth row times what the teacher runs next, ``medialit build`` on the new lesson (the learners'
copies of its 4 exercises, each key resolved against the article), not counted in the total.

A small article runs first, unreported, so that one-time costs (imports, data files, compiled
patterns) do not land on the smallest size. Seconds per MB should stay flat if new-lesson is linear.
``python benchmarks/bench_newlesson.py`` prints a table; ``python benchmarks/run.py newlesson`` adds the
rows to the common one.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from pathlib import Path

import kit
from kit.grading.build import build
from kit.newlesson import readings, write_lesson
from kit.readers.memo import clear_all

ROOT = Path(__file__).resolve().parents[1]
SIZES = (100_000, 500_000, 1_950_000)


def by_path(name: str, where: Path):
    """Import a helper module of tests/ by its path (tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, where)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def _frozen():
    return by_path("frozen", ROOT / "tests" / "readers" / "frozen" / "frozen.py")


def article_text(size: int) -> str:
    frozen = _frozen()
    docs = frozen.load() + [d for n in sum(frozen.DEV_SETS.values(), []) for d in frozen.dev_documents(n)]
    body = "\n\n".join(d.text for d in docs)
    repeated = "\n\n".join([body] * (size // len(body) + 1))[:size]
    return "Benchmark article\n\n" + repeated.rsplit("\n\n", 1)[0]


def _timed(func):
    started = time.perf_counter()
    result = func()
    return result, time.perf_counter() - started


def measure(size: int) -> dict[str, float]:
    """Seconds of each part of new-lesson on an article of about ``size`` bytes, and its size."""
    text = article_text(size)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, "utf-8")
        article, load = _timed(lambda: kit.load_article(path))
        clear_all()
        _, sources = _timed(lambda: kit.find_sources(article))
        _, loaded = _timed(lambda: kit.find_loaded_language(article))
        _, claims = _timed(lambda: kit.find_claims(article))
        found, layers = _timed(lambda: readings(article))  # the three are remembered: this is the layers
        _, own = _timed(lambda: write_lesson(path, article, found, "bench", out=Path(folder) / "lessons"))
        lesson = Path(folder) / "lessons" / "bench"
        _, built = _timed(lambda: build(lesson / "solutions", lesson / "exercises"))
    return {
        "mb": len(text.encode("utf-8")) / 1e6,
        "words": len(article.words),
        "load": load,
        "sources": sources,
        "loaded": loaded,
        "claims": claims,
        "layers": layers,
        "readers": sources + loaded + claims + layers,
        "own": own,
        "total": load + sources + loaded + claims + layers + own,
        "build": built,
    }


def run() -> list[dict]:
    measure(20_000)  # warm-up, not reported: imports, data files and compiled patterns load once
    rows = []
    for size in SIZES:
        m = measure(size)
        mb = m["mb"]
        rows.append(
            {
                "benchmark": f"new-lesson, {mb:.2f} MB article: total",
                "value": round(m["total"], 1),
                "unit": "s",
                "note": f"{m['words']:,} words; {m['total'] / mb:.0f} s per MB; load + readers + own work",
            }
        )
        rows.append(
            {
                "benchmark": f"new-lesson, {mb:.2f} MB article: load",
                "value": round(m["load"], 1),
                "unit": "s",
                "note": f"{m['load'] / mb:.1f} s per MB; kit.load_article (chrome removal, units)",
            }
        )
        rows.append(
            {
                "benchmark": f"new-lesson, {mb:.2f} MB article: readers",
                "value": round(m["readers"], 1),
                "unit": "s",
                "note": (
                    f"{m['readers'] / mb:.1f} s per MB; sources {m['sources']:.1f}, "
                    f"loaded {m['loaded']:.1f}, claims {m['claims']:.1f}, layers {m['layers']:.1f} s"
                ),
            }
        )
        rows.append({
            "benchmark": f"new-lesson, {mb:.2f} MB article: own work",
            "value": round(m["own"], 1),
            "unit": "s",
            "note": f"{m['own'] / mb:.1f} s per MB; draft keys, occurrences, 9 notebooks written",
        })  # fmt: skip
        rows.append({
            "benchmark": f"then medialit build, {mb:.2f} MB lesson",
            "value": round(m["build"], 1),
            "unit": "s",
            "note": f"{m['build'] / mb:.1f} s per MB; the teacher's next step: 4 learners' copies",
        })  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']:<45} {row['value']:>7.1f} {row['unit']:<2} {row['note']}")
