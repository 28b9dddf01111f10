"""simplemma dictionaries restored from newsbeam's cache answer exactly as freshly built ones."""

from __future__ import annotations

import pytest
from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

from transforms.tagging.lemma_dictionaries import CachedStreamDictionaryFactory, cache_path, load_stream_map


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSBEAM_CACHE_DIR", str(tmp_path))


def sample_keys(stream: StreamMap, every: int = 997) -> list[str]:
    return [key for number, key in enumerate(stream) if number % every == 0]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_restored_map_answers_like_a_fresh_one(lang):
    fresh = StreamMap(lang)
    load_stream_map(lang)  # builds and stores
    assert cache_path(lang).exists()
    restored = load_stream_map(lang)
    keys = sample_keys(fresh)
    assert len(keys) > 100
    assert len(restored) == len(fresh)
    assert [restored.get(key) for key in keys] == [fresh.get(key) for key in keys]
    # Misses stay misses, including words sorting before the first and after the last key.
    for missing in ["", "\u0000", "zzzzzzzzzzqq", "\U0010ffff", keys[1] + "qqq"]:
        assert restored.get(missing) == fresh.get(missing)


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    path = cache_path("en")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04 not really a zip")
    stream = load_stream_map("en")
    assert stream.get("went") == "go"
    assert load_stream_map("en").get("went") == "go"  # and the rebuilt file now reads back


def test_the_factory_serves_cached_maps_and_refuses_unknown_languages():
    factory = CachedStreamDictionaryFactory()
    assert factory.get_dictionary("en").get("children") == "child"
    with pytest.raises(ValueError):
        factory.get_dictionary("xx")
