"""CPU and bytes of the run's Parquet files with each encoding policy, side by side in one run.

    .venv/bin/python benchmarks/parquet_layout.py [--articles 3000] [--rounds 5]

The data is real: corpus articles (benchmarks/corpus.py) through newsbeam's
own steps, gathered per partition as a run writes them (one small file per
topic and date), and also concatenated into one table per dataset, the size
compaction writes. Each round writes every file with each policy in turn
(the order alternating between rounds); CPU figures are medians over the
rounds. Every file is read back and checked equal to what was written.
Policies: pyarrow's defaults (dictionaries and min/max statistics on every
column); "run files" and "compaction", `write.parquet_options` as a run and
`newsbeam compact` use it (no statistics on free text; dictionaries only on
the columns with few distinct values, or on every column); and "few
dictionaries", the run files' dictionaries with every statistic, which
separates the two changes' shares.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from corpus import write_corpus  # noqa: E402
from pipeline_throughput import write_rows  # noqa: E402
from spill_codecs import finished_articles  # noqa: E402

from transforms.rows import SCHEMAS, ColumnBuffer  # noqa: E402
from transforms.write import parquet_options  # noqa: E402


def partition_tables(articles: list) -> dict[str, list[pa.Table]]:
    """The run's files: one table per (dataset, partition), in the output schema."""
    buffers: dict[tuple, ColumnBuffer] = {}
    for article in articles:
        write_rows(article, buffers)
    tables: dict[str, list[pa.Table]] = {"articles": [], "sentences": []}
    for (dataset, _), buffer in buffers.items():
        tables[dataset].append(pa.Table.from_batches([buffer.to_batch()]))
    return tables


def write_all(tables: list[pa.Table], options: dict) -> tuple[float, int, list[bytes]]:
    """(write_table CPU s, bytes, the files) of `tables`, each written to memory."""
    files = []
    start = time.process_time()
    for table in tables:
        sink = io.BytesIO()
        pq.write_table(table, sink, **options)
        files.append(sink.getvalue())
    return time.process_time() - start, sum(map(len, files)), files


def check_round_trip(tables: list[pa.Table], files: list[bytes], policy: str) -> None:
    for table, data in zip(tables, files, strict=True):
        # Values, not layout: a concatenated table's chunks carry dictionaries of their own.
        if pq.read_table(pa.BufferReader(data)).to_pylist() != table.to_pylist():
            raise SystemExit(f"{policy}: a file read back differs from the table written")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsbeam-parquet-") as work:
        corpus = write_corpus(Path(work) / "corpus", args.articles)
        by_dataset = partition_tables(finished_articles(list(corpus.files)))
    for dataset, tables in sorted(by_dataset.items()):
        schema = SCHEMAS[dataset]
        run_files = parquet_options(schema, every_dictionary=False)
        policies = {
            "pyarrow defaults": {"compression": "zstd", "use_dictionary": True, "write_statistics": True},
            "few dictionaries": {**run_files, "write_statistics": True},
            "run files": run_files,
            "compaction": parquet_options(schema, every_dictionary=True),
        }
        for shape, files in (("run files", tables), ("one compacted file", [pa.concat_tables(tables)])):
            rows = sum(table.num_rows for table in files)
            print(f"{dataset}, {shape}: {len(files):,} file(s), {rows:,} rows")
            cpu: dict[str, list[float]] = {name: [] for name in policies}
            sizes: dict[str, int] = {}
            names = list(policies)
            for round_number in range(args.rounds):
                for name in names if round_number % 2 == 0 else reversed(names):
                    seconds, sizes[name], written = write_all(files, policies[name])
                    cpu[name].append(seconds)
                    if round_number == 0:
                        check_round_trip(files, written, name)
            base = statistics.median(cpu["pyarrow defaults"])
            for name in names:
                median = statistics.median(cpu[name])
                print(
                    f"  {name:<18}{median * 1000:>9.1f} ms ({median / base:.2f}x)"
                    f"{sizes[name] / 1e6:>9.2f} MB ({sizes[name] / sizes['pyarrow defaults']:.2f}x)"
                )


if __name__ == "__main__":
    main()
