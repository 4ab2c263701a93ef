"""The seed article is kept byte for byte, in the repo and inside the package."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "isis-iraq-article.txt"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_packaged_seed_is_the_repo_seed(repo_root: Path) -> None:
    assert _sha(repo_root / "kit/seeds/isis-iraq-article.txt") == _sha(
        repo_root / "seeds/isis-iraq-article.txt"
    )


@pytest.mark.skipif(
    not SHARED.exists(), reason="the shared seed folder sits beside the repo only in the workplace"
)
def test_seed_is_byte_identical_to_the_collected_copy(repo_root: Path) -> None:
    assert _sha(repo_root / "seeds/isis-iraq-article.txt") == _sha(SHARED)


def test_seed_metadata_says_what_is_unknown(repo_root: Path) -> None:
    meta = json.loads((repo_root / "seeds/isis-iraq-article.meta.json").read_text(encoding="utf-8"))
    assert meta["byline"] is None and meta["outlet"] is None and meta["date"] is None
    assert meta["file"] == "isis-iraq-article.txt"
    first_line = (repo_root / "seeds" / meta["file"]).read_text(encoding="utf-8").splitlines()
    assert meta["title"] in first_line
