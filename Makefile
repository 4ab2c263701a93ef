# Two commands matter: `make lab` (set up and open the kit) and `make test` (set up and run every test).
# Everything else here is a step they share.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab test setup browser lint bench build clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

lab: setup
	$(BIN)/medialit lab

# Browser tests need Debian's chromium; scripts/ensure_chromium.sh installs it when it can (root + apt)
# and otherwise says how.
browser:
	@sh scripts/ensure_chromium.sh

test: setup browser
	$(BIN)/ruff check kit tests benchmarks scripts
	$(BIN)/medialit build --check
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax -p no:cacheprovider \
		tests notebooks solutions exercises

lint: setup
	$(BIN)/ruff check kit tests benchmarks scripts

build: setup
	$(BIN)/medialit build

bench: setup browser
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
