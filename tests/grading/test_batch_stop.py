"""A batch stopped by Ctrl+C or SIGTERM leaves no process or temp file behind, and the next run resumes.

Apart from test_batch_grading.py so the two files can run on different test workers.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from kit.grading.running import load_key
from kit.grading.testing import key_as_submission, set_source

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "solutions" / "00_demo.ipynb"


@pytest.fixture(scope="module")
def key():
    return load_key(DEMO)


def _sandboxed_descendants(proc) -> list:
    import psutil

    try:
        return psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@pytest.mark.slow
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_a_stopped_batch_leaves_nothing_behind_and_resumes(key, tmp_path, how):
    """A real signal in the middle of a batch: no process or temp folder is left, and the next run resumes."""
    import signal
    import subprocess
    import sys
    import time

    import psutil

    subs, out = tmp_path / "submitted", tmp_path / "grades"
    subs.mkdir()
    for i in range(6):
        nb = key_as_submission(key)
        set_source(nb, "demo-code", f"import time\ntime.sleep(1.5)\nisis_count = {i}")
        nbformat.write(nb, subs / f"learner{i}_00_demo.ipynb")
    temp = tmp_path / "temp"  # the grader's own temp folder, so other programs' files do not count
    temp.mkdir()
    command = [sys.executable, "-m", "kit.cli", "grade", str(subs), "--key", str(DEMO), "--out", str(out),
               "--workers", "2", "--quiet", "--timeout", "8"]  # fmt: skip
    env = dict(os.environ, TMPDIR=str(temp))
    proc = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    journal = out / ".grading-progress.jsonl"
    deadline = time.monotonic() + 240
    seen: list = []
    while time.monotonic() < deadline and proc.poll() is None:  # wait for one result and a live sandbox
        lines = journal.read_text(encoding="utf-8").count("\n") if journal.exists() else 0
        seen = _sandboxed_descendants(proc)
        if lines >= 2 and any("bwrap" in " ".join(p.cmdline()) for p in seen if p.is_running()):
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the batch ended before it could be stopped"
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl+C: the whole process group
    else:
        proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    assert "Run the same command again" in err.decode()
    time.sleep(1)
    alive = [p for p in seen if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not alive, [p.cmdline() for p in alive]
    assert not list(temp.iterdir())
    done_before = journal.read_text(encoding="utf-8").count("\n") - 1
    assert 1 <= done_before < 6

    again = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    assert again.returncode == 0, again.stderr
    assert f"Resumed: {done_before} files" in again.stdout
    g = pd.read_csv(out / "grades.csv", keep_default_na=False).set_index("learner")
    assert sorted(g.index) == [f"learner{i}" for i in range(6)]
    assert float(g.loc["learner0", "total"]) == 8 and not journal.exists()
