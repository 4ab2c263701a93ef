"""Pin the full output of the three readers on many texts, so a speed change can prove it changed nothing.

The snapshot (``reader_snapshot.json`` beside this file) holds, for each reader and each text, the row
count and a SHA-256 of a canonical serialisation of every column (values and dtypes), plus a short
readable sample. It is produced by the code at the time it is written, so it pins behaviour, not truth.

Regenerate it after an intended change to the readers' rules or data files (and read the diff):

    .venv/bin/python tests/readers/reader_snapshot.py --update

Without ``--update`` the script compares the current readers with the snapshot and prints what differs.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

import kit
from kit.readers.claims import find_claims
from kit.readers.language import find_loaded_language
from kit.readers.sourcing import find_sources

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "reader_snapshot.json"
UPDATE_COMMAND = ".venv/bin/python tests/readers/reader_snapshot.py --update"
ROOT = HERE.parents[1]

READERS: dict[str, Callable[[kit.Article], pd.DataFrame]] = {
    "find_claims": find_claims,
    "find_sources": find_sources,
    "find_loaded_language": find_loaded_language,
}

# Texts written for this snapshot to reach the corners: quotes, headings, questions, a very long sentence,
# unicode, and words that sit at a sentence or paragraph edge (where a rule could see its neighbour).
_LONG = " ".join(
    f"the council may have said that {n} people wanted all the money, and officials believe it"
    for n in range(1, 120)
)
SYNTHETIC: dict[str, str] = {
    "quotes": (
        "“This is a disgrace,” said Mayor Ana Lopez. She called the plan \"reckless\" and a 'so-called "
        "reform'. The ‘experts’ disagree: “It won’t work,” one said. An unclosed “quote runs on here.\n\n"
        "'Nobody listens,' he said. \"They want power,\" the spokesman told Reuters on Monday."
    ),
    "headings": (
        "Why We Want It All\n\n5 people came to the meeting in May.\n\nBudget Talks\n\n"
        "The minister announced a 3.5% cut last week. Critics say it may hurt schools.\n\n"
        "What Happens Next\n\nIt will be decided on 12 March, according to the council."
    ),
    "questions": (
        "Why does the government want more control? Who will pay for it? Isn't it obvious? "
        "What does Moscow really want here? The fact that nobody asked is telling. "
        "Is it true that 40 per cent of voters agree?"
    ),
    "long_sentence": "Residents say " + _LONG + ".",
    "unicode": (
        "İstanbul’s mayor said the plan was “wonderful” — but Ærø’s council disagrees. "
        "Der Bürgermeister sagte es. Café owners in Zürich may close; the KELVIN sign is \u212a. "
        "Straße, ſome old ſpelling, and non-breaking\u00a0spaces appear. 東京 said nothing. "
        "Emoji 🎉 people celebrated at 9:30 a.m. on 3 June 2024. Arabic: قال المتحدث."
    ),
    "edges": (
        "We want it all\n\n5 more came. I\n\nwant this. They took it all. 5 more left. "
        "It was May\n\n2 people left. Officials said\n\nthey will come. The U.S. said so. "
        "1. Washington leaders met. 2. Prices rose."
    ),
    "crlf_tabs": "The plan\tmay fail.\r\nOfficials said it will.\r\n\r\nReportedly, all of them left.",
    "single_word": "Hello",
    "no_punctuation": "officials believe the regime wants to control everything and will never stop",
}


def _frozen_documents() -> list[Any]:
    spec = importlib.util.spec_from_file_location("frozen", HERE / "frozen" / "frozen.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("frozen", module)  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.load()


def _passage_text(passage: dict[str, Any]) -> str:
    if "text" in passage:
        return passage["text"]
    return "\n\n".join(" ".join(s["s"] for s in para) for para in passage["paragraphs"])


def corpus() -> dict[str, str]:
    """Every text the snapshot covers, by a stable name."""
    texts = {"seed": kit.load_article().text}
    for path in sorted((HERE / "passages").glob("*.json")):
        for passage in json.loads(path.read_text("utf-8"))["passages"]:
            texts[f"{path.stem}/{passage['id']}"] = _passage_text(passage)
    for doc in _frozen_documents():
        texts[f"frozen/{doc.id}"] = doc.text
    for path in sorted((ROOT / "kit" / "practice").glob("*.txt")):
        texts[f"practice/{path.stem}"] = path.read_text("utf-8")
    for name, text in SYNTHETIC.items():
        texts[f"synthetic/{name}"] = text
    return texts


def _plain(value: Any) -> Any:
    """A JSON-ready value that keeps the difference between NA, None, NaN, ints, floats and bools."""
    if value is None:
        return None
    if value is pd.NA:
        return {"NA": True}
    if isinstance(value, (list, tuple)):
        return {"tuple" if isinstance(value, tuple) else "list": [_plain(v) for v in value]}
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalars
    if isinstance(value, float) and math.isnan(value):
        return {"NaN": True}
    if isinstance(value, (bool, int, float, str)):
        return value
    return {type(value).__name__: repr(value)}


def _digest(payload: Any) -> str:
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def signature(frame: pd.DataFrame) -> dict[str, str]:
    """A digest per column of its dtype and every value in order (the column order is in the key)."""
    return {
        f"{i}:{col}": _digest([str(frame[col].dtype), [_plain(v) for v in frame[col].tolist()]])
        for i, col in enumerate(frame.columns)
    }


def compute() -> dict[str, Any]:
    """The snapshot of the current code: per reader, per text the row count and one digest of the whole
    table, and per column one digest over all texts (so a failure can say which columns changed)."""
    texts = corpus()
    readers: dict[str, dict[str, Any]] = {}
    sample: dict[str, Any] = {}
    for name, reader in READERS.items():
        by_text: dict[str, Any] = {}
        by_column: dict[str, list[str]] = {}
        for text_name, text in texts.items():
            frame = reader(kit.Article.from_text(text))
            columns = signature(frame)
            by_text[text_name] = [len(frame), _digest(columns)]
            for col, digest in columns.items():
                by_column.setdefault(col, []).append(f"{text_name}={digest}")
            if text_name == "seed":
                sample[name] = [{str(k): _plain(v) for k, v in row.items()}
                                for row in frame.head(2).to_dict("records")]
        readers[name] = {"texts": by_text, "columns": {c: _digest(d) for c, d in by_column.items()}}
    return {
        "about": "Readers' output pinned by tests/readers/test_reader_equivalence.py. "
        f"Regenerate: {UPDATE_COMMAND}",
        "texts": {name: _digest(text) for name, text in texts.items()},
        "readers": readers,
        "sample_seed_rows": sample,
    }


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Plain lines naming each text whose content changed, each reader/text whose output did (with its
    row counts), and each reader's columns that differ somewhere."""
    lines = []
    for name in sorted(set(old["texts"]) | set(new["texts"])):
        if old["texts"].get(name) != new["texts"].get(name):
            lines.append(f"text {name}: added, removed or changed in the corpus")
    for reader in sorted(set(old["readers"]) | set(new["readers"])):
        before = old["readers"].get(reader, {"texts": {}, "columns": {}})
        after = new["readers"].get(reader, {"texts": {}, "columns": {}})
        for name in sorted(set(before["texts"]) & set(after["texts"])):
            a, b = before["texts"][name], after["texts"][name]
            if a != b:
                lines.append(f"{reader} on {name}: {a[0]} rows pinned, {b[0]} now; content differs")
        cols = sorted(c for c in set(before["columns"]) | set(after["columns"])
                      if before["columns"].get(c) != after["columns"].get(c))
        if cols:
            lines.append(f"{reader}: columns that differ on some text: {', '.join(cols)}")
    return lines


def write(snapshot: dict[str, Any]) -> None:
    SNAPSHOT.write_text(json.dumps(snapshot, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write the snapshot from the current code")
    args = parser.parse_args(argv)
    new = compute()
    if args.update:
        write(new)
        print(f"wrote {SNAPSHOT.relative_to(ROOT)} ({len(new['texts'])} texts)")
        return 0
    old = json.loads(SNAPSHOT.read_text("utf-8"))
    lines = differences(old, new)
    print("\n".join(lines) if lines else f"identical on {len(new['texts'])} texts")
    return 1 if lines else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
