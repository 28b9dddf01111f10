# newsbeam: two commands set up a fresh machine.
#   make run   - create .venv, install newsbeam, ingest the bundled seeds into ./output
#   make test  - create .venv, install newsbeam with test tools, run the whole suite
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-cluster lint install clean fuzz fuzz-smoke bench
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
	$(BIN)/pytest -n 2 -q -m "not cluster" tests

# Coverage-guided fuzzing of every reader entry point (atheris); findings land in .fuzz/<target>/crash-*.
fuzz-smoke fuzz: $(STAMP)
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p .fuzz/$$target; \
	  out=$$(cd .fuzz/$$target && ../../$(BIN)/python ../../tests/fuzz/fuzz_readers.py $$target \
	        -max_total_time=$(FUZZ_SECONDS) 2>&1); status=$$?; \
	  echo "fuzz $$target: $$(echo "$$out" | grep -E '^Done|crash-' | tr '\n' ' ')"; \
	  if [ $$status -ne 0 ]; then echo "$$out" | tail -30; echo "fuzz target $$target found a crash (.fuzz/$$target)"; exit 1; fi; \
	done

# Real engines, each compared row for row with the FnApiRunner: Flink mini-cluster, a Flink session cluster
# (Flink 1.19 from PyPI) and Beam's portable runner, the last two with an external worker pool.
# Needs Java 17 and Maven; the first run builds the Flink job server into ~/.cache/newsbeam (about 3 minutes).
test-cluster: $(STAMP)
	cluster/fetch-flink-job-server.sh >/dev/null
	PYTHON=$(BIN)/python cluster/fetch-flink-dist.sh >/dev/null
	$(BIN)/pytest -q -p no:randomly -m cluster tests/pipelines

# Every benchmark, printing its figures (minutes to an hour on 2 cores; the README quotes the latest run).
# Accuracy evaluations read ../shared/data and say so when it is absent.
bench: $(STAMP)
	$(BIN)/python benchmarks/eval_language_id.py
	$(BIN)/python benchmarks/eval_sentence_splitter.py
	$(BIN)/python benchmarks/eval_tagging.py --repeat 20
	$(BIN)/python benchmarks/tagging_speed.py
	$(BIN)/python benchmarks/worker_startup.py
	$(BIN)/python benchmarks/pipeline_throughput.py --articles 10000
	$(BIN)/python benchmarks/memory_scaling.py --sizes 10000 100000
	$(BIN)/python benchmarks/spill_codecs.py
	$(BIN)/python benchmarks/language_passes.py
	$(BIN)/python benchmarks/parquet_layout.py
	$(BIN)/python benchmarks/stream_latency.py --window 10
	$(BIN)/python benchmarks/fetch_concurrency.py
	$(BIN)/python benchmarks/incremental_check.py
