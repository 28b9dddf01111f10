"""Country mentions as ISO 3166-1 alpha-2 codes.

Names come from CLDR through babel, in the sentence's language, plus the
aliases, capitals and demonyms of configs/places.yaml. Matching is
case-sensitive on whole token sequences, longest first ('Corea del Norte'
beats 'Corea'). Names listed as ambiguous there ('Georgia', 'Chad',
'Jordan', 'Turkey', 'Niger') count only when one of their cue words occurs in
the same sentence.
"""

from __future__ import annotations

import babel
from babel.core import UnknownLocaleError

from transforms.tagging.tokens import Token, tokenize, word_tuple

# CLDR regions that are not countries, or not ISO 3166-1 assigned.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


def cldr_country_names(lang: str) -> dict[str, str]:
    """Country name -> ISO code in `lang`, from CLDR; {} for unknown languages."""
    try:
        territories = babel.Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError, TypeError):
        return {}
    return {
        name: code
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


class PlaceTagger:
    def __init__(self, places_config: dict) -> None:
        self._config = places_config
        self._names: dict[str, dict[tuple[str, ...], str]] = {}  # lang -> word tuple -> code
        self._ambiguous: dict[str, dict[tuple[str, ...], tuple[str, frozenset[str]]]] = {}
        self._longest: dict[str, int] = {}

    def _load(self, lang: str) -> None:
        ambiguous = {
            word_tuple(name): (rule["code"], frozenset(cue for cue in rule.get("needs_any", [])))
            for name, rule in (self._config.get("ambiguous", {}).get(lang) or {}).items()
        }
        names = {word_tuple(name): code for name, code in cldr_country_names(lang).items()}
        for section in ("aliases", "demonyms"):
            names.update({word_tuple(n): code for n, code in (self._config.get(section, {}).get(lang) or {}).items()})
        for key in ambiguous:
            names.pop(key, None)
        names.pop((), None)
        self._names[lang] = names
        self._ambiguous[lang] = ambiguous
        self._longest[lang] = max((len(key) for key in [*names, *ambiguous]), default=1)

    def find(self, tokens: list[Token], text: str, languages: list[str]) -> list[tuple[str, Token, Token]]:
        """(code, first token, last token) of every place mention."""
        words = [token.text for token in tokens]
        found = []
        for lang in languages:
            if lang not in self._names:
                self._load(lang)
            names, ambiguous, longest = self._names[lang], self._ambiguous[lang], self._longest[lang]
            position = 0
            while position < len(words):
                for length in range(min(longest, len(words) - position), 0, -1):
                    key = tuple(words[position : position + length])
                    code = names.get(key)
                    if code is None and key in ambiguous:
                        candidate, cues = ambiguous[key]
                        code = candidate if any(cue in text for cue in cues) else None
                    if code:
                        found.append((code, tokens[position], tokens[position + length - 1]))
                        position += length
                        break
                else:
                    position += 1
        return found

    def codes(self, text: str, languages: list[str]) -> list[str]:
        """Distinct country codes in order of first mention."""
        return list(dict.fromkeys(code for code, _, _ in self.find(tokenize(text), text, languages)))
