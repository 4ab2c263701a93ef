"""Sourcing reader: speed, and precision/recall against hand-marked attributions.

Figures: words per second of find_sources, from an Article already split and from a str (CPU time of
the process, so one core's work, best of 3, with the wall clock beside it), and of unsourced_claims
(which calls it), on a ~50k-word text
made of the seed and the test passages repeated; precision and recall on the three hand-annotated passage
sets in tests/readers/passages/ (set 1 guided general fixes, set 2 led to rule v2, set 3 never changed the
rules); and on the seed against the key in
solutions/01_sourcing.ipynb (once it exists), counting a key passage as found when a row overlaps it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from timing import ONE_CORE, best_of, words_per_second  # benchmarks/ is on sys.path (run.py)

import kit
from kit.readers.memo import clear_all

ROOT = Path(__file__).resolve().parents[1]
PASSAGES = ROOT / "tests" / "readers" / "passages"
SOLUTION = ROOT / "solutions" / "01_sourcing.ipynb"
KEY_ID = "l1-attributions"
TARGET_WORDS = 50_000
# words/s at commit 460c98d, before the speed work of issue #15: "split" on an idle machine; "str" was not
# measured then: it is the best of 5 CPU-time runs of that commit on the busy machine of 2026-12-02
BEFORE = {"split": 237_000, "str": 116_000}


def _scorer():
    spec = importlib.util.spec_from_file_location("sourcing_score", PASSAGES / "sourcing_score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _big_text() -> str:
    pieces = [kit.load_article().text]
    for name in ("sourcing_passages.json", "sourcing_heldout.json", "sourcing_heldout3.json"):
        pieces += [p["text"] for p in json.loads((PASSAGES / name).read_text("utf-8"))["passages"]]
    unit = "\n\n".join(pieces)
    repeat = max(1, TARGET_WORDS // len(unit.split()) + 1)
    return "\n\n".join([unit] * repeat)


def _seed_scores() -> dict[str, float] | None:
    if not SOLUTION.exists():
        return None
    from kit.grading.format import load_solution, resolve_highlight_key

    question = load_solution(SOLUTION).questions.get(KEY_ID)
    if question is None:
        return None
    article = kit.load_article()
    spans, _notes = resolve_highlight_key(question, article)
    found = kit.find_sources(article)
    rows = [(int(r.start), int(r.end)) for r in found.itertuples()]
    keys = [(s.start, s.end) for s in spans]

    def hit(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    return {
        "precision": sum(any(hit(r, k) for k in keys) for r in rows) / len(rows) if rows else 0.0,
        "recall": sum(any(hit(k, r) for r in rows) for k in keys) / len(keys) if keys else 0.0,
        "keys": len(keys),
    }


def run() -> list[dict]:
    rows: list[dict] = []
    big_text = _big_text()
    big = kit.Article.from_text(big_text)
    words = len(big.words)
    cpu, wall = words_per_second(lambda: (clear_all(), kit.find_sources(big)), words)
    rows.append(
        {
            "benchmark": "find_sources throughput",
            "value": cpu,
            "unit": "words/s",
            "note": f"{words:,} words (seed + passages repeated), article already split; {ONE_CORE} "
            f"(wall clock {wall:,.0f}); goal 100,000; before #15's speed work: {BEFORE['split']:,}",
        }
    )
    cpu, wall = words_per_second(lambda: (clear_all(), kit.find_sources(big_text)), words)
    rows.append(
        {
            "benchmark": "find_sources from a str",
            "value": cpu,
            "unit": "words/s",
            "note": f"includes Article.from_text (cleaning, sentences); {ONE_CORE} (wall clock {wall:,.0f}); "
            f"before: {BEFORE['str']:,}",
        }
    )
    took = best_of(lambda: (clear_all(), kit.unsourced_claims(big)), repeats=1)
    rows.append(
        {
            "benchmark": "unsourced_claims throughput",
            "value": words / took,
            "unit": "words/s",
            "note": f"{words:,} words, includes its own find_sources call",
        }
    )
    seed = kit.load_article()
    took = best_of(lambda: (clear_all(), kit.voices_summary(seed)), repeats=3)
    rows.append(
        {
            "benchmark": "voices_summary on the seed",
            "value": took * 1000,
            "unit": "ms",
            "note": f"{len(seed.words)} words",
        }
    )
    score = _scorer()
    labels = {
        "tuning": "set 1 (annotated before the rules; guided general fixes)",
        "heldout": "set 2 (unseen by rule v1; its kind errors led to rule v2)",
        "heldout3": "set 3 (unseen: never used to change the rules)",
    }
    for which, label in labels.items():
        total = score.score_all(which)["total"]
        note = f"{label}: {total['hits']} of {total['expected']} found, {total['predicted']} predicted"
        rows.append(
            {
                "benchmark": f"attribution precision, {which}",
                "value": total["precision"],
                "unit": "ratio",
                "note": note,
            }
        )
        rows.append(
            {
                "benchmark": f"attribution recall, {which}",
                "value": total["recall"],
                "unit": "ratio",
                "note": note,
            }
        )
        rows.append(
            {
                "benchmark": f"kind accuracy, {which}",
                "value": total["kind_accuracy"],
                "unit": "ratio",
                "note": "share of found attributions with the right kind",
            }
        )
        rows.append(
            {
                "benchmark": f"unsourced-claim recall, {which}",
                "value": total["claims_recall"],
                "unit": "ratio",
                "note": f"{total['claims_hits']} of {total['claims_expected']} annotated claims listed",
            }
        )
    seed_scores = _seed_scores()
    if seed_scores is None:
        rows.append(
            {
                "benchmark": "seed precision/recall vs key",
                "value": float("nan"),
                "unit": "ratio",
                "note": f"no key yet ({SOLUTION.name}, {KEY_ID})",
            }
        )
    else:
        for metric in ("precision", "recall"):
            rows.append(
                {
                    "benchmark": f"seed {metric} vs key",
                    "value": seed_scores[metric],
                    "unit": "ratio",
                    "note": f"overlap with {int(seed_scores['keys'])} key passages in {SOLUTION.name}",
                }
            )
    return rows
