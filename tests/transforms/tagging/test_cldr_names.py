"""CLDR country and city names: stored once derived, and the same when read back."""

from __future__ import annotations

import pytest

from transforms.tagging import cldr_names


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSBEAM_CACHE_DIR", str(tmp_path))
    cldr_names._country_names.cache_clear()
    cldr_names.cldr_city_names.cache_clear()
    yield
    cldr_names._country_names.cache_clear()
    cldr_names.cldr_city_names.cache_clear()


def test_stored_country_names_match_babels(tmp_path):
    first = cldr_names.cldr_country_names("zh")
    assert list(tmp_path.glob("cldr-*-countries-*.npz"))
    cldr_names._country_names.cache_clear()  # as a new worker would: from the file
    assert cldr_names.cldr_country_names("zh") == first == cldr_names._read_country_names("zh")
    assert first["俄羅斯"] == first["俄罗斯"] == "RU"  # Traditional and Simplified


def test_stored_city_names_match_babels():
    first = cldr_names.cldr_city_names("fr")
    cldr_names.cldr_city_names.cache_clear()
    assert cldr_names.cldr_city_names("fr") == first == cldr_names._read_city_names("fr")
    assert "Addis-Abeba" in first


def test_unknown_languages_have_no_names_and_stay_out_of_paths(tmp_path):
    assert cldr_names.cldr_country_names("../../etc") == {}
    assert cldr_names.cldr_city_names("xx") == frozenset()
    assert all(path.parent == tmp_path for path in tmp_path.rglob("*.npz"))
