"""Stop early, in plain words, when the Python running `make` is too old for the kit."""

import sys

if sys.version_info < (3, 10):  # noqa: UP036 -- this script exists to catch old Pythons
    version = ".".join(map(str, sys.version_info[:3]))
    sys.exit(
        f"medialit-kit needs Python 3.10 or newer, but `python3` here is {version}.\n"
        "Install a newer Python, or run: make PYTHON=/path/to/python3.11 lab"
    )
