"""Texts -> the profile n-grams they contain, for many texts in one vectorised pass.

This reproduces how langdetect reads a text (`Detector.append`,
`cleaning_text`, `NGram.add_char`), because its profiles were counted that
way: URLs and e-mail addresses are dropped, Vietnamese combining marks are
composed, Latin letters are dropped from text that is mostly another script,
every character is mapped to its class representative (`NGram.normalize`:
ASCII punctuation and digits to a space, all Hangul syllables to one, Kanji
to a few hundred classes, ...), and each word is read padded with a space on
both sides (' ab', 'ab ', ' a ' are n-grams; langdetect leaves out the
space after a text's last word, here it is added). N-grams of words in capitals after their first
letter ('NASA', 'EU') are skipped, as langdetect does.

All texts of a batch are joined with NUL separators into one array of code
points, so the work per batch is a fixed number of numpy operations.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
from langdetect.detector import Detector
from langdetect.utils.ngram import NGram

from transforms.language_ngram_index import NgramIndex
from transforms.language_profiles import OUTSIDE_BMP, SPACE, NgramProfiles

SEPARATOR = "\0"
# The marks NGram.normalize_vi composes; checking for one is much cheaper than its regex.
_COMBINING_MARK = re.compile(f"[{NGram.DMARK_CLASS}]")
# langdetect's representatives after NGram.normalize.
HANGUL_SYLLABLE = 0xAC00
HIRAGANA = 0x3042
KATAKANA = 0x30A2
HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF  # CJK Unified Ideographs, the block NGram.normalize maps within


@dataclasses.dataclass(frozen=True)
class TextNgrams:
    """The profile n-grams found in a batch of texts, grouped by text."""

    # int64 [found]: row in NgramProfiles.keys of the longest known n-gram ending
    # at each position of the texts, in text order (see NgramText.with_suffixes).
    rows: np.ndarray
    text_of_row: np.ndarray  # int64 [found]: which text each row came from (non-decreasing)
    letters: np.ndarray  # int64 [texts]: characters that are not spaces after normalisation
    han: np.ndarray  # int64 [texts]: Han ideographs
    hangul: np.ndarray  # int64 [texts]: Hangul syllables
    kana: np.ndarray  # int64 [texts]: hiragana and katakana
    script: np.ndarray  # int64 [texts]: the Unicode block most of the text's letters are in (Latin as one)

    @property
    def texts(self) -> int:
        return len(self.letters)

    def found_per_text(self) -> np.ndarray:
        return np.bincount(self.text_of_row, minlength=self.texts)

    def merged(self) -> TextNgrams:
        """All texts as one (an article from its sentences): the script is the one most letters are in."""
        script = np.bincount(self.script, weights=self.letters).argmax(keepdims=True) if self.texts else self.script
        return TextNgrams(
            rows=self.rows,
            text_of_row=np.zeros_like(self.text_of_row),
            letters=self.letters.sum(keepdims=True),
            han=self.han.sum(keepdims=True),
            hangul=self.hangul.sum(keepdims=True),
            kana=self.kana.sum(keepdims=True),
            script=script,
        )


def _langdetect_cleanup(joined: str) -> str:
    """URL and e-mail removal and Vietnamese composition, run only when the batch can need them."""
    if "://" in joined:
        joined = Detector.URL_RE.sub(" ", joined)
    if "@" in joined:
        joined = Detector.MAIL_RE.sub(" ", joined)
    if _COMBINING_MARK.search(joined):
        joined = NGram.normalize_vi(joined)
    return joined


def _per_text(mask: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """How many positions of each text (starting at `starts`) the mask holds."""
    return np.add.reduceat(mask.astype(np.int64), starts) if len(mask) else np.zeros(0, dtype=np.int64)


class NgramText:
    """Extracts profile n-grams from texts; holds only read-only tables."""

    def __init__(self, profiles: NgramProfiles, max_chars: int) -> None:
        self._keys = profiles.keys
        self._index = NgramIndex(profiles.keys)
        self._normalised = profiles.normalised.astype(np.int64)  # int64: keys are built from it
        self._uppercase = profiles.uppercase
        self._scripts = profiles.scripts.astype(np.int64)
        self._script_count = profiles.script_count
        self._max_chars = max_chars

    def with_suffixes(self, per_row: np.ndarray) -> np.ndarray:
        """Each row's values plus those of its suffix n-grams ('abc' + 'bc' + 'c'), as `extract` needs.

        `extract` returns one row per position, the longest n-gram ending there
        that the profiles know; adding the shorter n-grams ending at the same
        position in advance makes one gathered row carry all of them.
        """
        keys = self._keys
        combined = per_row.copy()
        two = self._index.rows(np.where(keys >= 1 << 32, keys & 0xFFFFFFFF, 0))
        one = self._index.rows(np.where(keys >= 1 << 16, keys & 0xFFFF, 0))
        combined[two >= 0] += per_row[two[two >= 0]]
        combined[one >= 0] += per_row[one[one >= 0]]
        return combined

    def extract(self, texts: list[str]) -> TextNgrams:
        # Every text ends with a word end (a space): langdetect reads its last
        # word without one and so misses the word endings ('ng ', 'ed '), which
        # say the most about the language of a short text.
        joined = SEPARATOR + SEPARATOR.join(f"{text[: self._max_chars].replace(SEPARATOR, ' ')} " for text in texts)
        joined = _langdetect_cleanup(joined)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        highest = codes.max()

        if highest >= 0x300:
            # langdetect's cleaning_text: in text with twice as many non-Latin letters
            # as Latin ones, the Latin letters are noise (names, acronyms) and go.
            starts = np.flatnonzero(codes == 0)
            latin = (codes >= ord("A")) & (codes <= ord("z"))
            non_latin = (codes >= 0x300) & ~((codes >= 0x1E00) & (codes <= 0x1EFF))
            mostly_other_script = 2 * _per_text(latin, starts) < _per_text(non_latin, starts)
            if mostly_other_script.any():
                text_of = np.cumsum(codes == 0) - 1
                codes = codes[~(latin & mostly_other_script[text_of])]

        if highest <= 0xFFFF:
            chars = self._normalised.take(codes)
        else:
            chars = self._normalised.take(np.minimum(codes, 0xFFFF))
            chars[codes > 0xFFFF] = OUTSIDE_BMP
        separator = codes == 0
        space = chars == SPACE
        starts = np.flatnonzero(separator)
        # Runs of spaces need no collapsing, as langdetect does: no profile
        # holds '  ' or ' ', and a 3-gram is only read after a letter.

        upper = self._uppercase.take(chars)
        skipped = separator.copy()
        skipped[1:] |= upper[1:] & upper[:-1]  # a capital after a capital: langdetect's capitalword
        positions = np.flatnonzero(~skipped)
        last = chars[positions]
        last_two = (chars[positions - 1] << 16) | last
        # A 3-gram needs a letter before this one (key 0 is never found); a lone
        # space is no 1-gram, and no profile holds one.
        last_three = np.where(space[positions - 1], 0, (chars[positions - 2] << 32) | last_two)
        # The longest known n-gram ending at each position: shorter ones are only
        # looked up where the longer one is unknown (most 3-grams of real text are known).
        rows = self._index.rows(last_three)
        shorter = np.flatnonzero(rows < 0)
        for keys in (last_two, last):
            if not len(shorter):
                break
            rows[shorter] = self._index.rows(keys[shorter])
            shorter = shorter[rows[shorter] < 0]
        found = rows >= 0

        letters = ~space
        scripts = self._scripts.take(chars[letters])
        if len(texts) > 1:
            text_of = np.cumsum(separator) - 1
            text_of_row = text_of[positions[found]]
            per_script = np.bincount(
                text_of[letters] * self._script_count + scripts, minlength=len(texts) * self._script_count
            )
            script = per_script.reshape(len(texts), self._script_count).argmax(axis=1)
        else:
            text_of_row = np.zeros(np.count_nonzero(found), dtype=np.int64)
            script = np.bincount(scripts, minlength=self._script_count).argmax(keepdims=True)
        if chars.max() >= HIRAGANA:  # kana, Han and Hangul all lie above it
            han = _per_text((chars >= HAN_FIRST) & (chars <= HAN_LAST), starts)
            hangul = _per_text(chars == HANGUL_SYLLABLE, starts)
            kana = _per_text((chars == HIRAGANA) | (chars == KATAKANA), starts)
        else:
            han = hangul = kana = np.zeros(len(texts), dtype=np.int64)
        return TextNgrams(
            rows=rows[found],
            text_of_row=text_of_row,
            letters=_per_text(letters, starts),
            han=han,
            hangul=hangul,
            kana=kana,
            script=script,
        )
