"""The key is not in the learner's copy: a brute-force attack on every class copy recovers at most the
public part of each key (kit.grading.keysplit); a self-study copy shows the whole key, after an attempt.

The attack is what a learner with the copy and the (public) article could do: hash every labelled word
position, every word n-gram of the article up to 8 words, every option, sort pair, small number and
True/False with the record's own salt and iterations, and keep whatever matches.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kit
from kit.grading.build import build
from kit.grading.keysplit import public_passages
from kit.grading.running import load_key
from kit.grading.scoring import article_words, words_in
from kit.selfcheck import ITERATIONS, check, unit_hash, value_unit, word_unit

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
NGRAM = 8


def _questions(path: Path) -> dict[str, dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for cell in nb["cells"]:
        gid = (cell["metadata"].get("nbgrader") or {}).get("grade_id")
        if gid and "medialit" in cell["metadata"]:
            out[gid] = cell["metadata"]["medialit"]
    return out


def _value_candidates(text: str, meta: dict) -> set[str]:
    """Every unit a learner could guess for a value hash: n-grams, options, sort pairs, numbers, booleans."""
    tokens = text.split()
    cands = {
        " ".join(tokens[i : i + n]).strip(".,;:!?\u201c\u201d\"'()")
        for n in range(1, NGRAM + 1)
        for i in range(len(tokens) - n + 1)
    }
    options = meta.get("options") or []
    cands |= set(options)
    for sid in meta.get("sentences") or []:
        cands |= {f"{sid.get('id', sid) if isinstance(sid, dict) else sid}={o}" for o in options}
    return (
        {value_unit(c) for c in cands if c}
        | {value_unit(n) for n in range(0, 101)}
        | {value_unit(True), value_unit(False)}
    )


@pytest.fixture(scope="module")
def keys():
    return {p.stem: load_key(p) for p in SOLUTIONS}


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_brute_force_recovers_at_most_the_public_part(solution, keys):
    key = keys[solution.stem]
    article = kit.load_article()
    assert key.article_sha == article.sha
    words = article_words(article.text)
    records = _questions(ROOT / "exercises" / solution.name)
    attacked = 0
    for gid, question in key.solution.questions.items():
        meta = records[gid]
        record = meta.get("check") or {}
        assert "reveal" not in record, f"{gid}: a class copy holds the key in plain form"
        if not record:
            continue
        salt, rounds = record["salt"], int(record.get("iterations", ITERATIONS))
        if question.type == "highlight":
            known = set(record["units"]) | set(record["extent_units"])
            recovered = {
                (label, i)
                for label in meta["labels"]
                for i in range(len(words))
                if unit_hash(salt, word_unit(label, i), rounds) in known
            }
            public = set()
            for span, shown in zip(key.spans[gid], public_passages(list(question.key)), strict=True):
                if shown:
                    public |= {(span.label, i) for i in words_in(words, span.start, span.end)}
            hidden = {
                (span.label, i)
                for span, shown in zip(key.spans[gid], public_passages(list(question.key)), strict=True)
                if not shown
                for i in words_in(words, *span.core())
            } - public
            assert recovered, f"{gid}: the attack found nothing, so it tested nothing"
            assert recovered <= public, (
                f"{gid}: the attack recovered hidden words {sorted(recovered - public)}"
            )
            assert hidden and not (recovered & hidden)
            attacked += 1
        hashes = set(record.get("hashes") or []) | set(record.get("side_hashes") or [])
        if hashes:
            found = {c for c in _value_candidates(article.text, meta) if unit_hash(salt, c, rounds) in hashes}
            if question.type == "searchlog":
                assert found <= {value_unit(sorted(question.key["article_side"])[0])}, gid
            else:
                assert meta.get("public") is True, f"{gid}: a value key is hashed but not marked public"
            attacked += 1
        elif question.type in ("choice", "sort", "literal"):
            assert record.get("hidden") is True and "hashes" not in record
    if any(q.type in ("highlight", "searchlog") for q in key.solution.questions.values()):
        assert attacked


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_a_class_copy_holds_no_key_text(solution, keys):
    key = keys[solution.stem]
    article = kit.load_article()
    text = (ROOT / "exercises" / solution.name).read_text(encoding="utf-8")
    # the check records (hints and options are the author's public words, so they are not searched)
    records = json.dumps(
        {gid: m.get("check") for gid, m in _questions(ROOT / "exercises" / solution.name).items()}
    )
    for gid, question in key.solution.questions.items():
        if question.type == "highlight":
            for span in key.spans[gid]:
                assert json.dumps(article.text[span.start : span.end])[1:-1] not in records, gid
                if span.why:
                    assert span.why not in text, f"{gid}: a key reason is in the class copy"
        feedback = question.meta.get("feedback") or {}
        right = feedback.get("right") if isinstance(feedback, dict) else None
        if right:
            assert json.dumps(right)[1:-1] not in text, f"{gid}: the 'right' feedback is in the class copy"


def test_class_copy_is_no_oracle_for_choices_and_numbers():
    demo = ROOT / "exercises" / "00_demo.ipynb"
    assert check("demo-kind", "opinion", notebook=demo) == check("demo-kind", "news report", notebook=demo)
    assert check("demo-named-count", 3, notebook=demo) == check("demo-named-count", 4, notebook=demo)
    assert "checks more when grading" in check("demo-kind", "opinion", notebook=demo)
    assert "should be a number" in check("demo-named-count", "three", notebook=demo)


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    out = tmp_path_factory.mktemp("self-study")
    build(ROOT / "solutions", out, self_study=True)
    return out


def test_self_study_copy_shows_the_whole_key_after_an_attempt_and_not_before(
    study, keys, tmp_path, monkeypatch
):
    monkeypatch.setenv("MEDIALIT_ANSWERS_DIR", str(tmp_path / "answers"))
    key = keys["01_sourcing"]
    article = kit.load_article()
    nb = study / "01_sourcing.ipynb"
    before = check("l1-attributions", notebook=nb)
    assert before.startswith("Not answered yet")
    passages = [s for s in key.spans["l1-attributions"] if s.status != "accept"]
    assert not any(article.text[s.start : s.end] in before for s in passages)
    after = check("l1-attributions", [kit.Span(0, 3, "named source")], notebook=nb)
    assert "The full answer:" in after
    for s in passages:
        assert article.text[s.start : s.end] in after
        if s.why:
            assert s.why in after
    wrong = check("l1-cue-fact", "something else", notebook=nb)
    right_key = key.solution.questions["l1-cue-fact"].key
    assert wrong.startswith("Not yet") and f"\u201c{right_key}\u201d" in wrong
    assert check("l1-cue-fact", notebook=nb).startswith("Not answered yet")


def test_normal_build_never_writes_self_study(tmp_path):
    build(ROOT / "solutions", tmp_path)
    for path in tmp_path.glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert "self_study" not in nb["metadata"]["medialit"]
        assert '"reveal"' not in path.read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8") == (ROOT / "exercises" / path.name).read_text(
            encoding="utf-8"
        )


def test_release_self_study_rebuilds_the_exercises_and_lists_their_new_hashes(tmp_path):
    import hashlib

    from kit.cli import build_parser
    from kit.release import release

    assert build_parser().parse_args(["release", "out", "--self-study"]).self_study
    assert build_parser().parse_args(["build", "--self-study"]).self_study
    done = release(tmp_path / "out", root=ROOT, self_study=True)
    manifest = json.loads((done.out / "release.json").read_text(encoding="utf-8"))["files"]
    for path in sorted((done.out / "exercises").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"]["medialit"]["self_study"] is True
        assert manifest[f"exercises/{path.name}"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert not (done.out / "solutions").exists()
    plain = release(tmp_path / "plain", root=ROOT)
    assert '"reveal"' not in (plain.out / "exercises" / "01_sourcing.ipynb").read_text(encoding="utf-8")
