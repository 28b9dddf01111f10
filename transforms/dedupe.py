"""Dedupe: each article once, within a run and across runs.

Two passes, each one CoGroupByKey with what the output already holds:
1. by `article_id` (the same URL or GUID reached through two feeds or files,
   or already written by an earlier run);
2. by `content_hash` (the same normalised text under two ids).
Within a group the copy with the longest text wins, then the smallest
input_ref, so reruns choose the same copy. Every other copy becomes a
`Duplicate`, counted in the run manifest.
"""

from __future__ import annotations

import dataclasses

import apache_beam as beam
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from transforms import storage
from transforms.records import Article

DUPLICATES = "duplicates"
UNIQUE = "articles"


@dataclasses.dataclass(frozen=True, slots=True)
class Duplicate:
    source: str
    article_id: str
    reason: str  # same_id, same_content, already_stored, already_stored_content
    kept: str  # the article id or input_ref that was kept instead


def stored_article_files(root: str) -> list[str]:
    """Committed Parquet files of the articles dataset under `root` (none on a first run)."""
    pattern = storage.join(root, "articles", "**")
    try:
        return [path for path in storage.match(pattern) if path.endswith(".parquet") and "/." not in path]
    except OSError:
        return []


def read_stored_keys(path: str):
    """(article_id, content_hash) of every row of one articles file: two columns, nothing else."""
    with FileSystems.open(path) as handle:
        table = pq.read_table(handle, columns=["article_id", "content_hash"])
    yield from zip(table.column("article_id").to_pylist(), table.column("content_hash").to_pylist(), strict=True)


def _preference(article: Article) -> tuple:
    return (-len(article.text), article.input_ref)


class KeepOneFn(beam.DoFn):
    """One CoGroupByKey group -> the kept article; every other copy a Duplicate on DUPLICATES."""

    def __init__(self, stored_reason: str, same_reason: str) -> None:
        super().__init__()
        self._stored_reason = stored_reason
        self._same_reason = same_reason

    def process(self, element):
        _, groups = element  # the key (id or hash) is carried by every member
        new = sorted(groups["new"], key=_preference)
        if not new:
            return
        if any(True for _ in groups["stored"]):
            for article in new:
                yield beam.pvalue.TaggedOutput(
                    DUPLICATES, Duplicate(article.source, article.article_id, self._stored_reason, "stored")
                )
            return
        winner = new[0]
        for article in new[1:]:
            yield beam.pvalue.TaggedOutput(
                DUPLICATES, Duplicate(article.source, article.article_id, self._same_reason, winner.input_ref)
            )
        yield winner


class Dedupe(beam.PTransform):
    """Articles -> {'articles': unique and new articles, 'duplicates': Duplicate records}."""

    def __init__(self, root: str) -> None:
        super().__init__()
        self._root = root

    def expand(self, articles):
        stored = (
            articles.pipeline
            | "FindStoredFiles" >> beam.Create([self._root])
            | "ListStoredFiles" >> beam.FlatMap(stored_article_files)
            | "SpreadStoredFiles" >> beam.Reshuffle()
            | "ReadStoredKeys" >> beam.FlatMap(read_stored_keys)
        )
        by_id = (
            {
                "new": articles | "KeyById" >> beam.Map(lambda a: (a.article_id, a)),
                "stored": stored | "StoredIds" >> beam.Map(lambda keys: (keys[0], None)),
            }
            | "GroupById" >> beam.CoGroupByKey()
            | "KeepOnePerId" >> beam.ParDo(KeepOneFn("already_stored", "same_id")).with_outputs(DUPLICATES, main=UNIQUE)
        )
        by_content = (
            {
                "new": by_id[UNIQUE] | "KeyByContent" >> beam.Map(lambda a: (a.content_hash, a)),
                "stored": stored | "StoredHashes" >> beam.Map(lambda keys: (keys[1], None)),
            }
            | "GroupByContent" >> beam.CoGroupByKey()
            | "KeepOnePerContent"
            >> beam.ParDo(KeepOneFn("already_stored_content", "same_content")).with_outputs(DUPLICATES, main=UNIQUE)
        )
        duplicates = (by_id[DUPLICATES], by_content[DUPLICATES]) | "FlattenDuplicates" >> beam.Flatten()
        return {UNIQUE: by_content[UNIQUE], DUPLICATES: duplicates}
