"""Every file a teacher hands the grader is accounted for: a notebook to grade, or a plain reason why not.

:func:`take_in` walks the submission folders. Notebooks (``.ipynb`` in any letter case) are graded;
everything else (``x.ipynb.txt``, a PDF, a link, a named pipe) becomes a flagged row of its own, so
no learner is missing from grades.csv without a word. :func:`duplicate_flags` notices identical
files handed in by different learners.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kit.errors import GradingError

SKIP_DIRS = {".ipynb_checkpoints", "__pycache__", ".git"}
UNPACKED_MARKER = ".medialit-unpacked"  # written by kit.grading.intake in a folder it unpacked: not a hand-in


@dataclass
class Intake:
    """One file found among the submissions: its learner id, and why it is not graded ('' = graded)."""

    path: Path
    learner: str
    reason: str = ""
    note: str = ""


def _reason(file: Path) -> tuple[str, str]:
    """(why this file is not graded, a note for a graded one)."""
    try:
        info = file.lstat()
    except OSError as exc:
        return f"Not graded: {file.name} could not be read ({exc.strerror}).", ""
    if stat.S_ISLNK(info.st_mode):
        return f"Not graded: {file.name} is a link, not a file. Copy the notebook itself into the folder.", ""
    if not stat.S_ISREG(info.st_mode):
        return f"Not graded: {file.name} is not an ordinary file (a pipe or a device).", ""
    name = file.name
    if name.endswith(".ipynb"):
        return "", ""
    if name.lower().endswith(".ipynb"):
        return "", f"The file name {name} ends in '{name[-6:]}', not '.ipynb'; it was graded anyway."
    if ".ipynb" in name.lower():
        fixed = name[: name.lower().index(".ipynb") + 6]
        return (
            f"Not graded: {name} has the wrong extension. Rename it to {fixed} and grade again.",
            "",
        )
    kind = file.suffix or "no extension"
    return f"Not graded: {name} is not a notebook ({kind}). Ask for the saved .ipynb file.", ""


def _stem(file: Path) -> str:
    lower = file.name.lower()
    return (file.name[: lower.index(".ipynb")] if ".ipynb" in lower else file.stem) or file.name


def take_in(paths: Sequence[str | Path], exclude: Sequence[str | Path] = ()) -> list[Intake]:
    """Every file among ``paths`` (files or folders, searched recursively), each with a learner id.

    Learner id: the sub-folder name for ``folder/<learner>/x.ipynb``; else the file name without
    ``.ipynb`` and what follows it. Files under ``exclude`` (the keys, the output folder) are left out.
    """
    skip = [Path(e).resolve() for e in exclude]
    found: list[Intake] = []
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            for file in sorted(root.rglob("*")):
                rel = file.relative_to(root)
                if any(part in SKIP_DIRS for part in rel.parts) or (file.is_dir() and not file.is_symlink()):
                    continue
                if file.name == UNPACKED_MARKER:
                    continue
                real = file.parent.resolve() / file.name  # a link is judged where it is, not where it points
                if any(real == e or e in real.parents for e in skip):
                    continue
                learner = rel.parts[0] if len(rel.parts) > 1 else _stem(file)
                found.append(Intake(file, learner, *_reason(file)))
        elif root.exists() or root.is_symlink():
            found.append(Intake(root, _stem(root), *_reason(root)))
        else:
            raise GradingError(f"The submission {root} does not exist. Check the path.")
    return found


def file_sha(path: Path) -> str:
    """SHA-256 of a file's bytes ('' when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def duplicate_flags(files: list[tuple[Path, str]]) -> dict[Path, str]:
    """A flag for each notebook whose bytes equal another learner's file (copied or handed in twice)."""
    by_sha: dict[str, list[tuple[Path, str]]] = {}
    for path, learner in files:
        sha = file_sha(path)
        if sha:
            by_sha.setdefault(sha, []).append((path, learner))
    flags: dict[Path, str] = {}
    for group in by_sha.values():
        learners = {who for _, who in group}
        if len(learners) < 2:
            continue
        for path, _who in group:
            others = ", ".join(sorted(p.name for p, w in group if p != path))
            flags[path] = f"Duplicate: this file is byte for byte the same as {others}."
    return flags
