"""The one loader for the readers' data files (kit/readers/data/*.json): parse, validate, explain.

Every reader loads its word lists and rules through :func:`load_data`, which checks the file against
its JSON schema in ``data/schemas/`` (jsonschema, with regular expressions compiled as the ``regex``
format) and raises :class:`ReaderDataError` naming the file and the entry at fault.

A learner's kernel never imports jsonschema for this: with its format checkers (lark among them) it
costs about 22 MiB that would stay in the kernel. A file whose exact text (with its schema's) has
passed before is remembered in the kit's cache folder (``validated/<sha256>``); a new or changed one
is checked, with all the other shipped files, by one short child Python (``python -m
kit.readers.data_files``), or in this process if no child can run. ``validate()`` on data in memory
always checks in this process.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kit.errors import KitError


class ReaderDataError(KitError):
    """A reader's data file is broken (a developer error). ``file`` and ``entry`` say where."""

    def __init__(self, file: str, entry: str, problem: str) -> None:
        self.file = file
        self.entry = entry
        self.problem = problem
        super().__init__(
            f"kit/readers/data/{file}, {entry}: {problem}. Fix that entry, or restore the file from git."
        )


def _where(data: Any, path: list[Any]) -> str:
    """'groups[2] (id 'mind_reading') > patterns[0] > re': the path, with the nearest entry's id."""
    parts: list[str] = []
    node, named = data, ""
    for key in path:
        parts.append(f"[{key}]" if isinstance(key, int) else (f".{key}" if parts else str(key)))
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            named = f" (entry {node['id']!r})"
    return ("entry " + "".join(parts) if parts else "the top level") + named


@cache
def _schema_text(stem: str) -> str:
    schemas = resources.files("kit.readers").joinpath("data", "schemas")
    return schemas.joinpath(f"{stem}.schema.json").read_text("utf-8")


def _schema(stem: str) -> dict[str, Any]:
    return json.loads(_schema_text(stem))


def validate(name: str, data: Any) -> None:
    """Check ``data`` against the schema of data file ``name``; raise ReaderDataError at the first fault."""
    from kit.schema import jsonschema as _jsonschema

    jsonschema = _jsonschema()  # imported here only: a kernel that reads shipped files never needs it
    validator_cls = jsonschema.Draft202012Validator
    validator = validator_cls(
        _schema(name.removesuffix(".json")), format_checker=validator_cls.FORMAT_CHECKER
    )
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise ReaderDataError(name, _where(data, list(error.absolute_path)), error.message)


def _read(name: str) -> tuple[str, Any]:
    """The file's text and its parsed JSON; ReaderDataError if it is missing or not JSON."""
    try:
        text = resources.files("kit.readers").joinpath("data", name).read_text("utf-8")
    except FileNotFoundError:
        raise ReaderDataError(name, "the whole file", "the file is missing") from None
    try:
        return text, json.loads(text)
    except json.JSONDecodeError as err:
        raise ReaderDataError(
            name, f"line {err.lineno}, column {err.colno}", f"not valid JSON ({err.msg})"
        ) from None


def _digest(name: str, text: str) -> str:
    schema = _schema_text(name.removesuffix(".json"))
    return hashlib.sha256(f"{name}\0{schema}\0{text}".encode()).hexdigest()


def _markers() -> list[Path]:
    from kit.offline import cache_roots

    return [root / "validated" for root in cache_roots()]


def _passed_before(digest: str) -> bool:
    return any((folder / digest).exists() for folder in _markers())


def _remember(digest: str) -> None:
    for folder in _markers():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / digest).touch()
            return
        except OSError:
            continue  # a read-only cache: the next load checks again


def _validate_in_child(name: str, digest: str) -> bool:
    """Validate every shipped data file in one child Python (so the next readers' files are known too);
    True if ``name`` passed with this very text. Raises ReaderDataError with the child's finding;
    False if the child could not tell."""
    try:
        done = subprocess.run([sys.executable, "-m", "kit.readers.data_files"],
                              capture_output=True, text=True, timeout=120, check=False)
        answer = json.loads(done.stdout.strip().splitlines()[-1]).get(name) or {}
    except (OSError, subprocess.SubprocessError, ValueError, IndexError, AttributeError):
        return False
    if answer.get("digest") != digest:
        return False  # the child read other text (the file is changing): check here instead
    if answer.get("ok"):
        return True
    raise ReaderDataError(name, str(answer.get("entry", "the whole file")), str(answer.get("problem", "")))


def load_data(name: str, check: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Read kit/readers/data/``name``, validate it, run the reader's own ``check`` on it, and return it."""
    text, data = _read(name)
    digest = _digest(name, text)
    if not _passed_before(digest) and not _validate_in_child(name, digest):
        validate(name, data)
        _remember(digest)
    if check is not None:
        check(data)
    return data


def _main() -> int:
    """``python -m kit.readers.data_files``: validate every shipped file, print the verdicts as JSON."""
    verdicts: dict[str, dict[str, Any]] = {}
    for path in sorted(resources.files("kit.readers").joinpath("data").iterdir(), key=lambda p: p.name):
        name = path.name
        if not name.endswith(".json"):
            continue
        digest: str | None = None
        try:
            text, data = _read(name)
            digest = _digest(name, text)
            validate(name, data)
        except (ReaderDataError, OSError) as err:
            verdicts[name] = {"ok": False, "digest": digest, "entry": getattr(err, "entry", "the whole file"),
                              "problem": getattr(err, "problem", str(err))}
            continue
        _remember(digest)
        verdicts[name] = {"ok": True, "digest": digest}
    print(json.dumps(verdicts))
    return 0 if all(v["ok"] for v in verdicts.values()) else 1


if __name__ == "__main__":
    raise SystemExit(_main())
