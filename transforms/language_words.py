"""Word-level evidence for language ID: wordfreq's word frequencies, looked up for a batch of texts at once.

Character n-grams tell close languages apart poorly on a few words (es/pt,
da/no, bg/mk, hi/mr, nl/af): "lesersmark inheemse" holds too few n-grams for
langdetect's profiles to settle it. Whole words do: each word of a text adds
WEIGHT x log P(word | language) to the text's score, P read from wordfreq's
'small' lists (every word above a frequency of 1e-6, about 30,000 per
language) and floored at FLOOR.

About a quarter of langdetect's languages have no wordfreq list (af, cy, et,
mr, ne, so, sq, sw, the Indic scripts, th), and zh and ja are written without
spaces, so their lists cannot be matched word by word. A word scores in such
an unlisted language as well as the best list scores it, less
SHARED_WORD_DISCOUNT (a word frequent in Hindi may well be Marathi too), and
at least UNLISTED_BONUS above the floor (a word no list holds is more likely
in a language without a list than in one whose list lacks it).

Words are runs of letters and marks (digits and punctuation separate them),
case-folded as wordfreq folds its lists, and known by a 64-bit polynomial hash
of their code points, so the lists are numpy arrays (about 24 MB, cached with
derived_cache.py) and a batch is looked up with one binary search.

The constants were chosen on the even-numbered half of each language's items
in ../shared/data/langid, as language_id.py's were (`eval_language_id.py
--half odd` scores the other half): FLOOR of 1e-7 and 1e-8, then a grid of
WEIGHT 0.2-0.4, UNLISTED_BONUS 2-5 and SHARED_WORD_DISCOUNT 1-3, keeping the
best word-pair accuracy that lost nothing on sentences. Nothing is fitted to
single words or languages. language_id.py adds this evidence only where the
n-grams leave a text open (WORD_EVIDENCE_MARGIN).
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import unicodedata
from pathlib import Path

import numpy as np

from transforms.derived_cache import cache_dir, cached_arrays, package_version
from transforms.language_ngrams import SEPARATOR

# Bump when the cached arrays change meaning.
CACHE_FORMAT = 1
WORDFREQ_LIST = "small"
WEIGHT = 0.3
FLOOR = 1e-8
UNLISTED_BONUS = 3.0
SHARED_WORD_DISCOUNT = 2.0
LOG_FLOOR = math.log(FLOOR)
# langdetect's codes whose wordfreq list goes by another name.
WORDFREQ_CODE = {"no": "nb", "tl": "fil", "hr": "sh"}
# Written without spaces between words: a run of letters is a phrase, not a word.
UNSPACED = frozenset({"zh-cn", "zh-tw", "ja"})
# Longer list entries are left out (none is a word of running text).
MAX_LISTED_WORD_CHARS = 64
_HASH_BASE = np.uint64(0x100000001B3)  # FNV's 64-bit prime: odd, so powers of it never vanish modulo 2**64


def word_characters() -> np.ndarray:
    """bool [65536]: which BMP code points are letters or combining marks (Devanagari vowel signs are marks)."""
    return np.array([unicodedata.category(chr(code))[0] in "LM" for code in range(0x10000)], dtype=bool)


def _powers(base: int, count: int) -> np.ndarray:
    """uint64 [count]: base**0, base**1, ... modulo 2**64."""
    powers = np.full(count, base, dtype=np.uint64)
    powers[0] = 1
    return np.cumprod(powers, dtype=np.uint64)  # wraps modulo 2**64 by design


class WordHasher:
    """Splits texts into words and hashes each, in a fixed number of numpy operations per batch.

    A word's hash is the sum of its code points times powers of _HASH_BASE, the
    first times 1, all modulo 2**64 (a word longer than `max_chars` + 1 takes the
    last power for the rest). It is read off prefix sums of the whole batch: the
    sum over the word's positions of code x base**position, times base**-start.
    """

    # Prefix sums need a power per position of a batch: enough are kept for the batches language ID
    # sends (its unsure texts); a longer batch is hashed by offsets in words (_hash_words_by_offset).
    _KEPT_POWERS = 1 << 15

    def __init__(self, is_word_character: np.ndarray, max_chars: int) -> None:
        self._is_word = is_word_character
        self._max_chars = max_chars
        self._powers = _powers(int(_HASH_BASE), max_chars + 1)
        self._position_powers = _powers(int(_HASH_BASE), self._KEPT_POWERS)
        # The base is odd, so it has an inverse modulo 2**64: its powers undo a word's start.
        self._inverse_powers = _powers(pow(int(_HASH_BASE), -1, 1 << 64), self._KEPT_POWERS)

    def hash_words(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(uint64 hash of every word, int64 text of every word), words in text order."""
        # Separators before and after every text: a word starts and ends inside the batch.
        pieces = [text[: self._max_chars].replace(SEPARATOR, " ") for text in texts]
        joined = SEPARATOR + SEPARATOR.join(pieces) + SEPARATOR
        folded = joined.casefold()
        codes = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32)
        if codes.max() <= 0xFFFF:
            in_word = self._is_word.take(codes)
        else:  # code points outside the BMP (emoji, rare scripts) are in no list: they separate words
            in_word = self._is_word.take(np.minimum(codes, 0xFFFF)) & (codes <= 0xFFFF)
        if len(codes) > self._KEPT_POWERS:
            return self._hash_words_by_offset(codes, in_word)
        # Where in_word changes: before each word's first character, and at its last.
        changes = (in_word[1:] != in_word[:-1]).nonzero()[0]
        if not len(changes):
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        before, last = changes[0::2], changes[1::2]
        # casefold() may lengthen a text (ß -> ss) past max_chars, and a word longer than
        # max_chars + 1 takes the last power for the rest, which prefix sums do not give.
        if len(folded) != len(joined) and (last - before).max() > self._max_chars + 1:
            return self._hash_words_by_offset(codes, in_word)
        prefix = (codes.astype(np.uint64) * self._position_powers[: len(codes)]).cumsum()
        hashes = (prefix.take(last) - prefix.take(before)) * self._inverse_powers.take(before + 1)
        text_of_word = (codes == 0).cumsum().take(before) - 1
        return hashes, text_of_word

    def _hash_words_by_offset(self, codes: np.ndarray, in_word: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """hash_words for any batch: each character times the power of its offset in its word, summed per word."""
        positions = np.flatnonzero(in_word)
        if not len(positions):
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        starts = np.ones(len(positions), dtype=bool)
        starts[1:] = positions[1:] != positions[:-1] + 1
        first = np.flatnonzero(starts)
        word_of_position = np.cumsum(starts) - 1
        offset = np.arange(len(positions)) - first[word_of_position]
        # casefold() may lengthen a text (ß -> ss); a word longer than the table is cut, not lost.
        weighted = codes[positions].astype(np.uint64) * self._powers.take(np.minimum(offset, self._max_chars))
        hashes = np.add.reduceat(weighted, first)
        text_of_word = np.cumsum(codes == 0)[positions[first]] - 1
        return hashes, text_of_word


@dataclasses.dataclass(frozen=True)
class WordLists:
    """Every listed word's hash, and for each its log-frequency in each language whose list holds it."""

    keys: np.ndarray  # uint64 [words], sorted, unique
    offsets: np.ndarray  # int32 [words + 1]: the word's entries are offsets[i]:offsets[i + 1]
    columns: np.ndarray  # int16 [entries]: profile column (langdetect language) of the entry
    log_freqs: np.ndarray  # float32 [entries]
    listed: np.ndarray  # bool [profile columns]: whether the language has a list
    is_word_character: np.ndarray  # bool [65536]


def build_word_lists(languages: tuple[str, ...]) -> WordLists:
    """Read wordfreq's lists for langdetect's `languages` (the slow path, about 6 s)."""
    from wordfreq import available_languages, get_frequency_dict

    is_word = word_characters()
    hasher = WordHasher(is_word, max_chars=MAX_LISTED_WORD_CHARS)

    def matchable(word: str) -> bool:
        """Entries with digits or punctuation ("aujourd'hui", "0000") never match a word as split here."""
        return len(word) <= MAX_LISTED_WORD_CHARS and all(ord(c) <= 0xFFFF and is_word[ord(c)] for c in word)

    available = set(available_languages(WORDFREQ_LIST))
    listed = np.zeros(len(languages), dtype=bool)
    hashes, columns, log_freqs = [], [], []
    for column, code in enumerate(languages):
        name = WORDFREQ_CODE.get(code, code)
        if code in UNSPACED or name not in available:
            continue
        listed[column] = True
        frequencies = get_frequency_dict(name, WORDFREQ_LIST)
        words = [word for word in frequencies if matchable(word)]
        word_hashes, _ = hasher.hash_words(words)
        hashes.append(word_hashes)
        columns.append(np.full(len(words), column, dtype=np.int16))
        log_freqs.append(np.log([frequencies[word] for word in words]).astype(np.float32))
    hashes = np.concatenate([np.zeros(0, dtype=np.uint64), *hashes])
    columns = np.concatenate([np.zeros(0, dtype=np.int16), *columns])
    log_freqs = np.concatenate([np.zeros(0, dtype=np.float32), *log_freqs])
    order = np.argsort(hashes, kind="stable")
    keys, counts = np.unique(hashes[order], return_counts=True)
    return WordLists(
        keys=keys,
        offsets=np.concatenate(([0], np.cumsum(counts))).astype(np.int32),
        columns=columns[order],
        log_freqs=log_freqs[order],
        listed=listed,
        is_word_character=is_word,
    )


def default_cache_path(languages: tuple[str, ...]) -> Path:
    # The lists depend on which languages the profiles hold, so their names are part of the key.
    digest = hashlib.sha1(" ".join(languages).encode()).hexdigest()[:10]
    return cache_dir() / f"wordfreq-{package_version('wordfreq')}-{WORDFREQ_LIST}-v{CACHE_FORMAT}-{digest}.npz"


def load_word_lists(languages: tuple[str, ...], cache_path: Path | None = None) -> WordLists:
    """The lists from the cache when it is there and readable, else built and cached."""
    fields = [field.name for field in dataclasses.fields(WordLists)]

    def build() -> dict[str, np.ndarray]:
        lists = build_word_lists(languages)
        return {name: getattr(lists, name) for name in fields}  # not dataclasses.asdict: it deep-copies

    arrays = cached_arrays(cache_path or default_cache_path(languages), build)
    return WordLists(**{name: arrays[name] for name in fields})


class WordEvidence:
    """Scores texts by their words, per profile column; holds only read-only arrays.

    A text's score in a listed language is its word count times LOG_FLOOR plus,
    for each of its words that language's list holds, the word's gain over the
    floor; in an unlisted language it is the sum of each word's unlisted score,
    fixed per word here. So a batch costs a hash per word, a lookup and a few
    bincounts, never a [words x languages] matrix.
    """

    def __init__(self, lists: WordLists, max_chars: int) -> None:
        self._lists = lists
        self._hasher = WordHasher(lists.is_word_character, max_chars)
        self._columns = len(lists.listed)
        self._gains = lists.log_freqs - np.float32(LOG_FLOOR)  # float32, as stored: 6 MB, not 12
        best_listed = np.maximum.reduceat(lists.log_freqs, lists.offsets[:-1]) if len(lists.keys) else lists.log_freqs
        self._unlisted_score = np.maximum(LOG_FLOOR + UNLISTED_BONUS, best_listed - SHARED_WORD_DISCOUNT)
        self._unknown_unlisted_score = LOG_FLOOR + UNLISTED_BONUS
        self._entry_counts = np.diff(lists.offsets)  # each listed word's number of entries, looked up with one take

    def scores(self, texts: list[str]) -> np.ndarray:
        """[texts, profile columns]: WEIGHT x the summed log-probabilities of each text's words."""
        lists, columns = self._lists, self._columns
        hashes, text_of_word = self._hasher.hash_words(texts)
        if not len(hashes) or not len(lists.keys):
            return np.zeros((len(texts), columns))
        index = np.minimum(lists.keys.searchsorted(hashes), len(lists.keys) - 1)
        found = lists.keys[index] == hashes
        words_per_text = np.bincount(text_of_word, minlength=len(texts))
        per_word_unlisted = np.where(found, self._unlisted_score[index], self._unknown_unlisted_score)
        unlisted = np.bincount(text_of_word, weights=per_word_unlisted, minlength=len(texts))
        scores = np.where(lists.listed, (words_per_text * LOG_FLOOR)[:, None], unlisted[:, None])
        # Every list entry of every found word, as (word, entry) pairs, without a Python loop.
        listed_words = index[found]
        first = lists.offsets.take(listed_words)
        counts = self._entry_counts.take(listed_words)
        entry = np.arange(counts.sum()) + np.repeat(first - (np.cumsum(counts) - counts), counts)
        cell = np.repeat(text_of_word[found], counts) * columns + lists.columns[entry]
        scores += np.bincount(cell, weights=self._gains[entry], minlength=len(texts) * columns).reshape(-1, columns)
        return WEIGHT * scores
