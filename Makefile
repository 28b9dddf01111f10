# newsbeam: two commands set up a fresh machine.
#   make run   - create .venv, install newsbeam, ingest the bundled seeds into ./output
#   make test  - create .venv, install newsbeam with test tools, run the whole suite
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install clean fuzz fuzz-smoke
FUZZ_TARGETS := feed json_feed http_feed text jsonl html sources dates
FUZZ_SECONDS ?= 120

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
	$(MAKE) --no-print-directory fuzz-smoke FUZZ_SECONDS=3
	$(BIN)/pytest -n 2 -q tests

# Coverage-guided fuzzing of every reader entry point (atheris); findings land in .fuzz/<target>/crash-*.
fuzz-smoke fuzz: $(STAMP)
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p .fuzz/$$target; \
	  out=$$(cd .fuzz/$$target && ../../$(BIN)/python ../../tests/fuzz/fuzz_readers.py $$target \
	        -max_total_time=$(FUZZ_SECONDS) 2>&1); status=$$?; \
	  echo "fuzz $$target: $$(echo "$$out" | grep -E '^Done|crash-' | tr '\n' ' ')"; \
	  if [ $$status -ne 0 ]; then echo "$$out" | tail -30; echo "fuzz target $$target found a crash (.fuzz/$$target)"; exit 1; fi; \
	done
