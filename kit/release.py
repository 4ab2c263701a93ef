"""``medialit release OUT``: write exactly what learners get, and nothing of the keys.

The learners' copy holds the lessons (``notebooks/``), the exercises (``exercises/``), the kit, the
seed article, ``pyproject.toml`` and the Binder/JupyterHub files (``binder/``), plus a README for
learners and ``release.json`` (every file with its SHA-256). It never holds ``solutions/``, ``tests/``,
saved answers (``.medialit/``), grades or checkpoints; and every notebook in it is checked for key
material (solution blocks, hidden tests, teacher-only cells) before anything is written.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from kit.errors import KitError
from kit.files import staged_folder

INCLUDE = ("notebooks", "exercises", "kit", "seeds", "binder", "pyproject.toml", "LICENSE", "LICENSE.md")
NEVER = {"__pycache__", ".ipynb_checkpoints", ".medialit", "grades", ".git", ".venv", "solutions", "tests"}
KEY_MARKERS = ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS")
TEACHER_TAG = "teacher-only"
MANIFEST = "release.json"
README = """# Media-literacy lessons

Read the news like a fact-checker: guided lessons and exercises in Jupyter notebooks.

Start here (Python 3.10 or newer):

```sh
python -m venv .venv
# Windows: .venv\\Scripts\\activate      macOS/Linux: source .venv/bin/activate
pip install .
medialit lab
```

Or click your teacher's Binder link. Open `notebooks/00_start_here.ipynb` first. Your answers are saved
as you go, in `.medialit/` next to the notebooks. Hand in the saved exercise notebook from `exercises/`.
"""


class ReleaseError(KitError):
    """The learners' copy could not be written (the message says why and what to do)."""


@dataclass
class Release:
    """What was written: the folder and every file in it (relative paths)."""

    out: Path
    files: list[str]


def _wanted(path: Path, root: Path) -> bool:
    rel = path.relative_to(root)
    return not any(part in NEVER for part in rel.parts) and path.suffix != ".pyc"


def _key_problem(path: Path) -> str:
    """Why this notebook must not reach learners ('' when it may)."""
    if path.suffix != ".ipynb":
        return ""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"it could not be read ({exc})"
    for index, cell in enumerate(nb.get("cells", [])):
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        tags = (cell.get("metadata") or {}).get("tags") or []
        for marker in KEY_MARKERS:
            if marker in text:
                return f"cell {index + 1} holds {marker!r} (key material)"
        if TEACHER_TAG in tags:
            return f"cell {index + 1} is tagged {TEACHER_TAG!r}"
    return ""


def _self_study_exercises(root: Path, staging: Path) -> dict[str, str]:
    """Rebuild the staged exercises as self-study copies; their paths and new SHA-256 sums."""
    from kit.grading.build import build

    if not (root / "solutions").is_dir():
        raise ReleaseError(f"--self-study needs the solutions: {root / 'solutions'} does not exist.")
    report = build(root / "solutions", staging / "exercises", self_study=True)
    return {
        p.relative_to(staging).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in [*report.written, *report.unchanged]
    }


def release(out: str | Path, root: str | Path = ".", self_study: bool = False) -> Release:
    """Write the learners' copy of the kit at ``root`` into ``out`` (replacing an earlier release there).

    ``self_study``: the exercises are rebuilt from ``solutions/`` so that self-check shows the whole key
    after an attempt (for learners without a teacher; never for a graded class)."""
    root, out = Path(root).resolve(), Path(out).resolve()
    if not (root / "kit").is_dir() or not (root / "exercises").is_dir():
        raise ReleaseError(f"{root} is not the kit's folder (no kit/ and exercises/). Run this from the kit.")
    if out == root or root.is_relative_to(out):
        raise ReleaseError(f"{out} holds the kit itself; choose a new folder for the learners' copy.")
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise ReleaseError(f"{out} is not empty and is not an earlier release. Choose a new or empty folder.")
    sources: list[Path] = []
    for name in INCLUDE:
        top = root / name
        if top.is_file():
            sources.append(top)
        elif top.is_dir():
            sources += [p for p in sorted(top.rglob("*")) if p.is_file() and _wanted(p, root)]
    sources = [p for p in sources if not p.resolve().is_relative_to(out)]
    problems = [f"{p.relative_to(root)}: {why}" for p in sources if (why := _key_problem(p))]
    if problems:
        raise ReleaseError(
            "Not released: these files would give learners the keys. Run `medialit build` and check them:\n  "
            + "\n  ".join(problems)
        )
    files: dict[str, str] = {}
    with staged_folder(out) as staging:
        for path in sources:
            rel = path.relative_to(root).as_posix()
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            files[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        if self_study:
            files.update(_self_study_exercises(root, staging))
        (staging / "README.md").write_text(README, encoding="utf-8")
        files["README.md"] = hashlib.sha256(README.encode()).hexdigest()
        manifest = {"what": "the learners' copy of medialit-kit: no solutions, no tests, no answers"}
        manifest["files"] = files  # type: ignore[assignment]
        text = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
        (staging / MANIFEST).write_text(text, encoding="utf-8")
    return Release(out, sorted([*files, MANIFEST]))
