"""A hash index from n-gram keys to profile rows, looked up for a whole array of keys at once.

`np.searchsorted` over the ~90,000 profile keys costs a cache-missing binary
search per n-gram and was the largest single cost of scoring. This is an
open-addressing table (linear probing) kept at about 1/8 load, so almost every
lookup, found or not, settles on its first probe; the few that do not are
probed again as a shrinking array, never one key at a time.
"""

from __future__ import annotations

import numpy as np

EMPTY = -1  # no n-gram key is negative
# Fibonacci hashing: multiply by 2**64 / golden ratio, keep the top bits.
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_LOAD_INVERSE = 8


class NgramIndex:
    def __init__(self, keys: np.ndarray) -> None:
        self._bits = max(4, int(np.ceil(np.log2(max(1, len(keys)) * _LOAD_INVERSE))))
        self._mask = (1 << self._bits) - 1
        self._slot_keys = np.full(1 << self._bits, EMPTY, dtype=np.int64)
        self._slot_rows = np.zeros(1 << self._bits, dtype=np.int64)
        home = self._home(keys)
        pending = np.arange(len(keys))
        probe = 0
        # Round p places every pending key whose slot home+p is free (the first
        # of several wanting the same slot). Slots are never freed, so a key in
        # home+p always has home..home+p-1 occupied: what lookup relies on.
        while pending.size:
            slots = (home[pending] + probe) & self._mask
            free = self._slot_keys[slots] == EMPTY
            slots, candidates = slots[free], pending[free]
            slots, first = np.unique(slots, return_index=True)
            winners = candidates[first]
            self._slot_keys[slots] = keys[winners]
            self._slot_rows[slots] = winners
            placed = np.zeros(len(keys), dtype=bool)
            placed[winners] = True
            pending = pending[~placed[pending]]
            probe += 1

    def _home(self, keys: np.ndarray) -> np.ndarray:
        hashed = keys.astype(np.uint64) * _MULTIPLIER  # wraps modulo 2**64 by design
        return (hashed >> np.uint64(64 - self._bits)).astype(np.int64)

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """The row of every key, -1 where the key is not in the index."""
        rows = np.full(len(keys), -1, dtype=np.int64)
        slots = self._home(keys)
        active = np.arange(len(keys))
        while active.size:
            held = self._slot_keys[slots]
            hit = held == keys[active]
            rows[active[hit]] = self._slot_rows[slots[hit]]
            going_on = ~hit & (held != EMPTY)
            active, slots = active[going_on], (slots[going_on] + 1) & self._mask
        return rows
