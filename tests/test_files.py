"""kit.files: the one atomic writer leaves either the old file or the whole new one, and no litter."""

from __future__ import annotations

import stat

import pytest

from kit.files import atomic_open, write_atomic


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
