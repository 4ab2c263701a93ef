"""kit.files: the one atomic writer leaves either the old file or the whole new one, and no litter."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kit.files import atomic_open, staged_folder, write_atomic


def test_write_replaces_the_file_and_leaves_no_temporary_file(tmp_path) -> None:
    target = tmp_path / "grades.csv"
    target.write_text("old\n", encoding="utf-8")
    write_atomic(target, "new, ünïcode\n")
    assert target.read_text(encoding="utf-8") == "new, ünïcode\n"
    assert [p.name for p in tmp_path.iterdir()] == ["grades.csv"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_an_error_halfway_keeps_the_old_file_whole(tmp_path) -> None:
    target = tmp_path / "answers.json"
    target.write_text('{"old": true}', encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as handle:
            handle.write('{"new": ')
            raise RuntimeError("the disk filled up")
    assert target.read_text(encoding="utf-8") == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["answers.json"]


def test_private_files_and_newlines_as_given(tmp_path) -> None:
    target = tmp_path / "export.csv"
    with atomic_open(target, mode=0o600) as handle:
        handle.write("a,b\r\n1,2\r\n")
    assert target.read_bytes() == b"a,b\r\n1,2\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failed_check_of_the_new_file_keeps_the_old_one(tmp_path) -> None:
    target = tmp_path / "key.ipynb"
    target.write_text("old", encoding="utf-8")
    seen = []

    def refuse(tmp) -> None:
        seen.append((tmp.suffix, tmp.read_text(encoding="utf-8")))
        raise ValueError("the new key does not load")

    with pytest.raises(ValueError):
        with atomic_open(target, check=refuse) as handle:
            handle.write("new")
    assert seen == [(".ipynb", "new")]
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["key.ipynb"]


def test_a_staged_folder_replaces_the_old_one_whole(tmp_path) -> None:
    target = tmp_path / "release"
    target.mkdir()
    (target / "old.txt").write_text("old", encoding="utf-8")
    with staged_folder(target) as staging:
        assert staging.parent == tmp_path and staging.name.startswith(".release.")
        assert (target / "old.txt").exists()  # the old folder stays whole while the new one is built
        (staging / "new.txt").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["release"]  # no staging or old folder left
    assert stat.S_IMODE(target.stat().st_mode) == 0o755  # not the temporary folder's private 0o700


def test_an_error_while_staging_a_folder_keeps_the_old_one(tmp_path) -> None:
    target = tmp_path / "lesson"
    target.mkdir()
    (target / "old.txt").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with staged_folder(target) as staging:
            (staging / "half.txt").write_text("half", encoding="utf-8")
            raise RuntimeError("the article could not be read")
    assert sorted(p.name for p in target.iterdir()) == ["old.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["lesson"]


def test_a_failed_swap_puts_the_old_folder_back(tmp_path, monkeypatch) -> None:
    target = tmp_path / "lesson"
    target.mkdir()
    (target / "old.txt").write_text("old", encoding="utf-8")
    real_replace = Path.replace

    def refuse_staging(self: Path, other: Path) -> Path:
        if ".new-" in self.name:
            raise OSError("no space left on device")
        return real_replace(self, other)

    monkeypatch.setattr(Path, "replace", refuse_staging)
    with pytest.raises(OSError, match="no space"):
        with staged_folder(target) as staging:
            (staging / "new.txt").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in target.iterdir()) == ["old.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["lesson"]


def test_a_staged_folder_may_be_new(tmp_path) -> None:
    target = tmp_path / "deeper" / "lessons" / "mine"
    with staged_folder(target) as staging:
        (staging / "a.txt").write_text("a", encoding="utf-8")
    assert (target / "a.txt").read_text(encoding="utf-8") == "a"
