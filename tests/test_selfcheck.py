"""kit.check: kind feedback from the exercise's check record, never the hidden part of the key.

Tests of the full model (every passage known) use self-study copies, built here; the class copies in
exercises/ know only the public part (tests/grading/test_keysplit.py attacks them)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

import kit
from kit.answers import AnswerStore, make_payload
from kit.grading.running import load_key
from kit.grading.testing import run_in_kernel
from kit.selfcheck import check, find_record

ROOT = Path(__file__).resolve().parents[1]
EXERCISE = ROOT / "exercises" / "00_demo.ipynb"


@pytest.fixture(scope="module")
def key():
    return load_key(ROOT / "solutions" / "00_demo.ipynb")


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    """The self-study copies of every exercise (self-check knows the whole key)."""
    from kit.grading.build import build

    out = tmp_path_factory.mktemp("self-study")
    build(ROOT / "solutions", out, self_study=True)
    return out


def test_record_holds_counts_and_hashes_but_no_key(key):
    meta = find_record("demo-sources", notebook=EXERCISE)
    record = meta["check"]
    assert record["per_label"] == {"named source": 1, "vague source": 1}  # the public share only
    assert record["hidden"] is True and len(record["passages"]) == 2 and "reveal" not in record
    blob = json.dumps(meta)
    for phrase, _label, _occ in key.solution.questions["demo-sources"].key:
        assert phrase not in blob
    for span in key.spans["demo-sources"]:
        assert str(span.start) not in json.dumps(record["passages"])


def required(key, gid="demo-sources"):
    return [s for s in key.spans[gid] if s.status == "required"]


def test_highlight_check_counts_and_names_most_missed_label(key, study):
    spans = required(key)
    demo = study / EXERCISE.name
    assert "found 5 of 5" in check("demo-sources", [s.to_dict() for s in spans], notebook=demo)
    named_only = [s for s in spans if s.label == "named source"]
    message = check("demo-sources", named_only, notebook=demo)
    assert "found 3 of 5" in message and "“vague source”" in message and "Hint:" in message
    assert "Lesson 1, part 2" in message


def test_class_copy_checks_practice_passages_and_says_the_teacher_checks_more(key):
    spans = required(key)
    message = check("demo-sources", [s.to_dict() for s in spans], notebook=EXERCISE)
    assert message.startswith("You found 2 of the 2 practice passages")
    assert "checks more when grading" in message and "not your score" in message
    named_only = [s for s in spans if s.label == "named source"]
    message = check("demo-sources", named_only, notebook=EXERCISE)
    assert "found 1 of the 2 practice" in message and "“vague source”" in message and "Hint:" in message
    assert "still to find" not in message and " of 5" not in message  # hidden passages are never counted
    for s in spans:  # the missing passages are not revealed
        if s.label == "vague source":
            assert kit.load_article().text[s.start : s.end] not in message


def test_highlight_check_on_marks_never_seen(key, study):
    article = kit.load_article()
    start = article.text.index("Russia in mid-March accused")
    mine = [kit.Span(start, start + 6, "vague source")]
    message = check("demo-sources", mine, notebook=study / EXERCISE.name)
    assert "found 0 of 5" in message and "not in any passage" in message
    message = check("demo-sources", mine, notebook=EXERCISE)  # the class copy cannot tell: it may count
    assert "found 0 of the 2 practice" in message and "They may still count" in message


def _mark(phrase, label, occurrence=1):
    article = kit.load_article()
    start, end = article.find(phrase, case=True)[occurrence - 1]
    return kit.Span(int(start), int(end), label)


def test_source_convention_names_alone_are_found(study):
    """Exercise 1: the names are the core of a named source; role and cue words are not needed."""
    l1 = study / "01_sourcing.ipynb"
    names = [_mark(n, "named source") for n in ("Qusai al-Anbari", "Mohanad Najim Aleqabi", "Saad al-Saadi")]
    message = check("l1-attributions", names, notebook=l1)
    assert message.startswith("You found 3 of 9 passages.")
    assert "“vague source” (5 of 5 still to find)" in message and "not in any passage" not in message
    vague = [
        _mark(v, "vague source") for v in ("politicians", "the Western media", "the Americans", "the media")
    ]
    vague.append(_mark("Americans", "vague source", 2))
    message = check("l1-attributions", names + vague, notebook=l1)
    assert "found 8 of 9" in message and "“named source” (1 of 4 still to find)" in message  # Russia
    assert check(
        "l1-attributions", [*names, *vague, _mark("Russia", "named source")], notebook=l1
    ).startswith("You found 9 of 9 passages. Well done")


def test_source_convention_role_and_cue_are_free_and_later_mentions_never_needed(study):
    l1 = study / "01_sourcing.ipynb"
    long = _mark(
        "Qusai al-Anbari, the head of Badr Organization’s office in Al-Anbar has recently revealed",
        "named source",
    )
    again = [_mark("He said", "named source"), _mark("The Iraqi official claimed", "named source")]
    message = check("l1-attributions", [long, *again], notebook=l1)
    assert "found 1 of 9" in message and "not in any passage" not in message


def test_debatable_passages_count_and_are_named_as_such(study):
    l2 = study / "02_loaded_language.ipynb"
    message = check(
        "l2-loaded-words", [_mark("terrorist", "loaded"), _mark("culprit", "loaded")], notebook=l2
    )
    assert "found 1 of 17" in message and "1 debatable passage" in message


def test_values_and_not_answered(study):
    demo = study / EXERCISE.name
    assert check("demo-kind", "opinion", notebook=demo).startswith("Right")
    assert check("demo-kind", "news report", notebook=demo).startswith("Not yet")
    assert "3 of your 3" not in check("demo-missing", ["who wrote it"], notebook=demo)
    assert "1 of your 1" in check("demo-missing", ["who wrote it"], notebook=demo)
    assert check("demo-named-count", 3, notebook=demo).startswith("Right")
    assert check("demo-named-count", 3.0, notebook=demo).startswith("Right")
    assert check("demo-named-count", ..., notebook=EXERCISE).startswith("Not answered yet")
    assert "could not find a question" in check("no-such-question", notebook=EXERCISE)
    assert "Proficient" in check("demo-trust", notebook=EXERCISE)


def test_check_reads_the_saved_answer_from_the_store(tmp_path, monkeypatch, key):
    monkeypatch.setenv("MEDIALIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.setenv("JPY_SESSION_NAME", str(EXERCISE))
    assert check("demo-sources").startswith("Not answered yet")
    value = [kit.Span(s.start, s.end, s.label).to_dict() for s in required(key)[:1]]
    AnswerStore().save("00_demo", "demo-sources", make_payload("demo-sources", "highlight", value))
    assert "found 1 of the 2 practice" in check("demo-sources")


@pytest.mark.slow
def test_exercise_runs_in_a_real_kernel_and_check_works_before_and_after(tmp_path):

    shutil.copy(EXERCISE, tmp_path / EXERCISE.name)
    nb = nbformat.read(tmp_path / EXERCISE.name, as_version=4)
    ids = [c.get("id") for c in nb.cells]
    at = ids.index("demo-named-count-check")
    before = nbformat.v4.new_code_cell('kit.check("demo-named-count")')
    nb.cells.insert(at, before)  # runs while the answer is still `...`
    answer = nbformat.v4.new_code_cell('named_sources = 3\nkit.check("demo-named-count")')
    nb.cells.insert(at + 2, answer)
    nb.cells = [c for c in nb.cells if c.get("id") not in ("demo-code-tests",)]  # `...` would fail it
    env = {
        "MEDIALIT_ANSWERS_DIR": str(tmp_path / "answers"),
        "JPY_SESSION_NAME": str(tmp_path / EXERCISE.name),
    }
    run_in_kernel(nb, tmp_path, env=env)

    def text(cell):
        return "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in cell.outputs)

    assert "Not answered yet" in text(before)
    assert "That is a number" in text(answer) and "checks more when grading" in text(answer)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]


def test_damaged_record_gives_a_sentence_not_an_error(tmp_path):
    nb = json.loads(EXERCISE.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "demo-sources":
            del cell["metadata"]["medialit"]["check"]["units"]
    broken = tmp_path / "00_demo.ipynb"
    broken.write_text(json.dumps(nb), encoding="utf-8")
    message = check("demo-sources", [kit.Span(0, 5, "named source")], notebook=broken)
    assert "damaged" in message and "Your answer is safe" in message


def test_check_button_prints_feedback(capsys, tmp_path, monkeypatch):
    from kit.selfcheck import check_button

    monkeypatch.setenv("MEDIALIT_ANSWERS_DIR", str(tmp_path))

    box = check_button("demo-kind", notebook=EXERCISE)
    box.children[0].click()
    assert "Not answered yet" in capsys.readouterr().out


def test_a_question_without_a_check_record_gives_a_sentence():
    """The solution notebook has no check records: kit.check answers in words, never with a KeyError."""
    solution = ROOT / "solutions" / "00_demo.ipynb"
    assert "Your answer is safe" in check("demo-named-count", 3, notebook=solution)
    assert "Run the test cell" in check("demo-code", notebook=solution)
