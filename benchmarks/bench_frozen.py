"""Readers on the frozen evaluation set, beside the development sets, all scored the same way.

Span rows (sources, cues, loaded language) give partial credit for overlap, as in the shared tasks;
claims rows score one label per sentence. FROZEN set 5 (tests/readers/frozen/frozen_set5.txt) was
written and annotated by team members who never saw the readers, before the reader changes of the fifth
session of 2026-12-02, and is never used to tune; its notes name the commit at which it was frozen and
the figures then. Sets 1 to 4 were the frozen set in turn until each was used before and after a rule
change: they are development sets now. Other development sets are tests/readers/passages/*.json.
"Annotator agreement" rows compare a set's gold with a blind second annotation of the same text: how far
two careful people agree, a ceiling for any reader. The F1 notes of older sets also give each figure
from before the rule changes of #15 items 1-2 (benchmarks/readers_before.json).
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


def _frozen_rows(path: Path, label: str, what: str) -> list[dict]:
    """One set's rows; the notes give the figure at the set's freezing commit beside today's."""
    meta = frozen.meta(path)
    commit = meta.get("frozen_at_commit", "?")[:10]
    before = meta.get("before", {}).get("figures", {})
    rows = []
    for measure, f in frozen.evaluate(frozen.load(path)).items():
        for key in ("f1", "precision", "recall"):
            was = before.get(measure, {}).get(key)
            then = f"; {was} when frozen" if was is not None else ""
            rows.append({
                "benchmark": f"{label}: {measure} {key}",
                "value": f[key],
                "unit": "ratio",
                "note": f"{what}, frozen at {commit}, {meta.get('sentences', '?')} sentences;"
                f" {f['gold']} gold, {f['predicted']} found" + then,
            })  # fmt: skip
    return rows


def _agreement_rows(first: Path, second: Path, label: str) -> list[dict]:
    if not second.exists():
        return []
    rows = []
    for measure, f in frozen.agreement(first, second).items():
        keys = ("kappa", "agreement") if "kappa" in f else ("f1", "precision", "recall")
        for key in keys:
            note = (
                f"{f['items']} sentences"
                if "items" in f
                else f"{f['first']} marks by the first, {f['second']} by the second"
            )
            rows.append({
                "benchmark": f"{label} annotator agreement: {measure} {key}",
                "value": f[key],
                "unit": "ratio",
                "note": f"blind second annotation ({second.name}) against the gold; {note}",
            })  # fmt: skip
    return rows


def _lenient_rows(first: Path, second: Path, label: str) -> list[dict]:
    if not second.exists():
        return []
    return [
        {
            "benchmark": f"{label}: {measure} precision against either annotator",
            "value": f["precision"],
            "unit": "ratio",
            "note": "a find counts as right if the gold or the blind second annotation marks it;"
            f" {f['predicted']} found",
        }
        for measure, f in frozen.precision_against_either(first, second).items()
    ]


# (set, its blind second annotation or None, label, status), the unseen set first
SETS = (
    (frozen.SET5, frozen.SECOND5, "FROZEN set 5", "unseen"),
    (frozen.SET4, frozen.SECOND4, "set 4", "development since the fifth session of 2026-12-02"),
    (frozen.SET3, frozen.SECOND3, "set 3", "development since the fourth session of 2026-12-02"),
    (frozen.SET2, frozen.SECOND, "set 2", "development since the third session of 2026-12-02"),
    (frozen.SET_PATH, None, "set 1", "development since 2026-12-02"),
)


def run() -> list[dict]:
    rows = []
    for path, second, label, status in SETS:
        rows += _frozen_rows(path, label, status)
        if second is not None:
            rows += _lenient_rows(path, second, label)
            rows += _agreement_rows(path, second, label.removeprefix("FROZEN "))
    for name, figures in frozen.evaluate_development().items():
        rows += _rows(name.removesuffix(".json"), figures, "development set")
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
