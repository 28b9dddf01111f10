"""The run's ledger: every input ends written, rejected or as a duplicate, and the counts prove it.

Each terminal event adds 1 to a (kind, value) key; the sums go into the run
manifest. `inputs` is counted where records are born (parsed articles, and
documents or lines rejected while reading or parsing) and the outcomes where
they end, so a record lost in between breaks the balance instead of vanishing.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import apache_beam as beam

from transforms.partitions import format_date

INPUT, WRITTEN, REJECTED, DUPLICATE = "inputs", "written", "rejected", "duplicates"
BIRTH_STAGES = frozenset({"read", "parse"})


def parsed_entries(article):
    yield (INPUT, article.source), 1


def rejected_entries(reject):
    if reject.stage in BIRTH_STAGES:
        yield (INPUT, reject.source), 1
    yield (REJECTED, reject.source), 1
    yield ("reject_reason", f"{reject.stage}:{reject.reason}"), 1


def duplicate_entries(duplicate):
    yield (DUPLICATE, duplicate.source), 1
    yield ("duplicate_reason", duplicate.reason), 1


def fetch_entries(attempt):
    yield ("fetch", "attempts"), 1
    if attempt.final:
        yield ("fetch", "feeds"), 1
        outcome = "not_modified" if attempt.not_modified else ("failed" if attempt.error_reason else "fetched")
        yield ("fetch", outcome), 1


def written_entries(article):
    yield (WRITTEN, article.source), 1
    yield ("topic", article.topic), 1
    yield ("lang", article.lang), 1
    yield ("date", format_date(article.partition_date)), 1
    yield ("sentences", "total"), len(article.sentences)
    # Counted per article, not one entry per sentence: the ledger crosses a shuffle,
    # and twenty entries an article were most of its elements.
    for lang, count in Counter(sentence.lang for sentence in article.sentences).items():
        yield ("sentence_lang", lang), count


class CountEntries(beam.PTransform):
    """Records -> their ledger entries summed per (kind, value).

    Summed on each branch, before the branches meet: the runner pre-sums a
    combine inside the stage that produces its input, but a Flatten in front of
    it is a stage boundary, where every entry of the run (seven an article)
    would wait in the runner's memory.
    """

    def __init__(self, entries) -> None:
        super().__init__()
        self._entries = entries

    def expand(self, records):
        return records | "Entries" >> beam.FlatMap(self._entries) | "Sum" >> beam.CombinePerKey(sum)


def summarise(ledger: list[tuple[tuple[str, str], int]]) -> dict:
    """Ledger sums -> the manifest's counts section, with the balance per source."""
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for (kind, value), count in ledger:
        table[kind][value] = table[kind].get(value, 0) + count
    sources = sorted(set().union(*(table.get(kind, {}) for kind in (INPUT, WRITTEN, REJECTED, DUPLICATE))))
    by_source = {}
    for source in sources:
        row = {kind: table.get(kind, {}).get(source, 0) for kind in (INPUT, WRITTEN, REJECTED, DUPLICATE)}
        row["balanced"] = row[INPUT] == row[WRITTEN] + row[REJECTED] + row[DUPLICATE]
        by_source[source] = row
    totals = {kind: sum(table.get(kind, {}).values()) for kind in (INPUT, WRITTEN, REJECTED, DUPLICATE)}
    totals["sentences"] = table.get("sentences", {}).get("total", 0)
    totals["balanced"] = all(row["balanced"] for row in by_source.values())

    def ranked(kind: str) -> dict[str, int]:
        return dict(sorted(table.get(kind, {}).items(), key=lambda item: (-item[1], item[0])))

    return {
        "totals": totals,
        "by_source": by_source,
        "articles_by_topic": ranked("topic"),
        "articles_by_lang": ranked("lang"),
        "articles_by_date": dict(sorted(table.get("date", {}).items())),
        "sentences_by_lang": ranked("sentence_lang"),
        "rejects_by_reason": ranked("reject_reason"),
        "duplicates_by_reason": ranked("duplicate_reason"),
        "fetches": {
            key: table.get("fetch", {}).get(key, 0)
            for key in ("feeds", "attempts", "fetched", "not_modified", "failed")
        },
    }
