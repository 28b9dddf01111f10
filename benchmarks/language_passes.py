"""CPU of the two language steps by how many articles share one vectorised pass, side by side in one run.

    .venv/bin/python benchmarks/language_passes.py [--articles 2000] [--rounds 5]

The steps run as the pipeline runs them, on batches of ARTICLES_PER_BATCH
articles (DetectLanguage, then SplitSentences, then DetectSentenceLanguage),
with the batch scored ARTICLES_PER_PASS articles at a time; "one at a time"
is each article's own `apply`. Each round times every pass size in turn
(alternating the order between rounds) on corpus articles
(benchmarks/corpus.py); the figures are medians, in CPU µs per sentence of
the two language steps (splitting is not counted). Every pass size must give
the same answers, bit for bit: the script checks that too.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402
from pipeline_throughput import read_articles  # noqa: E402

from transforms.language import ARTICLES_PER_PASS, DetectArticleLanguageFn, DetectSentenceLanguageFn  # noqa: E402
from transforms.sentences import SplitSentencesFn  # noqa: E402
from transforms.steps import ARTICLES_PER_BATCH, batches_of  # noqa: E402

PASS_SIZES = [1, 2, 4, 8, 16, ARTICLES_PER_BATCH]


def run(batches: list[list], size: int | None) -> tuple[float, list]:
    """(CPU s of the two language steps, the answers) with `size` articles a pass; None: one `apply` each."""
    detect, split, sentences = (
        DetectArticleLanguageFn(size or 1),
        SplitSentencesFn(),
        DetectSentenceLanguageFn(size or 1),
    )
    for step in (detect, split, sentences):
        step.setup()
    spent = 0.0
    answers = []
    for batch in copy.deepcopy(batches):
        start = time.process_time()
        batch = detect.apply_batch(batch) if size else [detect.apply(article) for article in batch]
        spent += time.process_time() - start
        batch = [split.apply(article) for article in batch]
        start = time.process_time()
        batch = sentences.apply_batch(batch) if size else [sentences.apply(article) for article in batch]
        spent += time.process_time() - start
        answers += [(a.lang, a.lang_prob, [(s.lang, s.lang_prob) for s in a.sentences]) for a in batch]
    return spent, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsbeam-passes-") as work:
        corpus = write_corpus(Path(work) / "corpus", args.articles)
        batches = list(batches_of(read_articles(list(corpus.files)), ARTICLES_PER_BATCH))
    contenders: list[int | None] = [None, *PASS_SIZES]
    seconds: dict[int | None, list[float]] = {size: [] for size in contenders}
    reference = None
    for round_number in range(args.rounds):
        for size in contenders if round_number % 2 == 0 else reversed(contenders):
            spent, answers = run(batches, size)
            seconds[size].append(spent)
            reference = reference or answers
            if answers != reference:
                raise SystemExit(f"{size} articles a pass gave other answers than one at a time")
    sentences = sum(len(sentence_answers) for *_, sentence_answers in reference)
    print(f"{args.articles:,} articles, {sentences:,} sentences; CPU µs per sentence, median of {args.rounds} rounds")
    baseline = statistics.median(seconds[None])
    for size in contenders:
        median = statistics.median(seconds[size])
        label = (
            "one at a time (apply)"
            if size is None
            else f"{size} a pass" + (" (default)" if size == ARTICLES_PER_PASS else "")
        )
        print(f"  {label:<24}{median * 1e6 / sentences:8.1f}   {median / baseline:5.2f}x")
    print("answers identical for every pass size")


if __name__ == "__main__":
    main()
