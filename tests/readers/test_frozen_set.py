"""The frozen evaluation sets (tests/readers/frozen/) parse, are big and varied enough, and are unchanged."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

import kit

_spec = importlib.util.spec_from_file_location("frozen", Path(__file__).parent / "frozen" / "frozen.py")
assert _spec and _spec.loader
frozen = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("frozen", frozen)  # dataclasses look their module up there
_spec.loader.exec_module(frozen)


SETS = [frozen.SET_PATH, frozen.SET2, frozen.SET3, frozen.SET4, frozen.SET5]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_set_is_unchanged_since_it_was_frozen(path) -> None:
    meta = frozen.meta(path)
    assert len(meta["frozen_at_commit"]) == 40
    assert frozen.sha256(path) == meta["sha256"], f"{path.name} changed: make a new set instead of editing it"


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_set_is_large_varied_and_says_who_wrote_it(path) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    assert "Written by the medialit-kit team" in first
    docs = frozen.load(path)
    sentences = [s for d in docs for s in d.sentences]
    assert len(sentences) >= 300
    genres = " ".join(d.genre for d in docs)
    for genre in ("wire", "opinion", "encyclopedia", "press release", "blog"):
        assert genre in genres
    assert {s.kind for s in sentences} == set(frozen.KINDS.values())
    for mark, least in (("S", 100), ("C", 100), ("L", 50)):
        assert sum(len(d.spans[mark]) for d in docs) >= least, mark


@pytest.mark.parametrize("doc", [d for p in SETS for d in frozen.load(p)], ids=lambda d: d.id)
def test_offsets_are_exact_in_the_article_text(doc) -> None:
    article = kit.Article.from_text(doc.text)
    assert article.text == doc.text
    for mark, spans in doc.spans.items():
        for start, end in spans:
            piece = doc.text[start:end]
            assert piece and piece == piece.strip() and "\n" not in piece, (mark, piece)
    for s in doc.sentences:
        assert doc.text[s.start : s.end].strip() == doc.text[s.start : s.end]


def test_a_bad_line_names_its_number(tmp_path, monkeypatch) -> None:
    bad = tmp_path / "set.txt"
    bad.write_text("% note\n# d | wire\nc Police {S:said the fire.\n", "utf-8")
    monkeypatch.setattr(frozen, "SET_PATH", bad)
    with pytest.raises(frozen.FrozenSetError) as err:
        frozen.load()
    assert err.value.line == 3 and err.value.file == "set.txt"


@pytest.mark.parametrize(
    ("gold", "second"),
    [
        (frozen.SET2, frozen.SECOND),
        (frozen.SET3, frozen.SECOND3),
        (frozen.SET4, frozen.SECOND4),
        (frozen.SET5, frozen.SECOND5),
    ],
    ids=["set 2", "set 3", "set 4", "set 5"],
)
def test_second_annotation_holds_the_same_sentences(gold, second) -> None:
    """A set's blind second annotation covers every sentence, so agreement is over the whole set."""
    first, again = frozen.load(gold), frozen.load(second)
    assert [(d.id, d.text) for d in first] == [(d.id, d.text) for d in again]
    assert len([s for d in again for s in d.sentences]) == len([s for d in first for s in d.sentences])
    assert "blind" in second.read_text("utf-8").splitlines()[0].lower()


def test_agreement_is_perfect_with_itself_and_lower_with_a_changed_copy(tmp_path) -> None:
    same = frozen.agreement(frozen.SET2, frozen.SET2)
    assert same["claim kind"]["kappa"] == 1.0 and same["loaded language spans"]["f1"] == 1.0
    lines = frozen.SET2.read_text("utf-8").splitlines()
    flipped = [("o" + ln[1:]) if ln[:2] in ("c ", "u ") and i % 3 == 0 else ln for i, ln in enumerate(lines)]
    changed = tmp_path / "changed.txt"
    no_loaded = re.sub(r" \|\| L:[^|\n]+$", "", "\n".join(flipped), flags=re.M).replace("{L:", "{S:")
    changed.write_text(no_loaded, "utf-8")
    worse = frozen.agreement(frozen.SET2, changed)
    assert worse["claim kind"]["kappa"] < 0.9 and worse["loaded language spans"]["recall"] == 0.0
    other = tmp_path / "other.txt"
    other.write_text("\n".join(lines).replace("# b-", "# z-"), "utf-8")
    with pytest.raises(frozen.FrozenSetError):
        frozen.agreement(frozen.SET2, other)


def test_lenient_precision_is_the_strict_one_for_one_annotator_and_never_lower() -> None:
    strict = frozen.evaluate(frozen.load(frozen.SET2))
    alone = frozen.precision_against_either(frozen.SET2, frozen.SET2)
    either = frozen.precision_against_either()
    for measure, row in alone.items():
        assert row["precision"] == strict[measure]["precision"], measure
        assert row["predicted"] == strict[measure]["predicted"] == either[measure]["predicted"]
        assert either[measure]["precision"] >= row["precision"], measure


def test_partial_overlap_credit() -> None:
    counts = frozen.span_scores([(0, 10)], [(5, 15), (30, 40)])
    assert counts["p_sum"] == 0.5 and counts["r_sum"] == 0.5 and counts["r_n"] == 2
    assert frozen.prf(**counts) == {"precision": 0.5, "recall": 0.25, "f1": 0.333}


@pytest.mark.parametrize("lesson", ["01_sourcing", "02_loaded_language", "03_unverifiable_claims"])
def test_lessons_cite_the_unseen_set_by_its_size(lesson: str) -> None:
    """Lessons 1-3 give the readers' figures on the newest unseen set; its size tells which set they mean."""
    import nbformat

    nb = nbformat.read(Path(kit.__file__).parents[1] / "notebooks" / f"{lesson}.ipynb", as_version=4)
    text = " ".join(c.source.replace("\n", " ") for c in nb.cells if c.cell_type == "markdown")
    sizes = {int(n) for n in re.findall(r"(?:tested it on|test set, with) (\d+) sentences", text)}
    assert sizes == {sum(len(d.sentences) for d in frozen.load(frozen.UNSEEN))}, sizes


def _bench_progress():
    path = Path(__file__).parents[2] / "benchmarks" / "bench_progress.py"
    spec = importlib.util.spec_from_file_location("bench_progress", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_progress_benchmark_unpacks_each_commits_own_readers(tmp_path) -> None:
    """bench_progress measures earlier readers on the unseen set: each copy it makes must be that commit's
    kit (not this checkout's), so a figure it prints belongs to the commit it names."""
    import subprocess

    bench = _bench_progress()
    assert len({c for c, _ in bench.COMMITS}) == len(bench.COMMITS)
    # a set is measured with readers up to the end of its own session, never ones tuned on it later
    assert bench._untuned_on("ab37554", "ab37554") and bench._untuned_on("4645fa5", "ab37554")
    assert not bench._untuned_on("312ec33", "21541d7") and bench._untuned_on("1a802ce", "21541d7")
    first = bench.COMMITS[0][0]
    if not bench.in_history(first):
        pytest.skip(f"a shallow clone: commit {first} is not in its history")
    where = bench._kit_at(first, tmp_path)
    then = subprocess.run(
        ["git", "-C", str(Path(__file__).parents[2]), "show", f"{first}:kit/readers/language.py"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    copied = (where / "kit" / "readers" / "language.py").read_text("utf-8")
    assert copied == then
    assert copied != (Path(kit.__file__).parent / "readers" / "language.py").read_text("utf-8")
