"""Country mentions as ISO 3166-1 alpha-2 codes.

Names come from CLDR through babel, in the sentence's language, plus the
aliases, capitals and demonyms of configs/places.yaml. Matching is
case-sensitive on whole token sequences, longest first ('Corea del Norte'
beats 'Corea'). For languages written without spaces (zh, ja) names match as
substrings, longest first, and Chinese gets CLDR's Simplified and Traditional
names. Names listed as ambiguous there ('Georgia', 'Chad', 'Jordan',
'Turkey', 'Niger') count only when one of their cue words occurs in the same
sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from transforms.tagging.cldr_names import cldr_country_names
from transforms.tagging.patterns import longest_first_pattern
from transforms.tagging.tokens import Tokens, positions, tokenize, word_tuple

NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my"})


class PlaceMention(NamedTuple):
    code: str
    start: int  # character offsets in the sentence
    end: int
    is_demonym: bool  # 'norcoreano', 'French': a country reference, but not a proper-noun entity


class _LanguageNames:
    """The names of one language: word tuples for spaced scripts, one regex for the others."""

    def __init__(self, config: dict, lang: str) -> None:
        rules = config.get("ambiguous", {}).get(lang) or {}
        self.ambiguous = {
            word_tuple(name): (rule["code"], tuple(rule.get("needs_any", []))) for name, rule in rules.items()
        }
        names = {word_tuple(name): code for name, code in cldr_country_names(lang).items()}
        names.update({word_tuple(n): code for n, code in (config.get("aliases", {}).get(lang) or {}).items()})
        demonyms = {word_tuple(n): code for n, code in (config.get("demonyms", {}).get(lang) or {}).items()}
        names.update(demonyms)
        for key in self.ambiguous:
            names.pop(key, None)
        names.pop((), None)
        self.names = names
        self.demonyms = frozenset(demonyms)
        # First word -> the lengths of the names it starts, longest first: most words start none,
        # so most positions cost one dict lookup.
        lengths: dict[str, set[int]] = {}
        for key in [*names, *self.ambiguous]:
            lengths.setdefault(key[0], set()).add(len(key))
        self.lengths_by_first_word = {word: sorted(found, reverse=True) for word, found in lengths.items()}
        self.pattern: re.Pattern | None = None
        if lang in NO_SPACE_LANGUAGES:
            self._surface = {"".join(key): (code, key in self.demonyms) for key, code in names.items()}
            for name, code in cldr_country_names(lang).items():  # CLDR's own spelling, punctuation and all
                self._surface.setdefault(name, (code, False))
            self.pattern = longest_first_pattern(self._surface)

    def find_substrings(self, text: str) -> list[PlaceMention]:
        if self.pattern is None:
            return []
        mentions = []
        for match in self.pattern.finditer(text):
            code, is_demonym = self._surface[match.group()]
            mentions.append(PlaceMention(code, match.start(), match.end(), is_demonym))
        return mentions


class PlaceTagger:
    def __init__(self, places_config: dict) -> None:
        self._config = places_config
        self._languages: dict[str, _LanguageNames] = {}

    def _names(self, lang: str) -> _LanguageNames:
        if lang not in self._languages:
            self._languages[lang] = _LanguageNames(self._config, lang)
        return self._languages[lang]

    def find(self, tokens: Tokens, text: str, languages: list[str]) -> list[PlaceMention]:
        """Every place mention, in the order of the languages then of the text."""
        found: list[PlaceMention] = []
        for lang in languages:
            table = self._names(lang)
            if table.pattern is not None:
                found += table.find_substrings(text)
                continue
            # The sentence's words that start a name, by one C loop of dict lookups over the word list
            # (building a set of the words first costs as much again).
            firsts = table.lengths_by_first_word.keys() & tokens.words
            if firsts:  # most sentences name no place in a language
                found += self._find_names(table, tokens, text, firsts)
        return found

    @staticmethod
    def _find_names(table: _LanguageNames, tokens: Tokens, text: str, firsts: set[str]) -> list[PlaceMention]:
        """Names of one language, left to right, longest first; the words of a name start no other name.
        Only the positions of `firsts`, the sentence's words that start a name, are tried."""
        words = tokens.words
        found = []
        position = 0  # the first token a name may start at
        for start in positions(words, firsts):
            if start < position:
                continue  # inside the name found before
            for length in table.lengths_by_first_word[words[start]]:
                if start + length > len(words):
                    continue
                key = tuple(words[start : start + length])
                code = table.names.get(key)
                if code is None and key in table.ambiguous:
                    candidate, cues = table.ambiguous[key]
                    code = candidate if any(cue in text for cue in cues) else None
                if code:
                    end = tokens.ends[start + length - 1]
                    found.append(PlaceMention(code, tokens.starts[start], end, key in table.demonyms))
                    position = start + length
                    break
        return found

    def codes(self, text: str, languages: list[str]) -> list[str]:
        """Distinct country codes in order of first mention."""
        mentions = sorted(self.find(tokenize(text), text, languages), key=lambda mention: mention.start)
        return list(dict.fromkeys(mention.code for mention in mentions))
