"""Peak memory of one kernel that has run every guided notebook, one after another.

This is what a learner's kernel costs over a whole course session; a classroom server multiplies it
by the number of learners.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
from jupyter_client.manager import start_new_kernel

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _vm_hwm_mib(pid: int) -> float:
    """Peak resident set size (VmHWM) of a Linux process, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run() -> list[dict]:
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(NOTEBOOKS))
    errors = 0
    started = time.perf_counter()
    try:
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if cell.cell_type != "code":
                    continue
                reply = kc.execute_interactive(cell.source, timeout=300, output_hook=lambda msg: None)
                errors += reply["content"]["status"] != "ok"
        took = time.perf_counter() - started
        pid = km.provisioner.process.pid  # the kernel's own process
        peak = _vm_hwm_mib(pid)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    note = f"{len(paths)} notebooks in one kernel"
    if errors:
        note += f"; {errors} cells raised errors"
    return [
        {"benchmark": "kernel peak RSS after every notebook", "value": peak, "unit": "MiB", "note": note},
        {"benchmark": "run every notebook in one kernel", "value": took, "unit": "s", "note": note},
    ]
