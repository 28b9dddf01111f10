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
points, so the work per batch is a fixed number of numpy operations. Each
position's longest known n-gram is looked up in a hash index
(language_ngram_index.py), 3-grams first, shorter ones only where the longer
is unknown; after a space, where no 3-gram is read, a table indexed by the
character answers without hashing.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from langdetect.detector import Detector
from langdetect.utils.ngram import NGram

from transforms.language_ngram_index import NgramIndex
from transforms.language_profiles import NO_SCRIPT, OUTSIDE_BMP, SPACE, NgramProfiles

SEPARATOR = "\0"
# langdetect's representatives after NGram.normalize.
HANGUL_SYLLABLE = 0xAC00
HIRAGANA = 0x3042
KATAKANA = 0x30A2
HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF  # CJK Unified Ideographs, the block NGram.normalize maps within
# In the after-space table, a row below NgramIndex's -1 (not found): not found either,
# and marked apart so that no shorter n-gram is looked up for it.
NOTHING_AFTER_SPACE = -2


@dataclasses.dataclass(frozen=True)
class TextNgrams:
    """The profile n-grams found in a batch of texts, grouped by text."""

    # int32 [found]: row in NgramProfiles.keys of the longest known n-gram ending
    # at each position of the texts, in text order (see NgramText.with_suffixes).
    rows: np.ndarray
    found: np.ndarray  # int64 [texts]: how many of `rows` each text has (they come text by text)
    letters: np.ndarray  # int64 [texts]: characters that are not spaces after normalisation
    han: np.ndarray  # int64 [texts]: Han ideographs
    hangul: np.ndarray  # int64 [texts]: Hangul syllables
    kana: np.ndarray  # int64 [texts]: hiragana and katakana
    script: np.ndarray  # int64 [texts]: the Unicode block most of the text's letters are in (Latin as one)

    @property
    def texts(self) -> int:
        return len(self.letters)

    def merged_spans(self, spans: list[tuple[int, int]]) -> TextNgrams:
        """Each span of texts [start, end) as one text (an article from its title and sentences): the counts
        summed, and the script the one most of the span's letters are in. Spans are contiguous and not empty."""
        starts = np.fromiter((start for start, _ in spans), dtype=np.int64, count=len(spans))
        script = np.array(
            [np.bincount(self.script[start:end], weights=self.letters[start:end]).argmax() for start, end in spans],
            dtype=np.int64,
        )
        return TextNgrams(
            rows=self.rows,
            found=np.add.reduceat(self.found, starts),
            letters=np.add.reduceat(self.letters, starts),
            han=np.add.reduceat(self.han, starts),
            hangul=np.add.reduceat(self.hangul, starts),
            kana=np.add.reduceat(self.kana, starts),
            script=script,
        )


def _langdetect_cleanup(joined: str) -> str:
    """URL and e-mail removal and Vietnamese composition, run only when the batch can need them."""
    if "://" in joined:
        joined = Detector.URL_RE.sub(" ", joined)
    if "@" in joined:
        joined = Detector.MAIL_RE.sub(" ", joined)
    # Five `in` scans cost a fifth of one regex search for the same marks.
    if not joined.isascii() and any(mark in joined for mark in NGram.DMARK_CLASS):
        joined = NGram.normalize_vi(joined)
    return joined


def _per_text(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The sum of `values` over each text (texts start at `starts`), as int64."""
    return np.add.reduceat(values, starts, dtype=np.int64) if len(values) else np.zeros(0, dtype=np.int64)


def _latin_noise_weights() -> np.ndarray:
    """int64 [65536]: -2 for a Latin letter, +1 for a letter of another script, 0 otherwise.

    A text's sum is its non-Latin letters less twice its Latin ones, so a
    positive sum is cleaning_text's "mostly another script" in one table
    lookup and one sum (code points above the BMP, like 0xFFFF, count +1).
    """
    codes = np.arange(0x10000)
    latin = (codes >= ord("A")) & (codes <= ord("z"))
    non_latin = (codes >= 0x300) & ~((codes >= 0x1E00) & (codes <= 0x1EFF))
    return np.where(latin, -2, np.where(non_latin, 1, 0)).astype(np.int64)


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
        # 1-grams are single characters: a direct table answers them without hashing.
        self._row_of_char = self._index.rows(np.arange(0x10000))
        self._row_after_space = self._longest_after_space()
        self._first_code_to_cjk = int(np.flatnonzero(self._normalised >= HIRAGANA)[0])
        self._latin_noise = _latin_noise_weights()

    def _longest_after_space(self) -> np.ndarray:
        """int32 [65536]: the row of ' c' for each character c, else of 'c', else NOTHING_AFTER_SPACE.

        After a space no 3-gram is read, so the longest n-gram there depends on
        the character alone: a direct table answers a fifth of all positions
        (every word's first letter, and the space after a punctuation mark)
        without the hash lookups that fall back from 3- to 2- to 1-grams.
        """
        after_space = self._index.rows((SPACE << 16) | np.arange(0x10000))
        after_space = np.where(after_space >= 0, after_space, self._row_of_char)
        return np.where(after_space >= 0, after_space, NOTHING_AFTER_SPACE).astype(np.int32)

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
        if not texts:
            return TextNgrams(*(np.zeros(0, dtype=np.int64) for _ in dataclasses.fields(TextNgrams)))
        # Every text ends with a word end (a space): langdetect reads its last
        # word without one and so misses the word endings ('ng ', 'ed '), which
        # say the most about the language of a short text.
        pieces = [text[: self._max_chars].replace(SEPARATOR, " ") for text in texts]
        joined = SEPARATOR + f" {SEPARATOR}".join(pieces) + " "
        joined = _langdetect_cleanup(joined)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        highest = codes.max()
        separator = codes == 0
        starts = separator.nonzero()[0]  # np.flatnonzero without its Python wrapper, as below
        if highest >= 0x300:  # below it, no text has a letter of another script
            codes, separator, starts = self._without_latin_noise(codes, separator, starts, highest)

        if highest <= 0xFFFF:
            chars = self._normalised.take(codes)
        else:
            chars = self._normalised.take(np.minimum(codes, 0xFFFF))
            chars[codes > 0xFFFF] = OUTSIDE_BMP
        rows, found = self._longest_known_ngrams(chars)

        letters = chars != SPACE
        letters_per_text = _per_text(letters, starts)
        # Kana, Han and Hangul all lie above HIRAGANA, and only code points from
        # _first_code_to_cjk on normalise to one: the codes' maximum, known already, often rules them out.
        if highest >= self._first_code_to_cjk and chars.max() >= HIRAGANA:
            han = _per_text((chars >= HAN_FIRST) & (chars <= HAN_LAST), starts)
            hangul = _per_text(chars == HANGUL_SYLLABLE, starts)
            kana = _per_text((chars == HIRAGANA) | (chars == KATAKANA), starts)
        else:
            han = hangul = kana = np.zeros(len(texts), dtype=np.int64)
        return TextNgrams(
            rows=rows,
            # `found` is read from position 1 on, so text t's positions (and the
            # separator after it, never found) begin at starts[t] there.
            found=_per_text(found, starts),
            letters=letters_per_text,
            han=han,
            hangul=hangul,
            kana=kana,
            script=self._majority_scripts(chars, letters, letters_per_text, separator),
        )

    def _without_latin_noise(
        self, codes: np.ndarray, separator: np.ndarray, starts: np.ndarray, highest: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """langdetect's cleaning_text: in text with twice as many non-Latin letters
        as Latin ones, the Latin letters are noise (names, acronyms) and go.

        Returns the codes, where the separators are, and the texts' starts (the separators' positions).
        """
        weights = self._latin_noise.take(np.minimum(codes, 0xFFFF) if highest > 0xFFFF else codes)
        mostly_other_script = _per_text(weights, starts) > 0
        if not mostly_other_script.any():
            return codes, separator, starts
        text_of = np.cumsum(separator) - 1
        latin = (codes >= ord("A")) & (codes <= ord("z"))
        codes = codes[~(latin & mostly_other_script[text_of])]
        separator = codes == 0
        return codes, separator, separator.nonzero()[0]

    def _longest_known_ngrams(self, chars: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The row of the longest known n-gram ending at each found position, and which positions are found.

        Positions are read from 1 on (position 0 is the batch's leading
        separator), as whole shifted slices rather than gathered: `found` is
        bool [len(chars) - 1], True where position i + 1 holds an n-gram.
        A separator (a space after normalisation) always follows the space
        that ends the text before it, so the after-space table finds nothing there.
        """
        current, before = chars[1:], chars[:-1]
        last_two = (before << 16) | current
        two_before = np.concatenate(([SPACE], chars[:-2]))
        # A 3-gram needs a letter before this one: after a space the table answers
        # instead, whatever the 3-gram lookup (done for all positions at once) found.
        # Runs of spaces need no collapsing, as langdetect does: no profile holds
        # '  ' or ' ', so the table finds nothing at the second space of a run.
        rows = np.where(
            before == SPACE, self._row_after_space.take(current), self._index.rows((two_before << 32) | last_two)
        )
        # Shorter n-grams are only looked up where the longer one is unknown
        # (most 3-grams of real text are known); a lone space is no 1-gram.
        shorter = (rows == -1).nonzero()[0]
        if len(shorter):
            two = self._index.rows(last_two[shorter])
            rows[shorter] = np.where(two >= 0, two, self._row_of_char.take(current[shorter]))
        # A capital after a capital holds no n-gram (langdetect's capitalword): found is
        # known and not that, `a & ~b` written as `a > b` on booleans, one operation.
        upper = self._uppercase.take(chars)
        found = np.greater(rows >= 0, upper[1:] & upper[:-1])
        return rows[found], found

    def _majority_scripts(
        self, chars: np.ndarray, letters: np.ndarray, letters_per_text: np.ndarray, separator: np.ndarray
    ) -> np.ndarray:
        """The script most of each text's letters are in; NO_SCRIPT (0, as argmax of no counts) without letters."""
        scripts = self._scripts.take(chars[letters])
        if len(scripts) and scripts.min() == scripts.max():
            # Every letter of the batch in one script, as in most batches: no counting needed.
            return np.where(letters_per_text > 0, scripts[0], NO_SCRIPT)
        texts, count = len(letters_per_text), self._script_count
        text_of = np.cumsum(separator) - 1
        per_script = np.bincount(text_of[letters] * count + scripts, minlength=texts * count)
        return per_script.reshape(texts, count).argmax(axis=1)
