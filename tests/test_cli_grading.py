"""The `medialit build` and `medialit grade` commands, run as a learner's teacher would run them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd

from kit.cli import main
from kit.grading.running import load_key
from kit.grading.testing import empty_submission, key_as_submission

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "solutions" / "00_demo.ipynb"
MEDIALIT = [sys.executable, "-m", "kit.cli"]


def test_build_check_passes_on_the_repository():
    done = subprocess.run([*MEDIALIT, "build", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stdout


def test_build_check_names_stale_files_and_build_fixes_them(tmp_path):
    (tmp_path / "solutions").mkdir()
    shutil.copy(DEMO, tmp_path / "solutions" / DEMO.name)
    done = subprocess.run([*MEDIALIT, "build", "--check"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1 and "00_demo.ipynb" in done.stderr
    assert (
        main(["build", "--solutions", str(tmp_path / "solutions"), "--exercises", str(tmp_path / "ex")]) == 0
    )
    assert (tmp_path / "ex" / DEMO.name).read_bytes() == (ROOT / "exercises" / DEMO.name).read_bytes()


def test_build_reports_a_bad_solution_plainly(tmp_path, capsys):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "01_bad.ipynb").write_text("not a notebook", encoding="utf-8")
    code = main(["build", "--solutions", str(tmp_path / "solutions"), "--exercises", str(tmp_path / "ex")])
    assert code == 2 and "01_bad.ipynb" in capsys.readouterr().err


def test_grade_files_and_folders(tmp_path, capsys):
    key = load_key(DEMO)
    (tmp_path / "class").mkdir()
    nbformat.write(key_as_submission(key), tmp_path / "class" / "ana_00_demo.ipynb")
    nbformat.write(empty_submission(key), tmp_path / "ben_00_demo.ipynb")
    code = main(
        [
            "grade",
            str(tmp_path / "class"),
            str(tmp_path / "ben_00_demo.ipynb"),
            "--key",
            str(DEMO),
            "--out",
            str(tmp_path / "out"),
            "--workers",
            "1",
            "--quiet",
        ]
    )
    assert code == 0, capsys.readouterr().err
    grades = pd.read_csv(tmp_path / "out" / "grades.csv").set_index("learner")
    assert grades.loc["ana", "total"] == 10 and grades.loc["ben", "total"] == 0
    assert (tmp_path / "out" / "manual_grading.ipynb").is_file()
    assert "Graded 2 submissions" in capsys.readouterr().out


def test_grade_with_a_missing_key_says_what_to_do(tmp_path, capsys):
    code = main(["grade", str(tmp_path), "--key", str(tmp_path / "nothing"), "--out", str(tmp_path / "o")])
    assert code == 2 and "--key" in capsys.readouterr().err


def test_grading_a_whole_kit_folder_skips_keys_and_outputs(tmp_path, capsys):
    key = load_key(DEMO)
    (tmp_path / "solutions").mkdir()
    shutil.copy(DEMO, tmp_path / "solutions" / DEMO.name)
    nbformat.write(key_as_submission(key), tmp_path / "ana_00_demo.ipynb")
    (tmp_path / "grades").mkdir()
    nbformat.write(empty_submission(key), tmp_path / "grades" / "old_00_demo.ipynb")
    code = main(
        [
            "grade",
            str(tmp_path),
            "--key",
            str(tmp_path / "solutions"),
            "--out",
            str(tmp_path / "grades"),
            "--workers",
            "1",
            "--quiet",
        ]
    )
    assert code == 0, capsys.readouterr().err
    grades = pd.read_csv(tmp_path / "grades" / "grades.csv")
    assert list(grades["learner"]) == ["ana"]
