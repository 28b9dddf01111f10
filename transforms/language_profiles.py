"""langdetect's n-gram profiles as numpy arrays, for vectorised scoring.

langdetect ships one JSON profile per language: the counts (`freq`) of every
frequent 1-, 2- and 3-gram in its training text and the totals per order
(`n_words`). Here they become one sorted array of integer n-gram keys and one
[n-grams x languages] matrix of smoothed log-probabilities, so that scoring a
text is a table lookup and a sum instead of langdetect's random sampling.

Building the arrays from the JSON takes about a second; they are cached (with
langdetect's character tables, see derived_cache.py), keyed by langdetect's
version and this module's format, so that loading them costs milliseconds.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import numpy as np
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.utils import unicode_block as blocks
from langdetect.utils.ngram import NGram

from transforms.derived_cache import cache_dir, cached_arrays, package_version

# Bump when the cached arrays change meaning.
CACHE_FORMAT = 3
# Code points above the Basic Multilingual Plane share this stand-in: no
# profile holds them, so an n-gram containing one is simply never found.
OUTSIDE_BMP = 0xFFFF
SPACE = ord(" ")
# langdetect's smoothing: an n-gram's probability in a language is
# freq / n_words[order] + alpha / BASE_FREQ, with alpha = 0.5 (Detector.ALPHA_DEFAULT).
SMOOTHING = 0.5 / 10_000
NO_SCRIPT = 0  # spaces (everything NGram.normalize maps to one)
# Latin letters spread over several Unicode blocks; for telling scripts apart they are one.
_LATIN_BLOCKS = (
    blocks.UNICODE_BASIC_LATIN,
    blocks.UNICODE_LATIN_1_SUPPLEMENT,
    blocks.UNICODE_LATIN_EXTENDED_A,
    blocks.UNICODE_LATIN_EXTENDED_B,
    blocks.UNICODE_LATIN_EXTENDED_ADDITIONAL,
)


def ngram_key(gram: str) -> int:
    """The integer key of a 1-3 character n-gram: its code points, 16 bits each.

    No normalised character is code point 0, so keys of different orders never
    collide (a 2-gram key is at least 2**16, a 3-gram key at least 2**32).
    """
    key = 0
    for char in gram:
        key = (key << 16) | min(ord(char), OUTSIDE_BMP)
    return key


@dataclasses.dataclass(frozen=True)
class NgramProfiles:
    """Every profile n-gram, its log-probability per language, and langdetect's character tables."""

    languages: tuple[str, ...]  # langdetect's codes: 'en', 'zh-cn', 'zh-tw', 'no', ...
    keys: np.ndarray  # int64 [n], sorted
    orders: np.ndarray  # int8 [n]: 1, 2 or 3
    log_probs: np.ndarray  # float32 [n, languages]: log(freq / n_words + SMOOTHING)
    normalised: np.ndarray  # uint16 [65536]: NGram.normalize for every BMP code point
    uppercase: np.ndarray  # bool [65536]: str.isupper of a normalised character
    scripts: np.ndarray  # int16 [65536]: Unicode block of a normalised character, Latin as one, NO_SCRIPT for space
    script_shares: np.ndarray  # float32 [blocks, languages]: share of each language's letters in each block

    @property
    def script_count(self) -> int:
        return len(self.script_shares)


def _character_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    normalised = np.array([ord(NGram.normalize(chr(code))) for code in range(0x10000)], dtype=np.uint32)
    # NUL is our text separator; NGram.normalize maps it to a space anyway.
    normalised[0] = SPACE
    # Both tables are read at normalised characters.
    uppercase = np.array([chr(code).isupper() for code in range(0x10000)], dtype=bool)
    block_of = [blocks.unicode_block(chr(code)) or NO_SCRIPT for code in range(0x10000)]
    scripts = np.array([_LATIN_BLOCKS[0] if block in _LATIN_BLOCKS else block for block in block_of], dtype=np.int16)
    scripts[SPACE] = NO_SCRIPT
    return normalised.astype(np.uint16), uppercase, scripts


def _script_shares(unigrams: dict[str, np.ndarray], scripts: np.ndarray, languages: int) -> np.ndarray:
    """For each block and language, the share of the language's 1-gram probability mass in that block."""
    shares = np.zeros((int(scripts.max()) + 1, languages), dtype=np.float64)
    for char, probabilities in unigrams.items():
        shares[scripts[ord(char)]] += probabilities
    return (shares / np.maximum(shares.sum(axis=0), 1e-12)).astype(np.float32)


def build_profiles(directory: str = PROFILES_DIRECTORY) -> NgramProfiles:
    """Read langdetect's JSON profiles into arrays (the slow path, a few tenths of a second)."""
    profiles = []
    for name in sorted(os.listdir(directory)):
        path = Path(directory, name)
        if name.startswith(".") or not path.is_file():
            continue
        profiles.append(json.loads(path.read_text(encoding="utf-8")))
    grams = sorted({gram for profile in profiles for gram in profile["freq"] if 1 <= len(gram) <= 3})
    row_of = {gram: row for row, gram in enumerate(grams)}
    probabilities = np.zeros((len(grams), len(profiles)), dtype=np.float64)
    for column, profile in enumerate(profiles):
        totals = profile["n_words"]
        for gram, count in profile["freq"].items():
            if 1 <= len(gram) <= 3:
                probabilities[row_of[gram], column] = count / totals[len(gram) - 1]
    keys = np.array([ngram_key(gram) for gram in grams], dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    normalised, uppercase, scripts = _character_tables()
    unigrams = {gram: probabilities[row] for gram, row in row_of.items() if len(gram) == 1 and ord(gram) < 0x10000}
    return NgramProfiles(
        languages=tuple(profile["name"] for profile in profiles),
        keys=keys[order],
        orders=np.array([len(grams[row]) for row in order], dtype=np.int8),
        log_probs=np.log(probabilities[order] + SMOOTHING).astype(np.float32),
        normalised=normalised,
        uppercase=uppercase,
        scripts=scripts,
        script_shares=_script_shares(unigrams, scripts, len(profiles)),
    )


def default_cache_path() -> Path:
    return cache_dir() / f"langdetect-{package_version('langdetect')}-ngrams-v{CACHE_FORMAT}.npz"


# NgramProfiles' array fields, stored under their own names (languages, a tuple, is stored apart).
_PROFILE_ARRAYS = ("keys", "orders", "log_probs", "normalised", "uppercase", "scripts", "script_shares")


def _as_arrays(profiles: NgramProfiles) -> dict[str, np.ndarray]:
    return {"languages": np.array(profiles.languages), **{name: getattr(profiles, name) for name in _PROFILE_ARRAYS}}


def _from_arrays(arrays: dict[str, np.ndarray]) -> NgramProfiles:
    fields = {name: arrays[name] for name in _PROFILE_ARRAYS}
    return NgramProfiles(languages=tuple(str(code) for code in arrays["languages"]), **fields)


def load_profiles(cache_path: Path | None = None) -> NgramProfiles:
    """The profiles from the cache when it is there and readable, else built and cached."""
    return _from_arrays(cached_arrays(cache_path or default_cache_path(), lambda: _as_arrays(build_profiles())))
