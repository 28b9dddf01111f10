"""Per-input cost of the chaos corpus: parse time and peak allocation of every hostile file.

    .venv/bin/python benchmarks/hostile_inputs.py

Generates the corpus with its large cases, parses each file as the pipeline
does (parse_document, default limits) and prints seconds and the peak memory
traced while parsing it, slowest first.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "tests" / "fixtures" / "hostile"))

import generate  # noqa: E402

from transforms.readers.document import RawDocument  # noqa: E402
from transforms.readers.formats import parse_document  # noqa: E402
from transforms.sources import SourceSpec  # noqa: E402


def main() -> None:
    corpus = Path(tempfile.mkdtemp(prefix="newsbeam-chaos-"))
    paths = generate.generate(corpus, large=True)
    results = []
    for path in paths:
        content = path.read_bytes()
        tracemalloc.start()
        started = time.perf_counter()
        records = list(
            parse_document(RawDocument(SourceSpec(location=str(path)), str(path), content), dt.datetime.now(dt.UTC))
        )
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        results.append((seconds, peak, path.name, len(content), len(records)))
    print(f"{'input':<32} {'bytes':>12} {'records':>8} {'seconds':>8} {'peak MiB':>9}")
    for seconds, peak, name, size, count in sorted(results, reverse=True):
        print(f"{name:<32} {size:>12,} {count:>8,} {seconds:8.2f} {peak / 2**20:9.1f}")


if __name__ == "__main__":
    main()
