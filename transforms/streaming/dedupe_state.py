"""DedupeAcrossPolls: each article once in a stream, however many polls see it again.

Runs before windowing, on keyed state in the global window, so it spans every
poll and every window. It works on the stream's one PCollection of records
(record_stream.py): articles are checked, a duplicate is replaced by its
Duplicate record, every other record passes through. Two passes, like the
batch Dedupe:
1. by `article_id` (state sharded by id): an id seen before with the same
   content hash is a duplicate (`already_seen`); with a different hash it is
   the article's next `revision`, as in batch;
2. by `content_hash` (state sharded by hash): the same text under a new id is
   a duplicate (`same_content`).
Ids and hashes already in the output's articles dataset (earlier batch or
stream runs) are read once per worker in `setup()` and count as seen
(`already_stored`, `already_stored_content`).

Memory is bounded by the rule in seen.py: an id or hash is forgotten once it
has not been seen for `ttl_seconds`, and each shard keeps at most
`max_ids / shards` of them, least recently seen forgotten first.
"""

from __future__ import annotations

import time
import typing

import apache_beam as beam
from apache_beam.coders import PickleCoder
from apache_beam.transforms.userstate import ReadModifyWriteStateSpec

from transforms.dedupe import Duplicate, read_stored_keys, stored_article_files
from transforms.records import Article
from transforms.streaming.seen import SeenKeys, shard_of

DEFAULT_SHARDS = 16
DEFAULT_TTL_SECONDS = 7 * 24 * 3600.0  # a feed keeps an item for days; every poll that sees it refreshes it
DEFAULT_MAX_IDS = 1_000_000
SEEN_SPEC = ReadModifyWriteStateSpec("seen", PickleCoder())
SEEN_STATE = beam.DoFn.StateParam(SEEN_SPEC)


def load_stored_keys(root: str) -> tuple[dict[str, tuple[str, int]], set[str]]:
    """({article_id: (content_hash, latest revision)}, {content_hash}) of what the output already holds."""
    ids: dict[str, tuple[str, int]] = {}
    hashes: set[str] = set()
    for path in stored_article_files(root):
        for article_id, content_hash, revision in read_stored_keys(path):
            hashes.add(content_hash)
            if article_id not in ids or revision >= ids[article_id][1]:
                ids[article_id] = (content_hash, revision)
    return ids, hashes


def routing_shard(record, key_of_article, shards: int) -> int:
    """The state shard of an article (by the key the pass checks); other records, which touch no state, spread out."""
    if isinstance(record, Article):
        return shard_of(key_of_article(record), shards)
    return shard_of(repr(record)[:200], shards)


class _SeenStateFn(beam.DoFn):
    """Shared shape: (shard, record) in, a SeenKeys memory per shard in state, checked on access."""

    def __init__(self, root: str | None, ttl_seconds: float, max_per_shard: int, clock=time.time) -> None:
        super().__init__()
        self._root = root  # None: do not look at what the output holds
        self._ttl_seconds = ttl_seconds
        self._max_per_shard = max_per_shard
        self._clock = clock

    def setup(self) -> None:
        self._stored_ids, self._stored_hashes = load_stored_keys(self._root) if self._root else ({}, set())

    def _memory(self, state) -> SeenKeys:
        seen = state.read()
        return seen if seen is not None else SeenKeys(self._ttl_seconds, self._max_per_shard)


class KeepNewIdsFn(_SeenStateFn):
    """(shard, article) -> the article when its id is new or its text changed; else a Duplicate. Others pass."""

    def process(self, element, seen_state=SEEN_STATE):
        _, article = element
        if not isinstance(article, Article):
            yield article
            return
        now = self._clock()
        seen = self._memory(seen_state)
        seen.expire(now)
        known = seen.get(article.article_id)
        stored = known is None and article.article_id in self._stored_ids
        if stored:
            known = self._stored_ids[article.article_id]
        if known is not None and known[0] == article.content_hash:
            seen.touch(article.article_id, known, now)
            seen_state.write(seen)
            reason = "already_stored" if stored else "already_seen"
            yield Duplicate(article.source, article.article_id, reason, "seen")
            return
        if known is not None:
            article.revision = known[1] + 1  # the text changed under the same id: the next revision, as in batch
        seen.touch(article.article_id, (article.content_hash, article.revision), now)
        seen.expire(now)
        seen_state.write(seen)
        yield article


class KeepNewContentFn(_SeenStateFn):
    """(shard, article) -> the article unless its text was already seen under another id. Others pass."""

    def process(self, element, seen_state=SEEN_STATE):
        _, article = element
        if not isinstance(article, Article):
            yield article
            return
        now = self._clock()
        seen = self._memory(seen_state)
        seen.expire(now)
        owner = seen.get(article.content_hash)
        stored = owner is None and article.content_hash in self._stored_hashes and article.revision == 1
        if (owner is not None and owner != article.article_id) or stored:
            seen.touch(article.content_hash, owner or "stored", now)
            seen_state.write(seen)
            reason = "already_stored_content" if stored else "same_content"
            yield Duplicate(article.source, article.article_id, reason, owner or "stored")
            return
        seen.touch(article.content_hash, article.article_id, now)
        seen.expire(now)
        seen_state.write(seen)
        yield article


class DedupeAcrossPolls(beam.PTransform):
    """Records (global window) -> the same records, each article already seen replaced by its Duplicate."""

    def __init__(
        self,
        root: str | None,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        max_ids: int = DEFAULT_MAX_IDS,
        shards: int = DEFAULT_SHARDS,
        clock=time.time,
    ) -> None:
        super().__init__()
        self._root = root
        self._ttl_seconds = ttl_seconds
        self._max_per_shard = max(1, max_ids // shards)
        self._shards = shards
        self._clock = clock

    def expand(self, records):
        shards, settings = self._shards, (self._root, self._ttl_seconds, self._max_per_shard, self._clock)
        return (
            records
            | "ShardById"
            >> beam.Map(lambda r: (routing_shard(r, lambda a: a.article_id, shards), r)).with_output_types(
                tuple[int, typing.Any]
            )
            | "KeepNewIds" >> beam.ParDo(KeepNewIdsFn(*settings))
            | "ShardByContent"
            >> beam.Map(lambda r: (routing_shard(r, lambda a: a.content_hash, shards), r)).with_output_types(
                tuple[int, typing.Any]
            )
            | "KeepNewContent" >> beam.ParDo(KeepNewContentFn(*settings))
        )
