"""CPU and bytes of the row spill (transforms/spill.py) with each IPC buffer codec, side by side in one run.

    .venv/bin/python benchmarks/spill_codecs.py [--articles 2000] [--rounds 5]

The rows are real: corpus articles (benchmarks/corpus.py) through newsbeam's
own steps, buffered per partition as SpillRowsFn does, in one bundle. Each
round spills them with every codec in turn (the order alternating between
rounds) and reads every partition back as WritePartitionFn does; the figures
are medians over the rounds. This is what `spill.row_compression` chose from:
plain buffers on local disk, zstd on object stores.
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
from pipeline_throughput import batches_of, read_articles  # noqa: E402

from transforms.assign_topic import AssignTopicFn  # noqa: E402
from transforms.language import DetectArticleLanguageFn, DetectSentenceLanguageFn  # noqa: E402
from transforms.records import Reject  # noqa: E402
from transforms.rows import SCHEMAS, article_partition, article_row, sentence_columns  # noqa: E402
from transforms.sentences import SplitSentencesFn  # noqa: E402
from transforms.spill import RowSpillWriter, read_row_batches  # noqa: E402
from transforms.steps import ARTICLES_PER_BATCH  # noqa: E402
from transforms.tag_sentences import TagSentencesFn  # noqa: E402
from transforms.tagging.config import load_tagging_config  # noqa: E402

CODECS = {"plain": None, "lz4": "lz4", "zstd": "zstd"}


def finished_articles(files: list[Path]) -> list:
    config = load_tagging_config()
    steps = [
        DetectArticleLanguageFn(),
        SplitSentencesFn(),
        DetectSentenceLanguageFn(),
        TagSentencesFn(config),
        AssignTopicFn(config),
    ]
    for step in steps:
        step.setup()
    finished = []
    for batch in batches_of(read_articles(files), ARTICLES_PER_BATCH):
        for step in steps:
            batch = [article for article in map(step.apply, batch) if not isinstance(article, Reject)]
        finished += batch
    return finished


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
        figures: dict[str, list[tuple[float, float, int]]] = {name: [] for name in CODECS}
        names = list(CODECS)
        for round_number in range(args.rounds):
            for name in names if round_number % 2 == 0 else reversed(names):
                folder = Path(work) / f"spill-{name}-{round_number}"
                figures[name].append(spill_and_read(articles, folder, CODECS[name]))
        print(f"{'codec':<7}{'write ms':>10}{'read ms':>10}{'total ms':>10}{'MB':>8}   (medians of {args.rounds})")
        totals = {}
        for name, runs in figures.items():
            write = statistics.median(run[0] for run in runs) * 1000
            read = statistics.median(run[1] for run in runs) * 1000
            totals[name] = statistics.median((run[0] + run[1]) for run in runs) * 1000
            print(f"{name:<7}{write:>10.1f}{read:>10.1f}{totals[name]:>10.1f}{runs[0][2] / 1e6:>8.1f}")
        for name in ("lz4", "zstd"):
            print(f"{name} / plain, CPU to spill and read back: {totals[name] / totals['plain']:.1f}x")


if __name__ == "__main__":
    main()
