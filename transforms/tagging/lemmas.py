"""Token -> lemma with simplemma's dictionaries, cached per worker, so lexicon terms survive inflection.

simplemma (https://github.com/adbar/simplemma) ships lemma dictionaries for 50+
languages. Only its dictionary lookup is used: the affix and greedy searches
of its default strategy cost ~20 µs per unknown word, and a dictionary miss
simply leaves the word as it is. The low-memory dictionaries keep the nine
bundled languages near 130 MB instead of ~1 GB; their slower lookups (~20 µs)
are paid once per distinct word thanks to the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from simplemma.strategies import DictionaryLookupStrategy
from simplemma.utils import canonicalize_token, has_apostrophe

from transforms.tagging.lemma_dictionaries import CachedStreamDictionaryFactory, forms_of

# Beyond this many cached words the cache starts afresh: a long-running streaming
# worker must not grow without bound, and news vocabulary re-warms in seconds.
MAX_CACHED_WORDS = 200_000
# One factory per process, shared by the topic and entity taggers: a language's
# dictionary is loaded once per worker (milliseconds from the cache, seconds without).
# It holds more languages than any configuration has lexicons for.
_DICTIONARIES = CachedStreamDictionaryFactory(cache_max_size=64)


class Lemmatizer:
    """Lowercase lemmas of lowercase words; a word simplemma does not know is its own lemma.

    Dictionaries load lazily, the first time a language is asked for, so a
    worker pays only for the languages it sees (0.2-3 s each). Only `languages`
    (those the tagging configs have lexicons or cues for) are looked up: a news
    mix holds dozens of languages, and simplemma's shared factory keeps only 8
    dictionaries, so asking for all of them reloaded a dictionary every few
    sentences (1.4 s each). Our own factory, shared in the process, holds every
    configured language.
    """

    def __init__(self, languages: Iterable[str]) -> None:
        self._languages = frozenset(languages)
        self._factory = _DICTIONARIES
        self._lookup = DictionaryLookupStrategy(self._factory)
        self._unsupported: set[str] = set()  # languages simplemma has no dictionary for (zh, ja, ...)
        self._cache: dict[tuple[str, str], str] = {}

    def _supports(self, lang: str) -> bool:
        return lang in self._languages and lang not in self._unsupported

    def _lookup_or_none(self, word: str, lang: str) -> str | None:
        if not self._supports(lang):
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

    def restricted(self, lang: str, lemmas: Iterable[str]) -> Callable[[str], str]:
        """word -> lemma for a lexicon that only compares lemmas with `lemmas`: exact for every word
        whose lemma, or which itself, is one of them; any other word comes back as it is, without
        a lookup. Such a word's true lemma is not among `lemmas` either, so matching sees no
        difference, and most words of a text skip simplemma's ~40 µs first lookup.

        The words that need a lookup are the dictionary forms of `lemmas` (forms_of, one pass
        over the dictionary, stored) and whatever get_lemma could read differently: words with
        an apostrophe, and words it would look up under another capitalisation.
        """
        if not self._supports(lang):
            return lambda word: self.lemma(word, lang)
        lemmas = frozenset(lemmas)
        try:
            needs_lookup = forms_of(lang, lemmas) | lemmas
        except ValueError:  # no dictionary for the language after all
            self._unsupported.add(lang)
            return lambda word: word

        def lemma(word: str) -> str:
            canonical = canonicalize_token(word, lang)
            if (
                word in needs_lookup
                or canonical in needs_lookup
                or has_apostrophe(canonical)
                or canonical != canonical.capitalize().lower()
            ):
                return self.lemma(word, lang)
            return word

        return lemma

    def _is_member(self, word: str, lang: str) -> bool:
        """Is `word`, exactly as cased, a key of the language's dictionary?"""
        if not self._supports(lang):
            return False
        try:  # the factory's dictionary is a plain mapping: an exact, case-sensitive key lookup
            return self._factory.get_dictionary(lang).get(word) is not None
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
