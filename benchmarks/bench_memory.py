"""Where a learner's kernel memory goes: RSS after each import and after each guided notebook.

Three measurements, each in a real IPython kernel (jupyter_client + nbclient, the inline matplotlib
backend, as in JupyterLab), reading the kernel process's own /proc status from outside:

* imports: one fresh kernel imports the kit's parts one after another; the RSS after each step and
  what that step added.
* per lesson: every notebooks/*.ipynb in its own fresh kernel, run cell by cell; RSS after the lesson
  and the kernel's peak (VmHWM).
* all lessons: every notebook one after another in one kernel; RSS after each, the peak, and how
  long the whole run took (this replaces bench_kernel.py, which measured the same peak on its own).

A fourth run repeats "all lessons" with tracemalloc on and prints the top Python allocations by
package after each lesson (tracemalloc inflates RSS, so its figures are printed, not tabled).
Goal (issue 16): at most 160 MiB after the largest lesson and after all lessons in one kernel.
Run it alone with ``python benchmarks/run.py memory``. The notebooks run on a copy in a temp folder
with a temp answers store, so nothing in the repository changes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
GOAL_MIB = 160
# (step name, code) run in order in one fresh kernel; each adds to what the one before loaded
IMPORTS = [
    ("bare kernel", "pass"),
    ("import kit", "import kit"),
    ("kit.load_article()", "article = kit.load_article()"),
    ("kit.friendly.install()", "kit.friendly.install()"),
    ("import pandas", "import pandas"),
    ("kit.Highlighter(article)", "h = kit.Highlighter(article, readonly=True)"),
    ("kit.readability", "kit.readability(article.text)"),
    ("kit.find_sources", "kit.find_sources(article)"),
    ("kit.find_loaded_language", "kit.find_loaded_language(article)"),
    ("kit.find_claims", "kit.find_claims(article)"),
    ("kit.overview", "import kit.overview"),
    ("kit.report", "import kit.report"),
    ("kit.compare", "kit.compare"),
    ("import matplotlib.pyplot", "import matplotlib.pyplot"),
]
TRACE_TOP = 8
TRACE_START = "import tracemalloc as _tm; _tm.start(1)"
TRACE_REPORT = f"""
import collections as _c, tracemalloc as _tm, sysconfig as _sc
_paths = [_sc.get_paths()['purelib'], _sc.get_paths()['stdlib'], {str(REPO)!r}]
_paths.sort(key=len, reverse=True)
def _pkg(name):
    for base in _paths:
        if name.startswith(base):
            rest = name[len(base):].lstrip('/').split('/')
            return '/'.join(rest[:2]) if rest[0] == 'kit' else rest[0]
    return name.split('/')[-1]
_by = _c.Counter()
for _st in _tm.take_snapshot().statistics('filename'):
    _by[_pkg(_st.traceback[0].filename)] += _st.size
print('TRACE ' + '; '.join(f'{{k}} {{v / 2**20:.1f}}' for k, v in _by.most_common({TRACE_TOP})))
"""


def _status(pid: int) -> dict[str, float]:
    """VmRSS (now), VmHWM (peak), and from smaps_rollup Pss and USS (private pages), in MiB.

    RSS counts the shared libraries' pages (python, numpy, pandas ... about 40 MiB), which every kernel
    on a machine shares; USS is what one more kernel adds on a hub."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(rest.split()[0]) / 1024
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    if rollup.exists():
        fields = {}
        for line in rollup.read_text().splitlines()[1:]:
            key, _, rest = line.partition(":")
            fields[key] = int(rest.split()[0]) / 1024
        out["Pss"] = fields.get("Pss", float("nan"))
        out["USS"] = fields.get("Private_Clean", float("nan")) + fields.get("Private_Dirty", float("nan"))
    return out


class Kernel:
    """One python3 kernel with the notebooks' working folder and a temp answers store."""

    def __init__(self, cwd: Path, answers: Path) -> None:
        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(cwd), env={**os.environ, "MEDIALIT_ANSWERS_DIR": str(answers)})
        self.errors = 0

    @property
    def pid(self) -> int:
        return self.km.provisioner.process.pid

    def memory(self) -> dict[str, float]:
        return _status(self.pid)

    def run(self, nb: nbformat.NotebookNode) -> list[str]:
        """Run a notebook's code cells one by one; returns their printed text."""
        client = NotebookClient(nb, km=self.km, timeout=300, allow_errors=True)
        printed = []
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                client.execute_cell(cell, index)
                for out in cell.get("outputs", []):
                    self.errors += out.get("output_type") == "error"
                    printed.append(out.get("text", ""))
        return printed

    def execute(self, *sources: str) -> list[str]:
        return self.run(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources]))

    def stop(self) -> None:
        self.km.shutdown_kernel(now=True)


def _workspace() -> tuple[Path, Path, list[Path]]:
    """A temp copy of notebooks/ (the lessons write files beside themselves) next to seeds/."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    shutil.copytree(REPO / "notebooks", tmp / "notebooks")
    (tmp / "seeds").symlink_to(REPO / "seeds")
    return tmp / "notebooks", tmp / "answers", sorted((tmp / "notebooks").glob("*.ipynb"))


def _row(name: str, value: float, note: str) -> dict:
    return {"benchmark": name, "value": value, "unit": "MiB", "note": note}


def run() -> list[dict]:
    cwd, answers, paths = _workspace()
    rows: list[dict] = []

    kernel = Kernel(cwd, answers)
    try:
        before = None
        for name, code in IMPORTS:
            kernel.execute(code)
            rss = kernel.memory()["VmRSS"]
            added = "" if before is None else f"+{rss - before:.1f} MiB"
            rows.append(_row(f"import: {name}", rss, f"RSS after this step {added}".strip()))
            before = rss
    finally:
        kernel.stop()

    largest = 0.0
    for path in paths:
        kernel = Kernel(cwd, answers)
        try:
            kernel.run(nbformat.read(path, as_version=4))
            mem = kernel.memory()
            largest = max(largest, mem["VmHWM"])
            note = f"fresh kernel; peak {mem['VmHWM']:.0f} MiB; USS {mem.get('USS', float('nan')):.0f}; "
            note += f"goal <= {GOAL_MIB}"
            note += f"; {kernel.errors} cell errors" if kernel.errors else ""
            rows.append(_row(f"lesson alone: {path.stem}", mem["VmRSS"], note))
        finally:
            kernel.stop()
    rows.append(_row("largest lesson alone (peak)", largest, f"goal <= {GOAL_MIB}"))

    kernel = Kernel(cwd, answers)
    try:
        started = time.perf_counter()
        for path in paths:
            kernel.run(nbformat.read(path, as_version=4))
            mem = kernel.memory()
            rows.append(
                _row(f"all lessons, after {path.stem}", mem["VmRSS"], f"peak so far {mem['VmHWM']:.0f}")
            )
        note = f"one kernel, {len(paths)} notebooks; goal <= {GOAL_MIB}"
        note += f"; {kernel.errors} cell errors" if kernel.errors else ""
        mem = kernel.memory()
        rows.append(_row("all lessons in one kernel (peak)", mem["VmHWM"], note))
        rows.append(_row("all lessons in one kernel: USS after", mem.get("USS", float("nan")),
                         f"private pages only (PSS {mem.get('Pss', float('nan')):.0f}): what one more "
                         "kernel adds where the libraries' pages are shared"))
        took = time.perf_counter() - started
        rows.append({"benchmark": "all lessons in one kernel: run time", "value": took, "unit": "s",
                     "note": f"{len(paths)} notebooks cell by cell, with the RSS readings"})
    finally:
        kernel.stop()

    kernel = Kernel(cwd, answers)
    try:
        kernel.execute(TRACE_START)
        print("tracemalloc, Python allocations by package (MiB), all lessons in one kernel:")
        for path in paths:
            kernel.run(nbformat.read(path, as_version=4))
            trace = next(t for t in kernel.execute(TRACE_REPORT) if t.startswith("TRACE"))
            print(f"  after {path.stem}: {trace[6:].strip()}")
    finally:
        kernel.stop()
    shutil.rmtree(cwd.parent, ignore_errors=True)
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']:<45} {row['value']:8.1f} {row['unit']}  {row['note']}")
