"""Binder and JupyterHub images (repo2docker) install the same kit that pyproject.toml describes."""

from __future__ import annotations

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
