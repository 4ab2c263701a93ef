"""`medialit new-lesson`: draft lessons for articles the kit never saw, that run, build and grade."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
import textstat

import kit
from kit.cli import main
from kit.errors import KitError
from kit.grading.build import build, solution_article
from kit.grading.format import load_solution, resolve_highlight_key
from kit.grading.running import load_key
from kit.grading.testing import empty_submission, grade_notebook, key_as_submission
from kit.newlesson import NewLessonError, key_editor, new_lesson, save_key, spans_to_key
from kit.offline import ensure_cmudict
from kit.spans import Span

ARTICLES = Path(__file__).parent / "newlesson_articles"
ALL = sorted(
    p.name for p in ARTICLES.iterdir()
)  # wire report, .md column, HTML page, no headings, long column


@pytest.fixture(autouse=True)
def _answers_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIALIT_ANSWERS_DIR", str(tmp_path / "answers"))


def _draft(tmp_path: Path, article: str) -> Path:
    name = Path(article).stem.replace("_", "-")
    return new_lesson(ARTICLES / article, name, out=tmp_path / "lessons").folder


def test_articles_cover_the_cases() -> None:
    assert {Path(a).suffix for a in ALL} == {".txt", ".md", ".html"}
    assert not kit.load_article(ARTICLES / "no_headings.txt").headings
    sizes = [len(kit.load_article(ARTICLES / a).words) for a in ALL]
    assert max(sizes) > 2 * min(sizes)  # different lengths


@pytest.mark.parametrize("article", ALL)
def test_draft_keys_grade_full_and_empty_zero(article: str, tmp_path: Path) -> None:
    folder = _draft(tmp_path, article)
    assert (folder / f"article{Path(article).suffix}").read_bytes() == (ARTICLES / article).read_bytes()
    solutions = sorted((folder / "solutions").glob("*.ipynb"))
    assert [p.stem[:2] for p in solutions] == ["01", "02", "03", "04"]
    assert len(list((folder / "notebooks").glob("*.ipynb"))) == 4
    auto_total = 0.0
    for sol in solutions:
        key = load_key(sol)
        assert key.article_sha == kit.load_article(ARTICLES / article).sha  # its own article, not the seed
        full = grade_notebook(key_as_submission(key), key, tmp_path, name="full.ipynb")
        zero = grade_notebook(empty_submission(key), key, tmp_path, name="zero.ipynb")
        assert full.score == full.max_auto, (sol.name, full.questions)
        assert zero.score == 0
        auto_total += full.max_auto
    assert auto_total >= 10  # every lesson has something to grade automatically


def test_draft_key_is_the_kits_reading(tmp_path: Path) -> None:
    folder = _draft(tmp_path, "council_column.md")
    article = kit.load_article(folder / "article.md")
    sol = load_solution(folder / "solutions" / "01_sourcing.ipynb")
    spans, _ = resolve_highlight_key(sol.questions["council-column-l1-marks"], article)
    found = kit.find_sources(article)
    assert {(s.start, s.end) for s in spans} == {(int(r.start), int(r.end)) for r in found.itertuples()}
    assert sol.questions["council-column-l1-named"].key == "No, some sources are vague or anonymous"


def test_build_writes_learner_copies_without_keys(tmp_path: Path) -> None:
    folder = _draft(tmp_path, "health_page.html")
    report = build(folder / "solutions", folder / "exercises")
    assert len(report.written) == 4
    for sol in sorted((folder / "solutions").glob("*.ipynb")):
        exercise = (folder / "exercises" / sol.name).read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in exercise and "teacher-only" not in exercise
        assert json.loads(exercise)["metadata"]["medialit"]["article"] == "../article.html"
        for question in load_solution(sol).questions.values():
            if question.type == "highlight":
                for phrase, _label, _n in question.key:
                    if len(phrase) > 25:
                        assert phrase not in exercise


def test_spans_to_key_counts_repeated_phrases() -> None:
    article = kit.Article.from_text(
        "Officials said no. Later, officials said yes.\n\nNobody else said anything."
    )
    second = [s for s, _ in article.find("officials said")][1]
    key = spans_to_key(article, [Span(second, second + len("officials said"), "source")])
    assert key == [("officials said", "source", 2)]


def test_review_and_save_key_round_trip(tmp_path: Path) -> None:
    folder = _draft(tmp_path, "council_column.md")
    path = folder / "solutions" / "02_loaded_language.ipynb"
    gid = "council-column-l2-marks"
    before = path.read_text(encoding="utf-8")
    editor = key_editor(path, gid)
    article = editor.article
    assert editor.spans, "the draft key shows in the editor"
    # the instructor removes the first draft mark and adds one the kit missed
    first = editor.spans[0]
    editor.remove(first.start, first.end)
    start = article.text.index("crushed")
    assert not any(s.start <= start < s.end for s in editor.spans), "a word the draft does not hold"
    editor.add(start, start + len("crushed"), "loaded")
    count = save_key(editor)
    assert count == len(editor.spans)
    saved, _ = resolve_highlight_key(
        load_solution(path).questions[gid], solution_article(load_solution(path))
    )
    assert {(s.start, s.end) for s in saved} == {(s.start, s.end) for s in editor.spans}
    assert path.read_text(encoding="utf-8") != before
    # an empty key is refused, and the file stays as it was
    now = path.read_text(encoding="utf-8")
    editor.clear()
    with pytest.raises(NewLessonError, match="empty"):
        save_key(editor)
    assert path.read_text(encoding="utf-8") == now


def test_bad_input_gives_plain_errors_and_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "lessons"
    with pytest.raises(NewLessonError, match="Could not find the article file"):
        new_lesson(tmp_path / "missing.txt", "x", out=out)
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(NewLessonError, match=r"\.txt, \.md or \.html"):
        new_lesson(tmp_path / "a.pdf", "x", out=out)
    with pytest.raises(NewLessonError, match="lowercase"):
        new_lesson(ARTICLES / "wire_short.txt", "My Lesson!", out=out)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(KitError):
        new_lesson(tmp_path / "empty.txt", "empty", out=out)
    assert not (out / "empty").exists()
    folder = new_lesson(ARTICLES / "wire_short.txt", "wire", out=out).folder
    marker = folder / "solutions" / "01_sourcing.ipynb"
    marker.write_text(marker.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the teacher's edit
    with pytest.raises(NewLessonError, match="already exists.*--force"):
        new_lesson(ARTICLES / "council_column.md", "wire", out=out)
    assert marker.read_text(encoding="utf-8").endswith("\n\n")  # nothing lost
    assert (folder / "article.txt").is_file() and not (folder / "article.md").exists()
    new_lesson(ARTICLES / "council_column.md", "wire", out=out, force=True)
    assert (folder / "article.md").is_file() and not (folder / "article.txt").exists()
    assert [p.name for p in out.iterdir()] == ["wire"]  # no staging folders left behind


def test_cli_new_lesson(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "lessons"
    args = ["new-lesson", str(ARTICLES / "health_page.html"), "--name", "clinic", "--out", str(out)]
    assert main(args) == 0
    assert "medialit build --solutions" in capsys.readouterr().out
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "Traceback" not in err
    assert main(["new-lesson", str(tmp_path / "nope.html"), "--name", "x", "--out", str(out)]) == 2
    assert "Could not find the article file" in capsys.readouterr().err


def _prose(markdown: str) -> str:
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", "it", text)
    text = re.sub(r"[#*_>|]", " ", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:" else line + "." for line in lines)


def test_generated_learner_text_is_plain_even_handed_and_described(tmp_path: Path) -> None:
    ensure_cmudict()
    folder = _draft(tmp_path, "long_factory_opinion.txt")
    build(folder / "solutions", folder / "exercises")
    learner = sorted((folder / "notebooks").glob("*.ipynb")) + sorted((folder / "exercises").glob("*.ipynb"))
    for path in learner:
        nb = nbformat.read(path, as_version=4)
        cells = [c.source for c in nb.cells if c.cell_type == "markdown"]
        grades = [textstat.flesch_kincaid_grade(_prose(c)) for c in cells if _prose(c)]
        assert sum(grades) / len(grades) <= 10, (path.name, grades)
        if path.parent.name == "notebooks":
            text = " ".join(cells).lower()
            assert "every side" in text
            alt = re.search(r"chart description \(alt text\)\.\*\*(.*)", text)
            assert alt and "longest bar is" in alt.group(1)


def test_self_check_reads_the_lessons_own_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _draft(tmp_path, "council_column.md")
    build(folder / "solutions", folder / "exercises", self_study=True)  # self-check knows every passage
    exercise = folder / "exercises" / "01_sourcing.ipynb"
    key = load_key(folder / "solutions" / "01_sourcing.ipynb")
    spans = [s.to_dict() for s in key.spans["council-column-l1-marks"]]
    required = sum(s.status == "required" for s in key.spans["council-column-l1-marks"])
    monkeypatch.chdir(exercise.parent)  # a kernel runs in the notebook's folder
    full = str(kit.check("council-column-l1-marks", answer=spans, notebook=exercise))
    half = str(kit.check("council-column-l1-marks", answer=spans[:1], notebook=exercise))
    assert "another version of the article" not in full
    assert full != half
    assert 0 < required < len(spans)  # the draft has debatable passages too
    assert re.search(rf"{required} of {required} passages", full), full


def test_medialit_grade_uses_the_lessons_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _draft(tmp_path, "health_page.html")
    subs = tmp_path / "subs"
    subs.mkdir()
    sol = folder / "solutions" / "04_putting_it_together.ipynb"
    nbformat.write(key_as_submission(sol), subs / "amira_04_putting_it_together.ipynb")
    nbformat.write(
        empty_submission(folder / "solutions" / "01_sourcing.ipynb"), subs / "ben_01_sourcing.ipynb"
    )
    monkeypatch.chdir(tmp_path)
    args = ["grade", "subs", "--key", "lessons/health-page/solutions", "--out", "grades", "--workers", "1"]
    assert main([*args, "--quiet"]) == 0
    import pandas as pd

    grades = pd.read_csv(tmp_path / "grades" / "grades.csv").set_index("learner")
    max_auto = load_solution(sol).max_auto
    assert grades.loc["amira", "total"] == max_auto > 0
    assert grades.loc["ben", "total"] == 0


def test_a_calm_article_gets_no_empty_loaded_question_and_a_note_says_so(tmp_path: Path) -> None:
    """no_headings.txt is plain explanation: nothing is loaded, so lesson 2 has no highlight question
    (an empty key could not be graded) and the teacher is told to add one by hand."""
    draft = new_lesson(ARTICLES / "no_headings.txt", "calm", out=tmp_path / "lessons")
    solution = load_solution(draft.folder / "solutions" / "02_loaded_language.ipynb")
    assert not [q for q in solution.questions.values() if q.type == "highlight"]
    assert any("found nothing to mark for loaded" in note for note in draft.notes), draft.notes
    other = load_solution(draft.folder / "solutions" / "01_sourcing.ipynb")
    assert [q for q in other.questions.values() if q.type == "highlight"]
