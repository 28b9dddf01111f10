"""Country and city names in a language, from CLDR through babel, kept on disk once derived.

Reading them from babel's locale data costs 0.1-0.2 s a language (about 1.5 s
for the ten languages with lexicons) in every worker; the derived lists are
small, so they are stored once per babel version (derived_cache.py) and read
back in a millisecond. Each process keeps what it read.
"""

from __future__ import annotations

import functools
import zoneinfo
from pathlib import Path

import babel
import numpy as np
from babel.core import UnknownLocaleError

from transforms.derived_cache import cache_dir, cached_arrays, package_version

# Bump when the stored lists change meaning (a filter below changes).
CACHE_FORMAT = 1
# CLDR regions that are not countries, or not ISO 3166-1 assigned.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
# CLDR locales whose names are read for a language: Chinese is written in two scripts,
# and Hong Kong's Traditional names differ from Taiwan's ('朝鮮' vs '北韓').
_CLDR_LOCALES = {"zh": ("zh", "zh_Hant", "zh_Hant_HK")}
# Time-zone ids that are not named after a city.
_NOT_CITY_ZONES = ("Etc/", "SystemV/", "US/", "Canada/", "Brazil/", "Chile/", "Mexico/", "Antarctica/", "Arctic/")


def _cache_path(kind: str, lang: str) -> Path:
    # The language goes in as its code points' hex: it comes from data, and must not shape a path.
    safe_lang = lang.encode("utf-8").hex()
    return cache_dir() / f"cldr-{package_version('babel')}-{kind}-{safe_lang}-v{CACHE_FORMAT}.npz"


def _read_country_names(lang: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for locale in reversed(_CLDR_LOCALES.get(lang, (lang,))):
        try:
            territories = babel.Locale.parse(locale).territories
        except (UnknownLocaleError, ValueError, TypeError):
            continue
        names.update(
            {
                name: code
                for code, name in territories.items()
                if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
            }
        )
    return names


def _read_city_names(lang: str) -> set[str]:
    from babel.dates import get_timezone_location

    names = set()
    for zone in zoneinfo.available_timezones():
        if "/" not in zone or zone.startswith(_NOT_CITY_ZONES):
            continue
        try:
            names.add(get_timezone_location(zone, locale=_CLDR_LOCALES.get(lang, (lang,))[0], return_city=True))
        except (UnknownLocaleError, ValueError, LookupError):
            return set()
    return names


def _strings(items) -> np.ndarray:
    return np.array(sorted(items), dtype=str)


@functools.cache
def _country_names(lang: str) -> tuple[tuple[str, str], ...]:
    def build() -> dict[str, np.ndarray]:
        names = _read_country_names(lang)
        return {"names": _strings(names), "codes": np.array([names[name] for name in sorted(names)], dtype=str)}

    arrays = cached_arrays(_cache_path("countries", lang), build)
    return tuple(zip(arrays["names"].tolist(), arrays["codes"].tolist(), strict=True))


def cldr_country_names(lang: str) -> dict[str, str]:
    """Country name -> ISO code in `lang`, from CLDR; {} for unknown languages."""
    return dict(_country_names(lang))


@functools.cache
def cldr_city_names(lang: str) -> frozenset[str]:
    """Names of the ~400 cities CLDR uses as time-zone exemplars (Tbilisi, Nueva York, Pékin), in `lang`.

    Not countries, so never a place code; the entity tagger types them LOC. Antarctic stations
    are left out: their names are people's (Casey, Davis, Mawson).
    """
    arrays = cached_arrays(_cache_path("cities", lang), lambda: {"names": _strings(_read_city_names(lang))})
    return frozenset(arrays["names"].tolist())
