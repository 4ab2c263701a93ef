"""Binder and JupyterHub images (repo2docker) install the same kit that pyproject.toml describes."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]


def _requirement_lines(path: Path) -> list[str]:
    lines = [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_binder_requirements_match_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert sorted(_requirement_lines(REPO / "binder/requirements.txt")) == sorted(project["dependencies"])


def test_binder_python_is_one_the_kit_supports() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    minimum = tuple(int(p) for p in re.findall(r"\d+", project["requires-python"])[:2])
    runtime = (REPO / "binder/runtime.txt").read_text().strip()
    version = tuple(int(p) for p in re.fullmatch(r"python-(\d+)\.(\d+)", runtime).groups())
    assert version >= minimum


def test_postbuild_installs_the_kit_itself() -> None:
    post = REPO / "binder/postBuild"
    assert post.stat().st_mode & 0o111, "postBuild must be executable"
    text = post.read_text()
    assert re.search(r"pip install .*\s\.$", text, flags=re.M), "postBuild must pip install the repository"


def test_readme_has_binder_badge_and_hub_section() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "mybinder.org/badge_logo.svg" in readme
    assert re.search(r"^## .*JupyterHub", readme, flags=re.M)


def test_release_writes_what_learners_get_and_nothing_of_the_keys(tmp_path: Path) -> None:
    import json

    from kit.release import release

    root = _kit_copy(tmp_path)
    answers = root / "notebooks" / ".medialit" / "answers" / "00_start_here"
    answers.mkdir(parents=True)
    (answers / "q.json").write_text("{}", encoding="utf-8")  # a teacher's own saved answers
    done = release(tmp_path / "learners", root=root)
    files = set(done.files)
    assert {"exercises/00_demo.ipynb", "notebooks/00_start_here.ipynb", "kit/__init__.py"} <= files
    assert {"binder/postBuild", "binder/requirements.txt", "pyproject.toml", "README.md"} <= files
    assert not [f for f in files if f.startswith(("solutions/", "tests/")) or ".medialit" in f]
    on_disk = {p.relative_to(done.out).as_posix() for p in done.out.rglob("*") if p.is_file()}
    assert on_disk == files
    for path in done.out.rglob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, path
    manifest = json.loads((done.out / "release.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == files - {"release.json"}
    # the Binder build of the learners' copy goes ahead; the same script refuses the instructor's repo
    post = (done.out / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "solutions" in post and "exit 1" in post


def _kit_copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "kit-copy"
    for name in ("kit", "exercises", "notebooks", "solutions", "tests", "binder", "seeds"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__", ".medialit"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def test_release_refuses_a_tree_that_would_leak_a_key(tmp_path: Path) -> None:
    import shutil

    import pytest

    from kit.release import ReleaseError, release

    root = _kit_copy(tmp_path)
    shutil.copy(REPO / "solutions" / "00_demo.ipynb", root / "exercises" / "00_demo.ipynb")
    with pytest.raises(ReleaseError, match=r"exercises/00_demo.ipynb: cell \d+ (holds|is tagged)"):
        release(tmp_path / "out", root=root)
    assert not (tmp_path / "out").exists()


def test_binder_postbuild_refuses_the_instructors_repository(tmp_path: Path) -> None:
    import subprocess

    post = str(REPO / "binder" / "postBuild")
    done = subprocess.run(["bash", post], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "medialit release" in done.stderr


def test_binder_lab_gets_the_kits_settings_without_the_news_popup(tmp_path):
    """postBuild's settings step, run for real: the lab Binder starts reads the kit's page_config."""
    import os
    import subprocess
    import sys

    text = (REPO / "binder/postBuild").read_text(encoding="utf-8")
    step = text[text.index("# The kit's JupyterLab settings") :]
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    subprocess.run(["bash", "-euo", "pipefail", "-c", step], cwd=REPO, env=env, check=True)
    copied = json.loads((tmp_path / "cfg" / "labconfig" / "page_config.json").read_text(encoding="utf-8"))
    shipped = json.loads((REPO / "kit/jupyter_config/labconfig/page_config.json").read_text(encoding="utf-8"))
    assert copied == shipped and "announcements" in json.dumps(copied)
