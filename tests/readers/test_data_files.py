"""The one loader for reader data files: every file passes its schema, and faults name file and entry."""

from __future__ import annotations

import copy
import json
import types
from importlib import resources

import pytest

from kit.errors import KitError
from kit.readers import data_files
from kit.readers.data_files import ReaderDataError, load_data, validate

NAMES = ["sourcing.json", "claims.json", "loaded_language.json", "emotive_words.json"]


@pytest.mark.parametrize("name", NAMES)
def test_every_reader_data_file_passes_its_schema(name: str) -> None:
    data = load_data(name)
    assert data["about"] if "about" in data else data


def test_every_data_file_has_a_schema_and_is_loaded_through_the_loader() -> None:
    folder = resources.files("kit.readers").joinpath("data")
    shipped = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    assert shipped == sorted(NAMES)
    for path in resources.files("kit.readers").iterdir():
        if path.name.endswith(".py") and path.name != "data_files.py":
            assert "json.loads" not in path.read_text("utf-8"), path.name


def test_a_bad_regex_names_the_file_and_the_entry() -> None:
    data = copy.deepcopy(load_data("claims.json"))
    data["groups"][0]["patterns"][1]["re"] = "(?:unclosed"
    with pytest.raises(ReaderDataError) as err:
        validate("claims.json", data)
    assert err.value.file == "claims.json"
    assert "groups[0].patterns[1].re" in err.value.entry and repr(data["groups"][0]["id"]) in err.value.entry
    assert "kit/readers/data/claims.json" in str(err.value) and isinstance(err.value, KitError)


def test_a_missing_field_and_a_wrong_framing_are_named() -> None:
    data = copy.deepcopy(load_data("sourcing.json"))
    data["cues"]["verbs"][2]["framing"] = "sneaky"
    with pytest.raises(ReaderDataError, match=r"cues\.verbs\[2\]\.framing.*sneaky"):
        validate("sourcing.json", data)
    data = copy.deepcopy(load_data("loaded_language.json"))
    del data["groups"][1]["entries"][0]["why"]
    with pytest.raises(ReaderDataError, match=r"groups\[1\]\.entries\[0\].*'why' is a required property"):
        validate("loaded_language.json", data)


def test_broken_json_and_a_missing_file_are_plain_errors(tmp_path, monkeypatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "claims.json").write_text('{"about": "x",\n  "groups": [,]}', "utf-8")
    monkeypatch.setattr(data_files, "resources", types.SimpleNamespace(files=lambda _package: tmp_path))
    with pytest.raises(ReaderDataError, match="line 2") as err:
        load_data("claims.json")
    assert "not valid JSON" in str(err.value)
    with pytest.raises(ReaderDataError, match="missing"):
        load_data("nothing.json")


def test_the_reader_check_runs_after_the_schema() -> None:
    seen = []
    data = load_data("claims.json", check=lambda d: seen.append(len(d["groups"])))
    assert seen == [len(data["groups"])]
    assert json.dumps(data)


def test_a_kernel_loads_the_data_without_jsonschema_and_checks_each_text_once(tmp_path) -> None:
    """A learner's kernel: the first load checks each file in a child Python, later loads trust the cache."""
    import os
    import subprocess
    import sys

    code = (
        "import json, sys\n"
        "from kit.readers.data_files import load_data\n"
        f"for name in {NAMES!r}: load_data(name)\n"
        "print(json.dumps('jsonschema' in sys.modules))\n"
    )
    env = {**os.environ, "MEDIALIT_CACHE": str(tmp_path / "cache")}
    for _run in range(2):
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                             check=True, timeout=180)
        assert json.loads(out.stdout.strip().splitlines()[-1]) is False
        assert len(list((tmp_path / "cache" / "validated").iterdir())) == len(NAMES)


def test_a_changed_file_is_checked_again(tmp_path, monkeypatch) -> None:
    load_data("claims.json")  # the shipped text has passed (and is remembered)
    data = copy.deepcopy(load_data("claims.json"))
    data["groups"][0]["patterns"][1]["re"] = "(?:unclosed"
    real = resources.files("kit.readers")
    (tmp_path / "data" / "schemas").mkdir(parents=True)
    (tmp_path / "data" / "claims.json").write_text(json.dumps(data), "utf-8")
    schema = real.joinpath("data", "schemas", "claims.schema.json").read_text("utf-8")
    (tmp_path / "data" / "schemas" / "claims.schema.json").write_text(schema, "utf-8")
    monkeypatch.setattr(data_files, "resources", types.SimpleNamespace(files=lambda _package: tmp_path))
    with pytest.raises(ReaderDataError, match=r"groups\[0\]\.patterns\[1\]\.re"):
        load_data("claims.json")
