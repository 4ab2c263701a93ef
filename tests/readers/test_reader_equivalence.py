"""The readers' fast paths give exactly what the plain, slow reading gives.

Two kinds of check:

- A snapshot (tests/readers/reader_snapshot.json) pins every column of find_claims, find_sources and
  find_loaded_language on the seed, every passage file, the frozen set's documents, the practice texts
  and a few tricky texts written for it. It pins behaviour at the time it was written, so after an
  intended change to the rules or data files it must be regenerated (the failure message says how).
- A reference find_claims kept here reads each sentence on its own, pattern by pattern, the way the
  reader did before it was made fast. It is compared with the real reader on the same texts, and on rule
  sets made up to trip a fast path (anchors, lookarounds, patterns that can match nothing, case folds),
  so it keeps its meaning whatever the data files hold.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kit
from kit.errors import ArticleError
from kit.readers import claims
from kit.readers.names import _proper_nouns
from kit.readers.sourcing import find_sources
from kit.segment import split_words

_SNAPSHOT_MODULE = Path(__file__).with_name("reader_snapshot.py")
_spec = importlib.util.spec_from_file_location("reader_snapshot", _SNAPSHOT_MODULE)
assert _spec and _spec.loader
snapshot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot)

CORPUS = snapshot.corpus()


def test_readers_match_the_pinned_snapshot() -> None:
    pinned = json.loads(snapshot.SNAPSHOT.read_text("utf-8"))
    lines = snapshot.differences(pinned, snapshot.compute())
    assert not lines, (
        "The readers' output differs from tests/readers/reader_snapshot.json:\n  " + "\n  ".join(lines[:40])
        + "\nIf the change is intended (new rules or data), regenerate the snapshot with\n  "
        + snapshot.UPDATE_COMMAND + "\nand read `git diff` before committing it."
    )


# ---- the reference: one sentence at a time, every pattern, nothing cached or skipped ----------------


def _ref_proper_nouns(text: str, stoplist: frozenset[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    first = True
    for m in claims.WORD.finditer(text):
        if not m.group()[:1].isalpha():
            continue
        word = m.group().rstrip("'’-")
        bare = re.sub(r"['’]s$", "", word)
        is_caps = len(bare) >= 2 and bare.isupper()
        if first:
            first = False
            if is_caps or (bare != word and bare[:1].isupper() and bare not in stoplist):
                spans.append((m.start(), m.start() + len(word)))
            continue
        if bare in stoplist or word in stoplist:
            continue
        before = text[: m.start()].rstrip()
        after_break = before.endswith((":", "“", '"', "‘", "(")) and not is_caps
        if (is_caps or bare[:1].isupper()) and not after_break:
            spans.append((m.start(), m.start() + len(word)))
    return spans


def _ref_holds(exception: Any, text: str, start: int, end: int, fired: set[str] | None) -> bool:
    """An exception of the rule file, read the slow way: every condition it gives must hold."""
    if exception.with_groups and (fired is None or not exception.with_groups & fired):
        return False
    checks = [
        exception.cue is None or exception.cue.search(text[start:end]) is not None,
        exception.before is None or exception.before.search(text[:start]) is not None,
        exception.after is None or exception.after.match(text, end) is not None,
        exception.anywhere is None or exception.anywhere.search(text) is not None,
        exception.not_if is None or exception.not_if.search(text) is None,
    ]
    return all(checks)


def _ref_cues(
    text: str, group: Any, is_heading: bool, stoplist: frozenset[str]
) -> list[tuple[tuple[int, int], Any]]:
    """(span, pattern) of every cue of one group, before any exception is applied."""
    if group.proper_nouns:
        title_case = not any(
            len(w) >= 4 and w[0].islower() for w in re.findall(r"[^\W\d_][\w'’-]*", text)[1:]
        )
        names = [] if is_heading and title_case else _ref_proper_nouns(text, stoplist)
        return [(span, None) for span in names]
    found = []
    for pat in group.patterns:
        if pat.unless is not None and pat.unless.search(text):
            continue
        for m in pat.regex.finditer(text):
            if m.end() > m.start() and not (pat.unless_match and pat.unless_match.search(m.group())):
                found.append(((m.start(), m.end()), pat))
    return found


def _ref_fired(
    rules: Any, text: str, is_heading: bool
) -> tuple[dict[str, list[tuple[int, int]]], list[tuple[Any, tuple[int, int], Any]]]:
    """{group id: cue spans} and the (group, span, exception) of every cue set aside.

    First the exceptions that need no other group; then those that need to know which groups found a
    cue, all judged against the groups found before any of them applied."""
    cues = {g.id: _ref_cues(text, g, is_heading, rules.stoplist) for g in rules.groups}
    aside = []
    kept: dict[str, list[tuple[tuple[int, int], Any]]] = {}
    for g in rules.groups:
        for span, pat in cues[g.id]:
            local = [e for e in (pat.exceptions if pat else ()) if not e.with_groups]
            hit = next((e for e in (pat.exceptions if pat else ()) if _ref_holds(e, text, *span, None)), None)
            assert hit is None or hit in local
            if hit is not None:
                aside.append((g, span, hit))
            else:
                kept.setdefault(g.id, []).append((span, pat))
    seen = {gid for gid, found in kept.items() if found}
    fired: dict[str, list[tuple[int, int]]] = {}
    for g in rules.groups:
        for span, pat in kept.get(g.id, []):
            hit = next((e for e in (pat.exceptions if pat else ()) if _ref_holds(e, text, *span, seen)), None)
            if hit is not None:
                aside.append((g, span, hit))
            else:
                fired.setdefault(g.id, []).append(span)
    return fired, aside


def _ref_dedupe(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda p: (p[0], -p[1])):
        if not (out and s >= out[-1][0] and e <= out[-1][1]):
            out.append((s, e))
    return out


def _ref_row(rules: Any, text: str, is_heading: bool, attributed: bool) -> dict[str, Any]:
    by_id = {g.id: g for g in rules.groups}
    fired, aside = _ref_fired(rules, text, is_heading)
    kept_hedges = [span for g, span, e in aside if g.hedge and not e.drop]
    hedge_spans = _ref_dedupe([sp for gid, sps in fired.items() if by_id[gid].hedge for sp in sps]
                              + kept_hedges)
    deciding: list[str] = []
    if sum(w[:1].isalpha() for w in claims.WORD.findall(text)) < 2:
        kind = "other"
    elif text.rstrip().endswith("?"):
        kind, hedge_spans = "question", []
    else:
        kind = "other"
        for strength in ("strong", "opinion", "weak", "checkable", "alone"):
            deciding = [gid for gid in fired if by_id[gid].strength == strength]
            if deciding:
                kind = by_id[deciding[0]].kind
                break
    cue_spans = _ref_dedupe([sp for gid in deciding for sp in fired[gid]] + hedge_spans)
    presupposes = note = ""
    for regex, why in rules.presup:
        m = regex.search(text)
        if m and m.group("p").strip():
            presupposes, note = m.group("p").strip(), why
            break
    reasons, checks = [f"Marked {kind}."], []
    if kind == "question":
        reasons.append(claims._sentence(rules.question["why"]))
        if rules.rhetorical.search(text):
            reasons.append(claims._sentence(rules.question["rhetorical_why"]))
        checks.append(rules.question["check_with"])
    elif kind == "other":
        reasons.append(claims._sentence(rules.other["why"]))
        checks.append(rules.other["check_with"])
    else:
        for gid in deciding:
            words = ", ".join(f"'{w}'" for w in dict.fromkeys(text[s:e] for s, e in fired[gid][:3]))
            why = by_id[gid].why
            reasons.append(claims._sentence(f"{why} ({words})" if words else why))
        checks.extend(dict.fromkeys(by_id[gid].check_with for gid in deciding))
    set_aside: dict[str, list[str]] = {}
    for _g, (s, e), exception in sorted(aside, key=lambda item: item[1]):
        set_aside.setdefault(exception.why, []).append(text[s:e])
    for why, words in set_aside.items():
        reasons.append(claims._sentence(f"{why} (" + ", ".join(f"'{w}'" for w in dict.fromkeys(words)) + ")"))
    if hedge_spans and kind != "unverifiable":
        hedges = ", ".join(f"'{w}'" for w in dict.fromkeys(text[s:e] for s, e in hedge_spans))
        reasons.append(claims._sentence(f"it also hedges ({hedges})"))
    if presupposes:
        reasons.append(claims._sentence(f"{rules.presup_why}: \u201c{presupposes}\u201d"))
        reasons.append(claims._sentence(note))
    if attributed:
        checks.append(rules.attributed_note)
    return {
        "kind": kind,
        "hedged": bool(hedge_spans),
        "cues": [text[s:e] for s, e in cue_spans],
        "cue_spans": cue_spans,
        "hedge_spans": hedge_spans,
        "presupposes": presupposes,
        "attributed": attributed,
        "check_with": " ".join(checks),
        "why": " ".join(reasons),
    }


def reference_find_claims(article: kit.Article) -> pd.DataFrame:
    rules = claims._rules()
    sources = find_sources(article)
    attributed_ids = set(map(str, sources["sentence_id"])) if len(sources) else set()
    rows = []
    for sent in article.sentences:
        row = _ref_row(rules, sent.text, sent.block_kind in ("title", "heading"), sent.id in attributed_ids)
        shift = [(sent.start + s, sent.start + e) for s, e in row["cue_spans"]]
        hedge_shift = [(sent.start + s, sent.start + e) for s, e in row["hedge_spans"]]
        rows.append({
            "sentence_id": sent.id, "start": sent.start, "end": sent.end, "text": sent.text,
            "block_id": sent.block_id, "block_kind": sent.block_kind, "section_id": sent.section_id,
            **row, "cue_spans": shift, "hedge_spans": hedge_shift,
        })
    frame = pd.DataFrame(rows, columns=claims.COLUMNS)
    return frame.astype({"start": "int64", "end": "int64", "hedged": bool, "attributed": "boolean"})


def _assert_same(text: str) -> None:
    article = kit.Article.from_text(text)
    pd.testing.assert_frame_equal(claims.find_claims(article), reference_find_claims(article))


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_find_claims_equals_the_sentence_by_sentence_reference(name: str) -> None:
    _assert_same(CORPUS[name])


# ---- made-up rule sets: whatever the data file says, the fast path must agree ----------------------

_TRICKY = [
    {"re": r"^\W*(?:why|what)\b"},  # anchored at the sentence start
    {"re": r"(?:said|came)\W*$"},  # anchored at the sentence end
    {"re": r"\ball\b(?!\s+\d)"},  # a lookahead that could see the next sentence in the whole text
    {"re": r"(?<![.?!] )\bMay\b"},  # a lookbehind that could see the previous one
    {"re": r"(?<=want )it"},
    {"re": r"\bKEL\w*"},  # the Kelvin sign folds to k
    {"re": r"\bsome\b", "unless": r"\bspelling\b"},
    {"re": r"\d+", "unless_match": r"^\d$"},
    {"re": r"x*"},  # can match nothing: empty matches are dropped
    {"re": r"(?:officials?|)\s*believe"},  # an empty alternative
    {"re": r"(\w)\1"},  # a back reference
    {"re": r"(?:ab)*c\b|(?-i:İ)"},
    {"re": r"(?i:STRA)(?:ß|SS)E"},
    {"re": r"\bwill\s+(?:never|not)?\s*\w+"},
    {"re": r"(?=\bstop\b)st"},
    {"re": r"e{0}mayor|\b[Tt]he\s+\w+\s+(?:was|is)\b"},
    {"re": r"(?s).{3}\n"},
    {"re": r"[^\W\d_]{12,}"},
]


def _tricky_rules() -> dict[str, Any]:
    raw = json.loads(resources.files("kit.readers").joinpath("data", "claims.json").read_text("utf-8"))
    raw = copy.deepcopy(raw)
    tricky = copy.deepcopy(_TRICKY)
    groups = raw["groups"]
    groups[0]["patterns"] = groups[0]["patterns"][:3] + tricky[:6]
    groups[-1]["patterns"] = tricky[6:] + groups[-1]["patterns"]
    hedges = copy.deepcopy(tricky[9:14])
    groups.insert(1, {**groups[1], "id": "made_up_hedge", "hedge": True, "patterns": hedges})
    made_up = {"re": r"(?<!\w)(?:so|because)\s+(?P<p>[^,.]*)", "note": "it takes a cause for granted"}
    raw["presuppositions"]["patterns"].insert(0, made_up)
    # exceptions of every kind, on patterns of a deciding group and of a hedge group
    raw["exceptions"] = {
        **raw.get("exceptions", {}),
        "t_before": {"effect": "yield", "why": "made up: after 'the'", "note": "t", "before": r"\bthe\s+$"},
        "t_after": {"effect": "drop", "why": "made up: before a digit", "note": "t", "after": r"\s*\d"},
        "t_cue": {"effect": "yield", "why": "made up: capital", "note": "t", "cue": r"(?-i:^[A-Z])"},
        "t_if": {"effect": "drop", "why": "made up: a quote", "note": "t", "if": "[\"“]", "not_if": "!"},
        "t_with": {"effect": "yield", "why": "made up: with a number", "note": "t", "with": ["number"]},
        "t_with2": {"effect": "drop", "why": "made up: with a name", "note": "t", "with": ["named"],
                    "before": r"(?:^|\s)\w+\s+$"},
    }
    for pattern, names in zip(
        groups[0]["patterns"][3:9] + groups[1]["patterns"],
        [["t_with", "t_before"], ["t_after"], ["t_cue", "t_with2"], ["t_if"], ["t_with"], ["t_before"],
         ["t_with2"], ["t_after", "t_with"], ["t_cue"], ["t_if", "t_before"], ["t_with"]],
        strict=False,
    ):
        pattern["exceptions"] = names
    return raw


@pytest.fixture()
def tricky_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = claims._compile_rules(_tricky_rules())
    monkeypatch.setattr(claims, "_rules", lambda: rules)


@pytest.mark.usefixtures("tricky_rules")
@pytest.mark.parametrize("name", [n for n in sorted(CORPUS) if n.startswith(("synthetic", "seed", "frozen"))])
def test_made_up_rules_agree_with_the_reference(name: str) -> None:
    _assert_same(CORPUS[name])


_ALPHABET = st.sampled_from(
    list("abcdeilmostwyKMTW .,?!\n’“”'\"") + ["may ", "May ", "all ", "will ", "said ", "İ", "\u212a", "ſ",
                                             " 5", "want it", "Why ", "\n\n", "officials believe ",
                                             "ſaid ", "ſhould ", "\u212ailled ", "wAnTs "]
)


@pytest.mark.usefixtures("tricky_rules")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ALPHABET, min_size=1, max_size=60).map("".join))
def test_random_texts_agree_with_the_reference(text: str) -> None:
    assume(text.strip())
    try:
        kit.Article.from_text(text)
    except ArticleError as err:  # a lone "OK" is a consent button: the kit finds no article, rightly
        assume("website clutter" not in str(err))
        raise
    _assert_same(text)


_NAME_ALPHABET = st.sampled_from(
    list("aeiMUSÉé -’'.:(\t\n3") + ["It's ", "iPhone", "x-Ray", "U.S.", "Al-Anbar", "UN ", "3D", "2,000",
                                     "Iran’s", "“The", "ſome", "\u212aelvin", " \u00a0Paris"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_NAME_ALPHABET, min_size=1, max_size=40).map("".join))
def test_names_found_by_jumping_ahead_are_the_names_found_word_by_word(text: str) -> None:
    """_proper_nouns jumps to the next word holding a letter other than a-z and reads on from the last
    space before it: it must find what reading every word finds, whatever joins the words."""
    stoplist = claims._rules().stoplist
    assert _proper_nouns(text, stoplist) == _ref_proper_nouns(text, stoplist), text


@pytest.mark.parametrize("name", ["seed", "synthetic/unicode", "synthetic/edges", "synthetic/headings"])
def test_words_cut_on_first_use_are_the_words_cut_block_by_block(name: str) -> None:
    """Article.words is cut lazily from the whole text; it must equal cutting each block's sentences."""
    article = kit.Article.from_text(CORPUS[name])
    expected = []
    for block in article.blocks:
        for sent in (s for s in article.sentences if s.block_id == block.id):
            for start, end in split_words(block.text, sent.start - block.start, sent.end - block.start):
                expected.append((f"w{len(expected) + 1}", block.start + start, block.start + end,
                                 block.text[start:end], sent.id, block.id))
    got = [(w.id, w.start, w.end, w.text, w.sentence_id, w.block_id) for w in article.words]
    assert got == expected and len(got) > 10
