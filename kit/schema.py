"""The kit's one way to import jsonschema (and nbformat, which imports it), 2-3 s and 20 MiB cheaper.

jsonschema imports the optional package rfc3987-syntax, which Jupyter installs, to check the "iri"
and "uri-reference" string formats; importing it builds a whole parser grammar (measured here: 1.8 to
3.1 s and about 21 MiB of a kernel's memory, in every kernel, grading sandbox and ``medialit`` run that
reads a data file or a notebook). No schema the kit or nbformat uses checks those formats, so the kit
imports jsonschema with that package hidden for the moment of the import: jsonschema then leaves those
two formats unchecked, exactly as it does where the package is not installed. Anyone who imports
rfc3987-syntax later still gets it.
"""

from __future__ import annotations

import sys
from types import ModuleType

_SLOW = "rfc3987_syntax"


def jsonschema() -> ModuleType:
    """The jsonschema module, imported without rfc3987-syntax if nobody has imported either yet."""
    if "jsonschema" in sys.modules or _SLOW in sys.modules:
        import jsonschema as module

        return module
    sys.modules[_SLOW] = None  # type: ignore[assignment]  # a None entry makes `import` raise ImportError
    try:
        import jsonschema as module
    finally:
        del sys.modules[_SLOW]
    return module


def nbformat() -> ModuleType:
    """The nbformat module, with jsonschema imported the cheap way first."""
    jsonschema()
    import nbformat as module

    return module
