"""Tagging cost per sentence, by component: tokenize, topics, places, entities, quotes, and in total.

    .venv/bin/python benchmarks/tagging_speed.py [--articles 300] [--repeat 7] [--json]

Two sentence sets: the labelled dev set (tests/fixtures/tagging/dev, one
article per sentence) and a generated multilingual corpus (benchmarks/corpus.py,
~50 languages when ../shared is there), split with transforms.sentences and
tagged in the language of its source name (bench-<lang>). Everything is tagged
once first (dictionaries load, per-word caches fill: a worker's steady state),
then every component is timed alone on inputs prepared beforehand, the total is
SentenceTagger.tag_article as the pipeline calls it. Figures are CPU time
(time.process_time), best of --repeat passes, so other processes on a shared
machine inflate them less; compare two code versions by running this script
with each on PYTHONPATH, alternately, and comparing ratios.

The verdict line checks issue #8's target: less than 100 µs per sentence.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
# Appended, not prepended: a PYTHONPATH naming another checkout (the code before a change) wins.
sys.path.append(str(REPO_ROOT))

from corpus import write_corpus  # noqa: E402

from transforms.records import Article, Sentence  # noqa: E402
from transforms.sentences import split_sentences  # noqa: E402
from transforms.tag_sentences import SentenceTagger  # noqa: E402
from transforms.tagging.config import load_tagging_config  # noqa: E402
from transforms.tagging.quotes import is_quote  # noqa: E402
from transforms.tagging.tokens import tokenize  # noqa: E402

try:  # code before the tokens carried their casefolded forms, to compare with: see the module docstring
    from transforms.tagging.tokens import casefolded_words
except ImportError:
    casefolded_words = None

DEV_DIR = REPO_ROOT / "tests" / "fixtures" / "tagging" / "dev"
TARGET_US = 100.0  # issue #8: tagging costs less than 100 µs per sentence on average
COMPONENTS = ("tokenize", "topics", "places", "entities", "quotes")


def dev_articles(dev_dir: Path) -> list[Article]:
    """One article per labelled sentence, in its labelled language."""
    articles = []
    for path in sorted(dev_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                articles.append(_article(row["lang"], [row["text"]]))
    return articles


def corpus_articles(count: int) -> list[Article]:
    """`count` generated articles, split into sentences, every sentence in its source's language."""
    articles = []
    with tempfile.TemporaryDirectory() as folder:
        corpus = write_corpus(Path(folder), count)
        for path in corpus.files:
            # split("\n"), not splitlines(): texts may hold U+2028 and other Unicode line breaks
            for line in path.read_text(encoding="utf-8").split("\n"):
                if line.strip():
                    record = json.loads(line)
                    lang = record["source"].removeprefix("bench-")
                    texts = [sentence.text for sentence in split_sentences(record["text"], lang)]
                    articles.append(_article(lang, texts))
    return articles


def _article(lang: str, texts: list[str]) -> Article:
    article = Article(article_id="", source=f"bench-{lang}", source_kind="jsonl", input_ref="", text="", lang=lang)
    article.sentences = [Sentence(index, text, 0, len(text), lang=lang) for index, text in enumerate(texts)]
    return article


def _casefolded(text: str, tokens) -> list[str]:
    return tokens.lowered if casefolded_words is None else casefolded_words(text, tokens)


class Prepared:
    """The inputs each component takes, computed once so that each is timed on its own."""

    def __init__(self, tagger: SentenceTagger, articles: list[Article]) -> None:
        self.articles = articles
        self.rows = []  # (text, languages, tokens, words, place mentions in text order)
        for article in articles:
            for sentence in article.sentences:
                languages = list(dict.fromkeys(lang for lang in (sentence.lang, article.lang) if lang != "und"))
                tokens = tokenize(sentence.text)
                words = _casefolded(sentence.text, tokens)
                mentions = sorted(tagger.places.find(tokens, sentence.text, languages), key=lambda m: m.start)
                self.rows.append((sentence.text, languages, tokens, words, mentions))


def component_passes(tagger: SentenceTagger, data: Prepared) -> dict[str, Callable[[], None]]:
    """One pass over every sentence per component, and the whole tagger as the pipeline calls it."""
    rows = data.rows

    def tokenize_all() -> None:
        for text, *_ in rows:
            _casefolded(text, tokenize(text))

    def topics_all() -> None:
        for text, languages, _, words, _ in rows:
            tagger.topics.score(text, languages, words)

    def places_all() -> None:
        for text, languages, tokens, _, _ in rows:
            tagger.places.find(tokens, text, languages)

    def entities_all() -> None:
        for text, languages, tokens, words, mentions in rows:
            tagger.entities.find(tokens, text, languages, mentions, [], words)

    def quotes_all() -> None:
        for text, *_ in rows:
            is_quote(text)

    def total() -> None:
        for article in data.articles:
            tagger.tag_article(article)

    return {
        "tokenize": tokenize_all,
        "topics": topics_all,
        "places": places_all,
        "entities": entities_all,
        "quotes": quotes_all,
        "total": total,
    }


def best_cpu_seconds(run: Callable[[], None], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def measure(tagger: SentenceTagger, articles: list[Article], repeat: int) -> dict[str, float]:
    """µs per sentence of every component and of the total, after a warm-up pass."""
    for article in articles:  # warm-up: dictionaries, lexicon indexes, per-word caches
        tagger.tag_article(article)
    data = Prepared(tagger, articles)
    sentences = len(data.rows)
    return {
        name: best_cpu_seconds(run, repeat) / sentences * 1e6 for name, run in component_passes(tagger, data).items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="generated corpus size (~20 sentences each)")
    parser.add_argument("--repeat", type=int, default=7, help="timed passes; the best counts")
    parser.add_argument("--dev", type=Path, default=DEV_DIR)
    parser.add_argument("--configs", type=Path, help="a folder with topics.yaml, places.yaml, entities.yaml")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args()
    if args.configs:
        config = load_tagging_config(
            args.configs / "topics.yaml", None, args.configs / "places.yaml", args.configs / "entities.yaml"
        )
    else:
        config = load_tagging_config()
    tagger = SentenceTagger(config)
    sets = {"dev": dev_articles(args.dev), "corpus": corpus_articles(args.articles)}
    results = {}
    for name, articles in sets.items():
        results[name] = measure(tagger, articles, args.repeat)
        results[name]["sentences"] = sum(len(article.sentences) for article in articles)
    if args.json:
        print(json.dumps(results))
        return
    print(f"Tagging cost, µs per sentence (CPU time, best of {args.repeat}); components timed alone")
    print(f"{'set':8} {'sentences':>9} " + " ".join(f"{name:>9}" for name in (*COMPONENTS, "total")))
    for name, figures in results.items():
        cells = " ".join(f"{figures[component]:9.1f}" for component in (*COMPONENTS, "total"))
        print(f"{name:8} {figures['sentences']:9,} {cells}")
    worst = max(figures["total"] for figures in results.values())
    verdict = "meets" if worst < TARGET_US else "MISSES"
    print(f"verdict: {verdict} issue #8's target of < {TARGET_US:.0f} µs per sentence (worst set: {worst:.1f} µs)")


if __name__ == "__main__":
    main()
