"""NgramIndex: the row of every n-gram key, -1 for keys it does not hold."""

import numpy as np

from transforms.language_ngram_index import NgramIndex


def test_finds_every_key_and_nothing_else():
    rng = np.random.default_rng(7)
    keys = np.unique(rng.integers(1, 1 << 48, 20_000))
    index = NgramIndex(keys)
    assert np.array_equal(index.rows(keys), np.arange(len(keys)))
    queries = rng.integers(1, 1 << 48, 20_000)
    expected = np.where(np.isin(queries, keys), np.searchsorted(keys, queries), -1)
    assert np.array_equal(index.rows(queries), expected)


def test_colliding_keys_and_empty_queries():
    # Keys that differ only in bits the hash does not spread well still all resolve.
    keys = np.arange(1, 65) << 40
    index = NgramIndex(keys)
    assert np.array_equal(index.rows(keys[::-1]), np.arange(64)[::-1])
    assert index.rows(np.array([0, 5], dtype=np.int64)).tolist() == [-1, -1]
    assert index.rows(np.array([], dtype=np.int64)).tolist() == []
