"""The kit's one atomic writer: a file it writes is either as it was or wholly new, never half-written.

The data goes to a temporary file in the same folder (so the final rename stays on one file system),
is flushed to disk, then renamed over the target. On any error, or if the program is stopped, the
temporary file is removed and the old file stays as it was. Learners' answers, gradebooks, exports,
built exercises and reports all go through here. Whole folders (a learners' release, a new lesson) are
built in a hidden sibling folder and swapped in the same way (``staged_folder``).
"""

from __future__ import annotations

import os
import shutil
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


@contextmanager
def staged_folder(path: str | os.PathLike[str], *, mode: int = 0o755) -> Iterator[Path]:
    """A new, empty hidden folder beside ``path``; on success it replaces ``path`` as a whole.

    Whoever looks at ``path`` sees the old folder or the finished new one, never half of one. The old
    folder is moved aside first and removed only after the swap; if the swap fails it is put back.
    On any error inside the block the staging folder is removed and ``path`` stays as it was.
    ``mode``: the new folder's permission bits (a temporary folder would be private, 0o700).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        yield staging
        os.chmod(staging, mode)
        aside = None
        if target.exists():
            aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent)) / "old"
            target.replace(aside)
        try:
            staging.replace(target)
        except BaseException:
            if aside is not None:
                aside.replace(target)
                aside.parent.rmdir()
            raise
        if aside is not None:
            shutil.rmtree(aside.parent, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
