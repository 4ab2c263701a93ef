"""Answer widgets for the notebooks: the highlighter, the choice widget and the compare view.

Names load lazily so ``import kit.widgets`` does not pull in anywidget until a widget is used.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "Highlighter": "kit.widgets.highlighter",
    "Choice": "kit.widgets.choice",
    "Sorter": "kit.widgets.sorter",
    "SearchLog": "kit.widgets.searchlog",
    "compare": "kit.widgets.compare",
    "Comparison": "kit.widgets.compare",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kit.widgets' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
