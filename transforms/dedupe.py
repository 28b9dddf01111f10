"""Dedupe: each article once, within a run and across runs.

Two passes, each one CoGroupByKey with what the output already holds
(read from the articles dataset's id, hash and revision columns only):
1. by `article_id` (the same URL or GUID reached through two feeds or files,
   or already written by an earlier run);
2. by `content_hash` (the same normalised text under two ids).
Within a group the copy with the longest text wins, then the smallest
input_ref, so reruns choose the same copy. Every other copy becomes a
`Duplicate`, counted in the run manifest.

Revisions: an id already stored whose text changed (a content hash not
stored under that id) is written again as revision max(stored) + 1; readers
wanting the latest text keep the highest revision per article_id.
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
    """(article_id, content_hash, revision) of every row of one articles file: three columns, nothing else."""
    with FileSystems.open(path) as handle:
        parquet = pq.ParquetFile(handle)
        has_revision = "revision" in parquet.schema_arrow.names  # absent from schema 1.0 files
        table = parquet.read(columns=["article_id", "content_hash", *(["revision"] if has_revision else [])])
    revisions = table.column("revision").to_pylist() if has_revision else [1] * table.num_rows
    yield from zip(
        table.column("article_id").to_pylist(), table.column("content_hash").to_pylist(), revisions, strict=True
    )


def _preference(article: Article) -> tuple:
    return (-len(article.text), article.input_ref)


def _duplicate(article: Article, reason: str, kept: str):
    return beam.pvalue.TaggedOutput(DUPLICATES, Duplicate(article.source, article.article_id, reason, kept))


class KeepCandidateKeysFn(beam.DoFn):
    """Stored (id, hash, revision) rows that can match an article of this run; the rest never reach a shuffle.

    The side input holds this run's ids and content hashes: small next to the
    stored history, so filtering here keeps the cost of a run proportional to
    its own size rather than to everything stored so far.
    """

    def setup(self) -> None:
        self._keys: frozenset[str] = frozenset()
        self._built_from: object = None

    def process(self, stored, run_keys):
        if run_keys is not self._built_from:  # build the set once per materialised side input
            self._keys, self._built_from = frozenset(run_keys), run_keys
        if stored[0] in self._keys or stored[1] in self._keys:
            yield stored


class KeepOnePerIdFn(beam.DoFn):
    """(id, {new, stored}) -> the kept article (a new revision if its text changed); other copies duplicates."""

    def process(self, element):
        _, groups = element
        new = sorted(groups["new"], key=_preference)
        if not new:
            return
        winner, others = new[0], new[1:]
        stored = list(groups["stored"])  # (content_hash, revision) already written under this id
        for article in others:
            yield _duplicate(article, "same_id", winner.input_ref)
        if stored and winner.content_hash in {content_hash for content_hash, _ in stored}:
            yield _duplicate(winner, "already_stored", "stored")
            return
        if stored:
            winner.revision = max(revision for _, revision in stored) + 1
        yield winner


class KeepOnePerContentFn(beam.DoFn):
    """(content hash, {new, stored}) -> the kept article; copies of stored or of each other are duplicates."""

    def process(self, element):
        _, groups = element
        new = sorted(groups["new"], key=_preference)
        if not new:
            return
        if any(True for _ in groups["stored"]):
            for article in new:
                yield _duplicate(article, "already_stored_content", "stored")
            return
        for article in new[1:]:
            yield _duplicate(article, "same_content", new[0].input_ref)
        yield new[0]


class Dedupe(beam.PTransform):
    """Articles -> {'articles': unique and new articles, 'duplicates': Duplicate records}."""

    def __init__(self, root: str, skip_stored: bool = True) -> None:
        super().__init__()
        self._root = root
        self._skip_stored = skip_stored  # False in overwrite mode: stored articles are rewritten

    def expand(self, articles):
        run_keys = articles | "RunKeys" >> beam.FlatMap(lambda a: (a.article_id, a.content_hash))
        stored = (
            articles.pipeline
            | "FindStoredFiles" >> beam.Create([self._root] if self._skip_stored else [])
            | "ListStoredFiles" >> beam.FlatMap(stored_article_files)
            | "SpreadStoredFiles" >> beam.Reshuffle()
            | "ReadStoredKeys" >> beam.FlatMap(read_stored_keys)
            | "KeepCandidates" >> beam.ParDo(KeepCandidateKeysFn(), beam.pvalue.AsList(run_keys))
        )
        by_id = (
            {
                "new": articles | "KeyById" >> beam.Map(lambda a: (a.article_id, a)),
                "stored": stored | "StoredIds" >> beam.Map(lambda keys: (keys[0], (keys[1], keys[2]))),
            }
            | "GroupById" >> beam.CoGroupByKey()
            | "KeepOnePerId" >> beam.ParDo(KeepOnePerIdFn()).with_outputs(DUPLICATES, main=UNIQUE)
        )
        by_content = (
            {
                "new": by_id[UNIQUE] | "KeyByContent" >> beam.Map(lambda a: (a.content_hash, a)),
                "stored": stored | "StoredHashes" >> beam.Map(lambda keys: (keys[1], None)),
            }
            | "GroupByContent" >> beam.CoGroupByKey()
            | "KeepOnePerContent" >> beam.ParDo(KeepOnePerContentFn()).with_outputs(DUPLICATES, main=UNIQUE)
        )
        duplicates = (by_id[DUPLICATES], by_content[DUPLICATES]) | "FlattenDuplicates" >> beam.Flatten()
        return {UNIQUE: by_content[UNIQUE], DUPLICATES: duplicates}
