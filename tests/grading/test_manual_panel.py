"""Hand grading widgets and the plain language of what learners read from the grading parts."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import textstat

from kit.grading.manual import grading_panel, read_manual, save_entries, write_manual
from kit.grading.reports import feedback_markdown
from kit.grading.running import grade_notebook, load_key
from kit.grading.testing import key_as_submission, set_source
from kit.offline import ensure_cmudict
from kit.selfcheck import check

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "solutions" / "00_demo.ipynb"
EXERCISE = ROOT / "exercises" / "00_demo.ipynb"


def _graded(tmp_path, text="No. It has no author and every source is on one side."):
    key = load_key(DEMO)
    nb = key_as_submission(key)
    set_source(nb, "demo-trust", text)
    nbformat.write(nb, tmp_path / "mia_00_demo.ipynb")
    return key, grade_notebook(tmp_path / "mia_00_demo.ipynb", key, learner="mia")


def test_panel_level_sets_points_and_save_round_trips(tmp_path):
    key, result = _graded(tmp_path)
    out = tmp_path / "grades"
    write_manual([result], {key.name: key}, out, {})
    panel = grading_panel(out / "manual.csv")
    row = panel.children[0]
    level, points = row.children[1].children
    comment = row.children[2]
    level.value = "Emergent"
    assert points.value == 2
    comment.value = "Good start; say what you would check."
    save = panel.children[-1].children[0]
    save.click()
    entries = read_manual(out / "manual.csv", {key.name: key})
    assert entries[("mia", "demo-trust")]["points"] == 2
    assert entries[("mia", "demo-trust")]["comment"].startswith("Good start")
    again = grade_notebook(tmp_path / "mia_00_demo.ipynb", key, learner="mia", manual=entries)
    assert again.questions["demo-trust"].points == 2 and again.score == 12


def test_changed_answer_after_hand_grading_is_flagged(tmp_path):
    key, result = _graded(tmp_path)
    out = tmp_path / "grades"
    write_manual([result], {key.name: key}, out, {})
    save_entries(out / "manual.csv", {("mia", "demo-trust"): {"level": "Basic", "points": 0, "comment": ""}})
    _key, _ = _graded(tmp_path, "Yes, I trust it now.")
    manual = read_manual(out / "manual.csv", {key.name: key})
    again = grade_notebook(tmp_path / "mia_00_demo.ipynb", key, learner="mia", manual=manual)
    assert any("changed after it was graded" in f for f in again.flags)


def test_learner_text_is_plain(tmp_path):
    nb = json.loads(EXERCISE.read_text(encoding="utf-8"))
    prose = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    meta = [c["metadata"].get("medialit", {}) for c in nb["cells"]]
    prose += [m.get("hint", "") for m in meta if m.get("hint")]
    key, result = _graded(tmp_path)
    prose.append(feedback_markdown(result, key, "Mia"))
    prose.append(check("demo-sources", [], notebook=EXERCISE))
    prose.append(check("demo-kind", "news report", notebook=EXERCISE))
    text = "\n".join(p for p in prose if p.strip())
    ensure_cmudict()  # textstat counts syllables with a dictionary it would otherwise download
    assert textstat.flesch_kincaid_grade(text) <= 10, textstat.flesch_kincaid_grade(text)
    assert "every side" in text  # even-handed: the skills apply to all sides


def test_manual_csv_keeps_rows_of_learners_not_in_this_run(tmp_path):
    key, result = _graded(tmp_path)
    out = tmp_path / "grades"
    old = {
        ("zed", "demo-trust"): {
            "level": "Proficient",
            "points": 3.0,
            "comment": "ok",
            "answer_sha": "x",
            "exercise": "00_demo",
            "answer": "old",
        }
    }
    write_manual([result], {key.name: key}, out, old)
    frame = pd.read_csv(out / "manual.csv", dtype=str, keep_default_na=False)
    assert set(frame["learner"]) == {"mia", "zed"}
