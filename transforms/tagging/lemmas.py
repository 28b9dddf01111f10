"""Token -> lemma with simplemma's dictionaries, cached per worker, so lexicon terms survive inflection.

simplemma (https://github.com/adbar/simplemma) ships lemma dictionaries for 50+
languages. Only its dictionary lookup is used: the affix and greedy searches
of its default strategy cost ~20 µs per unknown word, and a dictionary miss
simply leaves the word as it is. The low-memory dictionaries keep the nine
bundled languages near 130 MB instead of ~1 GB; their slower lookups (~20 µs)
are paid once per distinct word thanks to the cache.
"""

from __future__ import annotations

from simplemma.strategies import DictionaryLookupStrategy
from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY

# Beyond this many cached words the cache starts afresh: a long-running streaming
# worker must not grow without bound, and news vocabulary re-warms in seconds.
MAX_CACHED_WORDS = 200_000


class Lemmatizer:
    """Lowercase lemmas of lowercase words; a word simplemma does not know is its own lemma.

    Dictionaries load lazily, the first time a language is asked for, so a
    worker pays only for the languages it sees (0.2-3 s each).
    """

    def __init__(self) -> None:
        self._lookup = DictionaryLookupStrategy(LOW_MEMORY_DICTIONARY_FACTORY)
        self._unsupported: set[str] = set()  # languages simplemma has no dictionary for (zh, ja, ...)
        self._cache: dict[tuple[str, str], str] = {}

    def _lookup_or_none(self, word: str, lang: str) -> str | None:
        if lang in self._unsupported:
            return None
        try:
            return self._lookup.get_lemma(word, lang)
        except ValueError:  # simplemma's answer for a language it has no dictionary for
            self._unsupported.add(lang)
            return None

    def lemma(self, word: str, lang: str) -> str:
        key = (lang, word)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if len(self._cache) >= MAX_CACHED_WORDS:
            self._cache.clear()
        found = self._lookup_or_none(word, lang)
        lemma = found.casefold() if found else word
        self._cache[key] = lemma
        return lemma

    def _is_member(self, word: str, lang: str) -> bool:
        """Is `word`, exactly as cased, a key of the language's dictionary?"""
        if lang in self._unsupported:
            return False
        try:  # the factory's dictionary is a plain mapping: an exact, case-sensitive key lookup
            return LOW_MEMORY_DICTIONARY_FACTORY.get_dictionary(lang).get(word) is not None
        except ValueError:
            self._unsupported.add(lang)
            return False

    def is_common_word(self, word: str, lang: str) -> bool:
        """Is `word` an ordinary word of the language rather than a name?

        simplemma's dictionaries hold names too, capitalised ('Madrid', 'Christopher', 'Дмитрий'),
        and ordinary words in lowercase ('real', 'estado', 'сборная'). A word whose lowercase form is
        a key while its capitalised form is not is an ordinary word written with a capital.
        """
        key = (lang + "!", word)
        cached = self._cache.get(key)
        if cached is None:
            lower = word.lower()
            common = self._is_member(lower, lang) and not self._is_member(lower[:1].upper() + lower[1:], lang)
            cached = self._cache[key] = "1" if common else ""
        return cached == "1"

    def is_known(self, word: str, lang: str) -> bool:
        """Is `word` (as written) in the language's dictionary? German nouns are, German names mostly not."""
        key = (lang + "?", word)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = "1" if self._lookup_or_none(word, lang) is not None else ""
        return cached == "1"
