"""`medialit new-lesson` on ever larger articles: is it linear in article size?

Articles are built from the frozen set and the development passages (tests/readers/), repeated up to
the size, just under the kit's 2,000,000-byte limit at most. Each size runs once (the large one takes
about a minute); seconds per MB should stay flat if new-lesson is linear.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from pathlib import Path

from kit.newlesson import new_lesson

ROOT = Path(__file__).resolve().parents[1]
SIZES = (100_000, 500_000, 1_950_000)


def _frozen():
    where = ROOT / "tests" / "readers" / "frozen" / "frozen.py"
    spec = importlib.util.spec_from_file_location("frozen", where)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("frozen", module)
    spec.loader.exec_module(module)
    return module


def run() -> list[dict]:
    frozen = _frozen()
    docs = frozen.load() + [d for n in sum(frozen.DEV_SETS.values(), []) for d in frozen.dev_documents(n)]
    body = "\n\n".join(d.text for d in docs)
    rows = []
    for size in SIZES:
        repeated = "\n\n".join([body] * (size // len(body) + 1))[:size]
        text = "Benchmark article\n\n" + repeated.rsplit("\n\n", 1)[0]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "article.txt"
            path.write_text(text, "utf-8")
            started = time.perf_counter()
            new_lesson(path, "bench", out=Path(folder) / "lessons", force=True)
            seconds = time.perf_counter() - started
        mb = len(text.encode("utf-8")) / 1e6
        rows.append({
            "benchmark": f"new-lesson, {mb:.2f} MB article",
            "value": round(seconds, 1),
            "unit": "s",
            "note": f"{len(text.split()):,} words; {seconds / mb:.0f} s per MB; one run, all four lessons",
        })  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
