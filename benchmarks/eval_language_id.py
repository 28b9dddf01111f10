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
import contextlib
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


class Clocks:
    """Wall-clock and CPU seconds per way of detecting.

    The machine is shared: other processes stretch wall-clock time at random,
    while the CPU time of this process is what the work itself costs.
    """

    def __init__(self) -> None:
        self.wall: collections.Counter = collections.Counter()
        self.cpu: collections.Counter = collections.Counter()

    @contextlib.contextmanager
    def timing(self, how: str):
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.wall[how] += time.perf_counter() - wall
        self.cpu[how] += time.process_time() - cpu


def evaluate(
    name: str, by_language: dict[str, list[str]], identifier: LanguageIdentifier, langdetect, langdetect_sample: int
) -> dict:
    """Accuracy per language for ours and langdetect, and the time each took.

    The ways of detecting take turns article by article, so that load from
    other processes falls on all of them alike. langdetect sees the first
    `langdetect_sample` texts of each language (all of them by default).
    """
    clocks = Clocks()
    right: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    counted = collections.Counter()
    disagreements = 0
    for language, texts in by_language.items():
        # Batched as the pipeline calls it: every sentence of one article at once.
        for number, article in enumerate(articles_of(texts)):
            with clocks.timing("single"):
                single = [identifier.identify(text)[0] for text in article]
            with clocks.timing("batched"):
                batched = [lang for lang, _ in identifier.identify_many(article)]
            disagreements += sum(a != b for a, b in zip(single, batched, strict=True))
            counted["ours"] += len(article)
            right[language]["n"] += len(article)
            right[language]["ours"] += sum(lang == language for lang in batched)
            compared = article[: max(0, langdetect_sample - number * ARTICLE_SENTENCES)]
            if compared:
                with clocks.timing("langdetect"):
                    theirs = [langdetect(text) for text in compared]
                counted["langdetect"] += len(compared)
                right[language]["compared"] += len(compared)
                right[language]["langdetect"] += sum(lang == language for lang in theirs)
                right[language]["ours_compared"] += sum(lang == language for lang in batched[: len(compared)])
    accuracy = {
        language: (counts["ours"] / counts["n"], counts["langdetect"] / counts["compared"])
        for language, counts in right.items()
    }
    ours_on_compared = sum(counts["ours_compared"] / counts["compared"] for counts in right.values()) / len(right)
    return {
        "name": name,
        "counted": counted,
        "accuracy": accuracy,
        "ours_on_compared": 100 * ours_on_compared,
        "clocks": clocks,
        "disagreements": disagreements,
    }


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
        accuracy, counted = result["accuracy"], result["counted"]
        print(
            f"{result['name']}: macro accuracy over {len(accuracy)} languages: "
            f"ours {macro(accuracy, 0):.2f}% ({counted['ours']} texts)  "
            f"langdetect {macro(accuracy, 1):.2f}% ({counted['langdetect']} texts)"
        )
        if counted["langdetect"] < counted["ours"]:
            print(
                f"  langdetect ran on a sample only (--langdetect-sample); "
                f"ours on the same sample: {result['ours_on_compared']:.2f}%"
            )
        for clock in ("cpu", "wall"):
            seconds = getattr(result["clocks"], clock)
            single, batched = counted["ours"] / seconds["single"], counted["ours"] / seconds["batched"]
            theirs = counted["langdetect"] / seconds["langdetect"]
            print(
                f"  throughput ({clock} time): ours {single:,.0f} texts/s one per call, "
                f"{batched:,.0f} texts/s {ARTICLE_SENTENCES} per call; langdetect {theirs:,.0f} texts/s; "
                f"ratio {single / theirs:.0f}x single, {batched / theirs:.0f}x batched"
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
    parser.add_argument(
        "--langdetect-sample", type=int, default=10**9, help="run langdetect on only this many items per language"
    )
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if not (args.data / "sentences.jsonl").is_file():
        print(f"skipped: no sentences.jsonl in {args.data} (lingua-py's test data, kept in ../shared/data/langid)")
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
        evaluate(name, data, identifier, langdetect, args.langdetect_sample)
        for name, data in (("sentences", sentences), ("word_pairs", pairs))
    ]
    print_tables(results)
    print_context_gain(identifier, context_cases(sentences, pairs, identifier))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
