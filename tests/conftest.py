"""Suite-wide test settings: where chromium lives, and skipping browser tests only off CI."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    """Keep learners' answer stores out of the repo: nbval kernels inherit this, so every notebook run
    starts from no saved answers (as a new learner would) and leaves nothing behind."""
    if "MEDIALIT_ANSWERS_DIR" not in os.environ:
        os.environ["MEDIALIT_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="medialit-test-answers-")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests need Debian's chromium. Off CI they are skipped without it; on CI they must run."""
    if CHROMIUM.exists() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(
        reason="chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The kit's folder (where README.md is)."""
    return REPO
