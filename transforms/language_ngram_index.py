"""A hash index from n-gram keys to profile rows, looked up for a whole array of keys at once.

`np.searchsorted` over the ~90,000 profile keys costs a cache-missing binary
search per n-gram and was the largest single cost of scoring. This is a
cuckoo hash table: every key sits in one of two slots, each chosen by its own
multiplicative hash, so a lookup, found or not, reads exactly those two slots
and compares. That is a fixed dozen numpy operations per batch of keys, with
no probing loop whose rounds (each a dozen small operations on a shrinking
array) cost more than the first one in the small batches language ID sends.
At most 40% full, the profiles' table takes 3 MB, and building it a few
hundredths of a second.
"""

from __future__ import annotations

import numpy as np

EMPTY = -1  # no n-gram key is negative
# Fibonacci hashing and a second odd multiplier (MurmurHash3's): multiply, keep the top bits.
_MULTIPLIERS = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))
# Two-choice cuckoo tables fill reliably below half load.
_MAX_LOAD = 0.4
# Evictions one insertion may cause before the table is rebuilt one size larger.
_MAX_EVICTIONS = 500


class NgramIndex:
    def __init__(self, keys: np.ndarray) -> None:
        bits = max(4, int(np.ceil(np.log2(max(1, len(keys)) / _MAX_LOAD))))
        while not self._build(keys, bits):
            bits += 1  # a cycle of evictions: practically never, and a bigger table spreads the keys further

    def _build(self, keys: np.ndarray, bits: int) -> bool:
        """Place every key in one of its two slots; False when an insertion cycles."""
        self._shift = np.uint64(64 - bits)
        size = 1 << bits
        first, second = (slots.tolist() for slots in self._slots(keys))
        row_in_slot = [EMPTY] * size
        for row in range(len(keys)):
            placing, slot = row, first[row]
            for _ in range(_MAX_EVICTIONS):
                evicted, row_in_slot[slot] = row_in_slot[slot], placing
                if evicted == EMPTY:
                    break
                # The evicted key moves to its other slot.
                placing, slot = evicted, second[evicted] if slot == first[evicted] else first[evicted]
            else:
                return False
        # One more slot, never matched by a key and holding row -1, is where misses point.
        self._missing = size
        self._slot_rows = np.array([*row_in_slot, EMPTY], dtype=np.int32)  # int32: half the cache it would take
        self._slot_keys = np.full(size + 1, EMPTY, dtype=np.int64)
        filled = self._slot_rows >= 0
        self._slot_keys[filled] = keys[self._slot_rows[filled]]
        return True

    def _slots(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        unsigned = keys.astype(np.int64, copy=False).view(np.uint64)
        # Products wrap modulo 2**64 by design; the top bits index the table (int64 view: no copy).
        # Two statements, not a generator over _MULTIPLIERS: on the small arrays language ID
        # looks up, a generator costs more than the arithmetic.
        first = (unsigned * _MULTIPLIERS[0] >> self._shift).view(np.int64)
        second = (unsigned * _MULTIPLIERS[1] >> self._shift).view(np.int64)
        return first, second

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """The row (int32) of every key, -1 where the key is not in the index."""
        first, second = self._slots(keys)
        slot = np.where(
            self._slot_keys.take(first) == keys,
            first,
            np.where(self._slot_keys.take(second) == keys, second, self._missing),
        )
        return self._slot_rows.take(slot)
