"""Friendly errors: in a notebook a learner sees a short boxed message, not a traceback, for a KitError.

``kit.friendly.install()`` registers an IPython handler for KitError only; every other error keeps its
normal traceback, so real bugs stay visible. ``show_error(err)`` shows one error the same way.
"""

from __future__ import annotations

import html
import sys
import textwrap
from functools import lru_cache
from importlib import resources
from types import TracebackType
from typing import Any

from kit.errors import KitError

TITLE = "Something needs fixing"
HINT = "Read the message, fix the thing it names, then run the cell again."
WIDTH = 72


@lru_cache(maxsize=1)
def _css() -> str:
    return resources.files("kit").joinpath("friendly.css").read_text(encoding="utf-8")


def message_of(err: BaseException) -> str:
    """The plain message of an error (its text, or a short fallback when it has none)."""
    text = str(err).strip()
    return text or f"The kit stopped with a {type(err).__name__} that has no message."


def as_text(err: BaseException) -> str:
    """The error as a boxed plain-text message (for terminals and the text/plain output)."""
    lines = [TITLE, ""]
    for paragraph in (message_of(err), HINT):
        lines += textwrap.wrap(paragraph, WIDTH - 4) or [""]
    inner = max(len(line) for line in lines)
    top = "┌" + "─" * (inner + 2) + "┐"
    bottom = "└" + "─" * (inner + 2) + "┘"
    return "\n".join([top, *[f"│ {line.ljust(inner)} │" for line in lines], bottom])


def as_html(err: BaseException) -> str:
    """The error as a boxed HTML message (role="alert" so screen readers announce it)."""
    return (
        f"<style>{_css()}</style>"
        '<div class="medialit-error" role="alert">'
        f'<p class="medialit-error-title">⚠ {html.escape(TITLE)}</p>'
        f"<p>{html.escape(message_of(err))}</p>"
        f'<p class="medialit-error-hint">{html.escape(HINT)}</p>'
        "</div>"
    )


def show_error(err: BaseException) -> None:
    """Show ``err`` as a friendly box: HTML and text in a notebook, text on stderr elsewhere."""
    shell = _shell()
    if shell is None:
        print(as_text(err), file=sys.stderr)
        return
    from IPython.display import display

    display({"text/html": as_html(err), "text/plain": as_text(err)}, raw=True)


def _handler(
    shell: Any,
    etype: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
    tb_offset: int | None = None,
) -> None:
    """IPython custom exception handler: show the friendly box instead of a traceback."""
    show_error(value)


def _shell() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with Jupyter
        return None
    return get_ipython()


def install() -> bool:
    """Show KitErrors as friendly boxes in this IPython kernel. Returns False outside IPython."""
    shell = _shell()
    if shell is None:
        return False
    shell.set_custom_exc((KitError,), _handler)
    return True


def uninstall() -> bool:
    """Go back to normal tracebacks for KitErrors. Returns False outside IPython."""
    shell = _shell()
    if shell is None:
        return False
    shell.set_custom_exc((), None)
    return True
