"""ReadChangedSources: on every tick, the stream's new input: changed feeds and new or changed files.

One keyed, stateful step for both kinds of source, so their documents leave
in one PCollection with no Flatten (see record_stream.py):
1. ListSourcesFn: tick -> ('feeds-<n>', feeds of shard n) for every feed
   shard, and ('files-<n>', (spec, path, size, mtime)) for every input file a
   watched location holds now;
2. ReadChangedSourcesFn: a feed shard is fetched with a conditional GET, its
   validators in the key's state (poll.py); a file is read when the key's
   seen-files state says it is new or changed (watch.py).
Out: RawDocument of each changed feed and new file, Reject of each that
failed, FetchLogRecord of each fetch attempt.
"""

from __future__ import annotations

import time

import apache_beam as beam

from transforms.fetch import DEFAULT_MAX_BODY_BYTES, Validators
from transforms.fetch_feeds import FetchAttempt, FetchSettings
from transforms.fetch_log import FetchLogRecord
from transforms.read import ReadDocumentFn
from transforms.sources import SourceSpec
from transforms.streaming.poll import VALIDATORS_STATE, FetchShardFn, feed_shards
from transforms.streaming.record_stream import untagged
from transforms.streaming.seen import shard_of
from transforms.streaming.watch import (
    DEFAULT_MAX_FILES,
    DEFAULT_MIN_AGE_SECONDS,
    DEFAULT_SHARDS,
    DEFAULT_TTL_SECONDS,
    SEEN_FILES_STATE,
    PickNewFilesFn,
    list_files,
)

FEEDS_KEY, FILES_KEY = "feeds", "files"


class ListSourcesFn(beam.DoFn):
    """tick -> every (key, feed shard) to poll and every (key, listed file) to check."""

    def __init__(
        self, feed_shards: list[tuple[int, tuple[SourceSpec, ...]]], folders: list[SourceSpec], file_shards: int
    ) -> None:
        super().__init__()
        self._feed_shards = feed_shards
        self._folders = folders
        self._file_shards = file_shards

    def process(self, _tick):
        for shard, feeds in self._feed_shards:
            yield f"{FEEDS_KEY}-{shard}", feeds
        for spec in self._folders:
            for path, size, mtime in list_files(spec):
                yield f"{FILES_KEY}-{shard_of(path, self._file_shards)}", (spec, path, size, mtime)


class ReadChangedSourcesFn(beam.DoFn):
    """(key, feed shard | listed file) -> RawDocument / Reject / FetchLogRecord, remembering what it saw per key."""

    def __init__(
        self,
        settings: FetchSettings,
        initial_validators: dict[str, Validators],
        max_bytes: int,
        ttl_seconds: float,
        max_files_per_shard: int,
        min_age_seconds: float,
        clock=time.time,
    ) -> None:
        super().__init__()
        self._fetcher = FetchShardFn(settings, initial_validators)
        self._picker = PickNewFilesFn(ttl_seconds, max_files_per_shard, min_age_seconds, clock)
        self._reader = ReadDocumentFn(max_bytes)

    def setup(self) -> None:
        self._fetcher.setup()

    def teardown(self) -> None:
        self._fetcher.teardown()

    def process(self, element, validators=VALIDATORS_STATE, seen_files=SEEN_FILES_STATE):
        key, _ = element
        if key.startswith(FEEDS_KEY):
            outputs = self._fetcher.process(element, validators)
        else:
            picked = self._picker.process(element, seen_files)
            outputs = (output for new_file in picked for output in self._reader.process(new_file))
        for record in untagged(outputs):
            yield FetchLogRecord(record) if isinstance(record, FetchAttempt) else record


class ReadChangedSources(beam.PTransform):
    """Ticks -> RawDocuments of changed feeds and new files, with Rejects and FetchLogRecords, in one PCollection."""

    def __init__(
        self,
        feeds: list[SourceSpec],
        folders: list[SourceSpec],
        settings: FetchSettings | None = None,
        initial_validators: dict[str, Validators] | None = None,
        max_bytes: int = DEFAULT_MAX_BODY_BYTES,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        max_files: int = DEFAULT_MAX_FILES,
        file_shards: int = DEFAULT_SHARDS,
        min_age_seconds: float = DEFAULT_MIN_AGE_SECONDS,
    ) -> None:
        super().__init__()
        self._settings = settings or FetchSettings()
        self._feed_shards = feed_shards(feeds, self._settings.concurrency) if feeds else []
        self._folders = folders
        self._file_shards = file_shards
        self._read_settings = (
            self._settings,
            initial_validators or {},
            max_bytes,
            ttl_seconds,
            max(1, max_files // file_shards),
            min_age_seconds,
        )

    def expand(self, ticks):
        return (
            ticks
            | "ListSources"
            >> beam.ParDo(ListSourcesFn(self._feed_shards, self._folders, self._file_shards)).with_output_types(
                tuple[str, tuple]
            )
            | "ReadChanged" >> beam.ParDo(ReadChangedSourcesFn(*self._read_settings))
        )
