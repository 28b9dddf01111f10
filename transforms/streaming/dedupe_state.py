"""DedupeAcrossPolls: each article once in a stream, however many polls see it again.

Runs before windowing, on keyed state in the global window, so it spans every
poll and every window. Two passes, like the batch Dedupe:
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

import apache_beam as beam
from apache_beam.coders import PickleCoder
from apache_beam.transforms.userstate import ReadModifyWriteStateSpec

from transforms.dedupe import DUPLICATES, UNIQUE, Duplicate, read_stored_keys, stored_article_files
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


class _SeenStateFn(beam.DoFn):
    """Shared shape: (shard, article) in, a SeenKeys memory per shard in state, checked on access."""

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
    """(shard, article) -> the article when its id is new or its text changed; else a Duplicate."""

    def process(self, element, seen_state=SEEN_STATE):
        _, article = element
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
            yield beam.pvalue.TaggedOutput(DUPLICATES, Duplicate(article.source, article.article_id, reason, "seen"))
            return
        if known is not None:
            article.revision = known[1] + 1  # the text changed under the same id: the next revision, as in batch
        seen.touch(article.article_id, (article.content_hash, article.revision), now)
        seen.expire(now)
        seen_state.write(seen)
        yield article


class KeepNewContentFn(_SeenStateFn):
    """(shard, article) -> the article unless its text was already seen under another id."""

    def process(self, element, seen_state=SEEN_STATE):
        _, article = element
        now = self._clock()
        seen = self._memory(seen_state)
        seen.expire(now)
        owner = seen.get(article.content_hash)
        stored = owner is None and article.content_hash in self._stored_hashes and article.revision == 1
        if (owner is not None and owner != article.article_id) or stored:
            seen.touch(article.content_hash, owner or "stored", now)
            seen_state.write(seen)
            reason = "already_stored_content" if stored else "same_content"
            duplicate = Duplicate(article.source, article.article_id, reason, owner or "stored")
            yield beam.pvalue.TaggedOutput(DUPLICATES, duplicate)
            return
        seen.touch(article.content_hash, article.article_id, now)
        seen.expire(now)
        seen_state.write(seen)
        yield article


class DedupeAcrossPolls(beam.PTransform):
    """Articles (global window) -> {'articles': first sightings and revisions, 'duplicates': Duplicate records}."""

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

    def expand(self, articles):
        shards, settings = self._shards, (self._root, self._ttl_seconds, self._max_per_shard, self._clock)
        by_id = (
            articles
            | "ShardById"
            >> beam.Map(lambda a: (shard_of(a.article_id, shards), a)).with_output_types(tuple[int, Article])
            | "KeepNewIds" >> beam.ParDo(KeepNewIdsFn(*settings)).with_outputs(DUPLICATES, main=UNIQUE)
        )
        by_content = (
            by_id[UNIQUE]
            | "ShardByContent"
            >> beam.Map(lambda a: (shard_of(a.content_hash, shards), a)).with_output_types(tuple[int, Article])
            | "KeepNewContent" >> beam.ParDo(KeepNewContentFn(*settings)).with_outputs(DUPLICATES, main=UNIQUE)
        )
        duplicates = (by_id[DUPLICATES], by_content[DUPLICATES]) | "FlattenDuplicates" >> beam.Flatten()
        return {UNIQUE: by_content[UNIQUE], DUPLICATES: duplicates}
