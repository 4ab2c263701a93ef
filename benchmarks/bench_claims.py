"""Claims reader (lesson 3): speed, and agreement with hand-made keys.

Figures: words per second of find_claims on a long text made of the seed and the test passages,
from an Article already split and from a str (CPU time of the process, so one core's work, best of 3,
with the wall clock beside it; it includes the find_sources call behind the ``attributed`` column);
the time to build a Sorter over every seed sentence and to save one choice;
accuracy and Cohen's kappa against the sorting key in solutions/03_unverifiable_claims.ipynb (seed)
and against each hand-annotated passage set in tests/readers/passages/; per-kind precision and recall
on the passage sets; precision and recall of the hedge flag.
"""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from pathlib import Path

from timing import ONE_CORE, best_of, words_per_second  # benchmarks/ is on sys.path (run.py)

import kit
from kit.readers.claims import find_claims
from kit.readers.memo import clear_all

ROOT = Path(__file__).resolve().parents[1]
PASSAGES = ROOT / "tests" / "readers" / "passages"
SOLUTION = ROOT / "solutions" / "03_unverifiable_claims.ipynb"
SORT_KEY_ID = "l3-sort"
# words/s at commit 460c98d, before the speed work of issue #15 (idle machine, this benchmark)
BEFORE = {"split": 46_500, "str": 39_900}
SETS = {
    "claims_passages.json": "set 1: annotated before the rules were written (rule author had read it)",
    "claims_heldout.json": "set 2: written and annotated after the rules were frozen (unseen)",
    "claims_heldout5.json": "set 5: written before the rule changes of #15 lane r2 (development)",
}


def cohen_kappa(gold: list[str], pred: list[str]) -> float:
    """Cohen's kappa for two label lists: agreement beyond what chance would give.

    Hand-written because it is four lines and the kit has no statistics library as a dependency.
    """
    n = len(gold)
    observed = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    gc, pc = Counter(gold), Counter(pred)
    expected = sum(gc[k] * pc[k] for k in set(gc) | set(pc)) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def _passage_pairs(name: str) -> list[tuple[str, str, bool, bool]]:
    """(gold kind, predicted kind, gold hedged, predicted hedged) for every annotated sentence."""
    pairs = []
    for passage in json.loads((PASSAGES / name).read_text(encoding="utf-8"))["passages"]:
        text, notes = "", []
        for i, para in enumerate(passage["paragraphs"]):
            text += "\n\n" if i else ""
            for j, sent in enumerate(para):
                text += " " if j else ""
                notes.append((len(text), sent))
                text += sent["s"]
        frame = find_claims(text)
        for offset, note in notes:
            row = frame[(frame["start"] <= offset) & (offset < frame["end"])].iloc[0]
            pairs.append((note["kind"], row["kind"], note["hedged"], bool(row["hedged"])))
    return pairs


def _seed_key() -> dict[str, str] | None:
    """The sorting key of the lesson 3 solution: {sentence_id: kind}, or None if it is not there."""
    if not SOLUTION.exists():
        return None
    for cell in json.loads(SOLUTION.read_text(encoding="utf-8"))["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") != SORT_KEY_ID:
            continue
        source = "".join(cell["source"])
        block = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", source, re.S)
        if block:
            return ast.literal_eval(block.group(1).strip())
    return None


def run() -> list[dict]:
    rows: list[dict] = []
    seed = kit.load_article()
    texts = [seed.text]
    for name in SETS:
        for passage in json.loads((PASSAGES / name).read_text(encoding="utf-8"))["passages"]:
            texts.append("\n\n".join(" ".join(s["s"] for s in para) for para in passage["paragraphs"]))
    long_text = "\n\n".join(texts * 10)
    article = kit.Article.from_text(long_text)
    words = len(article.words)
    find_claims(article)  # load and compile the rules once
    cpu, wall = words_per_second(lambda: (clear_all(), find_claims(article)), words)
    rows.append(
        {
            "benchmark": "find_claims throughput",
            "value": cpu,
            "unit": "words/s",
            "note": f"{words} words (seed + passages x10), article already split; {ONE_CORE} "
            f"(wall clock {wall:,.0f}); "
            f"includes find_sources; goal 100,000; before #15's speed work: {BEFORE['split']:,}",
        }
    )
    cpu, wall = words_per_second(lambda: (clear_all(), find_claims(long_text)), words)
    rows.append(
        {
            "benchmark": "find_claims from a str",
            "value": cpu,
            "unit": "words/s",
            "note": f"includes Article.from_text (cleaning, sentences) and find_sources; {ONE_CORE} "
            f"(wall clock {wall:,.0f}); before: {BEFORE['str']:,}",
        }
    )

    import tempfile

    from kit.widgets.sorter import Sorter

    with tempfile.TemporaryDirectory() as store:
        took = best_of(lambda: Sorter(seed, question_id="bench", store=store, notebook="bench"))
        sorter = Sorter(seed, question_id="bench", store=store, notebook="bench")
        first = seed.sentences[0].id
        kinds = iter(["checkable", "unverifiable", "opinion", "checkable", "unverifiable"])
        took_set = best_of(lambda: sorter.set(first, next(kinds)), repeats=5)  # a new value each time
    rows.append(
        {
            "benchmark": "Sorter build, every seed sentence",
            "value": took * 1000,
            "unit": "ms",
            "note": f"{len(seed.sentences)} drop-downs, no browser; best of 3",
        }
    )
    rows.append(
        {
            "benchmark": "Sorter one choice saved",
            "value": took_set * 1000,
            "unit": "ms",
            "note": "set() incl. the atomic write to the answers store; best of 5",
        }
    )

    key = _seed_key()
    if key is None:
        rows.append(
            {
                "benchmark": "seed vs sorting key",
                "value": float("nan"),
                "unit": "",
                "note": f"no key yet ({SOLUTION.name}, {SORT_KEY_ID})",
            }
        )
    else:
        frame = find_claims(seed).set_index("sentence_id")
        gold = list(key.values())
        pred = [str(frame.loc[sid, "kind"]) for sid in key]
        accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
        note = (
            f"{len(gold)} sentences in the key; key written by the lesson author after seeing the "
            "reader's output, so not an unseen figure"
        )
        rows.append({"benchmark": "seed accuracy vs key", "value": accuracy, "unit": "ratio", "note": note})
        rows.append(
            {
                "benchmark": "seed kappa vs key",
                "value": cohen_kappa(gold, pred),
                "unit": "kappa",
                "note": note,
            }
        )

    for name, label in SETS.items():
        pairs = _passage_pairs(name)
        gold = [p[0] for p in pairs]
        pred = [p[1] for p in pairs]
        accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
        rows.append(
            {
                "benchmark": f"{name} accuracy",
                "value": accuracy,
                "unit": "ratio",
                "note": f"{label}; {len(gold)} sentences",
            }
        )
        rows.append(
            {"benchmark": f"{name} kappa", "value": cohen_kappa(gold, pred), "unit": "kappa", "note": label}
        )
        for kind in ("checkable", "unverifiable", "opinion"):
            tp = sum(g == kind and p == kind for g, p in zip(gold, pred, strict=True))
            precision = tp / max(1, pred.count(kind))
            recall = tp / max(1, gold.count(kind))
            note = f"{gold.count(kind)} in the key, {pred.count(kind)} found"
            rows.append(
                {"benchmark": f"{name} {kind} precision", "value": precision, "unit": "ratio", "note": note}
            )
            rows.append(
                {"benchmark": f"{name} {kind} recall", "value": recall, "unit": "ratio", "note": note}
            )
        tp = sum(1 for p in pairs if p[2] and p[3])
        rows.append(
            {
                "benchmark": f"{name} hedge precision",
                "value": tp / max(1, sum(p[3] for p in pairs)),
                "unit": "ratio",
                "note": "the hedged flag",
            }
        )
        rows.append(
            {
                "benchmark": f"{name} hedge recall",
                "value": tp / max(1, sum(p[2] for p in pairs)),
                "unit": "ratio",
                "note": "the hedged flag",
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']:<45} {row['value']:>12.3f} {row['unit']:<8} {row['note']}")
