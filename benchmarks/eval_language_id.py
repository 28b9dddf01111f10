"""Language ID accuracy and speed against langdetect, on ../shared/data/langid (lingua-py's test data).

    .venv/bin/python benchmarks/eval_language_id.py                  # everything, ~3 minutes on one core
    .venv/bin/python benchmarks/eval_language_id.py --sample 30      # 30 items per language, quick
    .venv/bin/python benchmarks/eval_language_id.py --half odd       # the half no constant was chosen on

Prints a per-language table (our accuracy next to langdetect's, seeded, on
the same items) for sentences.jsonl and word_pairs.jsonl, the macro accuracy
of each, the throughput of ours (one text per call, and all sentences of an
article per call) and of langdetect measured in the same run, and the gain of
the article-language prior on sentences and word pairs set inside articles.
Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from transforms.language_context_eval import ContextCase, context_cases, context_scores  # noqa: E402
from transforms.language_id import LanguageIdentifier  # noqa: E402
from transforms.language_profiles import build_profiles, load_profiles  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "langid"
ARTICLE_SENTENCES = 20
# lingua says nb (Norwegian Bokmål); langdetect and our output say no.
TO_OUR_CODES = {"nb": "no"}


def load(path: Path, half: str, sample: int | None) -> dict[str, list[str]]:
    """Texts by language; `half` keeps even- or odd-numbered items of each language (constants were chosen on even)."""
    by_language: dict[str, list[str]] = collections.defaultdict(list)
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        item = json.loads(line)
        by_language[TO_OUR_CODES.get(item["lang"], item["lang"])].append(item["text"])
    parity = {"even": 0, "odd": 1}.get(half)
    return {
        language: [text for number, text in enumerate(texts) if parity is None or number % 2 == parity][:sample]
        for language, texts in sorted(by_language.items())
    }


def langdetect_detector() -> Callable[[str], str]:
    """langdetect as it is usually run, but with a private seeded factory so the figures repeat."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)

    def detect(text: str) -> str:
        detector = factory.create()
        detector.append(text)
        try:
            return detector.detect().split("-")[0]
        except LangDetectException:
            return "und"

    return detect


def articles_of(texts: list[str]) -> list[list[str]]:
    return [texts[start : start + ARTICLE_SENTENCES] for start in range(0, len(texts), ARTICLE_SENTENCES)]


def evaluate(name: str, by_language: dict[str, list[str]], identifier: LanguageIdentifier, langdetect) -> dict:
    """Accuracy per language for ours and langdetect, and each one's seconds, on the same items.

    The three ways of detecting take turns article by article, so that load
    from other processes on the machine falls on all of them alike.
    """
    seconds = {"single": 0.0, "batched": 0.0, "langdetect": 0.0}
    right: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    disagreements = 0
    for language, texts in by_language.items():
        # Batched as the pipeline calls it: every sentence of one article at once.
        for article in articles_of(texts):
            start = time.perf_counter()
            single = [identifier.identify(text)[0] for text in article]
            after_single = time.perf_counter()
            batched = [lang for lang, _ in identifier.identify_many(article)]
            after_batched = time.perf_counter()
            theirs = [langdetect(text) for text in article]
            seconds["single"] += after_single - start
            seconds["batched"] += after_batched - after_single
            seconds["langdetect"] += time.perf_counter() - after_batched
            disagreements += sum(a != b for a, b in zip(single, batched, strict=True))
            right[language]["n"] += len(article)
            right[language]["ours"] += sum(lang == language for lang in batched)
            right[language]["langdetect"] += sum(lang == language for lang in theirs)
    accuracy = {
        language: (counts["ours"] / counts["n"], counts["langdetect"] / counts["n"])
        for language, counts in right.items()
    }
    texts = sum(counts["n"] for counts in right.values())
    return {"name": name, "texts": texts, "accuracy": accuracy, "seconds": seconds, "disagreements": disagreements}


def macro(accuracy: dict[str, tuple[float, float]], which: int) -> float:
    return 100 * sum(pair[which] for pair in accuracy.values()) / len(accuracy)


def print_tables(results: list[dict]) -> None:
    languages = sorted({language for result in results for language in result["accuracy"]})
    header = "lang " + "".join(f"  {result['name'][:10]:>10} ours  langdetect" for result in results)
    print(header)
    for language in languages:
        cells = []
        for result in results:
            ours, theirs = result["accuracy"].get(language, (float("nan"), float("nan")))
            cells.append(f"  {100 * ours:>15.1f}  {100 * theirs:>10.1f}")
        print(f"{language:<5}" + "".join(cells))
    print()
    for result in results:
        accuracy, seconds, texts = result["accuracy"], result["seconds"], result["texts"]
        rate = {how: texts / spent for how, spent in seconds.items()}
        single_ratio, batched_ratio = rate["single"] / rate["langdetect"], rate["batched"] / rate["langdetect"]
        print(
            f"{result['name']}: macro accuracy over {len(accuracy)} languages, {texts} texts: "
            f"ours {macro(accuracy, 0):.2f}%  langdetect {macro(accuracy, 1):.2f}%"
        )
        print(
            f"  throughput: ours {rate['single']:,.0f} texts/s one per call, {rate['batched']:,.0f} texts/s "
            f"{ARTICLE_SENTENCES} per call; langdetect {rate['langdetect']:,.0f} texts/s; "
            f"ratio {single_ratio:.0f}x single, {batched_ratio:.0f}x batched"
        )
        print(f"  single-text and batched answers differ on {result['disagreements']} texts")


def print_context_gain(identifier: LanguageIdentifier, cases: list[ContextCase]) -> None:
    print()
    print("Sentence language inside articles (article language detected from the article's own sentences):")
    for kind, (alone, in_context, count) in context_scores(identifier, cases).items():
        print(f"  {kind:<42} {count:>6} texts: alone {100 * alone:6.2f}%  with article prior {100 * in_context:6.2f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=None, help="items per language (default: all)")
    parser.add_argument("--half", choices=("all", "even", "odd"), default="all", help="which items of each language")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if not (args.data / "sentences.jsonl").is_file():
        print(f"skipped: {args.data} is absent (it is ../shared/data/langid next to the repository)")
        return 0

    start = time.perf_counter()
    profiles = build_profiles()
    built = time.perf_counter()
    load_profiles()  # writes the cache when it is missing
    loaded = time.perf_counter()
    identifier = LanguageIdentifier(profiles=load_profiles())
    ready = time.perf_counter()
    print(
        f"profiles built from langdetect's JSON in {built - start:.3f} s; "
        f"a worker's setup (cached profiles + identifier) takes {ready - loaded:.3f} s"
    )
    del profiles
    langdetect = langdetect_detector()
    sentences = load(args.data / "sentences.jsonl", args.half, args.sample)
    pairs = load(args.data / "word_pairs.jsonl", args.half, args.sample)
    results = [
        evaluate(name, data, identifier, langdetect) for name, data in (("sentences", sentences), ("word_pairs", pairs))
    ]
    print_tables(results)
    print_context_gain(identifier, context_cases(sentences, pairs, identifier))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
