"""Results written as they come, so a batch that is killed resumes where it stopped.

The journal (``<out>/.grading-progress.jsonl``) starts with a fingerprint of what decides a grade
(the key files, manual.csv, the limits); each further line is one graded file with its size and
modification time. A new run with the same fingerprint takes the results of unchanged files from
it and grades only the rest. A run that finishes removes the journal. JSON, never pickle.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kit.grading.plaindata import NotPlain, from_plain, to_plain
from kit.grading.running import QuestionResult, SubmissionResult
from kit.spans import Span

NAME = ".grading-progress.jsonl"


def fingerprint(key: str | Path, manual: Path | None, limits: Any) -> str:
    """What must be the same for an earlier result to still be right."""
    digest = hashlib.sha256(repr(limits).encode())
    key = Path(key)
    for path in sorted(key.glob("*.ipynb")) if key.is_dir() else [key]:
        digest.update(path.name.encode() + path.read_bytes())
    if manual is not None and manual.exists():
        digest.update(manual.read_bytes())
    return digest.hexdigest()


def _stamp(path: str | Path) -> list[int]:
    try:
        info = os.stat(path)
    except OSError:
        return [-1, -1]
    return [info.st_size, info.st_mtime_ns]


def _encode_details(details: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in details.items():
        if isinstance(value, list) and value and all(isinstance(v, Span) for v in value):
            out[name] = {"kind": "spans", "items": [v.to_dict() for v in value]}
            continue
        try:
            out[name] = to_plain(value)
        except NotPlain:
            out[name] = str(value)
    return out


def _decode_details(details: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in details.items():
        if isinstance(value, dict) and value.get("kind") == "spans":
            out[name] = [Span.from_dict(v) for v in value["items"]]
        else:
            out[name] = from_plain(value)
    return out


def encode(result: SubmissionResult) -> dict[str, Any]:
    """A result as JSON-ready data."""
    questions = {}
    for gid, q in result.questions.items():
        row = asdict(q)
        row["details"] = _encode_details(q.details)
        questions[gid] = row
    return {
        "file": result.file,
        "learner": result.learner,
        "exercise": result.exercise,
        "mtime": result.mtime,
        "flags": list(result.flags),
        "questions": questions,
    }


def decode(data: dict[str, Any]) -> SubmissionResult:
    """The result :func:`encode` wrote."""
    result = SubmissionResult(data["file"], data["learner"], data["exercise"], data["mtime"])
    result.flags = list(data["flags"])
    for gid, row in data["questions"].items():
        row = dict(row, details=_decode_details(row.get("details") or {}))
        result.questions[gid] = QuestionResult(**row)
    return result


class Journal:
    """Append-only progress file for one output folder and one fingerprint."""

    def __init__(self, out: Path, stamp: str) -> None:
        self.path = Path(out) / NAME
        self.stamp = stamp
        self.done: dict[str, tuple[list[int], SubmissionResult]] = {}
        self._load()
        self._handle = self.path.open("a", encoding="utf-8")
        if not self.done:
            self._handle.truncate(0)
            self._line({"fingerprint": stamp})

    def _load(self) -> None:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return
        if not lines:
            return
        try:
            if json.loads(lines[0]).get("fingerprint") != self.stamp:
                return
        except (json.JSONDecodeError, AttributeError):
            return
        for line in lines[1:]:
            try:  # the last line may be cut short by a kill: skip what does not parse
                entry = json.loads(line)
                self.done[entry["job"]] = (entry["stamp"], decode(entry["result"]))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError):
                continue

    def _line(self, data: dict[str, Any]) -> None:
        self._handle.write(json.dumps(data) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def earlier(self, job: str, path: str | Path) -> SubmissionResult | None:
        """The saved result for this job, when the file has not changed since."""
        entry = self.done.get(job)
        return entry[1] if entry and entry[0] == _stamp(path) else None

    def record(self, job: str, path: str | Path, result: SubmissionResult) -> None:
        self._line({"job": job, "stamp": _stamp(path), "result": encode(result)})

    def finish(self) -> None:
        """The batch is complete: the journal is no longer needed."""
        self.close()
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        if not self._handle.closed:
            self._handle.close()
