"""The one loader for the readers' data files (kit/readers/data/*.json): parse, validate, explain.

Every reader loads its word lists and rules through :func:`load_data`, which checks the file against
its JSON schema in ``data/schemas/`` (jsonschema, with regular expressions compiled as the ``regex``
format) and raises :class:`ReaderDataError` naming the file and the entry at fault.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from kit.errors import KitError
from kit.schema import jsonschema as _jsonschema

jsonschema = _jsonschema()


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
def _schema(stem: str) -> dict[str, Any]:
    text = (
        resources.files("kit.readers").joinpath("data", "schemas", f"{stem}.schema.json").read_text("utf-8")
    )
    return json.loads(text)


def validate(name: str, data: Any) -> None:
    """Check ``data`` against the schema of data file ``name``; raise ReaderDataError at the first fault."""
    validator_cls = jsonschema.Draft202012Validator
    validator = validator_cls(
        _schema(name.removesuffix(".json")), format_checker=validator_cls.FORMAT_CHECKER
    )
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise ReaderDataError(name, _where(data, list(error.absolute_path)), error.message)


def load_data(name: str, check: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Read kit/readers/data/``name``, validate it, run the reader's own ``check`` on it, and return it."""
    try:
        text = resources.files("kit.readers").joinpath("data", name).read_text("utf-8")
    except FileNotFoundError:
        raise ReaderDataError(name, "the whole file", "the file is missing") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ReaderDataError(
            name, f"line {err.lineno}, column {err.colno}", f"not valid JSON ({err.msg})"
        ) from None
    validate(name, data)
    if check is not None:
        check(data)
    return data
