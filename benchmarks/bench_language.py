"""Loaded-language reader: speed, and precision/recall against hand-marked keys.

Figures: words per second of find_loaded_language, from an Article already split and from a str
(CPU time of the process, so one core's work, best of 3, with the wall clock beside it), and of
readability, on a long text made of
the seed and the test passages; precision and recall (overlap counts) on the seed against the key in
solutions/02_loaded_language.ipynb and on each hand-annotated passage set in tests/readers/passages/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from timing import ONE_CORE, best_of, words_per_second  # benchmarks/ is on sys.path (run.py)

import kit
from kit.readers.language import find_loaded_language, precision_recall
from kit.readers.memo import clear_all
from kit.readers.readability import readability

ROOT = Path(__file__).resolve().parents[1]
PASSAGES = ROOT / "tests" / "readers" / "passages"
SOLUTION = ROOT / "solutions" / "02_loaded_language.ipynb"
KEY_ID = "l2-loaded-words"
# words/s at commit 460c98d, before the speed work of issue #15 (idle machine, this benchmark)
BEFORE = {"split": 408_000, "str": 154_000}
SETS = {
    "language_passages.json": "set 1 (development: written before lexicon v1)",
    "language_heldout.json": "set 2 (development: its misses led to lexicon v2)",
    "language_heldout3.json": "set 3 (development: its misses led to lexicon v3)",
    "language_heldout4.json": "set 4 (development since lexicon v4 of #15; unseen for v3)",
    "language_heldout5.json": "set 5 (development: written before the rule changes of #15 lane r2)",
}


def _passage_scores(name: str) -> dict[str, float]:
    found = expected = tp = hit = 0.0
    for passage in json.loads((PASSAGES / name).read_text(encoding="utf-8"))["passages"]:
        article = kit.Article.from_text(passage["text"])
        spans = []
        for mark in passage["expected"]:
            places = [m.span() for m in re.finditer(re.escape(mark["text"]), article.text)]
            spans.append(places[mark.get("nth", 1) - 1])
        scores = precision_recall(find_loaded_language(article), spans)
        found += scores["found"]
        expected += scores["expected"]
        tp += scores["true_positives"]
        hit += scores["recall"] * scores["expected"]
    return {
        "precision": tp / found if found else 1.0,
        "recall": hit / expected if expected else 1.0,
        "found": found,
        "expected": expected,
    }


def _seed_scores() -> dict[str, float] | None:
    if not SOLUTION.exists():
        return None
    from kit.grading.format import load_solution, resolve_highlight_key

    article = kit.load_article()
    question = load_solution(SOLUTION).questions.get(KEY_ID)
    if question is None:
        return None
    from kit.grading.scoring import score_highlight

    spans, _notes = resolve_highlight_key(question, article)
    found = find_loaded_language(article)
    scores = precision_recall(found, [(s.start, s.end) for s in spans])
    as_learner = [kit.Span(int(r.start), int(r.end), "loaded") for r in found.itertuples()]
    scores["exercise_points"] = score_highlight(article.text, as_learner, spans, question.points).points
    scores["max_points"] = question.points
    return scores


def run() -> list[dict]:
    rows: list[dict] = []
    seed = kit.load_article()
    texts = [seed.text] + [
        p["text"]
        for name in SETS
        for p in json.loads((PASSAGES / name).read_text(encoding="utf-8"))["passages"]
    ]
    long_text = "\n\n".join(texts * 10)
    article = kit.Article.from_text(long_text)
    words = len(article.words)
    find_loaded_language(article)  # warm the lexicon cache
    cpu, wall = words_per_second(lambda: (clear_all(), find_loaded_language(article)), words)
    rows.append(
        {
            "benchmark": "find_loaded_language throughput",
            "value": cpu,
            "unit": "words/s",
            "note": f"{words} words (seed + passages x10), article already split; {ONE_CORE} "
            f"(wall clock {wall:,.0f}); "
            f"goal 100,000; before #15's speed work: {BEFORE['split']:,}",
        }
    )
    cpu, wall = words_per_second(lambda: (clear_all(), find_loaded_language(long_text)), words)
    rows.append(
        {
            "benchmark": "find_loaded_language from a str",
            "value": cpu,
            "unit": "words/s",
            "note": f"includes Article.from_text (cleaning, sentences); {ONE_CORE} (wall clock {wall:,.0f}); "
            f"before: {BEFORE['str']:,}",
        }
    )
    runs = iter(range(10))  # textstat caches by text: a new closing sentence per run defeats the cache
    took = best_of(lambda: readability(f"{long_text}\n\nThis is run {next(runs)}."))
    rows.append(
        {
            "benchmark": "readability throughput",
            "value": words / took,
            "unit": "words/s",
            "note": "textstat grade + reading ease on the same text (cache defeated); best of 3",
        }
    )
    seed_scores = _seed_scores()
    if seed_scores is None:
        rows.append(
            {
                "benchmark": "seed vs key",
                "value": float("nan"),
                "unit": "",
                "note": f"no key yet ({SOLUTION.name}, {KEY_ID})",
            }
        )
    else:
        note = (
            f"{seed_scores['found']:.0f} found, {seed_scores['expected']:.0f} in key; key written after "
            "seeing the reader's output, so not an unseen figure"
        )
        rows.append(
            {"benchmark": "seed precision", "value": seed_scores["precision"], "unit": "ratio", "note": note}
        )
        rows.append(
            {"benchmark": "seed recall", "value": seed_scores["recall"], "unit": "ratio", "note": note}
        )
        rows.append(
            {
                "benchmark": "reader graded as a learner (exercise Q1)",
                "value": seed_scores["exercise_points"],
                "unit": "points",
                "note": f"out of {seed_scores['max_points']:g}, real scorer (points x word F1)",
            }
        )
    for name, label in SETS.items():
        scores = _passage_scores(name)
        note = f"{label}; {scores['found']:.0f} found, {scores['expected']:.0f} marked; overlap counts"
        rows.append(
            {"benchmark": f"{name} precision", "value": scores["precision"], "unit": "ratio", "note": note}
        )
        rows.append({"benchmark": f"{name} recall", "value": scores["recall"], "unit": "ratio", "note": note})
    return rows
