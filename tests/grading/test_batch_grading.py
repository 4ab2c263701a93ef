"""A whole class graded at once: every kind of bad submission gets the right score or flag."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from kit.grading.format import grade_id_of
from kit.grading.pipeline import grade_and_report
from kit.grading.running import load_key
from kit.grading.sandbox import Limits
from kit.grading.testing import (
    empty_submission,
    grade_notebook,
    key_as_submission,
    set_choice,
    set_highlights,
    set_source,
)

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "solutions" / "00_demo.ipynb"
# generous enough that an ordinary cell never times out on a busy 2-core CI machine; the loop still does
LIMITS = Limits(cell_seconds=8, memory_bytes=1024**3)


@pytest.fixture(scope="module")
def key():
    return load_key(DEMO)


def _cell(nb, gid):
    return next(c for c in nb.cells if grade_id_of(c) == gid)


def make_class(key, folder: Path) -> dict[str, Path]:
    """Write one submission per case into ``folder``; returns learner -> file."""
    files: dict[str, Path] = {}

    def save(name: str, nb) -> None:
        files[name] = folder / f"{name}_00_demo.ipynb"
        nbformat.write(nb, files[name])

    save("perfect", key_as_submission(key))
    save("empty", empty_submission(key))

    partial = empty_submission(key)
    names = [s for s in key.spans["demo-sources"] if s.status == "required" and s.label == "named source"]
    set_highlights(partial, "demo-sources", names, key.article_sha)  # 3 of the 5 required passages
    set_choice(partial, "demo-kind", "news report")
    set_choice(partial, "demo-missing", ["who wrote it", "which country it is about"])
    set_source(partial, "demo-named-count", "named_sources = 3")
    set_source(partial, "demo-code", "isis_count = 5")
    save("partial", partial)

    deleted = key_as_submission(key)
    deleted.cells = [c for c in deleted.cells if grade_id_of(c) not in ("demo-code-tests", "demo-kind")]
    save("deleted", deleted)

    hacked = key_as_submission(key)
    set_source(hacked, "demo-code", "isis_count = 0")
    set_source(hacked, "demo-code-tests", "pass")
    save("hacked", hacked)

    loop = key_as_submission(key)
    set_source(loop, "demo-code", "while True:\n    pass\nisis_count = 19")
    save("loop", loop)

    hog = key_as_submission(key)
    set_source(hog, "demo-code", "hog = bytearray(8 * 1024**3)\nisis_count = 19")
    save("hog", hog)

    thief = key_as_submission(key)
    set_source(thief, "demo-code", f"isis_count = len(open({str(DEMO)!r}).read())")
    save("thief", thief)

    dup = key_as_submission(key)
    extra = copy.deepcopy(_cell(dup, "demo-named-count"))
    extra.source = "named_sources = 99"
    extra["id"] = "dup-copy"
    dup.cells.append(extra)
    renamed = _cell(dup, "demo-kind")
    renamed.metadata["nbgrader"]["grade_id"] = "my-own-id"
    save("dup", dup)

    other = empty_submission(key)
    other.metadata["medialit"]["exercise"] = "09_another_lesson"
    for cell in other.cells:
        if grade_id_of(cell):
            cell.metadata["nbgrader"]["grade_id"] = "l9-" + grade_id_of(cell)
    save("other", other)

    files["broken"] = folder / "broken_00_demo.ipynb"
    files["broken"].write_text('{"cells": [', encoding="utf-8")
    files["blank"] = folder / "blank_00_demo.ipynb"
    files["blank"].write_text("", encoding="utf-8")

    # a resubmission: an older empty file and a newer perfect one for the same learner (sub-folder)
    sub = folder / "resub"
    sub.mkdir()
    nbformat.write(empty_submission(key), sub / "00_demo.ipynb")
    nbformat.write(key_as_submission(key), sub / "00_demo-v2.ipynb")
    os.utime(sub / "00_demo.ipynb", (1_000_000, 1_000_000))
    return files


@pytest.mark.slow
def test_a_class_with_every_kind_of_problem(key, tmp_path):
    subs, out = tmp_path / "submitted", tmp_path / "grades"
    subs.mkdir()
    make_class(key, subs)
    roster = tmp_path / "roster.csv"
    roster.write_text("learner,name\nperfect,Pat Perfect\nzoe,Zoe Absent\n", encoding="utf-8")
    run = grade_and_report([subs], DEMO, out, roster=roster, workers=2, limits=LIMITS, progress=False)
    g = pd.read_csv(out / "grades.csv", keep_default_na=False).set_index("learner")
    num = lambda who, col: float(g.loc[who, col])  # noqa: E731

    assert num("perfect", "total") == 10 and g.loc["perfect", "name"] == "Pat Perfect"
    assert g.loc["perfect", "demo-trust"] == ""  # waiting for hand grading
    assert num("empty", "total") == 0 and "No answers saved" in g.loc["empty", "flags"]
    # partial: 3 of 5 passages, wrong single choice, 1 right + 1 wrong pick = 0, right number, failing code
    assert 0 < num("partial", "demo-sources") < 4
    assert num("partial", "demo-kind") == 0 and num("partial", "demo-missing") == 0
    assert num("partial", "demo-named-count") == 1 and num("partial", "demo-code") == 0
    assert "Deleted cell 'demo-code-tests'" in g.loc["deleted", "flags"]
    assert num("deleted", "demo-code") == 2 and num("deleted", "demo-kind") == 0
    assert (
        "Edited test cell 'demo-code-tests'" in g.loc["hacked", "flags"] and num("hacked", "demo-code") == 0
    )
    assert "ran longer than" in g.loc["loop", "flags"] and num("loop", "demo-code") == 0
    assert num("loop", "demo-sources") == 4
    assert "more memory than allowed" in g.loc["hog", "flags"] and num("hog", "demo-code") == 0
    assert "Blocked" in g.loc["thief", "flags"] and num("thief", "demo-code") == 0
    assert "Duplicated cell 'demo-named-count'" in g.loc["dup", "flags"]
    assert "my-own-id" in g.loc["dup", "flags"] and num("dup", "demo-named-count") == 1
    assert "Wrong exercise" in g.loc["other", "flags"] and num("other", "total") == 0
    assert "damaged" in g.loc["broken", "flags"] and "empty" in g.loc["blank", "flags"]
    assert "Resubmitted" in g.loc["resub", "flags"] and num("resub", "total") == 10
    assert "No submission" in g.loc["zoe", "flags"]
    assert len(run.results) == 13  # 14 files, the resubmission counted once

    # feedback quotes passages, plots have alt text
    text = (out / "feedback" / "partial.md").read_text(encoding="utf-8")
    assert "Missed: “the Western media reported”" in text and "Found: “Qusai al-Anbari”" in text
    assert "<h2>" in (out / "feedback" / "partial.html").read_text(encoding="utf-8")
    index = (out / "plots" / "index.html").read_text(encoding="utf-8")
    assert index.count('alt="') == 3 and "the Western media reported" in index
    for png in ("score_distribution.png", "question_difficulty.png", "missed_passages.png"):
        assert (out / "plots" / png).stat().st_size > 1000

    # hand grading merges on the next run without losing automatic scores; the run is idempotent
    manual = pd.read_csv(out / "manual.csv", dtype=str, keep_default_na=False)
    assert set(manual["learner"]) >= {"perfect", "resub"} and "empty" not in set(manual["learner"])
    manual.loc[manual["learner"] == "perfect", ["level", "comment"]] = ["Proficient", "Clear reasons."]
    manual.to_csv(out / "manual.csv", index=False)
    grade_and_report([subs], DEMO, out, roster=roster, workers=2, limits=LIMITS, progress=False)
    g2 = pd.read_csv(out / "grades.csv", keep_default_na=False).set_index("learner")
    assert float(g2.loc["perfect", "demo-trust"]) == 3 and float(g2.loc["perfect", "total"]) == 13
    assert float(g2.loc["partial", "total"]) == num("partial", "total")
    assert "Clear reasons." in (out / "feedback" / "perfect.md").read_text(encoding="utf-8")
    first = (out / "grades.csv").read_bytes()
    grade_and_report([subs], DEMO, out, roster=roster, workers=1, limits=LIMITS, progress=False)
    assert (out / "grades.csv").read_bytes() == first
    assert "Proficient" in (out / "manual.csv").read_text(encoding="utf-8")


def test_key_scores_full_and_untouched_exercise_zero_for_every_solution(tmp_path):
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        key = load_key(path)
        full = grade_notebook(key_as_submission(key), key, tmp_path, f"full-{path.stem}.ipynb")
        assert full.score == full.max_auto > 0, (path.name, full.flags, full.questions)
        assert not full.flags, full.flags
        empty = grade_notebook(empty_submission(key), key, tmp_path, f"empty-{path.stem}.ipynb")
        assert empty.score == 0, (path.name, empty.questions)


def _grade_cli(args: list[str], env: dict[str, str] | None = None):
    import subprocess
    import sys

    command = [sys.executable, "-m", "kit.cli", "grade", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)


def test_without_any_sandbox_code_questions_are_not_run_and_the_rest_is_graded(key, tmp_path):
    subs, out = tmp_path / "submitted", tmp_path / "grades"
    subs.mkdir()
    nbformat.write(key_as_submission(key), subs / "pat_00_demo.ipynb")
    # a PATH with neither bwrap nor docker/podman on it: what a Mac or Windows teacher has
    env = dict(os.environ, PATH=str(tmp_path / "no-tools"))
    done = _grade_cli([str(subs), "--key", str(DEMO), "--out", str(out), "--quiet", "--workers", "1"], env)
    assert done.returncode == 0, done.stderr
    g = pd.read_csv(out / "grades.csv", keep_default_na=False).set_index("learner")
    flags = g.loc["pat", "flags"]
    assert "Not run: demo-code" in flags and "--isolation none" in flags and "bubblewrap" in flags
    assert float(g.loc["pat", "demo-code"]) == 0 and float(g.loc["pat", "demo-sources"]) == 4
    assert "Not run" in (out / "feedback" / "pat.md").read_text(encoding="utf-8")

    refused = _grade_cli([str(subs), "--key", str(DEMO), "--out", str(out), "--isolation", "bwrap"], env)
    assert refused.returncode == 2 and "bubblewrap (bwrap) is not installed" in refused.stderr

    # the teacher's explicit choice runs the code with the Python guards only
    unsafe = ["--quiet", "--isolation", "none"]
    ran = _grade_cli([str(subs), "--key", str(DEMO), "--out", str(out), *unsafe], env)
    assert ran.returncode == 0, ran.stderr
    g = pd.read_csv(out / "grades.csv", keep_default_na=False).set_index("learner")
    assert float(g.loc["pat", "demo-code"]) == 2 and "Not run" not in g.loc["pat", "flags"]


def test_asking_for_docker_without_a_running_engine_is_refused_plainly(key, tmp_path):
    from kit.grading import isolation

    engine, why = isolation._docker_engine()
    if engine:
        pytest.skip("a docker or podman engine runs here")
    nbformat.write(key_as_submission(key), tmp_path / "pat_00_demo.ipynb")
    done = _grade_cli([str(tmp_path / "pat_00_demo.ipynb"), "--key", str(DEMO), "--out", str(tmp_path / "o"),
                       "--isolation", "docker"])  # fmt: skip
    assert done.returncode == 2
    assert "--isolation docker" in done.stderr and why in done.stderr and "Traceback" not in done.stderr
