"""Throughput of `newsbeam run` against a plain Python loop doing the same per-article work.

    .venv/bin/python benchmarks/pipeline_throughput.py [--articles 2000] [--workers 2]

Builds a multilingual JSON Lines corpus from ../shared/data/langid (or from the
bundled seeds when that is absent), then measures side by side, in one run:
  - the plain loop: parse, language, sentences, sentence language, tagging,
    topic and one Parquet write per dataset, with no Beam;
  - the pipeline on the FnApiRunner in-process, and with multi_processing on
    --workers processes.
Prints sentences per second for each and the ratios. Machines are shared and
noisy: compare figures from the same run only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from pipelines.run import run_batch  # noqa: E402
from transforms.assign_topic import AssignTopicFn  # noqa: E402
from transforms.language_id import LanguageIdentifier, choose_article_language  # noqa: E402
from transforms.readers.document import RawDocument  # noqa: E402
from transforms.readers.formats import parse_document  # noqa: E402
from transforms.rows import SCHEMAS, ColumnBuffer, article_row, sentence_rows  # noqa: E402
from transforms.sentences import split_sentences  # noqa: E402
from transforms.sources import SourceSpec  # noqa: E402
from transforms.tag_sentences import SentenceTagger  # noqa: E402
from transforms.tagging.config import load_tagging_config  # noqa: E402

LANGID = REPO_ROOT.parent / "shared" / "data" / "langid" / "sentences.jsonl"


def corpus_sentences() -> dict[str, list[str]]:
    by_lang: dict[str, list[str]] = {}
    if LANGID.exists():
        for line in LANGID.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            record = json.loads(line)
            by_lang.setdefault(record["lang"], []).append(record["text"])
    else:
        text = (REPO_ROOT / "seeds" / "es-kim-jong-un-russia.txt").read_text(encoding="utf-8")
        by_lang["es"] = [line for line in text.splitlines() if line.strip()]
    return by_lang


def write_corpus(path: Path, articles: int, sentences_per_article: int = 12) -> int:
    rng = random.Random(7)
    by_lang = corpus_sentences()
    languages = sorted(by_lang)
    total = 0
    with path.open("w", encoding="utf-8") as handle:
        for number in range(articles):
            lang = languages[number % len(languages)]
            sentences = rng.sample(by_lang[lang], min(sentences_per_article, len(by_lang[lang])))
            total += len(sentences)
            record = {"text": " ".join(sentences), "url": f"https://bench.example/{number}", "source": "bench"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return total


def plain_loop(corpus: Path, output: Path) -> int:
    """The same per-article functions as the pipeline, in one Python loop."""
    config = load_tagging_config()
    identifier, tagger = LanguageIdentifier(), SentenceTagger(config)
    topic_fn = AssignTopicFn(config)
    topic_fn.setup()
    document = RawDocument(spec=SourceSpec(location=str(corpus)), location=str(corpus), content=corpus.read_bytes())
    articles_buffer, sentences_buffer = ColumnBuffer(SCHEMAS["articles"]), ColumnBuffer(SCHEMAS["sentences"])
    sentences = 0
    for article in parse_document(document, dt.datetime.now(dt.UTC)):
        article.lang, article.lang_prob = choose_article_language(
            identifier.probabilities(f"{article.title}\n{article.text[:2000]}"), article.lang_hint
        )
        article.sentences = split_sentences(article.text, article.lang)
        for sentence in article.sentences:
            sentence.lang, sentence.lang_prob = identifier.identify(sentence.text, article.lang, article.lang_prob)
            tagger.tag(sentence, article.lang)
        topic_fn.apply(article)
        articles_buffer.append(article_row(article, "bench"))
        for row in sentence_rows(article, "bench"):
            sentences_buffer.append(row)
        sentences += len(article.sentences)
    output.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_batches([articles_buffer.to_batch()]), output / "articles.parquet", compression="zstd")
    pq.write_table(
        pa.Table.from_batches([sentences_buffer.to_batch()]), output / "sentences.parquet", compression="zstd"
    )
    return sentences


def timed(label: str, fn) -> tuple[float, int]:
    start = time.perf_counter()
    sentences = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {seconds:8.2f} s  {sentences / seconds:10,.0f} sentences/s", flush=True)
    return seconds, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsbeam-bench-"))
    try:
        corpus = work / "corpus.jsonl"
        expected = write_corpus(corpus, args.articles)
        print(f"corpus: {args.articles:,} articles, {expected:,} source sentences, {corpus.stat().st_size:,} bytes")

        def pipeline(extra: list[str], name: str):
            def run() -> int:
                manifest = run_batch([str(corpus), f"--output={work / name}", "--quiet", *extra])
                return manifest["counts"]["totals"]["sentences"]

            return run

        loop_s, _ = timed("plain Python loop (1 core)", lambda: plain_loop(corpus, work / "loop"))
        single_s, _ = timed("newsbeam run, FnApiRunner in-process", pipeline([], "single"))
        multi_s, _ = timed(
            f"newsbeam run, multi_processing x{args.workers}",
            pipeline(["--direct_running_mode=multi_processing", f"--direct_num_workers={args.workers}"], "multi"),
        )
        print(f"Beam overhead, in-process pipeline / plain loop: {single_s / loop_s:.2f}x")
        print(f"speed-up of multi_processing x{args.workers} over the plain loop: {loop_s / multi_s:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
