"""A class full of hostile submissions: every attack fails, is flagged, and every other learner is graded.

Each file in tests/grading/hostile/ is one attack as the code answer of exercise 00_demo; its first
line names the flag (or feedback) it must get. Around the batch, the submissions folder, the key and
the installed kit are hashed: nothing outside the sandbox may change. Needs bubblewrap (apt-get
install bubblewrap; `make test` installs it).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import kit
from kit.grading import isolation
from kit.grading.format import grade_id_of
from kit.grading.pipeline import grade_and_report
from kit.grading.running import load_key
from kit.grading.sandbox import Limits
from kit.grading.testing import answer_output, empty_submission, key_as_submission, set_choice, set_source

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "solutions" / "00_demo.ipynb"
ATTACKS = sorted((Path(__file__).parent / "hostile").glob("*.py"))
KIT_DIR = Path(kit.__file__).resolve().parent
CANARY = "medialit-canary-7f3a"
# words only the key holds: if they reach a learner's feedback, the key leaked
KEY_WORDS = "BEGIN HIDDEN TESTS"
LIMITS = Limits(cell_seconds=4, memory_bytes=1024**3, submission_seconds=90)

# on CI (CI=true) the sandbox must work: a missing bubblewrap fails these tests instead of skipping them
needs_bwrap = pytest.mark.skipif(
    isolation.resolve("auto")[0] != "bwrap" and os.environ.get("CI") != "true",
    reason="bubblewrap cannot make a sandbox on this machine",
)


def tree_hash(*roots: Path) -> dict[str, str]:
    """Path -> SHA-256 of every file under ``roots`` (links by their target, so a new link shows)."""
    out: dict[str, str] = {}
    for root in roots:
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            if path.is_symlink():
                out[str(path)] = "link:" + os.readlink(path)
            elif path.is_file():
                out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif path.is_dir():
                out[str(path)] = "dir"
    return out


def expected_flag(attack: Path) -> str:
    first = attack.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect-flag: "), attack.name
    return first.removeprefix("# expect-flag: ")


def test_every_attack_has_a_fixture_with_an_expectation():
    names = {a.stem for a in ATTACKS}
    assert {"truncate_classmate", "replace_kit_file", "hardlink_key_and_read", "read_grader_environ",
            "fake_reply_on_stdout", "monkeypatch_json_dumps", "ignore_timer_and_spin",
            "half_frame_then_sleep", "read_key_via_kit_path"} <= names  # fmt: skip
    for attack in ATTACKS:
        assert expected_flag(attack)


@needs_bwrap
@pytest.mark.slow
def test_a_hostile_class_changes_nothing_and_every_honest_learner_is_graded(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_CANARY", CANARY)  # the grader's environment holds a secret
    key_dir = tmp_path / "key"
    key_dir.mkdir()
    key_file = key_dir / DEMO.name
    shutil.copy(DEMO, key_file)
    key = load_key(key_file)
    subs, out = tmp_path / "submitted", tmp_path / "grades"
    subs.mkdir()
    victim = subs / "victim_00_demo.ipynb"
    nbformat.write(key_as_submission(key), victim)
    nbformat.write(key_as_submission(key), subs / "honest_00_demo.ipynb")
    kit_file = KIT_DIR / "grading" / "__init__.py"
    for attack in ATTACKS:
        source = attack.read_text(encoding="utf-8")
        for marker, value in {
            "__VICTIM__": victim,
            "__KIT_FILE__": kit_file,
            "__KEY__": key_file,
            "__SUBMISSIONS__": subs,
        }.items():
            source = source.replace(marker, str(value))
        nb = key_as_submission(key)
        set_source(nb, "demo-code", source)
        nbformat.write(nb, subs / f"{attack.stem}_00_demo.ipynb")
    # files a learner hands in without any code
    nbformat.write(key_as_submission(key), subs / "wrongext_00_demo.ipynb.txt")
    nbformat.write(key_as_submission(key), subs / "upper_00_demo.IPYNB")
    nbformat.write(empty_submission(key), subs / "=HYPERLINK(1)_00_demo.ipynb")
    os.symlink(key_file, subs / "linked_00_demo.ipynb")
    os.mkfifo(subs / "pipe_00_demo.ipynb")
    write_forged_answers(key, subs)

    before = tree_hash(subs, key_dir, KIT_DIR)
    grade_and_report([subs], key_file, out, workers=2, limits=LIMITS, progress=False)
    assert tree_hash(subs, key_dir, KIT_DIR) == before

    g = pd.read_csv(out / "grades.csv", dtype=str, keep_default_na=False).set_index("learner")
    for who in ("victim", "honest"):
        assert float(g.loc[who, "total"]) == 10, (who, g.loc[who, "flags"])
    for attack in ATTACKS:
        row = g.loc[attack.stem]
        assert float(row["demo-code"]) == 0, (attack.stem, row["flags"])
        assert float(row["demo-sources"]) == 4, attack.stem  # the rest of the attacker's work is graded
        feedback = (out / "feedback" / f"{attack.stem}.md").read_text(encoding="utf-8")
        assert expected_flag(attack) in row["flags"] + feedback, (attack.stem, row["flags"], feedback)
    everything = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*.md"))
    everything += (out / "grades.csv").read_text(encoding="utf-8")
    assert CANARY not in everything
    assert KEY_WORDS not in everything

    assert "Rename it to wrongext_00_demo.ipynb" in g.loc["wrongext", "flags"]
    assert float(g.loc["upper", "total"]) == 10 and ".IPYNB" in g.loc["upper", "flags"]
    assert "is a link" in g.loc["linked", "flags"] and g.loc["linked", "total"] in ("0", "0.0")
    assert "not an ordinary file" in g.loc["pipe", "flags"]
    raw = (out / "grades.csv").read_text(encoding="utf-8")
    assert "\n'=HYPERLINK(1)" in raw and "\n=HYPERLINK" not in raw
    # forged answers are ignored and flagged; the real answer (a wrong one) is what counts
    for who, words in {
        "in_locked_cell": "that cell is locked",
        "dated_2099": "dated in the future",
        "wrong_schema": "not in the answer format",
        "in_other_cell": "sits in another cell",
    }.items():
        flags = g.loc[who, "flags"]
        assert words in flags and float(g.loc[who, "demo-kind"]) == 0, (who, flags)
    assert "ask the learner to re-run the cell" in g.loc["cleared", "flags"]
    assert float(g.loc["cleared", "demo-named-count"]) == 1  # what is in the cells' text is still graded
    from kit.grading.csvsafe import unescape

    files = set(" ".join(unescape(f) for f in g["files"]).split())
    assert {p.name for p in subs.iterdir()} <= files  # every file handed in has a row


def write_forged_answers(key, folder: Path) -> None:
    """Answer forgeries that need no code: each learner answered demo-kind wrong, then forged a right one."""
    right = key.solution.questions["demo-kind"].key
    cases = {}
    nb = key_as_submission(key)
    set_choice(nb, "demo-kind", "opinion piece" if right != "opinion piece" else "news report")
    setup = next(c for c in nb.cells if grade_id_of(c) == "demo-setup")
    setup.outputs = [answer_output("demo-kind", "choice", right)]
    cases["in_locked_cell"] = nb
    nb = key_as_submission(key)
    set_choice(nb, "demo-kind", "wrong")
    kind = next(c for c in nb.cells if grade_id_of(c) == "demo-kind")
    late = answer_output("demo-kind", "choice", right)
    late.data["application/vnd.medialit.answer+json"]["saved_at"] = "2099-01-01T00:00:00.000000Z"
    kind.outputs.append(late)
    cases["dated_2099"] = nb
    nb = key_as_submission(key)
    set_choice(nb, "demo-kind", "wrong")
    kind = next(c for c in nb.cells if grade_id_of(c) == "demo-kind")
    odd = answer_output("demo-kind", "choice", right)
    odd.data["application/vnd.medialit.answer+json"]["saved_at"] = 12345
    kind.outputs.append(odd)
    cases["wrong_schema"] = nb
    nb = key_as_submission(key)
    set_choice(nb, "demo-kind", "wrong")
    other = next(c for c in nb.cells if grade_id_of(c) == "demo-missing")
    other.outputs.append(answer_output("demo-kind", "choice", right))
    cases["in_other_cell"] = nb
    nb = key_as_submission(key)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None  # Jupyter's "Clear All Outputs"
    cases["cleared"] = nb
    for who, notebook in cases.items():
        nbformat.write(notebook, folder / f"{who}_00_demo.ipynb")


@needs_bwrap
def test_the_os_layer_alone_stops_what_the_python_guards_would_miss(tmp_path):
    """Run code straight under bubblewrap (no audit hook): the sandbox itself holds."""
    import subprocess
    import sys

    secret = tmp_path / "secret.txt"
    secret.write_text("the key", encoding="utf-8")
    probe = f"""
import os, socket
results = {{}}
def attempt(name, fn):
    try:
        fn(); results[name] = "done"
    except Exception as exc:
        results[name] = type(exc).__name__
attempt("read secret", lambda: open({str(secret)!r}).read())
attempt("write kit", lambda: open({str(KIT_DIR / "planted.py")!r}, "w"))
attempt("list repo", lambda: os.listdir({str(ROOT / "solutions")!r}))
attempt("network", lambda: socket.create_connection(("1.1.1.1", 80), timeout=2))
attempt("write tmp", lambda: open("/tmp/ok", "w").write("x"))
print(results, os.environ.get("MEDIALIT_CANARY"), len([p for p in os.listdir("/proc") if p.isdigit()]) < 5)
"""
    env = dict(os.environ, MEDIALIT_CANARY=CANARY)
    done = subprocess.run(
        isolation.bwrap_command([sys.executable, "-I", "-c", probe]), capture_output=True, text=True,
        env=env, timeout=60,
    )  # fmt: skip
    out = done.stdout
    assert "'write tmp': 'done'" in out, done.stderr
    for name in ("read secret", "write kit", "list repo", "network"):
        assert f"'{name}': 'done'" not in out, out
    assert CANARY not in out and out.strip().endswith("None True")
    assert not (KIT_DIR / "planted.py").exists()


def test_spreadsheet_formulas_are_escaped_and_read_back(tmp_path):
    from kit.grading.csvsafe import escape_frame, unescape_frame
    from kit.grading.manual import read_manual

    risky = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "plain", "it's"]
    frame = pd.DataFrame({"learner": risky, "points": range(len(risky))})
    escaped = escape_frame(frame)
    assert [v[0] for v in escaped["learner"][:6]] == ["'"] * 6 and list(escaped["learner"][6:]) == risky[6:]
    assert list(escaped["points"]) == list(range(len(risky)))  # numbers are left alone
    assert list(unescape_frame(escaped)["learner"]) == risky
    path = tmp_path / "manual.csv"
    rows = pd.DataFrame({"learner": ["=evil()"], "grade_id": ["demo-trust"], "points": ["2"]})
    escape_frame(rows).to_csv(path, index=False)
    assert "\n'=evil()" in path.read_text(encoding="utf-8")
    assert ("=evil()", "demo-trust") in read_manual(path)
