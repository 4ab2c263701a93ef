"""CSV cells a spreadsheet would run as a formula are escaped (OWASP "CSV injection"), then unescaped.

A learner id comes from a file name, and a file can be called ``=HYPERLINK(...).ipynb``. A cell that
starts with ``= + - @``, a tab or a carriage return gets a leading apostrophe, which spreadsheets
show as text; :func:`unescape_frame` takes it off again when the kit reads its own CSV back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape(value: Any) -> Any:
    """``value`` with an apostrophe in front when it is text that starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def unescape(value: Any) -> Any:
    """The text :func:`escape` was given."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _map_text(frame: pd.DataFrame, change: Callable[[Any], Any]) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):  # object or string columns alike
            out[column] = out[column].map(change)
    out.columns = [change(c) for c in out.columns]
    return out


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and column name) escaped; numbers are left alone."""
    return _map_text(frame, escape)


def unescape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame read back from a CSV the kit wrote, with the escapes taken off."""
    return _map_text(frame, unescape)
