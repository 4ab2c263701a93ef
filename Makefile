# Two commands matter: `make lab` (set up and open the kit) and `make test` (set up and run every test).
# Everything else here is a step they share.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: lab test setup setup-test browser sandbox lint bench build clean

# Learners and teachers get the kit alone; the test tools (nbgrader among them, which adds its own
# menus to JupyterLab) come with `make test` only.
setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

$(BIN)/python:
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

lab: setup
	$(BIN)/medialit lab

# Browser tests need Debian's chromium; scripts/ensure_debian_package.sh installs it when it can (root + apt)
# and otherwise says how.
browser:
	@sh scripts/ensure_debian_package.sh chromium /usr/bin/chromium "The browser tests"
	@sh scripts/ensure_debian_package.sh poppler-utils pdftoppm "The printable-pack tests"

# Code questions are graded only inside bubblewrap's sandbox; scripts/ensure_debian_package.sh installs it
# the same way.
sandbox:
	@sh scripts/ensure_debian_package.sh bubblewrap bwrap "Grading code questions safely"

test: setup-test browser sandbox
	$(BIN)/ruff check kit tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/medialit build --check
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax -p no:cacheprovider \
		tests notebooks solutions exercises

lint: setup-test
	$(BIN)/ruff check kit tests benchmarks scripts
	$(BIN)/mypy

build: setup
	$(BIN)/medialit build

bench: setup-test browser sandbox
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
