"""Learner answers as plain data: what a code question's variable may carry from one sandbox to another.

The learner's sandbox turns each variable a question names into JSON-ready data (numbers, text,
lists, dicts, pandas Series and DataFrames with their dtypes); the tests' sandbox rebuilds plain
values from it. Nothing else crosses: no objects with their own methods, never pickle, so learner
code cannot ride along into the process that decides the verdict.
"""

from __future__ import annotations

from typing import Any

MAX_ITEMS = 200_000  # cells in one answer; far above any exercise, far below a memory problem
SCALARS = (bool, int, float, str, type(None))


class NotPlain(ValueError):
    """A value that cannot be sent as plain data (its type is named in the message)."""


def _scalar(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.generic):
        value = value.item()
    if type(value) in SCALARS:  # exact types: a subclass of int could carry its own __eq__
        return value
    for base in (bool, int, float, str):
        if isinstance(value, base):
            return base(value)
    if value is Ellipsis:
        return {"kind": "ellipsis"}
    text = getattr(value, "isoformat", None)
    if callable(text) and type(value).__module__.startswith(("datetime", "pandas")):
        return str(text())
    raise NotPlain(f"a {type(value).__name__}")


def to_plain(value: Any, _depth: int = 0) -> Any:
    """``value`` as JSON-ready data; raises NotPlain for anything else."""
    import pandas as pd

    if _depth > 20:
        raise NotPlain("a value nested too deeply")
    if isinstance(value, pd.DataFrame):
        if value.size > MAX_ITEMS:
            raise NotPlain(f"a table of {value.size} cells (too big to check)")
        return {
            "kind": "dataframe",
            "columns": [_scalar(c) for c in value.columns],
            "columns_name": _scalar(value.columns.name),
            "index": [_scalar(i) for i in value.index],
            "index_name": _scalar(value.index.name),
            "dtypes": [str(d) for d in value.dtypes],
            "data": [[_scalar(x) for x in row] for row in value.itertuples(index=False, name=None)],
        }
    if isinstance(value, pd.Series):
        if value.size > MAX_ITEMS:
            raise NotPlain(f"a Series of {value.size} values (too big to check)")
        return {
            "kind": "series",
            "name": _scalar(value.name),
            "index": [_scalar(i) for i in value.index],
            "index_name": _scalar(value.index.name),
            "dtype": str(value.dtype),
            "data": [_scalar(x) for x in value.tolist()],
        }
    if isinstance(value, (list, tuple)):
        if len(value) > MAX_ITEMS:
            raise NotPlain(f"a list of {len(value)} items (too big to check)")
        return {
            "kind": type(value).__name__ if type(value) in (list, tuple) else "list",
            "items": [to_plain(v, _depth + 1) for v in value],
        }
    if isinstance(value, dict):
        if len(value) > MAX_ITEMS:
            raise NotPlain(f"a dict of {len(value)} items (too big to check)")
        return {
            "kind": "dict",
            "items": [[to_plain(k, _depth + 1), to_plain(v, _depth + 1)] for k, v in value.items()],
        }
    return _scalar(value)


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def from_plain(data: Any) -> Any:
    """Rebuild a value from :func:`to_plain` data (only builtins and pandas constructors are used)."""
    import pandas as pd

    if not isinstance(data, dict):
        if isinstance(data, (list, tuple)) or not isinstance(data, SCALARS):
            raise NotPlain("data that is not an answer")
        return data
    kind = data.get("kind")
    if kind == "ellipsis":
        return Ellipsis
    if kind in ("list", "tuple"):
        items = [from_plain(v) for v in data["items"]]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        return {_key(from_plain(k)): from_plain(v) for k, v in data["items"]}
    if kind == "series":
        series = pd.Series(
            list(data["data"]),
            index=pd.Index(data["index"], name=data["index_name"]),
            name=data["name"],
            dtype="object",
        )
        return _astype(series, data["dtype"])
    if kind == "dataframe":
        frame = pd.DataFrame(
            data["data"],
            columns=data["columns"],
            index=pd.Index(data["index"], name=data["index_name"]),
            dtype="object",
        )
        frame.columns.name = data["columns_name"]
        for position, dtype in enumerate(data["dtypes"]):
            frame.isetitem(position, _astype(frame.iloc[:, position], dtype))
        return frame
    raise NotPlain("data that is not an answer")


def _astype(series: Any, dtype: str) -> Any:
    try:
        return series.astype(dtype)
    except (TypeError, ValueError):
        return series.infer_objects()
