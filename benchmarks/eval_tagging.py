"""Evaluate the sentence tagger on the labelled dev set (tests/fixtures/tagging/dev/<lang>.jsonl).

    .venv/bin/python -m benchmarks.eval_tagging [--dev DIR] [--langs en,es] [--repeat 20] [--per-topic] [--errors N]

Prints, per language and over all: topic micro/macro F1 (a sentence's
predicted topics are the tagger's ranked topics, gold are the labelled 1-3
topics), place precision/recall (ISO codes per sentence), entity precision by
type (exact: same span and type as a gold entity; lenient: overlapping a gold
entity of the same type) with overall entity recall, quote accuracy, and the
tagging cost in µs per sentence (the whole dev set tagged `--repeat` times,
after one warm-up pass that fills the lemma cache and loads the dictionaries).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from transforms.records import Sentence
from transforms.tag_sentences import SentenceTagger
from transforms.tagging.config import load_tagging_config

DEV_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "tagging" / "dev"
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


def load_dev(dev_dir: Path, langs: list[str] | None) -> dict[str, list[dict]]:
    sets = {}
    for path in sorted(dev_dir.glob("*.jsonl")):
        if langs and path.stem not in langs:
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        sets[path.stem] = rows
    return sets


def tag(tagger: SentenceTagger, row: dict) -> Sentence:
    sentence = Sentence(0, row["text"], 0, len(row["text"]), lang=row["lang"])
    tagger.tag(sentence, row["lang"])
    return sentence


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None or precision + recall == 0:
        return None if precision is None or recall is None else 0.0
    return 2 * precision * recall / (precision + recall)


class Scores:
    """Counts for one language (or all): true/false positives and negatives per label."""

    def __init__(self) -> None:
        self.topic = defaultdict(Counter)  # topic -> tp, fp, fn
        self.place = Counter()
        self.entity = defaultdict(Counter)  # type -> predicted, exact, lenient
        self.entity_gold = Counter()  # type -> gold, found (exact)
        self.quote = Counter()
        self.sentences = 0

    def add(self, row: dict, sentence: Sentence) -> None:
        self.sentences += 1
        gold_topics, predicted_topics = set(row["topics"]), set(sentence.topics)
        for topic in gold_topics | predicted_topics:
            self.topic[topic]["tp"] += topic in gold_topics and topic in predicted_topics
            self.topic[topic]["fp"] += topic in predicted_topics and topic not in gold_topics
            self.topic[topic]["fn"] += topic in gold_topics and topic not in predicted_topics
        gold_places, predicted_places = set(row["places"]), set(sentence.places)
        self.place["tp"] += len(gold_places & predicted_places)
        self.place["fp"] += len(predicted_places - gold_places)
        self.place["fn"] += len(gold_places - predicted_places)
        gold = {(e["start"], e["end"], e["type"]) for e in row["entities"]}
        for entity in sentence.entities:
            counts = self.entity[entity.type]
            counts["predicted"] += 1
            counts["exact"] += (entity.start, entity.end, entity.type) in gold
            counts["lenient"] += any(
                kind == entity.type and start < entity.end and entity.start < end for start, end, kind in gold
            )
        predicted = {(e.start, e.end, e.type) for e in sentence.entities}
        for start, end, kind in gold:
            self.entity_gold[kind] += 1
            self.entity_gold["found"] += (start, end, kind) in predicted
        self.quote["correct"] += sentence.is_quote == row["is_quote"]

    def topic_f1(self) -> tuple[float | None, float | None]:
        totals = Counter()
        per_topic = []
        for counts in self.topic.values():
            totals.update(counts)
            if counts["tp"] + counts["fn"]:  # macro over topics present in the gold labels
                per_topic.append(
                    f1(
                        ratio(counts["tp"], counts["tp"] + counts["fp"]) or 0.0,
                        ratio(counts["tp"], counts["tp"] + counts["fn"]),
                    )
                    or 0.0
                )
        micro = f1(
            ratio(totals["tp"], totals["tp"] + totals["fp"]) or 0.0, ratio(totals["tp"], totals["tp"] + totals["fn"])
        )
        return micro, (sum(per_topic) / len(per_topic) if per_topic else None)

    def row(self, name: str) -> list[str]:
        micro, macro = self.topic_f1()
        place_p = ratio(self.place["tp"], self.place["tp"] + self.place["fp"])
        place_r = ratio(self.place["tp"], self.place["tp"] + self.place["fn"])
        cells = [name, str(self.sentences), pct(micro), pct(macro), pct(place_p), pct(place_r)]
        for kind in ENTITY_TYPES:
            counts = self.entity[kind]
            exact, lenient = ratio(counts["exact"], counts["predicted"]), ratio(counts["lenient"], counts["predicted"])
            cells.append(f"{pct(exact)}/{pct(lenient)} ({counts['predicted']})")
        gold_total = sum(self.entity_gold[kind] for kind in ENTITY_TYPES)
        cells.append(pct(ratio(self.entity_gold["found"], gold_total)))
        cells.append(pct(ratio(self.quote["correct"], self.sentences)))
        return cells


def pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}"


def print_table(rows: list[list[str]]) -> None:
    header = [
        "lang",
        "n",
        "topic µF1",
        "topic MF1",
        "place P",
        "place R",
        *(f"{kind} P exact/lenient (n)" for kind in ENTITY_TYPES),
        "ent R",
        "quote acc",
    ]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for cells in [header, *rows]:
        print("  ".join(str(cell).rjust(width) for cell, width in zip(cells, widths, strict=True)))


def print_per_topic(overall: Scores) -> None:
    print("\nper topic (all languages): precision recall F1 (gold count)")
    for topic in sorted(overall.topic):
        counts = overall.topic[topic]
        precision = ratio(counts["tp"], counts["tp"] + counts["fp"])
        recall = ratio(counts["tp"], counts["tp"] + counts["fn"])
        score = pct(f1(precision or 0.0, recall))
        print(f"  {topic:34} P {pct(precision):>3}  R {pct(recall):>3}  F1 {score:>3}  ({counts['tp'] + counts['fn']})")


def print_errors(dev: dict[str, list[dict]], tagged: dict[str, list[Sentence]], limit: int) -> None:
    print("\nerrors (topics, places, entity types):")
    for lang, rows in dev.items():
        shown = 0
        for row, sentence in zip(rows, tagged[lang], strict=True):
            gold_entities = {(e["text"], e["type"]) for e in row["entities"]}
            got_entities = {(e.text, e.type) for e in sentence.entities}
            if (
                set(row["topics"]) == set(sentence.topics)
                and set(row["places"]) == set(sentence.places)
                and gold_entities == got_entities
                and row["is_quote"] == sentence.is_quote
            ):
                continue
            print(f"- {row['id']}: {row['text']}")
            if set(row["topics"]) != set(sentence.topics):
                print(f"    topics gold {row['topics']} got {sentence.topics} via {sentence.topic_terms}")
            if set(row["places"]) != set(sentence.places):
                print(f"    places gold {row['places']} got {sentence.places}")
            if gold_entities != got_entities:
                missing, extra = sorted(gold_entities - got_entities), sorted(got_entities - gold_entities)
                print(f"    entities missing {missing} extra {extra}")
            if row["is_quote"] != sentence.is_quote:
                print(f"    is_quote gold {row['is_quote']} got {sentence.is_quote}")
            shown += 1
            if shown >= limit:
                break


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV_DIR, help="folder of <lang>.jsonl files")
    parser.add_argument("--langs", default="", help="comma-separated languages (default: every file)")
    parser.add_argument("--repeat", type=int, default=20, help="timed passes over the dev set")
    parser.add_argument("--per-topic", action="store_true", help="print precision/recall/F1 of every topic")
    parser.add_argument("--errors", type=int, default=0, help="print up to N wrongly tagged sentences per language")
    args = parser.parse_args(argv)

    dev = load_dev(args.dev, [lang for lang in args.langs.split(",") if lang])
    if not dev:
        raise SystemExit(f"no dev set files in {args.dev}")
    tagger = SentenceTagger(load_tagging_config())
    tagged = {lang: [tag(tagger, row) for row in rows] for lang, rows in dev.items()}  # also the warm-up

    overall = Scores()
    table = []
    for lang, rows in dev.items():
        scores = Scores()
        for row, sentence in zip(rows, tagged[lang], strict=True):
            scores.add(row, sentence)
            overall.add(row, sentence)
        table.append(scores.row(lang))
    table.append(overall.row("all"))
    print("Tagging dev set: topics F1, places P/R, entity precision exact/lenient by type, quote accuracy (%)\n")
    print_table(table)

    rows = [row for rows in dev.values() for row in rows]
    sentences = [Sentence(0, row["text"], 0, len(row["text"]), lang=row["lang"]) for row in rows]
    started = time.perf_counter()
    for _ in range(args.repeat):
        for row, sentence in zip(rows, sentences, strict=True):
            tagger.tag(sentence, row["lang"])
    elapsed = time.perf_counter() - started
    print(
        f"\ntagging: {elapsed / (args.repeat * len(rows)) * 1e6:.1f} µs per sentence "
        f"({len(rows)} sentences x {args.repeat} passes, warm caches, one process)"
    )
    if args.per_topic:
        print_per_topic(overall)
    if args.errors:
        print_errors(dev, tagged, args.errors)


if __name__ == "__main__":
    main()
