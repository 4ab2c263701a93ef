"""kit.schema imports jsonschema without rfc3987-syntax's grammar build, and changes nothing else."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

PROBE = """
import sys
import kit
kit.find_sources(kit.load_article())      # the readers' data files go through jsonschema
import kit.grading.format                 # the grader's notebook reader goes through nbformat
print("jsonschema" in sys.modules, "nbformat" in sys.modules, "rfc3987_syntax" in sys.modules)
"""


def test_readers_and_grader_never_build_the_rfc3987_grammar() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "False"], out.stderr


@pytest.mark.skipif(importlib.util.find_spec("rfc3987_syntax") is None, reason="rfc3987-syntax not installed")
def test_rfc3987_syntax_still_imports_for_anyone_who_asks() -> None:
    code = "import kit.schema as s; s.jsonschema(); import rfc3987_syntax; print(rfc3987_syntax.__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "rfc3987_syntax"


def test_the_regex_format_is_still_checked() -> None:
    from kit.schema import jsonschema

    js = jsonschema()
    checker = js.FormatChecker()
    schema = {"type": "string", "format": "regex"}
    js.validate("a+b", schema, format_checker=checker)
    with pytest.raises(js.ValidationError):
        js.validate("(unclosed", schema, format_checker=checker)
