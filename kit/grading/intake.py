"""Submissions straight from the LMS: unpack Canvas and Moodle "download all submissions" archives safely.

``unpack(paths, folder)`` takes .zip files (or folders holding them), writes every notebook it finds to
``folder/learners/<learner>/<name>.ipynb`` and returns an :class:`Intake` that accounts for every
archive entry: kept, set aside (an older or duplicate hand-in) or skipped (with a plain reason).

Why our own checks around :mod:`zipfile` rather than ``extractall``: an archive comes from a platform
that passed on learner-chosen file names, and ``extractall`` trusts those names for paths and follows
no size limits. Here a member name is never used as a path (we build the path ourselves from a cleaned
learner id and base name), members that try to climb out (``..``), start at a root or drive, or are
symlinks are refused, and sizes and counts are capped while reading, not taken from the header (which
a zip bomb can fake).

Naming the platforms use (see docs/LMS.md for the sources):

- Canvas: ``<lastfirst>[_LATE]_<user id>_<attachment id>_<original name>``; a resubmitted file name
  gets ``-1``, ``-2`` before its extension.
- Moodle (3.1 and later, "download submissions in folders", the default):
  ``<Full Name>_<participant id>_assignsubmission_file_/<original name>``; older or with folders off:
  ``<Full Name>_<participant id>_assignsubmission_file_<original name>``.
- Anything else: the archive's own name is the learner (a plain folder of ``alice.zip``, ``ben.zip``).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

import pandas as pd

from kit.errors import GradingError
from kit.grading.accounting import UNPACKED_MARKER

MAX_MEMBER_BYTES = 50 * 1024**2  # one notebook; the largest saved lesson is well under 5 MB
MAX_TOTAL_BYTES = 1024**3  # everything unpacked from one run
MAX_MEMBERS = 20_000  # entries in one archive (a class of 500 with 40 files each)
MAX_DEPTH = 2  # an LMS archive holding a learner's own zip, and no deeper
MARKER = UNPACKED_MARKER

CANVAS = re.compile(
    r"^(?P<name>[^_/]+?)(?P<late>_late)?_(?P<uid>\d+)(?:_(?P<aid>\d+))?_(?P<file>.+)$", re.IGNORECASE
)
MOODLE = re.compile(r"^(?P<name>.+?)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>.*)$")
RESUBMITTED = re.compile(r"^(?P<stem>.+)-(?P<n>\d+)$")

COLUMNS = ["archive", "entry", "learner", "name", "platform", "late", "status", "reason", "file"]


@dataclass
class Entry:
    """One archive member and what became of it."""

    archive: str
    entry: str
    learner: str = ""
    name: str = ""
    platform: str = ""
    late: bool = False
    status: str = "skipped"  # kept | set aside | skipped
    reason: str = ""
    file: str = ""
    mtime: float = 0.0
    exercise: str = ""
    data: bytes = field(default=b"", repr=False)


@dataclass
class Intake:
    """What ``unpack`` did: where the notebooks went, display names, flags per kept file, every entry."""

    folder: Path
    entries: list[Entry]
    names: dict[str, str]

    @property
    def learners(self) -> Path:
        """The folder to grade: one sub-folder per learner (the marker file stays outside it)."""
        return self.folder / "learners"

    @property
    def kept(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "kept"]

    def flags(self) -> dict[str, list[str]]:
        """Plain notes for the grader, by the path of each kept file (late, duplicate hand-ins)."""
        notes: dict[str, list[str]] = {}
        for e in self.kept:
            mine = notes.setdefault(str(Path(e.file).resolve()), [])
            if e.late:
                mine.append(f"Late: {e.platform} marked this hand-in late.")
            others = [
                o
                for o in self.entries
                if o.status == "set aside" and o.learner == e.learner and o.exercise == e.exercise
            ]
            if others:
                older = ", ".join(PurePosixPath(o.entry).name for o in others)
                mine.append(
                    f"Duplicate hand-in: {len(others) + 1} files; the newest "
                    f"({PurePosixPath(e.entry).name}) was graded, not {older}."
                )
        return notes

    def to_frame(self) -> pd.DataFrame:
        """One row per archive entry: archive, entry, learner, name, platform, late, status, reason, file."""
        return pd.DataFrame([{c: getattr(e, c) for c in COLUMNS} for e in self.entries], columns=COLUMNS)


def is_archive(path: Path) -> bool:
    return path.suffix.lower() == ".zip" and path.is_file()


def archives_in(paths: Sequence[str | Path]) -> list[Path]:
    """The .zip files among ``paths`` and directly or deeper inside the folders among them."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if is_archive(path):
            found.append(path)
        elif path.is_dir():
            found += sorted(p for p in path.rglob("*") if is_archive(p) and MARKER not in p.parts)
    return found


def _safe_part(text: str) -> str:
    """A file-name part made only of letters, digits, dot, dash and underscore (never empty, never ..)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._-")
    return cleaned or "file"


def _unsafe_reason(info: zipfile.ZipInfo) -> str:
    name = info.filename.replace("\\", "/")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "a symbolic link (refused: it could point outside the folder)"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "an absolute path (refused)"
    if ".." in PurePosixPath(name).parts:
        return "a path that climbs out of the folder with '..' (refused)"
    if info.flag_bits & 0x1:
        return "encrypted (the grader cannot open it)"
    return ""


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> bytes | None:
    """The member's bytes, read in chunks so a faked size in the header cannot get past the limits."""
    limit = min(MAX_MEMBER_BYTES, budget[0])
    out = io.BytesIO()
    with archive.open(info) as handle:
        while chunk := handle.read(1024 * 1024):
            out.write(chunk)
            if out.tell() > limit:
                return None
    budget[0] -= out.tell()
    return out.getvalue()


def _who(parts: list[str], archive_stem: str) -> tuple[str, str, str, bool, str]:
    """(learner id, display name, platform, late, original file name) from an entry path's parts."""
    top, base = parts[0], parts[-1]
    moodle = MOODLE.match(top)
    if moodle:
        original = base if len(parts) > 1 else moodle["file"]
        return f"moodle_{moodle['pid']}", moodle["name"].strip(), "Moodle", False, original
    canvas = CANVAS.match(top) if len(parts) == 1 else None
    if canvas:
        original = canvas["file"]
        stem, dot, ext = original.rpartition(".")
        again = RESUBMITTED.match(stem) if dot else None
        if again:
            original = f"{again['stem']}.{ext}"
        return f"canvas_{canvas['uid']}", canvas["name"], "Canvas", bool(canvas["late"]), original
    return _safe_part(archive_stem), archive_stem, "", False, base


def _exercise_of(data: bytes, fallback: str) -> str:
    """The exercise a notebook belongs to (its medialit metadata), or its file name when it has none."""
    try:
        meta = json.loads(data.decode("utf-8")).get("metadata", {}).get("medialit", {})
        return str(meta.get("exercise") or fallback)
    except (ValueError, UnicodeDecodeError, AttributeError):
        return fallback


@dataclass
class _Walk:
    """Where the scan is: the archive's label, the learner's name source, the depth, what is left."""

    label: str
    stem: str
    depth: int
    budget: list[int]  # bytes left for the whole run (shared by every archive)
    out: list[Entry]  # every entry seen, in order


def _scan(source: Path | io.BytesIO, at: _Walk, outer: Entry | None) -> None:
    """Account for every member of one archive; keep notebooks, open a learner's own zip (one level)."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        who = outer or Entry(at.label, "")
        at.out.append(
            Entry(at.label, "", learner=who.learner, name=who.name, reason=f"not a readable zip ({exc})")
        )
        return
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            at.out.append(Entry(at.label, "", reason=f"holds {len(infos)} entries, more than {MAX_MEMBERS}"))
            return
        for info in infos:
            if not info.is_dir():
                _take(archive, info, at, outer)


def _take(archive: zipfile.ZipFile, info: zipfile.ZipInfo, at: _Walk, outer: Entry | None) -> None:
    label, stem, depth, budget, out = at.label, at.stem, at.depth, at.budget, at.out
    entry = Entry(label, info.filename)
    out.append(entry)
    why = _unsafe_reason(info)
    if why:
        entry.reason = why
        return
    parts = [p for p in PurePosixPath(info.filename.replace("\\", "/")).parts if p not in ("", ".")]
    if not parts or parts[0] == "__MACOSX" or parts[-1].startswith("._") or parts[-1] == ".DS_Store":
        entry.reason = "a file the computer added, not a hand-in"
        return
    if outer is not None:
        learner, name, platform, late, original = (
            outer.learner,
            outer.name,
            outer.platform,
            outer.late,
            parts[-1],
        )
    else:
        learner, name, platform, late, original = _who(parts, stem)
    entry.learner, entry.name, entry.platform, entry.late = learner, name, platform, late
    suffix = PurePosixPath(original).suffix.lower()
    if suffix not in (".ipynb", ".zip"):
        entry.reason = "not a notebook (.ipynb)"
        return
    if suffix == ".zip" and depth >= MAX_DEPTH:
        entry.reason = f"a zip inside a zip inside a zip (only {MAX_DEPTH} levels are opened)"
        return
    data = _read_member(archive, info, budget)
    if data is None:
        entry.reason = (
            f"too large (over {MAX_MEMBER_BYTES // 1024**2} MB for one file, or the run's "
            f"{MAX_TOTAL_BYTES // 1024**3} GB in total)"
        )
        return
    entry.mtime = datetime(*info.date_time).timestamp()
    if suffix == ".zip":
        entry.reason = "a zip file: its notebooks are listed after it"
        _scan(io.BytesIO(data), _Walk(f"{label}!{info.filename}", stem, depth + 1, budget, out), entry)
        return
    entry.data, entry.status = data, "kept"
    entry.file = original
    entry.exercise = _exercise_of(data, PurePosixPath(original).stem)


def unpack(paths: Sequence[str | Path], folder: str | Path, roster: pd.DataFrame | None = None) -> Intake:
    """Unpack every archive among ``paths`` into ``folder`` (emptied first); newest file per learner.

    With a ``roster`` (kit.grading.lms.read_roster), a learner found on it takes the roster's id and
    name (Canvas by user ID or name, Moodle by full name). Within one learner and exercise, the newest
    entry (by the time stored in the archive) is kept and the others are "set aside"; late and
    duplicate hand-ins come back as flags (``Intake.flags``).
    """
    folder = Path(folder)
    if folder.exists():
        if not (folder / MARKER).exists():
            raise GradingError(
                f"{folder} exists and was not made by the grader; move it away or choose another --out."
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("Unpacked from LMS archives by medialit grade.\n", encoding="utf-8")
    budget = [MAX_TOTAL_BYTES]
    entries: list[Entry] = []
    for archive in archives_in(paths):
        _scan(archive, _Walk(str(archive), archive.stem, 1, budget, entries), None)
    if roster is not None and len(roster):
        from kit.grading.lms import match_roster

        found = match_roster({e.learner: e.name for e in entries if e.learner}, roster)
        for e in entries:
            if e.learner in found:
                row = roster.iloc[found[e.learner]]
                e.learner, e.name = str(row["learner"]), str(row["name"])
    groups: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        if e.status == "kept":
            groups.setdefault((e.learner, e.exercise), []).append(e)
    names: dict[str, str] = {}
    for (learner, _exercise), group in groups.items():
        group.sort(key=lambda e: (e.mtime, e.entry))
        for older in group[:-1]:
            older.status, older.reason, older.data = "set aside", "an older or duplicate hand-in", b""
        newest = group[-1]
        target = folder / "learners" / _safe_part(learner) / _safe_part(newest.file)
        if target.suffix != ".ipynb":
            target = target.with_suffix(".ipynb")
        n = 1
        while target.exists():  # two exercises with the same file name from one learner
            n += 1
            target = target.with_name(f"{target.stem}-{n}.ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(newest.data)
        os.utime(target, (newest.mtime, newest.mtime))
        newest.file, newest.data = str(target), b""
        names[_safe_part(learner)] = newest.name
    if not entries:
        raise GradingError("No archive (.zip) was found among the submissions given.")
    return Intake(folder, entries, names)
