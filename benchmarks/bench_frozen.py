"""Readers on the frozen evaluation set, beside the development sets, all scored the same way.

Span rows (sources, cues, loaded language) give partial credit for overlap, as in the shared tasks;
claims rows score one label per sentence. The frozen set (tests/readers/frozen/frozen_set.txt) was
annotated before the rule changes of issue #15 and is never used to tune; its note names the commit at
which it was frozen. Development sets are tests/readers/passages/*.json (the rules were tuned on, or
written after reading, all of them except where the set's own "about" says it is unseen). The F1 notes
also give each figure from before the rule changes of #15 items 1-2 (benchmarks/readers_before.json).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("frozen", ROOT / "tests" / "readers" / "frozen" / "frozen.py")
assert _spec and _spec.loader
frozen = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("frozen", frozen)
_spec.loader.exec_module(frozen)


BEFORE = json.loads((Path(__file__).with_name("readers_before.json")).read_text("utf-8"))


def _before(set_name: str, measure: str) -> str:
    """'; before the rule changes of #15 items 1-2 (commit): P / R / F1' for an F1 row's note, or ''."""
    was = BEFORE["figures"].get(set_name, {}).get(measure)
    if not was:
        return ""
    return f"; before r2 rules ({BEFORE['commit']}): P {was[0]} / R {was[1]} / F1 {was[2]}"


def _rows(set_name: str, figures: dict[str, dict[str, float]], note: str) -> list[dict]:
    rows = []
    for measure, f in figures.items():
        for key in ("f1", "precision", "recall"):
            rows.append({
                "benchmark": f"{set_name}: {measure} {key}",
                "value": f[key],
                "unit": "ratio",
                "note": f"{note}; {f['gold']} gold, {f['predicted']} found"
                + (_before(set_name, measure) if key == "f1" else ""),
            })  # fmt: skip
    return rows


def run() -> list[dict]:
    meta = frozen.meta()
    commit = meta.get("frozen_at_commit", "?")[:10]
    before = meta.get("before", {}).get("figures", {})
    rows = []
    for measure, f in frozen.evaluate().items():
        was = before.get(measure, {}).get("f1")
        then = f"; F1 before #15: {was}" if was is not None else ""
        for key in ("f1", "precision", "recall"):
            rows.append({
                "benchmark": f"FROZEN set: {measure} {key}",
                "value": f[key],
                "unit": "ratio",
                "note": f"frozen at {commit}, {meta.get('sentences', '?')} sentences; {f['gold']} gold,"
                f" {f['predicted']} found" + (then + _before("FROZEN set", measure) if key == "f1" else ""),
            })  # fmt: skip
    for name, figures in frozen.evaluate_development().items():
        rows += _rows(name.removesuffix(".json"), figures, "development set")
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
