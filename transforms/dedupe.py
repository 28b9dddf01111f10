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

The shuffles move keys, not bodies: each article is spilled where it is
parsed (spill.py, in the run's staging folder) and only an `ArticleKey` (ids,
text length, input_ref and where the article lies) goes through the two
CoGroupByKeys, packed into one bytes value. The winners are then grouped by
spill-file chunk and read back in file order, so no stage boundary ever holds
article texts.
"""

from __future__ import annotations

import dataclasses

import apache_beam as beam
import pyarrow.parquet as pq
from apache_beam import coders
from apache_beam.io.filesystems import FileSystems

from transforms import storage
from transforms.records import Article
from transforms.spill import RecordRef, RecordSpillWriter, read_records, spill_folder

DUPLICATES = "duplicates"
UNIQUE = "articles"
# Winners are read back in groups of spill-file ranges this long: sequential reads, parallel groups.
# Each group is the unit the heavy stage after it is spread over workers by (the FnApiRunner deals
# the groups out in turn), so groups must be many: at 8 MiB a 10,000-article run made three,
# and one of two workers did most of the language, splitting and tagging work alone.
LOAD_CHUNK_BYTES = 256 * 1024


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


@dataclasses.dataclass(frozen=True, slots=True)
class ArticleKey:
    """What dedupe decides on: an article's ids and the winner rule's fields; the article waits in a spill file."""

    article_id: str
    content_hash: str
    source: str
    input_ref: str
    text_length: int
    ref: RecordRef
    revision: int = 1

    def pack(self) -> bytes:
        """The key as one bytes value, the form it crosses shuffles in (see _PACKED_KEY)."""
        ref = self.ref
        return _PACKED_KEY.encode((
            self.article_id, self.content_hash, self.source, self.input_ref, ref.name,
            self.text_length, ref.offset, ref.length, ref.size, self.revision,
        ))  # fmt: skip

    @staticmethod
    def unpack(packed: bytes) -> ArticleKey:
        article_id, content_hash, source, input_ref, name, text_length, offset, length, size, revision = (
            _PACKED_KEY.decode(packed)
        )
        return ArticleKey(
            article_id, content_hash, source, input_ref, text_length, RecordRef(name, offset, length, size), revision
        )


# Beam's local runner decodes every value it groups into a Python object and holds all of them until
# the group is read: an ArticleKey with its RecordRef and its strings is ~600 bytes there, its packed
# bytes ~200 (and ~170 instead of ~390 on the wire). At 100,000 articles that is ~40 MiB less per
# shuffle in the runner's process.
_PACKED_KEY = coders.TupleCoder([coders.StrUtf8Coder()] * 5 + [coders.VarIntCoder()] * 5)


def _preference(key: ArticleKey) -> tuple:
    return (-key.text_length, key.input_ref)


def _duplicate(key: ArticleKey, reason: str, kept: str):
    return beam.pvalue.TaggedOutput(DUPLICATES, Duplicate(key.source, key.article_id, reason, kept))


class SpillArticlesFn(beam.DoFn):
    """Article -> ArticleKey; the article itself is written to this bundle's spill file."""

    def __init__(self, root: str, run_id: str) -> None:
        super().__init__()
        self._root = root
        self._run_id = run_id

    def start_bundle(self) -> None:
        self._spill = RecordSpillWriter(spill_folder(self._root, self._run_id))

    def process(self, article: Article):
        ref = self._spill.write(article)
        yield ArticleKey(
            article.article_id, article.content_hash, article.source, article.input_ref, len(article.text), ref
        )

    def finish_bundle(self) -> None:
        # Keys are read only after the shuffle, that is after this bundle committed its closed file.
        self._spill.close()


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
    """(id, {new, stored}) -> the kept key (a new revision if its text changed); other copies duplicates."""

    def process(self, element):
        _, groups = element
        new = sorted(map(ArticleKey.unpack, groups["new"]), key=_preference)
        if not new:
            return
        winner, others = new[0], new[1:]
        stored = list(groups["stored"])  # (content_hash, revision) already written under this id
        for key in others:
            yield _duplicate(key, "same_id", winner.input_ref)
        if stored and winner.content_hash in {content_hash for content_hash, _ in stored}:
            yield _duplicate(winner, "already_stored", "stored")
            return
        if stored:
            winner = dataclasses.replace(winner, revision=max(revision for _, revision in stored) + 1)
        yield winner


class KeepOnePerContentFn(beam.DoFn):
    """(content hash, {new, stored}) -> the kept key; copies of stored or of each other are duplicates."""

    def process(self, element):
        _, groups = element
        new = sorted(map(ArticleKey.unpack, groups["new"]), key=_preference)
        if not new:
            return
        if any(True for _ in groups["stored"]):
            for key in new:
                yield _duplicate(key, "already_stored_content", "stored")
            return
        for key in new[1:]:
            yield _duplicate(key, "same_content", new[0].input_ref)
        yield new[0]


def load_chunk(key: ArticleKey) -> tuple[tuple[str, int], bytes]:
    return (key.ref.name, key.ref.offset // LOAD_CHUNK_BYTES), key.pack()


def load_articles(element, folder: str):
    """(spill chunk, kept keys) -> the kept articles, read in file order, with their revision."""
    _, packed_keys = element
    keys = map(ArticleKey.unpack, packed_keys)
    revisions = {key.ref: key.revision for key in keys}
    for ref, article in read_records(folder, revisions):
        article.revision = revisions[ref]
        yield article


class Dedupe(beam.PTransform):
    """Articles -> {'articles': unique and new articles, 'duplicates': Duplicate records}.

    Articles are spilled under `<root>/_staging/<run_id>/spill/` until the
    decision is made; the commit (or the next run's recovery) removes them.
    """

    def __init__(self, root: str, run_id: str, skip_stored: bool = True) -> None:
        super().__init__()
        self._root = root
        self._run_id = run_id
        self._skip_stored = skip_stored  # False in overwrite mode: stored articles are rewritten

    def expand(self, articles):
        keys = articles | "SpillArticles" >> beam.ParDo(SpillArticlesFn(self._root, self._run_id))
        run_keys = keys | "RunKeys" >> beam.FlatMap(lambda k: (k.article_id, k.content_hash))
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
                "new": keys | "KeyById" >> beam.Map(lambda k: (k.article_id, k.pack())),
                "stored": stored | "StoredIds" >> beam.Map(lambda stored: (stored[0], (stored[1], stored[2]))),
            }
            | "GroupById" >> beam.CoGroupByKey()
            | "KeepOnePerId" >> beam.ParDo(KeepOnePerIdFn()).with_outputs(DUPLICATES, main=UNIQUE)
        )
        by_content = (
            {
                "new": by_id[UNIQUE] | "KeyByContent" >> beam.Map(lambda k: (k.content_hash, k.pack())),
                "stored": stored | "StoredHashes" >> beam.Map(lambda stored: (stored[1], None)),
            }
            | "GroupByContent" >> beam.CoGroupByKey()
            | "KeepOnePerContent" >> beam.ParDo(KeepOnePerContentFn()).with_outputs(DUPLICATES, main=UNIQUE)
        )
        unique = (
            by_content[UNIQUE]
            | "KeyBySpillChunk" >> beam.Map(load_chunk)
            | "GroupBySpillChunk" >> beam.GroupByKey()
            | "LoadArticles" >> beam.FlatMap(load_articles, spill_folder(self._root, self._run_id))
        )
        duplicates = (by_id[DUPLICATES], by_content[DUPLICATES]) | "FlattenDuplicates" >> beam.Flatten()
        return {UNIQUE: unique, DUPLICATES: duplicates}
