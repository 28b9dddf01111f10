# newsbeam: two commands set up a fresh machine.
#   make run   - create .venv, install newsbeam, ingest the bundled seeds into ./output
#   make test  - create .venv, install newsbeam with test tools, run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install clean

$(STAMP): setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/newsbeam run --output output

test: $(STAMP)
	$(BIN)/ruff check pipelines transforms tests benchmarks examples
	$(BIN)/pytest -n 2 -q tests

clean:
	rm -rf $(VENV) output .pytest_cache
