"""Canvas and Moodle "download all submissions" archives, built to the platforms' naming, then graded."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from kit.cli import main
from kit.errors import GradingError
from kit.grading import intake
from kit.grading.running import load_key
from kit.grading.testing import empty_submission, key_as_submission

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "solutions" / "00_demo.ipynb"


@pytest.fixture(scope="module")
def notebooks():
    key = load_key(DEMO)
    return nbformat.writes(key_as_submission(key)), nbformat.writes(empty_submission(key))


def _zip(path: Path, members: list[tuple[str, bytes | str, tuple[int, ...]]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, when in members:
            info = zipfile.ZipInfo(name, date_time=when)
            archive.writestr(info, data)
    return path


MON = (2026, 11, 30, 9, 0, 0)
TUE = (2026, 12, 1, 9, 0, 0)


def test_canvas_archive_names_late_and_duplicates(tmp_path, notebooks):
    full, empty = notebooks
    archive = _zip(
        tmp_path / "submissions.zip",
        [
            ("smithbob_340934_208490284_00_demo.ipynb", full, MON),
            ("limaana_late_340935_208490290_00_demo.ipynb", empty, MON),
            ("okaforchi_340936_208490291_00_demo.ipynb", empty, MON),
            ("okaforchi_340936_208490299_00_demo-1.ipynb", full, TUE),  # resubmitted: newest wins
            ("okaforchi_340936_208490300_notes.docx", b"not a notebook", TUE),
        ],
    )
    got = intake.unpack([archive], tmp_path / "unpacked")
    kept = {e.learner: e for e in got.kept}
    assert set(kept) == {"canvas_340934", "canvas_340935", "canvas_340936"}
    assert kept["canvas_340935"].late and not kept["canvas_340934"].late
    assert Path(kept["canvas_340936"].file).read_text(encoding="utf-8") == full
    assert Path(kept["canvas_340936"].file).name == "00_demo.ipynb"
    frame = got.to_frame()
    assert len(frame) == 5  # every entry accounted for
    assert frame.set_index("entry").loc["okaforchi_340936_208490300_notes.docx", "reason"].startswith("not a")
    assert (frame["status"] == "set aside").sum() == 1
    flags = got.flags()
    assert any("Late" in f for f in flags[str(Path(kept["canvas_340935"].file).resolve())])
    assert any("Duplicate hand-in" in f for f in flags[str(Path(kept["canvas_340936"].file).resolve())])


def test_moodle_archive_both_layouts(tmp_path, notebooks):
    full, empty = notebooks
    archive = _zip(
        tmp_path / "moodle.zip",
        [
            ("Bob Smith_12001_assignsubmission_file_/00_demo.ipynb", full, MON),  # folders (3.1+)
            (
                "Ana Lima_12002_assignsubmission_file_00_demo.ipynb",
                empty,
                MON,
            ),  # flat (folders off)
            ("Ana Lima_12002_assignsubmission_onlinetext_/onlinetext.html", "<p>hi</p>", MON),
        ],
    )
    got = intake.unpack([archive], tmp_path / "unpacked")
    assert {(e.learner, e.name, e.platform) for e in got.kept} == {
        ("moodle_12001", "Bob Smith", "Moodle"),
        ("moodle_12002", "Ana Lima", "Moodle"),
    }
    assert got.names == {"moodle_12001": "Bob Smith", "moodle_12002": "Ana Lima"}


def _symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=MON)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def test_unsafe_entries_are_refused_and_nothing_escapes(tmp_path, notebooks):
    full, _ = notebooks
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("../../escaped.ipynb", date_time=MON), full)
        archive.writestr(zipfile.ZipInfo("/tmp/absolute.ipynb", date_time=MON), full)
        archive.writestr(zipfile.ZipInfo("C:/windows.ipynb", date_time=MON), full)
        archive.writestr(_symlink_info("link.ipynb"), "/etc/passwd")
        archive.writestr(zipfile.ZipInfo("__MACOSX/._x.ipynb", date_time=MON), b"junk")
        archive.writestr(zipfile.ZipInfo("ok.ipynb", date_time=MON), full)
    got = intake.unpack([path], tmp_path / "out" / "unpacked")
    reasons = got.to_frame().set_index("entry")["reason"]
    assert "climbs out" in reasons["../../escaped.ipynb"]
    assert "absolute" in reasons["/tmp/absolute.ipynb"] and "absolute" in reasons["C:/windows.ipynb"]
    assert "symbolic link" in reasons["link.ipynb"]
    assert [Path(e.file).name for e in got.kept] == ["ok.ipynb"]
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert written == [
        Path("evil.zip"),
        Path("out/unpacked/.medialit-unpacked"),
        Path("out/unpacked/learners/evil/ok.ipynb"),
    ]
    assert not any(p.is_symlink() for p in tmp_path.rglob("*"))


def test_size_limit_is_checked_while_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(intake, "MAX_MEMBER_BYTES", 1000)
    path = _zip(tmp_path / "big.zip", [("a.ipynb", b"{" + b" " * 5000 + b"}", MON)])
    got = intake.unpack([path], tmp_path / "unpacked")
    assert not got.kept and "too large" in got.entries[0].reason


def test_count_limit_and_a_damaged_archive(tmp_path, monkeypatch):
    monkeypatch.setattr(intake, "MAX_MEMBERS", 2)
    many = _zip(tmp_path / "many.zip", [(f"{i}.ipynb", "{}", MON) for i in range(3)])
    (tmp_path / "broken.zip").write_bytes(b"PK not really")
    got = intake.unpack([many, tmp_path / "broken.zip"], tmp_path / "unpacked")
    reasons = [e.reason for e in got.entries]
    assert any("more than 2" in r for r in reasons) and any("not a readable zip" in r for r in reasons)


def test_a_folder_the_grader_did_not_make_is_never_emptied(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "precious.txt").write_text("keep", encoding="utf-8")
    path = _zip(tmp_path / "a.zip", [("x.ipynb", "{}", MON)])
    with pytest.raises(GradingError, match="not made by the grader"):
        intake.unpack([path], tmp_path / "mine")
    assert (tmp_path / "mine" / "precious.txt").exists()


def test_plain_folder_of_zips_with_a_nested_learner_zip(tmp_path, notebooks):
    full, empty = notebooks
    folder = tmp_path / "handins"
    folder.mkdir()
    _zip(folder / "alice.zip", [("work/00_demo.ipynb", full, MON)])
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr(zipfile.ZipInfo("00_demo.ipynb", date_time=TUE), empty)
    _zip(tmp_path / "canvas.zip", [("smithbob_340934_208490284_mywork.zip", inner.getvalue(), TUE)])
    got = intake.unpack([folder, tmp_path / "canvas.zip"], tmp_path / "unpacked")
    assert {e.learner for e in got.kept} == {"alice", "canvas_340934"}


def test_grade_a_canvas_archive_with_a_canvas_roster_and_export(tmp_path, notebooks, capsys):
    full, empty = notebooks
    archive = _zip(
        tmp_path / "canvas-submissions.zip",
        [
            ("smithbob_340934_208490284_00_demo.ipynb", full, MON),
            ("limaana_late_340935_208490290_00_demo.ipynb", empty, MON),
        ],
    )
    roster = tmp_path / "canvas_export.csv"
    roster.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section\n"
        "    Points Possible,,,,\n"
        '"Smith, Bob",340934,S1,bsmith,Period 2\n'
        '"Lima, Ana",340935,S2,alima,Period 2\n'
        '"Okafor, Chi",340936,S3,cokafor,Period 2\n',
        encoding="utf-8",
    )
    out = tmp_path / "grades"
    code = main(
        ["grade", str(archive), "--key", str(DEMO), "--out", str(out), "--roster", str(roster)]
        + ["--workers", "1", "--quiet", "--export", "canvas"]
    )
    assert code == 0
    grades = pd.read_csv(out / "grades.csv", dtype=str).fillna("").set_index("name")
    assert set(grades.index) == {"Smith, Bob", "Lima, Ana", "Okafor, Chi"}
    assert float(grades.loc["Smith, Bob", "percent"]) > float(grades.loc["Lima, Ana", "percent"])
    assert "Late" in grades.loc["Lima, Ana", "flags"]
    assert "No submission" in grades.loc["Okafor, Chi", "flags"]
    per_exercise = pd.read_csv(out / "00_demo" / "grades.csv", dtype=str).fillna("")
    assert set(per_exercise["name"]) == {"Smith, Bob", "Lima, Ana", "Okafor, Chi"}
    canvas = pd.read_csv(out / "canvas_import.csv", dtype=str).fillna("")
    assert list(canvas.columns[:5]) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    canvas = canvas.set_index("Student")
    assert canvas.loc["Smith, Bob", "ID"] == "340934" and canvas.loc["Lima, Ana", "00_demo"] == "0"
    assert canvas.loc["Smith, Bob", "00_demo"] == ""  # its essay waits for hand grading: not a final score
    text = capsys.readouterr().out
    assert "Unpacked 1 archive" in text and "canvas_import.csv" in text
    assert (out / "intake.csv").exists()


def test_grade_a_moodle_archive_with_a_moodle_roster_and_export(tmp_path, notebooks):
    full, empty = notebooks
    archive = _zip(
        tmp_path / "moodle.zip",
        [
            ("Bob Smith_12001_assignsubmission_file_/00_demo.ipynb", full, MON),
            ("Ana Lima_12002_assignsubmission_file_/00_demo.ipynb", empty, MON),
        ],
    )
    roster = tmp_path / "moodle_grades.csv"
    roster.write_text(
        "First name,Last name,ID number,Institution,Department,Email address\n"
        "Bob,Smith,1001,,,bob@school.example\nAna,Lima,1002,,,ana@school.example\n",
        encoding="utf-8",
    )
    out = tmp_path / "grades"
    code = main(
        ["grade", str(archive), "--key", str(DEMO), "--out", str(out), "--roster", str(roster)]
        + ["--workers", "1", "--quiet", "--export", "moodle"]
    )
    assert code == 0
    grades = pd.read_csv(out / "grades.csv", dtype=str).fillna("")
    assert dict(zip(grades["learner"], grades["name"], strict=True)) == {
        "bob_school_example": "Bob Smith",
        "ana_school_example": "Ana Lima",
    }
    moodle = pd.read_csv(out / "moodle_import.csv", dtype=str).fillna("").set_index("Email address")
    assert moodle.loc["ana@school.example", "00_demo"] == "0"
    assert moodle.loc["bob@school.example", "ID number"] == "1001"
