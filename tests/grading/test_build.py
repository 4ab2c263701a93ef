"""medialit build: exercises/ is exactly what build makes, keys never leak, nbgrader accepts solutions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

import kit
from kit.grading.build import build, build_exercise, exercise_text
from kit.grading.format import (
    BEGIN_HIDDEN,
    BEGIN_SOLUTION,
    END_HIDDEN,
    END_SOLUTION,
    ExerciseFormatError,
    is_teacher_only,
    load_solution,
    split_block,
)

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
DEMO = ROOT / "solutions" / "00_demo.ipynb"


@pytest.fixture(scope="module")
def article():
    return kit.load_article()


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_exercises_are_exactly_what_build_makes(path, article):
    built = exercise_text(build_exercise(load_solution(path), article))
    committed = ROOT / "exercises" / path.name
    assert committed.is_file(), f"{committed} is missing: run medialit build"
    assert committed.read_text(encoding="utf-8") == built, f"{committed.name} differs: run medialit build"
    # deterministic: a second build gives the same bytes
    assert exercise_text(build_exercise(load_solution(path), article)) == built


def test_no_exercise_without_solution():
    names = {p.name for p in SOLUTIONS}
    assert {p.name for p in (ROOT / "exercises").glob("*.ipynb")} <= names


def secrets_of(path: Path) -> list[str]:
    """Texts of a solution that must never reach learners: key blocks, hidden tests, teacher notes, samples.

    Key lines of a highlight key are (phrase, label) tuples: the phrase alone is article text (it is in
    the package's copy of the article), the tuple line is the secret.
    """
    sol = load_solution(path)
    found = []
    # a choice key is one of the options and a literal key is a short value: both checked elsewhere
    visible = {g for g, q in sol.questions.items() if q.type in ("choice", "literal")}
    for cell in sol.nb.cells:
        if is_teacher_only(cell):
            found.append(cell.source.strip())
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        blocks = [(BEGIN_HIDDEN, END_HIDDEN)] + ([] if gid in visible else [(BEGIN_SOLUTION, END_SOLUTION)])
        for begin, end in blocks:
            parts = split_block(cell.source, begin, end)
            if parts and len(parts[1].strip()) >= 12:  # short values ("3", an option) are checked below
                found.append(parts[1].strip())
    for q in sol.questions.values():
        if q.type == "text":
            for entry in q.meta["rubric"].values():
                if len(entry.get("sample", "")) >= 12:
                    found.append(entry["sample"])
        for text in (q.meta.get("feedback") or {}).values():
            if len(text) >= 25:
                found.append(text)
    return found


def key_lines_of(path: Path) -> list[str]:
    """Lines of highlight keys and hidden tests: each one alone is a secret (a hint may quote a code line)."""
    sol = load_solution(path)
    lines = []
    for cell in sol.nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        kinds = [(BEGIN_HIDDEN, END_HIDDEN)]
        if gid in sol.questions and sol.questions[gid].type == "highlight":
            kinds.append((BEGIN_SOLUTION, END_SOLUTION))
        for begin, end in kinds:
            parts = split_block(cell.source, begin, end)
            if parts:
                outside = parts[0] + parts[2]  # a line also shown outside the block is not a secret
                lines += [
                    x.strip()
                    for x in parts[1].splitlines()
                    if len(x.strip()) >= 14 and x.strip() not in outside
                ]
    return lines


def _blob(text: str) -> str:
    return json.dumps(text)[1:-1]  # how the text looks inside a JSON file


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_no_key_text_in_exercises_or_package(path):
    secrets = secrets_of(path)
    assert secrets, "the test must look for something"
    exercise_files = [p.read_text(encoding="utf-8") for p in (ROOT / "exercises").glob("*.ipynb")]
    package = [
        p.read_text(encoding="utf-8", errors="ignore")
        for p in Path(kit.__file__).parent.rglob("*")
        if p.is_file() and p.suffix in {".py", ".json", ".txt", ".md", ".js", ".css", ".ipynb"}
    ]
    for line in secrets + key_lines_of(path):
        for text in exercise_files:
            assert line not in text and _blob(line) not in text, f"key text leaked into exercises: {line!r}"
        for text in package:
            assert _blob(line) not in text and line not in text, f"key text in the kit package: {line!r}"


def test_question_cells_get_placeholders_and_lose_short_keys(article):
    sol = load_solution(DEMO)
    nb = build_exercise(sol, article)
    cells = {c.get("id"): c for c in nb.cells}
    assert cells["demo-named-count"].source.endswith("named_sources = ...  # your answer here")
    assert cells["demo-kind"].source.startswith("kit.widgets.Choice(")
    assert cells["demo-trust"].source == "*Write your answer here.*"
    assert (
        "HIDDEN" not in cells["demo-code-tests"].source
        and 'count("ISIS")' not in cells["demo-code-tests"].source
    )
    assert "teacher-note" not in cells
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert cells["demo-setup"].metadata["editable"] is False
    assert "feedback" not in cells["demo-kind"].metadata["medialit"]
    record = cells["demo-kind"].metadata["medialit"]["check"]
    assert "opinion" not in json.dumps(record)
    assert cells["demo-sources-check"].source.endswith('check_button("demo-sources")')
    assert nbformat.validate(nb) is None


def test_check_reports_stale_and_build_fixes_it(tmp_path, article):
    sols, exes = tmp_path / "solutions", tmp_path / "exercises"
    sols.mkdir()
    shutil.copy(DEMO, sols / DEMO.name)
    report = build(sols, exes, check=True, article=article)
    assert report.stale == [exes / DEMO.name]
    build(sols, exes, article=article)
    first = (exes / DEMO.name).read_bytes()
    assert build(sols, exes, check=True, article=article).stale == []
    build(sols, exes, article=article)
    assert (exes / DEMO.name).read_bytes() == first
    (exes / DEMO.name).write_text(first.decode().replace("Demo exercise", "Hand edit"), encoding="utf-8")
    assert build(sols, exes, check=True, article=article).stale == [exes / DEMO.name]


def _edit_demo(tmp_path: Path, old: str, new: str) -> Path:
    text = DEMO.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "bad.ipynb"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (
            'coalition, has asserted\\", \\"core',
            'coalition, has insisted\\", \\"core',
            "not in the article",
        ),
        (
            '\\"core\\": \\"Saad al-Saadi\\", \\"label\\": \\"named source\\"',
            '\\"core\\": \\"Saad al-Saadi\\", \\"label\\": \\"nice source\\"',
            "not in medialit.labels",
        ),
        (
            '\\"core\\": \\"Saad al-Saadi\\"',
            '\\"core\\": \\"Saad the Great\\"',
            "'core' must be words inside 'mark'",
        ),
        (
            '\\"core\\": \\"Saad al-Saadi\\", \\"label\\": \\"named source\\"',
            '\\"core\\": \\"Saad al-Saadi\\", \\"label\\": \\"named source\\", \\"status\\": \\"maybe\\"',
            "status must be one of required, either, accept",
        ),
        (
            '[\\n",\n    "    {\\"mark\\": \\"the Americans trumpeted loudly',
            '[\\n",\n    "    (\\"Saad al-Saadi\\", \\"named source\\"),\\n",\n'
            '    "    {\\"mark\\": \\"the Americans trumpeted loudly',
            "",  # an old (phrase, label) tuple still works beside the new dicts: no error expected
        ),
        ('\\"opinion\\"\\n', '\\"gossip\\"\\n', "must be one of the options"),
        ("named_sources = 3", "named_sources = len([1, 2, 3])", "plain value"),
        ('"type": "code"', '"type": "essay"', "medialit.type must be one of"),
    ],
)
def test_format_errors_name_the_cell_and_the_fix(tmp_path, article, old, new, words):
    path = _edit_demo(tmp_path, old, new)
    if not words:
        assert build_exercise(load_solution(path), article) is not None
        return
    with pytest.raises(ExerciseFormatError) as err:
        build_exercise(load_solution(path), article)
    assert words in str(err.value) and "bad.ipynb" in str(err.value) and "cell" in str(err.value)


PREPROCESS = """
import json, sys
import nbformat
from nbconvert.preprocessors import ClearOutputPreprocessor
from nbgrader.preprocessors import (
    CheckCellMetadata, ClearHiddenTests, ClearSolutions, ComputeChecksums, LockCells,
)

report = {}
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    resources = {}
    for pre in (CheckCellMetadata(), ClearSolutions(), ClearHiddenTests(), ClearOutputPreprocessor(),
                LockCells(), ComputeChecksums()):
        nb, resources = pre.preprocess(nb, resources)
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    report[path] = {
        "graded": len(graded),
        "checksums": sum("checksum" in c.metadata["nbgrader"] for c in graded),
        "markers": sum("### BEGIN" in c.source for c in nb.cells),
    }
print(json.dumps(report))
"""


def test_nbgrader_generate_assignment_preprocessors_accept_solutions():
    """nbgrader's own release preprocessors, run in a clean interpreter (no test-suite imports around)."""
    import subprocess
    import sys

    paths = [str(p) for p in SOLUTIONS]
    done = subprocess.run([sys.executable, "-c", PREPROCESS, *paths], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    for path in paths:
        assert report[path]["graded"] > 0 and report[path]["checksums"] == report[path]["graded"], path
        assert report[path]["markers"] == 0, path


NBGRADER_RELEASE = """
import json, sys
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config

config = Config()
config.CourseDirectory.root = sys.argv[1]
config.CourseDirectory.course_id = "t"
api = NbGraderAPI(CourseDirectory(config=config), config=config)
print(json.dumps({name: api.generate_assignment(name, force=True) for name in sys.argv[2:]}))
"""


@pytest.mark.slow
def test_nbgrader_generate_assignment_app_accepts_solutions(tmp_path):
    """nbgrader's own generate_assignment app (through its API, in one process for all six, since each
    process start with its database set-up took 10 s) releases every solution without an error."""
    import json
    import os
    import subprocess
    import sys

    course = tmp_path / "course"
    for path in SOLUTIONS:
        (course / "source" / path.stem).mkdir(parents=True)
        shutil.copy(path, course / "source" / path.stem / path.name)
    # nbgrader runs the `alembic` program, installed next to this Python
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}
    done = subprocess.run(
        [sys.executable, "-c", NBGRADER_RELEASE, str(course), *(p.stem for p in SOLUTIONS)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(results) == sorted(p.stem for p in SOLUTIONS)
    for path in SOLUTIONS:
        assert results[path.stem]["success"], (path.name, results[path.stem].get("error", "")[-2000:])
        released = nbformat.read(course / "release" / path.stem / path.name, as_version=4)
        assert not any(BEGIN_SOLUTION in c.source or BEGIN_HIDDEN in c.source for c in released.cells)
