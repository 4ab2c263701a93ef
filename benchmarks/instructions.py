"""Instructions per read of each reader under valgrind's callgrind: a speed figure a noisy machine can repeat.

Words per second swing by up to 40 % between runs on a shared machine; callgrind counts the instructions
the process runs, which are the same for the same code, input and Python whatever else the machine does.
Each reader reads the claims benchmark's long text (the seed and the claims passage sets, ten times) once
after a warm-up read; the figure is (instructions of that run) - (instructions of a run that stops after
the warm-up), so start-up, imports and compiling the rules are left out. Needs valgrind (Debian's
package); takes about a minute per row. Not part of ``run.py`` for that reason:

    python benchmarks/instructions.py [claims|sourcing|language ...]
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READERS = ("claims", "sourcing", "language")
PASSAGES = ("claims_passages.json", "claims_heldout.json", "claims_heldout5.json")  # as bench_claims.SETS


def _child(reader: str, mode: str) -> None:
    """Run in the measured process: warm up, then (unless mode is 'warm') read the text once more."""
    import kit
    from kit.readers.claims import find_claims
    from kit.readers.language import find_loaded_language
    from kit.readers.memo import clear_all
    from kit.readers.sourcing import find_sources

    texts = [kit.load_article().text]
    for name in PASSAGES:
        data = json.loads((ROOT / "tests" / "readers" / "passages" / name).read_text(encoding="utf-8"))
        for passage in data["passages"]:
            texts.append("\n\n".join(" ".join(s["s"] for s in para) for para in passage["paragraphs"]))
    long_text = "\n\n".join(texts * 10)
    read = {"claims": find_claims, "sourcing": find_sources, "language": find_loaded_language}[reader]
    article = kit.Article.from_text(long_text)
    read(article)
    clear_all()
    if mode != "warm":
        read(article if mode == "split" else long_text)


def _instructions(reader: str, mode: str, folder: Path) -> int:
    out = folder / f"{reader}.{mode}.out"
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
           "--child", reader, mode]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        tail = done.stderr[-500:]
        raise RuntimeError(f"callgrind printed no instruction count for {reader} {mode}:\n{tail}")
    return int(found.group(1))


def main(readers: list[str]) -> None:
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed: apt-get install valgrind")
    print(f"{'reader':<10} {'warm-up run':>14} {'split: per read':>16} {'from a str: per read':>21}")
    with tempfile.TemporaryDirectory() as tmp:
        for reader in readers:
            warm = _instructions(reader, "warm", Path(tmp))
            split = _instructions(reader, "split", Path(tmp)) - warm
            whole = _instructions(reader, "str", Path(tmp)) - warm
            print(f"{reader:<10} {warm / 1e6:>12,.0f} M {split / 1e6:>14,.0f} M {whole / 1e6:>19,.0f} M")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], sys.argv[3])
    else:
        wanted = sys.argv[1:] or list(READERS)
        unknown = [r for r in wanted if r not in READERS]
        if unknown:
            sys.exit(f"unknown reader {unknown[0]!r}: choose from {', '.join(READERS)}")
        main(wanted)
