"""Score kit.find_sources and kit.unsourced_claims against the hand-annotated passages.

Shared by tests/readers/test_sourcing_passages.py and benchmarks/bench_sourcing.py (loaded by path).
An expected attribution is found when a row's cue overlaps the annotated cue and its source overlaps the
annotated source. Kind and pronoun links are scored only on found attributions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import kit

HERE = Path(__file__).parent
SETS = {
    "tuning": HERE / "sourcing_passages.json",
    "heldout": HERE / "sourcing_heldout.json",
    "heldout3": HERE / "sourcing_heldout3.json",
}


def load_passages(which: str = "tuning") -> list[dict[str, Any]]:
    return json.loads(SETS[which].read_text("utf-8"))["passages"]


def _span(text: str, phrase: str, nth: int = 0, near: int | None = None) -> tuple[int, int]:
    hits = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if near is not None:  # the source occurrence closest to its cue
        start = min(hits, key=lambda h: abs(h - near))
    else:
        start = hits[nth]
    return start, start + len(phrase)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_passage(passage: dict[str, Any]) -> dict[str, Any]:
    article = kit.Article.from_text(passage["text"])
    text = article.text
    found = kit.find_sources(article)
    rows = list(found.itertuples(index=False))
    matched_rows: set[int] = set()
    hits, kind_right, links, links_right, misses, kinds_wrong = 0, 0, 0, 0, [], []
    for exp in passage["attributions"]:
        cue = _span(text, exp["cue"], exp.get("nth", 0))
        src = _span(text, exp["source"], near=cue[0])
        match = next(
            (
                i
                for i, r in enumerate(rows)
                if i not in matched_rows
                and _overlap((r.cue_start, r.cue_end), cue)
                and _overlap((r.source_start, r.source_end), src)
            ),
            None,
        )
        if match is None:
            misses.append(f"{exp['source']} {exp['cue']}")
            continue
        matched_rows.add(match)
        hits += 1
        row = rows[match]
        kind_right += row.kind == exp["kind"]
        if row.kind != exp["kind"]:
            kinds_wrong.append(f"KIND {exp['source']}: {row.kind} not {exp['kind']}")
        if "refers_to" in exp:
            links += 1
            links_right += exp["refers_to"] in row.resolved_source
    extras = [f"{r.source} {r.cue}" for i, r in enumerate(rows) if i not in matched_rows]
    claims = kit.unsourced_claims(article)
    expected_claims = [text.index(p) for p in passage["unsourced"]]
    claim_hits = sum(any(r.start <= s < r.end for r in claims.itertuples()) for s in expected_claims)
    return {
        "id": passage["id"],
        "expected": len(passage["attributions"]),
        "predicted": len(rows),
        "hits": hits,
        "kind_right": kind_right,
        "links": links,
        "links_right": links_right,
        "misses": misses,
        "extras": extras,
        "kinds_wrong": kinds_wrong,
        "claims_expected": len(expected_claims),
        "claims_predicted": len(claims),
        "claims_hits": claim_hits,
    }


def score_all(which: str = "tuning") -> dict[str, Any]:
    per = [score_passage(p) for p in load_passages(which)]
    total = {k: sum(p[k] for p in per) for k in per[0] if isinstance(per[0][k], int)}
    total["precision"] = total["hits"] / total["predicted"] if total["predicted"] else 0.0
    total["recall"] = total["hits"] / total["expected"]
    total["kind_accuracy"] = total["kind_right"] / total["hits"] if total["hits"] else 0.0
    total["link_accuracy"] = total["links_right"] / total["links"] if total["links"] else 0.0
    total["claims_recall"] = total["claims_hits"] / total["claims_expected"]
    total["kinds_wrong"] = [m for p in per for m in p["kinds_wrong"]]
    return {"total": total, "passages": per}
