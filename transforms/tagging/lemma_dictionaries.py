"""simplemma's low-memory dictionaries, with the index each one needs kept on disk.

simplemma's StreamDictionaryFactory reads a language's front-coded word list
and walks all of it once to index its blocks: 0.2-5 s a language, 13 s for the
nine languages newsbeam's lexicons use, paid by every worker of every run (a
quarter of a 10,000-article run on two cores). The index and the decompressed
list are stored the first time (derived_cache.py) and read back in tens of
milliseconds afterwards. Lookups are simplemma's own, on the same structure.

The restored map relies on StreamMap's layout in the simplemma version the
cache is named after; if a release changes it, restoring fails, the map is
built the slow way and nothing is cached. tests/transforms/tagging/
test_lemma_dictionaries.py compares restored lookups with fresh ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from simplemma.strategies.dictionaries import frontcode
from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamDictionaryFactory, StreamMap

from transforms.derived_cache import cache_dir, cached_arrays, pack_bytes, package_version, unpack_bytes

# Bump when the stored arrays change meaning.
CACHE_FORMAT = 1


def cache_path(lang: str, kind: str = "") -> Path:
    """Where a language's derived data is stored: its StreamMap index, or another `kind` (a lexicon's forms)."""
    suffix = f"-{kind}" if kind else ""
    return cache_dir() / f"simplemma-{package_version('simplemma')}-{lang}{suffix}-v{CACHE_FORMAT}.npz"


def _as_arrays(stream: StreamMap) -> dict[str, np.ndarray]:
    offsets, previous_keys, previous_values = zip(*stream._blocks, strict=True) if stream._blocks else ((), (), ())
    arrays = {
        "data": np.frombuffer(stream._data, dtype=np.uint8),
        "header": np.array([stream._pos, int(stream._rev), stream._count], dtype=np.int64),
        "offsets": np.array(offsets, dtype=np.int64),
    }
    for name, items in (("firsts", stream._firsts), ("keys", previous_keys), ("values", previous_values)):
        packed = pack_bytes(list(items))
        arrays[f"{name}_bytes"], arrays[f"{name}_ends"] = packed["bytes"], packed["ends"]
    return arrays


def _from_arrays(arrays: dict[str, np.ndarray]) -> StreamMap:
    def unpacked(name: str) -> list[bytes]:
        return unpack_bytes(arrays[f"{name}_bytes"], arrays[f"{name}_ends"])

    pos, rev, count = arrays["header"].tolist()
    stream = StreamMap.__new__(StreamMap)
    # StreamMap's fields in simplemma 2.0, as its __init__ leaves them.
    state = {
        "_data": arrays["data"].tobytes(),
        "_pos": pos,
        "_rev": bool(rev),
        "_count": count,
        "_firsts": unpacked("firsts"),
        "_blocks": list(zip(arrays["offsets"].tolist(), unpacked("keys"), unpacked("values"), strict=True)),
    }
    for field, value in state.items():
        setattr(stream, field, value)
    return stream


def load_stream_map(lang: str) -> StreamMap:
    """The language's StreamMap, from the cache when it is there (ValueError for a language simplemma lacks)."""
    built: list[StreamMap] = []

    def build() -> dict[str, np.ndarray]:
        built.append(StreamMap(lang))
        return _as_arrays(built[0])

    try:
        arrays = cached_arrays(cache_path(lang), build)
        return built[0] if built else _from_arrays(arrays)
    except (AttributeError, TypeError):  # a simplemma whose StreamMap has another layout
        return StreamMap(lang)


class CachedStreamDictionaryFactory(StreamDictionaryFactory):
    """StreamDictionaryFactory whose dictionaries come from load_stream_map."""

    __slots__ = ()

    def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
        return load_stream_map(lang)


def _records(stream: StreamMap):
    """(form, lemma) of every entry, decoded, in the dictionary's own order."""
    for _, stored_key, stored_value in frontcode._iter_records(stream._data, stream._pos):
        if stream._rev:
            stored_key, stored_value = stored_key[::-1], stored_value[::-1]
        yield stored_key.decode(), stored_value.decode()


def forms_of(lang: str, lemmas: frozenset[str]) -> frozenset[str]:
    """Every form the language's dictionary maps to one of `lemmas` (casefolded), as written and
    lowercased: the only words whose lemma a lexicon of those lemmas can care about.

    Found by one pass over the whole dictionary (seconds), stored per set of lemmas.
    """
    digest = hashlib.sha256("\n".join(sorted(lemmas)).encode()).hexdigest()[:16]

    def build() -> dict[str, np.ndarray]:
        forms = set()
        for form, lemma in _records(load_stream_map(lang)):
            if lemma.casefold() in lemmas:
                forms.update((form, form.lower(), form.casefold()))
        return {"forms": np.array(sorted(forms), dtype=str)}

    return frozenset(cached_arrays(cache_path(lang, f"forms-{digest}"), build)["forms"].tolist())
