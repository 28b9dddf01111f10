"""Throughput of `newsbeam run` against a naive loop and a plain loop, measured side by side in one run.

    .venv/bin/python benchmarks/pipeline_throughput.py [--articles 5000] [--workers 2] [--naive-articles 60] [--pairs 3]

On a corpus from benchmarks/corpus.py (~20 sentences per article, many
languages) it times, one after the other:
  - the naive anchor: langdetect.detect on the article and on every sentence,
    pySBD for the boundaries, one pyarrow Parquet write (what a first version
    of such a pipeline does). It is slow, so it runs on the first
    --naive-articles articles and its rate is per sentence;
  - the plain loop: newsbeam's own per-article functions (the same step
    objects the pipeline runs, over the same batches of articles, one step at
    a time, each with its `apply_batch`) and the same partitioned Parquet
    files, with no Beam, on one core;
  - the pipeline on the FnApiRunner in-process, and with
    --direct_running_mode=multi_processing on --workers processes.
Each runs in a fresh process of its own (multiprocessing's spawn), timed from
its first step, so that none inherits another's loaded dictionaries, warm
caches or garbage. Then it prints the ratios the performance targets are
stated in. Machines are shared and noisy: only compare figures from the same
run. On a shared 2-core machine the same contender's time moved by a third
between runs minutes apart, so the plain loop and the in-process pipeline run
--pairs times, alternating which goes first, and the Beam overhead is the
median of the pairs' ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import queue
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from corpus import write_corpus  # noqa: E402

from pipelines.run import run_batch  # noqa: E402
from transforms.assign_topic import AssignTopicFn  # noqa: E402
from transforms.language import DetectArticleLanguageFn, DetectSentenceLanguageFn  # noqa: E402
from transforms.partitions import partition_path  # noqa: E402
from transforms.readers.document import RawDocument  # noqa: E402
from transforms.readers.formats import parse_document  # noqa: E402
from transforms.records import Reject  # noqa: E402
from transforms.rows import SCHEMAS, ColumnBuffer, article_partition, article_row, sentence_columns  # noqa: E402
from transforms.sentences import SplitSentencesFn  # noqa: E402
from transforms.sources import SourceSpec  # noqa: E402
from transforms.steps import ARTICLES_PER_BATCH, batches_of  # noqa: E402
from transforms.tag_sentences import TagSentencesFn  # noqa: E402
from transforms.tagging.config import load_tagging_config  # noqa: E402
from transforms.write import SORT_KEYS, write_sorted_parquet  # noqa: E402

TARGET_SENTENCES_PER_SECOND = 20_000
TARGET_SPEEDUP_OVER_NAIVE = 100
TARGET_BEAM_OVERHEAD = 1.3


def read_articles(files: list[Path], limit: int | None = None):
    """Parsed articles of the corpus files, in order, through newsbeam's own reader."""
    ingested_at = dt.datetime.now(dt.UTC)
    produced = 0
    for path in files:
        document = RawDocument(spec=SourceSpec(location=str(path)), location=str(path), content=path.read_bytes())
        for article in parse_document(document, ingested_at):
            if limit is not None and produced >= limit:
                return
            produced += 1
            yield article


def naive_loop(files: list[Path], articles: int, output: Path) -> int:
    """langdetect + pySBD per sentence + one pyarrow write: the anchor the targets are measured against."""
    import langdetect
    import pysbd

    langdetect.DetectorFactory.seed = 0
    segmenters: dict[str, pysbd.Segmenter] = {}
    rows: dict[str, list] = {"article": [], "text": [], "lang": []}
    for number, article in enumerate(read_articles(files, articles)):
        lang = langdetect.detect(article.text)
        if lang not in segmenters:
            try:
                segmenters[lang] = pysbd.Segmenter(language=lang, clean=False)
            except ValueError:  # pySBD knows 22 languages; the rest get its English rules
                segmenters[lang] = segmenters.get("en") or pysbd.Segmenter(language="en", clean=False)
        for sentence in segmenters[lang].segment(article.text):
            rows["article"].append(number)
            rows["text"].append(sentence)
            try:
                rows["lang"].append(langdetect.detect(sentence))
            except langdetect.LangDetectException:
                rows["lang"].append("und")
    output.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(rows), output / "sentences.parquet", compression="zstd")
    return len(rows["text"])


def write_rows(article, buffers: dict[tuple, ColumnBuffer]) -> int:
    """The article's rows into the buffers of its partition, as SpillRowsFn does; its sentence count."""
    partition = article_partition(article)
    articles_key, sentences_key = ("articles", partition), ("sentences", partition)
    for key in (articles_key, sentences_key):
        if key not in buffers:
            buffers[key] = ColumnBuffer(SCHEMAS[key[0]])
    buffers[articles_key].append(article_row(article, "bench"))
    buffers[sentences_key].extend(sentence_columns(article, "bench"))
    return len(article.sentences)


def ready_steps() -> list:
    """The pipeline's per-article step objects, in its order, set up as a worker sets them up."""
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
    return steps


def through_steps(batch: list, steps: list) -> list:
    """A batch as the pipeline runs it: each step over the whole batch, then the next step; rejects dropped."""
    for step in steps:
        batch = [article for article in step.apply_batch(batch) if not isinstance(article, Reject)]
    return batch


def plain_loop(files: list[Path], output: Path) -> int:
    """The pipeline's own step objects called in a Python loop, writing the same partitioned files."""
    steps = ready_steps()
    buffers: dict[tuple, ColumnBuffer] = {}
    sentences = 0
    for batch in batches_of(read_articles(files), ARTICLES_PER_BATCH):
        for article in through_steps(batch, steps):
            sentences += write_rows(article, buffers)
    for (dataset, partition), buffer in buffers.items():
        table = pa.Table.from_batches([buffer.to_batch()])
        order = pc.sort_indices(table, sort_keys=SORT_KEYS[dataset])
        path = str(output / dataset / partition_path(partition) / "part-0.parquet")
        write_sorted_parquet(table, order, SCHEMAS[dataset], path)
    return sentences


def run_pipeline(files: list[Path], output: Path, extra: list[str]) -> int:
    """`newsbeam run` on the corpus files; the sentences it wrote."""
    manifest = run_batch([*map(str, files), f"--output={output}", "--quiet", *extra])
    totals = manifest["counts"]["totals"]
    if totals["rejected"]:
        print(f"  ({output.name}: {totals['rejected']} of {totals['inputs']} articles rejected: see its rejects)")
    return totals["sentences"]


def warm_langdetect() -> None:
    """Load langdetect's profiles and pySBD before the naive loop's clock starts: its rate is per
    sentence and should not carry a one-off second of JSON loading (newsbeam's runs do carry theirs)."""
    import langdetect
    import pysbd

    langdetect.detect("warm up")
    pysbd.Segmenter(language="en", clean=False)


def _timed_child(fn, args, results, warm=None) -> None:
    if warm is not None:
        warm()
    start = time.perf_counter()
    sentences = fn(*args)
    results.put((sentences, time.perf_counter() - start))


def timed(label: str, fn, *args, warm=None) -> tuple[float, float]:
    """(seconds, sentences per second) of fn(*args), which returns the sentences it produced,
    run in a fresh process (after warm(), untimed, when given)."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=_timed_child, args=(fn, args, results, warm))
    child.start()
    while True:  # a contender that dies (its traceback is on stderr) must end the benchmark, not hang it
        try:
            sentences, seconds = results.get(timeout=1.0)
            break
        except queue.Empty:
            if not child.is_alive():
                raise SystemExit(f"{label}: its process ended with exit code {child.exitcode} and no result") from None
    child.join()
    rate = sentences / seconds
    print(f"{label:<52} {sentences:>9,} sentences {seconds:8.2f} s {rate:>10,.0f} sentences/s", flush=True)
    return seconds, rate


def verdict(ok: bool) -> str:
    return "meets target" if ok else "SHORT of target"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--naive-articles", type=int, default=60, help="articles the slow naive anchor runs on")
    parser.add_argument("--pairs", type=int, default=3, help="alternating runs of the plain loop and in-process")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsbeam-bench-"))
    try:
        corpus = write_corpus(work / "corpus", args.articles, shards=max(4, 2 * args.workers))
        print(
            f"corpus: {corpus.articles:,} articles, {corpus.sentences:,} source sentences, "
            f"{corpus.languages} languages, {corpus.bytes:,} bytes"
        )

        files = list(corpus.files)
        _, naive_rate = timed(
            f"naive loop: langdetect + pySBD ({args.naive_articles} articles)",
            naive_loop,
            files,
            args.naive_articles,
            work / "naive",
            warm=warm_langdetect,
        )
        loop_runs, single_runs = [], []
        for pair in range(args.pairs):
            loop_out, single_out = work / f"loop{pair}", work / f"single{pair}"
            contenders = [
                (loop_runs, "plain loop of newsbeam's steps (1 core)", plain_loop, (files, loop_out)),
                (single_runs, "newsbeam run, FnApiRunner in-process", run_pipeline, (files, single_out, [])),
            ]
            for runs, label, fn, fn_args in contenders if pair % 2 == 0 else reversed(contenders):
                runs.append(timed(label, fn, *fn_args))
                shutil.rmtree(fn_args[1], ignore_errors=True)
        loop_rate = statistics.median(rate for _, rate in loop_runs)
        overheads = [single_s / loop_s for (loop_s, _), (single_s, _) in zip(loop_runs, single_runs, strict=True)]
        overhead = statistics.median(overheads)
        multi_flags = ["--direct_running_mode=multi_processing", f"--direct_num_workers={args.workers}"]
        _, multi_rate = timed(
            f"newsbeam run, multi_processing x{args.workers}", run_pipeline, files, work / "multi", multi_flags
        )
        speedup = multi_rate / naive_rate
        print()
        print(
            f"end to end, multi_processing x{args.workers}: {multi_rate:,.0f} sentences/s "
            f"(target {TARGET_SENTENCES_PER_SECOND:,}): {verdict(multi_rate >= TARGET_SENTENCES_PER_SECOND)}"
        )
        print(
            f"speed-up over the naive loop: {speedup:,.1f}x (target {TARGET_SPEEDUP_OVER_NAIVE}x): "
            f"{verdict(speedup >= TARGET_SPEEDUP_OVER_NAIVE)}"
        )
        print(
            f"Beam overhead, in-process pipeline / plain loop: {overhead:.2f}x, median of "
            f"{', '.join(f'{ratio:.2f}' for ratio in overheads)} (target <= {TARGET_BEAM_OVERHEAD}x): "
            f"{verdict(overhead <= TARGET_BEAM_OVERHEAD)}"
        )
        print(f"plain loop over the naive loop: {loop_rate / naive_rate:,.1f}x (median plain loop)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
