"""A deterministic multilingual news corpus for benchmarks: N articles of ~20 sentences, JSON Lines shards.

    .venv/bin/python benchmarks/corpus.py --articles 10000 --out /tmp/corpus

Sentences come from ../shared/data/langid/sentences.jsonl (51 languages, web
and news text) when it is there, and from the bundled seeds (nine languages)
always. Each article takes one language and ~20 sentences drawn from that
language's pool with a seeded generator, so the same arguments always give
byte-identical files, and two articles practically never share their text
(the pipeline would drop the copy as a duplicate). Published dates spread over
30 days so that the output has many date partitions, as real feeds do.

Shards (several files) let a multi-worker runner read in parallel.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT / "seeds"
SHARED_LANGID = REPO_ROOT.parent / "shared" / "data" / "langid" / "sentences.jsonl"
SENTENCES_PER_ARTICLE = 20
# Seed languages appear more often than the long tail, as in a real news mix.
SEED_LANGUAGE_WEIGHT = 4

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑÀÈÌÒÙÂÊÎÔÛÄÖÜÇА-ЯЁ«\"“])")


def _split(text: str) -> list[str]:
    return [piece.strip() for piece in _SENTENCE_END.split(text) if len(piece.strip()) > 20]


def seed_pools() -> dict[str, list[str]]:
    """Sentences of the bundled seeds by language (text files and the JSON Lines articles)."""
    pools: dict[str, list[str]] = {}
    spanish = (SEEDS / "es-kim-jong-un-russia.txt").read_text(encoding="utf-8")
    pools.setdefault("es", []).extend(line.strip() for line in spanish.splitlines() if len(line.strip()) > 20)
    for line in (SEEDS / "multilingual.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("lang"):  # records without one are there to test detection
            pools.setdefault(record["lang"], []).extend(_split(record["text"]))
    briefs = gzip.decompress((SEEDS / "briefs.txt.gz").read_bytes()).decode("utf-8")
    pools.setdefault("en", []).extend(_split(briefs))
    return pools


def shared_pools() -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {}
    if not SHARED_LANGID.exists():
        return pools
    # split("\n"), not splitlines(): some texts hold U+2028 and other Unicode line breaks.
    for line in SHARED_LANGID.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            record = json.loads(line)
            pools.setdefault(record["lang"], []).append(record["text"])
    return pools


@dataclass(frozen=True)
class Corpus:
    files: list[Path]
    articles: int
    sentences: int  # source sentences put into the articles
    languages: int
    bytes: int


def sentence_pools() -> dict[str, list[str]]:
    pools = shared_pools()
    for lang, sentences in seed_pools().items():
        pools.setdefault(lang, []).extend(sentences)
    return pools


def write_corpus(out: Path, articles: int, shards: int = 4, seed: int = 7) -> Corpus:
    """Write `articles` articles into `shards` JSON Lines files under `out`."""
    rng = random.Random(seed)
    pools = sentence_pools()
    seed_languages = set(seed_pools())
    languages = sorted(pools)
    weights = [SEED_LANGUAGE_WEIGHT if lang in seed_languages else 1 for lang in languages]
    start = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    out.mkdir(parents=True, exist_ok=True)
    files = [out / f"corpus-{index:02d}.jsonl" for index in range(shards)]
    handles = [path.open("w", encoding="utf-8") for path in files]
    sentences = 0
    try:
        for number in range(articles):
            lang = rng.choices(languages, weights)[0]
            pool = pools[lang]
            count = rng.randint(SENTENCES_PER_ARTICLE - 4, SENTENCES_PER_ARTICLE + 4)
            body = [rng.choice(pool) for _ in range(count)]
            published = start + dt.timedelta(minutes=rng.randrange(30 * 24 * 60))
            record = {
                "title": rng.choice(pool)[:120],
                "text": " ".join(body),
                "url": f"https://bench.newsbeam.example/{lang}/{number}",
                "published": published.isoformat(),
                "source": f"bench-{lang}",
            }
            handles[number % shards].write(json.dumps(record, ensure_ascii=False) + "\n")
            sentences += count
    finally:
        for handle in handles:
            handle.close()
    return Corpus(files, articles, sentences, len(languages), sum(path.stat().st_size for path in files))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    corpus = write_corpus(args.out, args.articles, args.shards)
    print(
        f"{corpus.articles:,} articles, {corpus.sentences:,} sentences, {corpus.languages} languages, "
        f"{corpus.bytes:,} bytes in {len(corpus.files)} files under {args.out}"
    )


if __name__ == "__main__":
    main()
