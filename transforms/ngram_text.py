"""Texts -> the profile n-grams they contain, for many texts in one vectorised pass.

This reproduces how langdetect reads a text (`Detector.append`,
`cleaning_text`, `NGram.add_char`), because its profiles were counted that
way: URLs and e-mail addresses are dropped, Vietnamese combining marks are
composed, Latin letters are dropped from text that is mostly another script,
every character is mapped to its class representative (`NGram.normalize`:
ASCII punctuation and digits to a space, all Hangul syllables to one, Kanji
to a few hundred classes, ...), and each word is read padded with a space on
both sides (' ab', 'ab ', ' a ' are n-grams), except the last word of a text,
which has no space after it. N-grams of words in capitals after their first
letter ('NASA', 'EU') are skipped, as langdetect does.

All texts of a batch are joined with NUL separators into one array of code
points, so the work per batch is a fixed number of numpy operations.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from langdetect.detector import Detector
from langdetect.utils.ngram import NGram

from transforms.ngram_index import NgramIndex
from transforms.ngram_profiles import OUTSIDE_BMP, SPACE, NgramProfiles

SEPARATOR = "\0"
# langdetect's representatives after NGram.normalize.
HANGUL_SYLLABLE = 0xAC00
HIRAGANA = 0x3042
KATAKANA = 0x30A2
HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF  # CJK Unified Ideographs, the block NGram.normalize maps within


@dataclasses.dataclass(frozen=True)
class TextNgrams:
    """The profile rows found in a batch of texts, grouped by text."""

    rows: np.ndarray  # int64 [found]: row in NgramProfiles.keys, texts in order
    text_of_row: np.ndarray  # int64 [found]: which text each row came from (non-decreasing)
    letters: np.ndarray  # int64 [texts]: characters that are not spaces after normalisation
    han: np.ndarray  # int64 [texts]: Han ideographs
    hangul: np.ndarray  # int64 [texts]: Hangul syllables
    kana: np.ndarray  # int64 [texts]: hiragana and katakana

    @property
    def texts(self) -> int:
        return len(self.letters)

    def found_per_text(self) -> np.ndarray:
        return np.bincount(self.text_of_row, minlength=self.texts)


def _langdetect_cleanup(joined: str) -> str:
    """URL and e-mail removal and Vietnamese composition, run only when the batch can need them."""
    if "://" in joined:
        joined = Detector.URL_RE.sub(" ", joined)
    if "@" in joined:
        joined = Detector.MAIL_RE.sub(" ", joined)
    if NgramText.COMBINING_MARK.search(joined):
        joined = NGram.normalize_vi(joined)
    return joined


def _per_text(mask: np.ndarray, text_of: np.ndarray, texts: int) -> np.ndarray:
    return np.bincount(text_of[mask], minlength=texts)


class NgramText:
    """Extracts profile n-grams from texts; holds only read-only tables."""

    COMBINING_MARK = NGram.ALPHABET_WITH_DMARK

    def __init__(self, profiles: NgramProfiles, max_chars: int) -> None:
        self._index = NgramIndex(profiles.keys)
        self._normalised = profiles.normalised
        self._uppercase = profiles.uppercase
        self._max_chars = max_chars

    def extract(self, texts: list[str]) -> TextNgrams:
        count = len(texts)
        # Every text ends with a word end (a space): langdetect reads its last
        # word without one and so misses the word endings ('ng ', 'ed '), which
        # say the most about the language of a short text.
        joined = SEPARATOR + SEPARATOR.join(f"{text[: self._max_chars].replace(SEPARATOR, ' ')} " for text in texts)
        joined = _langdetect_cleanup(joined)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        separator = codes == 0
        text_of = np.cumsum(separator) - 1

        # langdetect's cleaning_text: in text with twice as many non-Latin letters
        # as Latin ones, the Latin letters are noise (names, acronyms) and go.
        latin = (codes >= ord("A")) & (codes <= ord("z"))
        non_latin = (codes >= 0x300) & ~((codes >= 0x1E00) & (codes <= 0x1EFF))
        mostly_other_script = 2 * _per_text(latin, text_of, count) < _per_text(non_latin, text_of, count)
        keep = ~(latin & mostly_other_script[text_of])
        codes, separator, text_of = codes[keep], separator[keep], text_of[keep]

        chars = np.where(codes < 0x10000, self._normalised[np.minimum(codes, 0xFFFF)], OUTSIDE_BMP).astype(np.int64)
        # A run of spaces reads as one, and a text's leading spaces as none
        # (the separator stands for the space every word starts after).
        space = chars == SPACE
        previous_space = np.concatenate(([True], space[:-1]))
        keep = separator | ~(space & previous_space)
        chars, separator, text_of, space = chars[keep], separator[keep], text_of[keep], space[keep]

        upper = self._uppercase[chars]
        before = np.concatenate(([SPACE], chars[:-1]))
        before2 = np.concatenate(([SPACE, SPACE], chars[:-2]))[: len(chars)]
        emits = ~separator & ~(upper & np.concatenate(([False], upper[:-1])))
        before_is_space = np.concatenate(([True], space[:-1]))
        keys = np.stack(
            (
                chars,
                (before << 16) | chars,
                (before2 << 32) | (before << 16) | chars,
            ),
            axis=1,
        )
        valid = np.stack((emits & ~space, emits, emits & ~before_is_space), axis=1)
        # Row-major flattening keeps n-grams in text order, which the per-text sums rely on.
        keys, positions = keys[valid], np.broadcast_to(np.arange(len(chars))[:, None], valid.shape)[valid]
        rows = self._index.rows(keys)
        found = rows >= 0

        letters = ~space
        han = (chars >= HAN_FIRST) & (chars <= HAN_LAST)
        return TextNgrams(
            rows=rows[found],
            text_of_row=text_of[positions[found]],
            letters=_per_text(letters, text_of, count),
            han=_per_text(han, text_of, count),
            hangul=_per_text(chars == HANGUL_SYLLABLE, text_of, count),
            kana=_per_text((chars == HIRAGANA) | (chars == KATAKANA), text_of, count),
        )
