"""Read and score the frozen evaluation sets (frozen_set.txt, frozen_set2.txt, ... frozen_set5.txt).

Shared by tests/readers/test_frozen_set.py and benchmarks/bench_frozen.py (loaded by path, like
sourcing_score.py). Each set's format is described on its own first lines. A set is unseen until it has
been used to judge a rule change; then it becomes a development set and a new one is written. Set 1 was
used that way in the morning of 2026-12-02, set 2 in the afternoon, set 3 in that day's third session,
set 4 in the fourth; set 5 (SET5, UNSEEN) is the unseen one since. Only test_frozen_set.py, bench_frozen.py
and bench_draftkey.py read set 5: the reader snapshot and the benchmarks' long texts use set 1, so that
nobody changing a rule sees the readers' output on it.
Span scores give partial credit for overlap, as in the shared tasks on propaganda and attribution
spans: a predicted span counts for the share of its characters inside some gold span (precision), a
gold span for the share of its characters inside some predicted span (recall).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
SET_PATH = HERE / "frozen_set.txt"  # set 1, the default (a development set since 2026-12-02)
SET2 = HERE / "frozen_set2.txt"  # unseen until the afternoon of 2026-12-02, a development set since
SECOND = HERE / "frozen_set2.second.txt"  # set 2 annotated again, blind, by a second team member
SET3 = HERE / "frozen_set3.txt"  # unseen in the third session of 2026-12-02, a development set since
SECOND3 = HERE / "frozen_set3.second.txt"  # set 3 annotated again, blind
SET4 = HERE / "frozen_set4.txt"  # unseen in the fourth session of 2026-12-02, a development set since
SECOND4 = HERE / "frozen_set4.second.txt"  # set 4 annotated again, blind
SET5 = HERE / "frozen_set5.txt"  # frozen 2026-12-02 (fifth session) before its reader changes: never tune
SECOND5 = HERE / "frozen_set5.second.txt"  # set 5 annotated again, blind
UNSEEN = SET5
KINDS = {"c": "checkable", "u": "unverifiable", "o": "opinion", "q": "question", "x": "other"}
_MARK = re.compile(r"\{([SCL]):([^{}]+)\}")
_LINE = re.compile(r"^([cuoqx])(h?) (.+)$")

Span = tuple[int, int]


@dataclass
class Sentence:
    start: int
    end: int
    kind: str
    hedged: bool


@dataclass
class Document:
    id: str
    genre: str
    text: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    spans: dict[str, list[Span]] = field(default_factory=lambda: {"S": [], "C": [], "L": []})


class FrozenSetError(ValueError):
    """A line of a frozen set that does not parse; carries the file name and line number."""

    def __init__(self, line: int, message: str, file: str = "frozen_set.txt") -> None:
        super().__init__(f"{file} line {line}: {message}")
        self.line = line
        self.file = file


def _path(path: Path | None) -> Path:
    return SET_PATH if path is None else path


def sha256(path: Path | None = None) -> str:
    return hashlib.sha256(_path(path).read_bytes()).hexdigest()


def meta(path: Path | None = None) -> dict[str, Any]:
    """The set's notes file (frozen_set.meta.json beside frozen_set.txt): commit, SHA-256, figures before."""
    where = _path(path).with_suffix(".meta.json")
    return json.loads(where.read_text("utf-8")) if where.exists() else {}


def _sentence(raw: str, number: int) -> tuple[str, list[tuple[str, int, int]]]:
    """Strip the marks from one sentence; return its plain text and (mark, start, end) within it."""
    body, _, extra = raw.partition(" || ")
    plain, marks, pos = [], [], 0
    for m in _MARK.finditer(body):
        plain.append(body[pos : m.start()])
        start = sum(map(len, plain))
        plain.append(m.group(2))
        marks.append((m.group(1), start, start + len(m.group(2))))
        pos = m.end()
    plain.append(body[pos:])
    text = "".join(plain)
    if "{" in text or "}" in text:
        raise FrozenSetError(number, "a mark is not closed or is nested")
    for item in filter(None, extra.split(" || ")):
        mark, _, word = item.partition(":")
        at = text.find(word)
        if mark not in "SCL" or not word or at < 0:
            raise FrozenSetError(number, f"extra mark {item!r} does not name a word of the sentence")
        marks.append((mark, at, at + len(word)))
    return text, marks


def load(path: Path | None = None) -> list[Document]:
    """The documents of one set (set 1 by default), with exact sentence and mark offsets."""
    path = _path(path)
    docs: list[Document] = []
    paragraphs: list[list[str]] = []

    def close() -> None:
        if docs:
            docs[-1].text = "\n\n".join(" ".join(p) for p in paragraphs if p)

    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.startswith("%"):
            continue
        if line.startswith("# "):
            close()
            ident, _, genre = line[2:].partition(" | ")
            docs.append(Document(ident.strip(), genre.strip()))
            paragraphs = [[]]
            continue
        if not line.strip():
            if docs and paragraphs[-1]:
                paragraphs.append([])
            continue
        m = _LINE.match(line)
        if not m or not docs:
            raise FrozenSetError(number, "expected '<label> <sentence>' inside a document", path.name)
        try:
            text, marks = _sentence(m.group(3), number)
        except FrozenSetError as err:
            raise FrozenSetError(number, str(err).partition(": ")[2], path.name) from None
        doc = docs[-1]
        offset = len("\n\n".join(" ".join(p) for p in paragraphs if p))
        if paragraphs[-1]:
            offset += 1  # the space before this sentence
        elif any(paragraphs[:-1]):
            offset += 2  # the blank line before this paragraph
        paragraphs[-1].append(text)
        doc.sentences.append(Sentence(offset, offset + len(text), KINDS[m.group(1)], bool(m.group(2))))
        for mark, start, end in marks:
            doc.spans[mark].append((offset + start, offset + end))
    close()
    return docs


def _covered(span: Span, others: list[Span]) -> int:
    """Characters of span inside the union of others."""
    chars = set()
    for a, b in others:
        chars.update(range(max(a, span[0]), min(b, span[1])))
    return len(chars)


def span_scores(pred: list[Span], gold: list[Span]) -> dict[str, float]:
    """Partial-overlap span precision and recall sums (to be pooled over documents)."""
    return {
        "p_sum": sum(_covered(p, gold) / (p[1] - p[0]) for p in pred if p[1] > p[0]),
        "p_n": len(pred),
        "r_sum": sum(_covered(g, pred) / (g[1] - g[0]) for g in gold),
        "r_n": len(gold),
    }


def prf(p_sum: float, p_n: int, r_sum: float, r_n: int) -> dict[str, float]:
    precision = p_sum / p_n if p_n else 0.0
    recall = r_sum / r_n if r_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _spans(frame: Any, start: str, end: str) -> list[Span]:
    return [(int(a), int(b)) for a, b in zip(frame[start], frame[end], strict=True)]


def _label_counts(gold: list[bool], pred: list[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    return {"p_sum": tp, "p_n": sum(pred), "r_sum": tp, "r_n": sum(gold)}


PASSAGES = HERE.parent / "passages"
# development sets (the rules were tuned on them or their authors had read them) and the team's unseen ones
DEV_SETS = {
    "sources": ["sourcing_passages.json", "sourcing_heldout.json", "sourcing_heldout3.json"],
    "loaded": [
        "language_passages.json",
        "language_heldout.json",
        "language_heldout3.json",
        "language_heldout4.json",
        "language_heldout5.json",
    ],
    "claims": ["claims_passages.json", "claims_heldout.json", "claims_heldout5.json"],
}
READERS = ("sources", "loaded", "claims")


def _nth(text: str, phrase: str, nth: int) -> Span:
    hits = [m.start() for m in re.finditer(re.escape(phrase), text)]
    return hits[nth], hits[nth] + len(phrase)


def dev_documents(name: str) -> list[Document]:
    """One development passage file as Documents, so that it is scored exactly like the frozen set."""
    passages = json.loads((PASSAGES / name).read_text("utf-8"))["passages"]
    docs = []
    for passage in passages:
        doc = Document(passage["id"], passage.get("genre") or passage.get("kind", ""))
        if "paragraphs" in passage:  # claims sets: sentences with their kinds
            parts = []
            for paragraph in passage["paragraphs"]:
                line = []
                for s in paragraph:
                    offset = (
                        len("\n\n".join(parts))
                        + (2 if parts else 0)
                        + len(" ".join(line))
                        + (1 if line else 0)
                    )
                    line.append(s["s"])
                    doc.sentences.append(Sentence(offset, offset + len(s["s"]), s["kind"], bool(s["hedged"])))
                parts.append(" ".join(line))
            doc.text = "\n\n".join(parts)
        else:
            doc.text = passage["text"]
        for mark in passage.get("expected", []):  # loaded-language sets: 'nth' is 1-based there
            doc.spans["L"].append(_nth(doc.text, mark["text"], mark.get("nth", 1) - 1))
        for att in passage.get("attributions", []):  # sourcing sets: the source nearest its cue
            cue = _nth(doc.text, att["cue"], att.get("nth", 0))
            hits = [m.start() for m in re.finditer(re.escape(att["source"]), doc.text)]
            src = min(hits, key=lambda h: abs(h - cue[0]))
            doc.spans["C"].append(cue)
            doc.spans["S"].append((src, src + len(att["source"])))
        docs.append(doc)
    return docs


def evaluate(
    docs: list[Document] | None = None, readers: tuple[str, ...] = READERS
) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 of each reader on a set of documents (the frozen set by default).

    Rows: source spans and cue spans (kit.find_sources), loaded-language spans (kit.find_loaded_language),
    and per-sentence labels of kit.find_claims: hedged, unverifiable, checkable. Counts are pooled over
    documents. A gold sentence takes the label of the reader's sentence that contains its first character.
    """
    import kit  # imported here so that reading the set needs no kit

    totals: dict[str, dict[str, float]] = {}

    def add(name: str, counts: dict[str, float]) -> None:
        row = totals.setdefault(name, {"p_sum": 0, "p_n": 0, "r_sum": 0, "r_n": 0})
        for key, value in counts.items():
            row[key] += value

    for doc in load() if docs is None else docs:
        article = kit.Article.from_text(doc.text)
        if "sources" in readers:
            sources = kit.find_sources(article)
            add(
                "sources: source spans",
                span_scores(_spans(sources, "source_start", "source_end"), doc.spans["S"]),
            )
            add("sources: cue spans", span_scores(_spans(sources, "cue_start", "cue_end"), doc.spans["C"]))
        if "loaded" in readers:
            loaded = kit.find_loaded_language(article)
            add("loaded language spans", span_scores(_spans(loaded, "start", "end"), doc.spans["L"]))
        if "claims" not in readers:
            continue
        rows = list(kit.find_claims(article).itertuples(index=False))
        picked = [next((r for r in rows if r.start <= s.start < r.end), None) for s in doc.sentences]
        for name, gold, pred in (
            (
                "claims: hedged sentences",
                [s.hedged for s in doc.sentences],
                [bool(r and r.hedged) for r in picked],
            ),
            (
                "claims: unverifiable sentences",
                [s.kind == "unverifiable" for s in doc.sentences],
                [bool(r and r.kind == "unverifiable") for r in picked],
            ),
            (
                "claims: checkable sentences",
                [s.kind == "checkable" for s in doc.sentences],
                [bool(r and r.kind == "checkable") for r in picked],
            ),
        ):
            add(name, _label_counts(gold, pred))
    return {name: {**prf(**row), "predicted": row["p_n"], "gold": row["r_n"]} for name, row in totals.items()}


def evaluate_development() -> dict[str, dict[str, dict[str, float]]]:
    """The same figures on every development passage file, keyed by file name."""
    return {
        name: evaluate(dev_documents(name), (reader,)) for reader, names in DEV_SETS.items() for name in names
    }


def _kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two annotators' labels for the same items (1 = full agreement, 0 = chance)."""
    n = len(a)
    seen = sum(x == y for x, y in zip(a, b, strict=True)) / n
    chance = sum((a.count(k) / n) * (b.count(k) / n) for k in set(a) | set(b))
    return round((seen - chance) / (1 - chance), 3) if chance < 1 else 1.0


def agreement(first: Path = SET2, second: Path = SECOND) -> dict[str, dict[str, float]]:
    """How far two annotators of the same texts agree: the ceiling for any reader on that set.

    Claim kinds and 'hedged' per sentence as Cohen's kappa and raw agreement; S, C and L marks as the
    second annotator's partial-overlap precision / recall / F1 against the first (the set's gold).
    Raises FrozenSetError when the two files do not hold the same documents and sentences.
    """
    a_docs, b_docs = load(first), load(second)
    if [(d.id, d.text) for d in a_docs] != [(d.id, d.text) for d in b_docs]:
        same = "the second annotation must hold the same documents and sentences"
        raise FrozenSetError(0, same, second.name)
    a_sents = [s for d in a_docs for s in d.sentences]
    b_sents = [s for d in b_docs for s in d.sentences]
    out: dict[str, dict[str, float]] = {}
    for name, get in (("claim kind", lambda s: s.kind), ("hedged", lambda s: str(s.hedged))):
        a, b = [get(s) for s in a_sents], [get(s) for s in b_sents]
        same = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
        out[name] = {"kappa": _kappa(a, b), "agreement": round(same, 3), "items": len(a)}
    for mark, name in (("S", "source spans"), ("C", "cue spans"), ("L", "loaded language spans")):
        totals = {"p_sum": 0.0, "p_n": 0, "r_sum": 0.0, "r_n": 0}
        for a_doc, b_doc in zip(a_docs, b_docs, strict=True):
            for key, value in span_scores(b_doc.spans[mark], a_doc.spans[mark]).items():
                totals[key] += value
        out[name] = {**prf(**totals), "first": totals["r_n"], "second": totals["p_n"]}
    return out


def precision_against_either(first: Path = SET2, second: Path = SECOND) -> dict[str, dict[str, float]]:
    """Each reader's precision when a find counts as right if EITHER annotator of the set marked it.

    The gold is one person's marking, and the agreement rows show that a second careful person marks
    things the first left alone; this lenient figure says how many of a reader's finds at least one of
    the two would sign. It is reported beside the strict figure, never instead of it. Recall has no
    lenient form here (either annotator's misses would both count).
    """
    import kit

    a_docs, b_docs = load(first), load(second)
    totals: dict[str, list[float]] = {}

    def add(name: str, right: float, found: int) -> None:
        row = totals.setdefault(name, [0.0, 0])
        row[0] += right
        row[1] += found

    for a, b in zip(a_docs, b_docs, strict=True):
        article = kit.Article.from_text(a.text)
        sources, loaded = kit.find_sources(article), kit.find_loaded_language(article)
        for name, frame, start, end, mark in (
            ("sources: source spans", sources, "source_start", "source_end", "S"),
            ("sources: cue spans", sources, "cue_start", "cue_end", "C"),
            ("loaded language spans", loaded, "start", "end", "L"),
        ):
            pred = _spans(frame, start, end)
            either = a.spans[mark] + b.spans[mark]
            add(name, span_scores(pred, either)["p_sum"], len(pred))
        rows = list(kit.find_claims(article).itertuples(index=False))
        for sa, sb in zip(a.sentences, b.sentences, strict=True):
            r = next((r for r in rows if r.start <= sa.start < r.end), None)
            if r is None:
                continue
            if r.hedged:
                add("claims: hedged sentences", sa.hedged or sb.hedged, 1)
            for kind in ("unverifiable", "checkable"):
                if r.kind == kind:
                    add(f"claims: {kind} sentences", kind in (sa.kind, sb.kind), 1)
    return {
        name: {"precision": round(right / n, 3) if n else 0.0, "predicted": n}
        for name, (right, n) in totals.items()
    }
