"""CPU and bytes of the spills (transforms/spill.py) with each codec, side by side in one run.

    .venv/bin/python benchmarks/spill_codecs.py [--articles 2000] [--rounds 5]

The data is real: corpus articles (benchmarks/corpus.py) through newsbeam's
own steps. Rows are buffered per partition as SpillRowsFn does, in one
bundle, and read back a partition at a time as WritePartitionFn does; the
parsed articles are spilled as records, as Dedupe does, and read back. Each
round runs every codec in turn (the order alternating between rounds); the
figures are medians over the rounds. This is what `spill.spill_codec` chose
from: plain on local disk, zstd on object stores.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402
from pipeline_throughput import read_articles, ready_steps, through_steps  # noqa: E402

from transforms.rows import SCHEMAS, article_partition, article_row, sentence_columns  # noqa: E402
from transforms.spill import RecordSpillWriter, RowSpillWriter, read_records, read_row_batches  # noqa: E402
from transforms.steps import ARTICLES_PER_BATCH, batches_of  # noqa: E402

CODECS = {"plain": None, "lz4": "lz4", "zstd": "zstd"}


def finished_articles(files: list[Path]) -> list:
    steps = ready_steps()
    return [
        article
        for batch in batches_of(read_articles(files), ARTICLES_PER_BATCH)
        for article in through_steps(batch, steps)
    ]


def spill_and_read(articles: list, folder: Path, codec: str | None) -> tuple[float, float, int]:
    """(write CPU s, read-back CPU s, bytes) of one bundle's spill of `articles`."""
    start = time.process_time()
    writer = RowSpillWriter(str(folder), SCHEMAS, compression=codec)
    for article in articles:
        partition = article_partition(article)
        writer.append("articles", ("articles", partition), article_row(article, "bench"))
        writer.extend("sentences", ("sentences", partition), sentence_columns(article, "bench"))
    refs = writer.close()
    written = time.process_time() - start
    by_key: dict = {}
    for key, ref in refs:
        by_key.setdefault(key, []).append(ref)
    start = time.process_time()
    rows = sum(read_row_batches(key_refs, SCHEMAS[dataset]).num_rows for (dataset, _), key_refs in by_key.items())
    read = time.process_time() - start
    if rows != len(articles) + sum(len(article.sentences) for article in articles):
        raise SystemExit(f"{codec}: read back {rows} rows, not every row spilled")
    return written, read, sum(path.stat().st_size for path in folder.rglob("*.arrow"))


def spill_and_read_records(articles: list, folder: Path, codec: str | None) -> tuple[float, float, int]:
    """(write CPU s, read-back CPU s, bytes) of `articles` spilled as records by one bundle."""
    start = time.process_time()
    writer = RecordSpillWriter(str(folder), compression=codec)
    refs = [writer.write(article) for article in articles]
    writer.close()
    written = time.process_time() - start
    start = time.process_time()
    loaded = sum(1 for _ in read_records(str(folder), refs, compression=codec))
    read = time.process_time() - start
    if loaded != len(articles):
        raise SystemExit(f"{codec}: read back {loaded} records of {len(articles)}")
    return written, read, sum(path.stat().st_size for path in folder.rglob("*.records"))


def print_table(title: str, figures: dict[str, list[tuple[float, float, int]]], rounds: int) -> None:
    print(f"{title:<9}{'write ms':>10}{'read ms':>10}{'total ms':>10}{'MB':>8}   (medians of {rounds})")
    totals = {}
    for name, runs in figures.items():
        write = statistics.median(run[0] for run in runs) * 1000
        read = statistics.median(run[1] for run in runs) * 1000
        totals[name] = statistics.median((run[0] + run[1]) for run in runs) * 1000
        print(f"  {name:<7}{write:>10.1f}{read:>10.1f}{totals[name]:>10.1f}{runs[0][2] / 1e6:>8.1f}")
    for name in ("lz4", "zstd"):
        print(f"  {name} / plain, CPU to spill and read back: {totals[name] / totals['plain']:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsbeam-spill-") as work:
        corpus = write_corpus(Path(work) / "corpus", args.articles)
        articles = finished_articles(list(corpus.files))
        partitions = len({article_partition(article) for article in articles})
        sentences = sum(len(article.sentences) for article in articles)
        print(f"{len(articles):,} articles, {sentences:,} sentences, {partitions:,} partitions, one bundle")
        parsed = list(read_articles(list(corpus.files)))
        rows: dict[str, list[tuple[float, float, int]]] = {name: [] for name in CODECS}
        records: dict[str, list[tuple[float, float, int]]] = {name: [] for name in CODECS}
        names = list(CODECS)
        for round_number in range(args.rounds):
            for name in names if round_number % 2 == 0 else reversed(names):
                folder = Path(work) / f"spill-{name}-{round_number}"
                rows[name].append(spill_and_read(articles, folder / "rows", CODECS[name]))
                records[name].append(spill_and_read_records(parsed, folder / "records", CODECS[name]))
        print_table("rows", rows, args.rounds)
        print_table("records", records, args.rounds)


if __name__ == "__main__":
    main()
