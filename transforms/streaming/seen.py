"""A bounded memory of keys seen recently: the value behind each key, forgotten by age and by count.

The expiry rule is checked on access and needs no timer: an entry is
forgotten once it has not been seen for `ttl_seconds`, and when more than
`max_entries` are held the least recently seen go first. Seeing a key again
refreshes it, so an item that stays in a feed for a week is remembered for
that week plus the TTL, however short the TTL.

Event-time and processing-time timers both fire right after the bundle on
Beam's FnApiRunner (measured on 2.77), so an expiry timer there would wipe
the memory after every poll; checking on access behaves the same on every
runner.
"""

from __future__ import annotations

import dataclasses
import zlib
from typing import Any


@dataclasses.dataclass
class SeenKeys:
    """Keys in least-recently-seen order, each with its value and the time it was last seen."""

    ttl_seconds: float
    max_entries: int
    entries: dict[str, tuple[Any, float]] = dataclasses.field(default_factory=dict)

    def get(self, key: str) -> Any | None:
        entry = self.entries.get(key)
        return None if entry is None else entry[0]

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def touch(self, key: str, value: Any, now: float) -> None:
        """Remember `key` with `value`, seen at `now` (moves it to the most recent end)."""
        self.entries.pop(key, None)
        self.entries[key] = (value, now)

    def expire(self, now: float) -> int:
        """Forget entries unseen for longer than the TTL, then the oldest beyond the cap; returns how many."""
        forgotten = 0
        # dicts keep insertion order and touch() re-inserts, so the front is always the least recently seen
        while self.entries:
            oldest_key = next(iter(self.entries))
            _, last_seen = self.entries[oldest_key]
            if now - last_seen <= self.ttl_seconds and len(self.entries) <= self.max_entries:
                break
            del self.entries[oldest_key]
            forgotten += 1
        return forgotten


def shard_of(key: str, shards: int) -> int:
    """A stable shard number for `key` (the same on every worker and every run, unlike hash())."""
    return zlib.crc32(key.encode("utf-8")) % shards
