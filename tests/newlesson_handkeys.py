"""Hand keys to measure the draft key against (shared by tests/test_newlesson_draftkey.py and
benchmarks/bench_draftkey.py, loaded by path like tests/readers/passages/sourcing_score.py).

- The seed's exercises (solutions/*.ipynb): their highlight keys, labels mapped to new-lesson's
  ("named source" and "vague source" are "source").
- The readers' development sets (tests/readers/passages/*.json), read as articles with a hand key under
  the same conventions: a source's core is the speaker (for a named person, the name without the title
  before it), a later mention of a speaker already quoted is ``accept``; loaded words are their own core;
  claims sets mark whole sentences (unverifiable ones; hedged ones for "hedge"), scored sentence by
  sentence.
- The frozen sets (tests/readers/frozen), by ``frozen_keys``: sets 1 to 4 are development sets, set 5
  the unseen one, for reporting only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
PASSAGES = ROOT / "tests" / "readers" / "passages"
LABELS = {"named source": "source", "vague source": "source"}
SEED_QUESTIONS = {  # question type -> (solution, grade_id)
    "source": ("01_sourcing.ipynb", "l1-attributions"),
    "loaded": ("02_loaded_language.ipynb", "l2-loaded-words"),
    "hedge": ("03_unverifiable_claims.ipynb", "l3-hedges"),
    "capstone": ("04_putting_it_together.ipynb", "l4-layers"),
}
DEV_SETS = {
    "source": ["sourcing_passages.json", "sourcing_heldout.json", "sourcing_heldout3.json"],
    "loaded": ["language_passages.json", "language_heldout.json", "language_heldout3.json",
               "language_heldout4.json"],
    "unverifiable": ["claims_passages.json", "claims_heldout.json"],
    "hedge": ["claims_passages.json", "claims_heldout.json"],
}  # fmt: skip
_PRONOUN = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}


class HandKey(NamedTuple):
    name: str  # where it comes from, e.g. "seed l4-layers" or "sourcing_heldout.json wire_floods"
    text: str
    labels: tuple[str, ...]
    passages: list  # KeyPassage
    sentence_level: bool = False


def seed_key(question: str) -> HandKey:
    import kit
    from kit.grading.format import load_solution, resolve_highlight_key
    from kit.grading.scoring import KeyPassage

    name, gid = SEED_QUESTIONS[question]
    article = kit.load_article()
    spans, _notes = resolve_highlight_key(load_solution(ROOT / "solutions" / name).questions[gid], article)
    passages = [
        KeyPassage(
            s.start, s.end, LABELS.get(s.label, s.label), "", s.status, s.core_start, s.core_end, s.why
        )
        for s in spans
    ]
    labels = tuple(sorted({p.label for p in passages}))
    return HandKey(f"seed {gid}", article.text, labels, passages)


def _nth(text: str, phrase: str, nth: int) -> tuple[int, int]:
    hits = [m.start() for m in re.finditer(re.escape(phrase), text)]
    return hits[nth], hits[nth] + len(phrase)


def _name_core(source: str, start: int) -> tuple[int, int]:
    """The name inside "Interior Minister Paolo Renzetti": its last two words when there are more."""
    words = [m for m in re.finditer(r"\S+", source)]
    if len(words) <= 2:
        return start, start + len(source)
    return start + words[-2].start(), start + len(source)


def _sourcing(name: str) -> list[HandKey]:
    from kit.grading.scoring import KeyPassage

    keys = []
    for p in json.loads((PASSAGES / name).read_text("utf-8"))["passages"]:
        text, passages, seen = p["text"], [], set()
        for att in p["attributions"]:
            cue = _nth(text, att["cue"], att.get("nth", 0))
            hits = [m.start() for m in re.finditer(re.escape(att["source"]), text)]
            s = min(hits, key=lambda h: abs(h - cue[0]))
            src = (s, s + len(att["source"]))
            core = _name_core(att["source"], s) if att.get("kind") == "named_person" else src
            last = att["source"].split()[-1].lower()
            later = att["source"].lower() in _PRONOUN or last in seen or att["source"].lower() in seen
            seen |= {att["source"].lower(), last}
            start, end = min(src[0], cue[0]), max(src[1], cue[1])
            status = "accept" if later else "required"
            passages.append(KeyPassage(start, end, "source", "", status, core[0], core[1], ""))
        keys.append(HandKey(f"{name} {p['id']}", text, ("source",), passages))
    return keys


def _loaded(name: str) -> list[HandKey]:
    from kit.grading.scoring import KeyPassage

    keys = []
    for p in json.loads((PASSAGES / name).read_text("utf-8"))["passages"]:
        text = p["text"]
        spans = [_nth(text, m["text"], m.get("nth", 1) - 1) for m in p.get("expected", [])]
        passages = [KeyPassage(a, b, "loaded") for a, b in spans]
        keys.append(HandKey(f"{name} {p['id']}", text, ("loaded",), passages))
    return keys


def _claims(name: str, label: str) -> list[HandKey]:
    from kit.grading.scoring import KeyPassage

    keys = []
    for p in json.loads((PASSAGES / name).read_text("utf-8"))["passages"]:
        parts, passages = [], []
        for paragraph in p["paragraphs"]:
            line: list[str] = []
            for s in paragraph:
                offset = (
                    len("\n\n".join(parts)) + (2 if parts else 0) + len(" ".join(line)) + (1 if line else 0)
                )
                line.append(s["s"])
                if (s["kind"] == "unverifiable") if label == "unverifiable" else bool(s["hedged"]):
                    passages.append(KeyPassage(offset, offset + len(s["s"]), label))
            parts.append(" ".join(line))
        keys.append(HandKey(f"{name} {p['id']}", "\n\n".join(parts), (label,), passages, True))
    return keys


def dev_keys(question: str) -> list[HandKey]:
    """Every passage of the development sets for this question type as a HandKey."""
    out: list[HandKey] = []
    for name in DEV_SETS[question]:
        if question == "source":
            out += _sourcing(name)
        elif question == "loaded":
            out += _loaded(name)
        else:
            out += _claims(name, question)
    return out


def _frozen_module():
    import importlib.util
    import sys

    where = ROOT / "tests" / "readers" / "frozen" / "frozen.py"
    spec = importlib.util.spec_from_file_location("frozen", where)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("frozen", module)
    spec.loader.exec_module(module)
    return module


def _frozen_source_key(doc) -> list:
    """Source marks of the frozen set are whole noun phrases ("The outgoing mayor, Tomas Berger"): the
    core is the name when the phrase ends in two capitalised words, the extent runs to the nearest cue."""
    from kit.grading.scoring import KeyPassage

    passages, seen = [], set()
    for a, b in sorted(doc.spans["S"]):
        phrase = doc.text[a:b]
        words = list(re.finditer(r"\S+", phrase))
        named = len(words) > 2 and all(w.group()[0].isupper() for w in words[-2:])
        core = (a + words[-2].start(), b) if named else (a, b)
        cues = [c for c in doc.spans["C"] if abs(c[0] - b) < 80 or abs(a - c[1]) < 80]
        cue = min(cues, key=lambda c: min(abs(c[0] - b), abs(a - c[1])), default=(a, b))
        last = phrase.split()[-1].lower()
        later = phrase.lower() in _PRONOUN or last in seen
        seen |= {last} if named or len(words) == 1 else set()
        status = "accept" if later else "required"
        start, end = min(a, cue[0]), max(b, cue[1])
        passages.append(KeyPassage(start, end, "source", "", status, core[0], core[1], ""))
    return passages


def frozen_keys(question: str, which: str = "set 1") -> list[HandKey]:
    """A frozen set's documents as HandKeys for one question type: "set 1" to "set 4" (development
    sets since 2026-12-02) or "set 5" (the unseen set: report only, never tune on it)."""
    from kit.grading.scoring import KeyPassage

    module = _frozen_module()
    keys = []
    paths = {"set 2": module.SET2, "set 3": module.SET3, "set 4": module.SET4, "set 5": module.SET5}
    for doc in module.load(paths.get(which)):
        if question == "source":
            passages = _frozen_source_key(doc)
        elif question == "loaded":
            passages = [KeyPassage(a, b, "loaded") for a, b in doc.spans["L"]]
        else:
            picked = [s for s in doc.sentences if (s.kind == "unverifiable" if question == "unverifiable"
                                                   else s.hedged)]  # fmt: skip
            passages = [KeyPassage(s.start, s.end, question) for s in picked]
        by_sentence = question in ("unverifiable", "hedge")
        keys.append(HandKey(f"frozen {doc.id}", doc.text, (question,), passages, by_sentence))
    return keys
