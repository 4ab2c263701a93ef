"""How much of new-lesson's draft key a reviewing teacher keeps, and how much of the hand key it holds.

Measured with the grader's own scorer (kit.newlesson.agreement, docs/SCORING.md) against:

- the seed's hand keys (solutions/): Exercise 1's sources, Exercise 2's loaded words, Exercise 3's
  hedges, and the capstone (Exercise 4, sources + loaded words + unverifiable claims);
- the readers' development sets (tests/readers/passages/*.json) read as hand keys
  (tests/newlesson_handkeys.py): sources, loaded words, unverifiable and hedged sentences. The readers
  were tuned on these sets or written by people who had read them, so they flatter the readers;
- frozen set 5 (tests/readers/frozen/frozen_set5.txt), for reporting only: neither the readers nor the
  draft's ranking were tuned on it; and sets 4, 3, 2 and 1 (frozen_set4.txt, frozen_set3.txt,
  frozen_set2.txt, frozen_set.txt), development sets since 2026-12-02.

precision = draft passages kept (possibly trimmed or widened) / drafted; recall = required hand passages
the draft holds / required; the exact figures count only passages kept without an edit (the draft and
the hand key ask for the same words). One row per question type and article set at the draft's
cut-off (required from DRAFT_FROM, debatable from EITHER_FROM), then the precision/recall curve over
cut-offs, pooled over each set. ``python benchmarks/bench_draftkey.py`` prints the table.
"""

from __future__ import annotations

from pathlib import Path

from bench_newlesson import by_path  # this folder is on sys.path (run directly or by run.py)

import kit
from kit.newlesson.agreement import agreement
from kit.newlesson.draftkey import DRAFT_FROM, EITHER_FROM, candidates, draft

ROOT = Path(__file__).resolve().parents[1]
CURVE = (0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8)
QUESTIONS = {"source": ("source",), "loaded": ("loaded",), "hedge": ("hedge",),
             "unverifiable": ("unverifiable",), "capstone": ("source", "loaded", "unverifiable")}  # fmt: skip


def hand_keys():
    return by_path("newlesson_handkeys", ROOT / "tests" / "newlesson_handkeys.py")


def _found(text: str, labels: tuple[str, ...], seed: bool):
    article = kit.load_article() if seed else kit.Article.from_text(text)
    read = {"sources": kit.find_sources(article), "loaded": kit.find_loaded_language(article),
            "claims": kit.find_claims(article)}  # fmt: skip
    return article.text, candidates(article.text, read, labels)


def pooled(keys, labels: tuple[str, ...], draft_from: float, either_from: float) -> dict[str, float]:
    total = {"drafted": 0, "kept": 0, "agreed": 0, "required": 0, "held": 0, "exact": 0}
    for key in keys:
        text, found = _found(key.text, labels, key.name.startswith("seed"))
        result = agreement(text, draft(found, draft_from, either_from), key.passages, key.sentence_level)
        for name in total:
            total[name] += result[name]
    return {
        **total,
        "precision": total["kept"] / total["drafted"] if total["drafted"] else 1.0,
        "recall": total["held"] / total["required"] if total["required"] else 1.0,
        "exact_precision": total["agreed"] / total["drafted"] if total["drafted"] else 1.0,
        "exact_recall": total["exact"] / total["required"] if total["required"] else 1.0,
    }


def sets():
    hk = hand_keys()
    out = [(f"seed, {q}", QUESTIONS[q], [hk.seed_key(q)]) for q in ("source", "loaded", "hedge", "capstone")]
    out += [(f"dev sets, {q}", QUESTIONS[q], hk.dev_keys(q)) for q in ("source", "loaded", "unverifiable",
                                                                      "hedge")]  # fmt: skip
    for which, label in (
        ("set 5", "FROZEN set 5 (report only)"),
        ("set 4", "set 4 (development)"),
        ("set 3", "set 3 (development)"),
        ("set 2", "set 2 (development)"),
        ("set 1", "set 1 (development)"),
    ):
        out += [(f"{label}, {q}", QUESTIONS[q], hk.frozen_keys(q, which))
                for q in ("source", "loaded", "unverifiable", "hedge")]  # fmt: skip
    return out


def run() -> list[dict]:
    rows = []
    for name, labels, keys in sets():
        r = pooled(keys, labels, DRAFT_FROM, EITHER_FROM)
        notes = {
            "precision": f"kept {r['kept']} of {r['drafted']} drafted",
            "recall": f"holds {r['held']} of {r['required']} required",
            "exact_precision": f"{r['agreed']} of {r['drafted']} kept without an edit",
            "exact_recall": f"{r['exact']} of {r['required']} required held without an edit",
        }
        articles = f"{len(keys)} article" + "s" * (len(keys) != 1)
        for measure, note in notes.items():
            rows.append({
                "benchmark": f"draft key, {name}: {measure.replace('_', ' ')}",
                "value": round(r[measure], 2),
                "unit": "ratio",
                "note": f"{note}; cut-off {DRAFT_FROM}, debatable from {EITHER_FROM}; {articles}",
            })  # fmt: skip
    return rows


def curve() -> list[str]:
    lines = ["cut-off                             " + "  ".join(f"{t:>21}" for t in CURVE)]
    for name, labels, keys in sets():
        cells = []
        for t in CURVE:
            r = pooled(keys, labels, t, t)
            cells.append(
                f"{r['precision']:.2f}/{r['recall']:.2f} ({r['exact_precision']:.2f}/{r['exact_recall']:.2f})"
            )
        lines.append(f"{name:<36} " + "  ".join(f"{c:>21}" for c in cells))
    return lines


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']:<48} {row['value']:>5.2f}  {row['note']}")
    print("\nprecision/recall (exact precision/recall) by cut-off (everything at or above it drafted):")
    print("\n".join(curve()))
