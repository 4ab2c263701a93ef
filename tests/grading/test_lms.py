"""Grade exports for Canvas and Moodle: golden files, and each file checked against the platform's rules.

The checks below restate what each platform's importer reads (sources in docs/LMS.md):
Canvas's GradebookImporter wants "Student" then "ID" as the first two headers, optional "SIS User ID" and
"SIS Login ID" next, "Section" as the last student column, and takes a row starting "Points Possible" as the
points of each assignment; Moodle's CSV import needs one column it can map to a user field (email address
or ID number) and a number (or blank) in each grade column.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from kit.errors import GradingError
from kit.grading import lms
from kit.grading.running import QuestionResult, SubmissionResult, load_key

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("MEDIALIT_UPDATE_GOLDEN") == "1"


def _scores() -> lms.Scores:
    return lms.Scores(
        exercises=["01_sourcing", "02_loaded_language"],
        possible={"01_sourcing": 12.0, "02_loaded_language": 10.0},
        points={
            "canvas_340934": {"01_sourcing": 11.5, "02_loaded_language": 9.0},
            "moodle_12002": {"01_sourcing": 7.0, "02_loaded_language": None},  # waits for hand grading
            "=cmd": {"01_sourcing": 3.0},
        },
        shown={"canvas_340934": "smithbob", "moodle_12002": "Ana Lima", "=cmd": "=cmd"},
        pending=[("moodle_12002", "02_loaded_language")],
    )


def _roster(tmp_path: Path) -> pd.DataFrame:
    path = tmp_path / "roster.csv"
    path.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Email address,ID number\n"
        "    Points Possible,,,,,,\n"
        '"Smith, Bob",340934,S1,bsmith,Period 2,bob@school.example,1001\n'
        '"Lima, Ana",340935,S2,alima,Period 2,ana@school.example,1002\n'
        '"Okafor, Chi",340936,S3,cokafor,Period 3,,\n',
        encoding="utf-8",
    )
    return lms.read_roster(path)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def check_canvas(rows: list[list[str]]) -> None:
    """What Canvas's importer needs before it reads a single grade (see the module docstring)."""
    header = rows[0]
    assert len(header) > 3 and re.match("Student", header[0]) and re.match("ID", header[1])
    student_columns = 3
    if re.match(r"SIS\s+Login\s+ID", header[2]):
        student_columns += 1
    elif re.match(r"SIS\s+User\s+ID", header[2]) and re.match(r"SIS\s+Login\s+ID", header[3]):
        student_columns += 2
    assert re.search("Section", header[student_columns - 1]), "the last student column must be Section"
    assignments = header[student_columns:]
    assert assignments and all(a.strip() for a in assignments)
    assert not any(re.search("Current Score|Final Score|Current Grade|Final Grade", a) for a in assignments)
    points = rows[1]
    assert re.match("Points Possible", points[0].strip())
    assert all(float(p) > 0 for p in points[student_columns:])
    for row in rows[2:]:
        assert len(row) == len(header) and row[0].strip()
        assert row[1] == "" or row[1].isdigit()
        for cell in row[student_columns:]:
            assert cell == "" or float(cell) >= 0


def check_moodle(rows: list[list[str]], exercises: list[str]) -> None:
    """What Moodle's CSV grade import needs: a user-field column to map from and numeric grade columns."""
    header = rows[0]
    assert "Email address" in header or "ID number" in header
    keys = [header.index(c) for c in ("Email address", "ID number") if c in header]
    for row in rows[1:]:
        assert len(row) == len(header)
        assert any(row[k] for k in keys), "a row Moodle could not match to a user"
        for exercise in exercises:
            cell = row[header.index(exercise)]
            assert cell == "" or float(cell) >= 0


@pytest.mark.parametrize("kind", lms.KINDS)
def test_exports_match_golden_files_and_the_platform_rules(tmp_path, kind):
    done = lms.export(kind, _scores(), _roster(tmp_path), tmp_path / f"{kind}.csv")
    golden = GOLDEN / f"{kind}_import.csv"
    if UPDATE:
        golden.write_bytes(done.path.read_bytes())
    assert done.path.read_bytes() == golden.read_bytes()
    rows = _rows(done.path)
    if kind == "canvas":
        check_canvas(rows)
    elif kind == "moodle":
        check_moodle(rows, _scores().exercises)
    assert any("hand grading" in w for w in done.warnings)


def test_canvas_rows_are_matched_by_id_and_name(tmp_path):
    done = lms.export("canvas", _scores(), _roster(tmp_path), tmp_path / "c.csv")
    rows = {r[0]: r for r in _rows(done.path)[2:]}
    assert rows["Smith, Bob"][1:6] == ["340934", "S1", "bsmith", "Period 2", "11.5"]  # canvas_<id>
    assert rows["Lima, Ana"][5:] == ["7", ""]  # Moodle "Ana Lima" matched "Lima, Ana" by name; pending blank
    assert rows["Okafor, Chi"][5:] == ["", ""]  # no hand-in: blank, never 0
    assert any("=cmd" in w and "not on the roster" in w for w in done.warnings)


def test_moodle_leaves_out_learners_it_could_not_match(tmp_path):
    done = lms.export("moodle", _scores(), _roster(tmp_path), tmp_path / "m.csv")
    emails = [r[0] for r in _rows(done.path)[1:]]
    assert emails == ["bob@school.example", "ana@school.example"]
    assert any("Okafor Chi" in w or "Okafor, Chi" in w for w in done.warnings)


def test_plain_csv_escapes_formulas_and_keeps_everyone(tmp_path):
    done = lms.export("csv", _scores(), lms.read_roster(None), tmp_path / "p.csv")
    rows = _rows(done.path)
    assert rows[0][:4] == ["learner", "name", "email", "id_number"]
    learners = [r[0] for r in rows[1:]]
    assert "'=cmd" in learners and "canvas_340934" in learners
    ana = next(r for r in rows if r[0] == "moodle_12002")
    assert ana[4:] == ["7", "", "7", "12", "58.3"]  # percent of what is final


def test_moodle_roster_shape_and_bad_rosters(tmp_path):
    path = tmp_path / "moodle_export.csv"
    path.write_text(
        "First name,Last name,ID number,Institution,Department,Email address\n"
        "Ana,Lima,1002,,,ana@school.example\n",
        encoding="utf-8",
    )
    roster = lms.read_roster(path)
    assert roster.loc[0, "name"] == "Ana Lima" and roster.loc[0, "learner"] == "ana_school_example"
    assert lms.match_roster({"moodle_12002": "Ana Lima"}, roster) == {"moodle_12002": 0}
    empty = tmp_path / "empty.csv"
    empty.write_text("Section\nPeriod 2\n", encoding="utf-8")
    with pytest.raises(GradingError, match="no learner, name, email"):
        lms.read_roster(empty)
    with pytest.raises(GradingError, match="Unknown export"):
        lms.export("blackboard", _scores(), roster, tmp_path / "x.csv")


def test_an_ambiguous_name_is_not_matched(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("learner,name\na1,Sam Lee\na2,Lee Sam\n", encoding="utf-8")
    assert lms.match_roster({"x": "leesam"}, lms.read_roster(path)) == {}


def test_scores_from_real_results_leave_pending_blank():
    key = load_key(ROOT / "solutions" / "00_demo.ipynb")
    done = SubmissionResult("a.ipynb", "ana", key.name, 0.0)
    waiting = SubmissionResult("b.ipynb", "ben", key.name, 0.0)
    for gid, q in key.solution.questions.items():
        done.questions[gid] = QuestionResult(gid, q.type, q.points, q.points, "right")
        status = "needs grading" if q.type == "text" else "right"
        waiting.questions[gid] = QuestionResult(gid, q.type, 0.0, q.points, status)
    scores = lms.scores_from_results([done, waiting], {key.name: key})
    total = sum(q.points for q in key.solution.questions.values())
    assert scores.points == {"ana": {key.name: total}, "ben": {key.name: None}}
    assert scores.possible[key.name] == total and scores.pending == [("ben", key.name)]
