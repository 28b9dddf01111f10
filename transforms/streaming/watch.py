"""Folder watching for a stream: list the watched folders on every tick, pick each new or changed file once.

Beam's fileio.MatchContinuously ignores its poll interval on the FnApiRunner
and spins, so folders are listed on the stream's own ticks (PeriodicImpulse,
by read_changed.py), with any Beam filesystem's glob, and a keyed "seen" state remembers each
file's (size, mtime). A file is read when its path is new or its size or
mtime changed (an appended JSON Lines file is read again; the articles it
already gave are duplicates to the dedup step). Names starting with '.' or
'_' are skipped, so a writer can drop a file atomically as `.name.tmp` and
rename it; a file modified less than `min_age_seconds` ago is left for a
later tick, so one still being written in place is not read half-way. Paths
are forgotten by the rule in seen.py once they have not been listed for the
TTL (the file was removed).
"""

from __future__ import annotations

import logging
import os
import time

import apache_beam as beam
from apache_beam.coders import PickleCoder
from apache_beam.io.filesystems import FileSystems
from apache_beam.transforms.userstate import ReadModifyWriteStateSpec

from transforms.read import _is_input_file
from transforms.sources import SourceSpec
from transforms.streaming.seen import SeenKeys

DEFAULT_SHARDS = 4
DEFAULT_TTL_SECONDS = 24 * 3600.0
DEFAULT_MAX_FILES = 1_000_000
DEFAULT_MIN_AGE_SECONDS = 1.0
SEEN_FILES_SPEC = ReadModifyWriteStateSpec("seen_files", PickleCoder())
SEEN_FILES_STATE = beam.DoFn.StateParam(SEEN_FILES_SPEC)


def folder_pattern(location: str) -> str:
    """The glob that lists a watched location: everything under a folder, or the glob as given."""
    is_directory = location.endswith("/") or ("://" not in location and os.path.isdir(location))
    return location.rstrip("/") + "/**" if is_directory else location


def list_files(spec: SourceSpec) -> list[tuple[str, int, float]]:
    """(path, size, mtime) of each input file a watched location holds now; [] when it cannot be listed."""
    try:
        matched = FileSystems.match([folder_pattern(spec.location)])[0].metadata_list
    except (OSError, ValueError) as error:  # a folder briefly missing is not fatal to a stream
        logging.warning("cannot list watched %s: %s", spec.location, error)
        return []
    return sorted((m.path, m.size_in_bytes, m.last_updated_in_seconds) for m in matched if _is_input_file(m.path))


class PickNewFilesFn(beam.DoFn):
    """(shard, (spec, path, size, mtime)) -> (spec, path) the first time a file is listed with that size and mtime."""

    def __init__(
        self, ttl_seconds: float, max_per_shard: int, min_age_seconds: float = DEFAULT_MIN_AGE_SECONDS, clock=time.time
    ) -> None:
        super().__init__()
        self._ttl_seconds = ttl_seconds
        self._max_per_shard = max_per_shard
        self._min_age_seconds = min_age_seconds
        self._clock = clock

    def process(self, element, seen_state=SEEN_FILES_STATE):
        _, (spec, path, size, mtime) = element
        now = self._clock()
        if now - mtime < self._min_age_seconds:
            return []  # maybe still being written: the next tick looks again
        seen = seen_state.read() or SeenKeys(self._ttl_seconds, self._max_per_shard)
        is_new = seen.get(path) != (size, mtime)
        seen.touch(path, (size, mtime), now)  # listed again: refreshed, so a present file is never forgotten
        seen.expire(now)
        seen_state.write(seen)
        return [(spec, path)] if is_new else []
