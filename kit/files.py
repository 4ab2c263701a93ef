"""The kit's one atomic writer: a file it writes is either as it was or wholly new, never half-written.

The data goes to a temporary file in the same folder (so the final rename stays on one file system),
is flushed to disk, then renamed over the target. On any error, or if the program is stopped, the
temporary file is removed and the old file stays as it was. Learners' answers, gradebooks, exports,
built exercises and reports all go through here.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def atomic_open(
    path: str | os.PathLike[str], *, mode: int = 0o644, check: Callable[[Path], object] | None = None
) -> Iterator[TextIO]:
    """A text handle (UTF-8, newlines written as given) whose content replaces ``path`` on success.

    ``mode``: the new file's permission bits (0o644, as an ordinary new file; 0o600 for private ones).
    ``check``: called with the finished temporary file (same suffix as ``path``) before the swap; if it
    raises, the old file stays and the error goes on.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.tmp-", suffix=target.suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if check is not None:
            check(Path(tmp))
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike[str], text: str, *, mode: int = 0o644) -> Path:
    """Replace ``path`` with ``text`` (UTF-8) in one step; returns the path."""
    with atomic_open(path, mode=mode) as handle:
        handle.write(text)
    return Path(path)
