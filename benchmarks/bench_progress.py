"""The readers of earlier commits on today's unseen frozen set: does the work on #15 carry over to new text?

Each unseen set is measured once when it is frozen and once after its session's rule changes, so one set
shows only one round, and with 30 to 60 loaded-language marks a set's figure moves a lot from set to set.
This benchmark asks the steadier question: how do the readers as they were at each earlier freezing
commit do on the set that none of them, and no rule since, was tuned on (frozen.UNSEEN)? It copies
``kit/`` of each commit out of git (``git archive``, into a temporary folder; nothing in the checkout
changes) and runs frozen.evaluate on the unseen set in a fresh Python with that copy first on the path.
Needs the git history (a clone has it). ``python benchmarks/run.py progress`` prints the table.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "tests" / "readers" / "frozen"
_spec = importlib.util.spec_from_file_location("frozen", FROZEN / "frozen.py")
assert _spec and _spec.loader
frozen = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("frozen", frozen)
_spec.loader.exec_module(frozen)

# (commit, what the readers were then): the commit that froze each set, and the one before any #15 work
COMMITS = (
    ("21541d7", "when #15 was filed (set 1 frozen)"),
    ("1a802ce", "when set 2 was frozen"),
    ("312ec33", "when set 3 was frozen"),
    ("ab37554", "when set 4 was frozen"),
    ("4645fa5", "when set 5 was frozen"),
)
# the sets measured, each only with readers from before anyone tuned on it (the commits before it was
# frozen and the one that froze the next set, i.e. its own session's 'after'); the unseen set also today
SETS = (("SET5", 5, True), ("SET4", 4, False))
MEASURES = ("loaded language spans", "claims: unverifiable sentences", "claims: hedged sentences",
            "sources: source spans")  # fmt: skip

_EVALUATE = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("frozen", sys.argv[1])
frozen = importlib.util.module_from_spec(spec)
sys.modules["frozen"] = frozen
spec.loader.exec_module(frozen)
print(json.dumps(frozen.evaluate(frozen.load(getattr(frozen, sys.argv[2])))))
"""


def in_history(commit: str) -> bool:
    """Whether this clone holds ``commit`` (a shallow clone may not: ``git fetch --unshallow`` adds it)."""
    found = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True, check=False
    )
    return found.returncode == 0


def _kit_at(commit: str, into: Path) -> Path:
    """``kit/`` as it was at ``commit``, unpacked under ``into``; returns the folder to put on sys.path."""
    if not in_history(commit):
        raise RuntimeError(f"commit {commit} is not in this clone's history: run `git fetch --unshallow`")
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "kit"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def figures(kit_parent: Path | None, which: str = "UNSEEN") -> dict[str, dict[str, float]]:
    """frozen.evaluate on a set (a name in frozen.py: "UNSEEN", "SET4") with the kit found under
    ``kit_parent`` (None: this checkout)."""
    path = str(kit_parent if kit_parent is not None else ROOT)
    # cwd is the temporary folder (or the root), so `import kit` finds exactly the kit asked for
    out = subprocess.run(
        [sys.executable, "-c", _EVALUATE, str(FROZEN / "frozen.py"), which],
        check=True, capture_output=True, text=True, cwd=path, env={**os.environ, "PYTHONPATH": path},
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def run() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        kits = {commit: _kit_at(commit, Path(tmp) / commit) for commit, _ in COMMITS}
        for which, number, today in SETS:
            path = getattr(frozen, which)
            frozen_at = frozen.meta(path)["frozen_at_commit"][:7]
            name = ("FROZEN " if path == frozen.UNSEEN else "") + f"set {number}"
            readers = [(c, label, kits[c]) for c, label in COMMITS if _untuned_on(c, frozen_at)]
            readers += [("this checkout", "today", None)] if today else []
            for commit, label, where in readers:
                got = figures(where, which)
                for measure in MEASURES:
                    f = got[measure]
                    rows.append({
                        "benchmark": f"{name}, readers {label}: {measure} P / R",
                        "value": f["precision"],
                        "unit": "precision",
                        "note": f"recall {f['recall']:.2f}, F1 {f['f1']:.2f}; {f['predicted']} found,"
                        f" {f['gold']} gold; readers of {commit} (set frozen at {frozen_at})",
                    })  # fmt: skip
    return rows


def _untuned_on(commit: str, frozen_at: str) -> bool:
    """Whether the readers of ``commit`` had not yet been tuned on the set frozen at ``frozen_at``: that
    commit, the ones before it, and the commit that froze the next set (the end of that set's session)."""
    order = [c for c, _ in COMMITS]
    last = order.index(frozen_at) + 1 if frozen_at in order else len(order) - 1
    return order.index(commit) <= last


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']}: {row['value']:.2f}  ({row['note']})")
