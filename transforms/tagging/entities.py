"""Proper-noun spans typed by cues that work across languages.

A span is a run of capitalised tokens (allowing lowercase connectors such as
'de', 'of', 'van' between them). Its type comes from cues in
configs/entities.yaml: a person title just before it (presidente, Mr., Frau)
makes a PER; an organisation keyword inside it (Agencia, Inc., Ministry) an
ORG; a country name or location keyword a LOC; anything else is MISC. A
single capitalised word opening the sentence is skipped unless a cue types
it: capitalisation there says nothing.
"""

from __future__ import annotations

import dataclasses

from transforms.records import Entity
from transforms.tagging.tokens import Token, word_tuple

# Name-internal particles ("Corea del Norte", "Bank of Japan"); conjunctions are not
# among them, so "Kim y Putin" stays two entities.
_CONNECTORS = frozenset("de del della di da do dos das von van der den la le du of".split())
MAX_CUE_WORDS = 3

Phrases = set[tuple[str, ...]]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _contains_phrase(words: list[str], phrases: Phrases) -> bool:
    return any(
        tuple(words[i : i + n]) in phrases for n in range(1, MAX_CUE_WORDS + 1) for i in range(len(words) - n + 1)
    )


@dataclasses.dataclass(frozen=True)
class _Cues:
    titles: Phrases
    organisations: Phrases
    locations: Phrases


class EntityTagger:
    def __init__(self, entities_config: dict) -> None:
        def phrases(section: str) -> dict[str, Phrases]:
            table = entities_config.get(section) or {}
            return {lang: {word_tuple(p.casefold()) for p in terms or []} for lang, terms in table.items()}

        self._tables = {
            "titles": phrases("person_titles"),
            "organisations": phrases("org_keywords"),
            "locations": phrases("location_keywords"),
        }
        self._cues_by_languages: dict[tuple[str, ...], _Cues] = {}

    def _cues(self, languages: list[str]) -> _Cues:
        key = tuple(languages)
        if key not in self._cues_by_languages:
            merged = {
                name: set().union(*(table.get(lang, set()) for lang in languages))
                for name, table in self._tables.items()
            }
            self._cues_by_languages[key] = _Cues(**merged)
        return self._cues_by_languages[key]

    @staticmethod
    def _span_end(tokens: list[Token], lowered: list[str], text: str, start: int) -> int:
        """End (exclusive) of the capitalised run starting at `start`; punctuation ends a run."""

        def joined(left: int, right: int) -> bool:
            gap = text[tokens[left].end : tokens[right].start]
            return gap.isspace() or gap in ("'", "’")  # O'Brien is one name

        end = start + 1
        while end < len(tokens) and joined(end - 1, end):
            if _is_capitalised(tokens[end].text):
                end += 1
            elif (
                start > 0  # at sentence start 'Según la Agencia' is a word, then a name
                and lowered[end] in _CONNECTORS
                and end + 1 < len(tokens)
                and _is_capitalised(tokens[end + 1].text)
                and joined(end, end + 1)
            ):
                end += 2
            else:
                break
        return end

    @staticmethod
    def _first_title(tokens: list[Token], lowered: list[str], start: int, end: int, titles: Phrases) -> tuple[int, int]:
        """(index, length) of the first title phrase in [start, end) directly followed by a capitalised
        word (a name); (end, 0) if none. 'Princesa de Asturias' has no name after its title."""
        for index in range(start, end):
            for length in range(MAX_CUE_WORDS, 0, -1):
                after = index + length
                if after < end and _is_capitalised(tokens[after].text) and tuple(lowered[index:after]) in titles:
                    return index, length
        return end, 0

    def find(
        self, tokens: list[Token], text: str, languages: list[str], place_spans: set[tuple[int, int]]
    ) -> list[Entity]:
        """Entities of one sentence; `place_spans` are (start, end) of country mentions."""
        cues = self._cues(languages)
        lowered = [token.text.casefold() for token in tokens]
        entities: list[Entity] = []
        position = 0
        while position < len(tokens):
            if not _is_capitalised(tokens[position].text):
                position += 1
                continue
            end = self._span_end(tokens, lowered, text, position)
            # A capitalised title inside the run (Yesterday President Joe Biden, Frau Müller) is a
            # cue, not part of a name: the run splits before it and the title words are dropped.
            if tuple(lowered[position:end]) in cues.titles:
                position = end  # a bare title ('Mr.' before punctuation) names nobody
                continue
            title_at, title_words = self._first_title(tokens, lowered, position, end, cues.titles)
            if title_at > position:
                end = title_at
                title_words = 0
            position += title_words
            start_char, end_char = tokens[position].start, tokens[end - 1].end
            preceding = lowered[max(0, position - MAX_CUE_WORDS) : position]
            if title_words or any(tuple(preceding[-n:]) in cues.titles for n in range(1, MAX_CUE_WORDS + 1)):
                kind = "PER"
            elif _contains_phrase(lowered[position:end], cues.organisations):
                kind = "ORG"
            elif (start_char, end_char) in place_spans or _contains_phrase(lowered[position:end], cues.locations):
                kind = "LOC"
            else:
                kind = ""
            # A lone capitalised first word says nothing unless a cue typed it.
            if kind or position > 0 or end - position > 1:
                entities.append(
                    Entity(text=text[start_char:end_char], type=kind or "MISC", start=start_char, end=end_char)
                )
            position = end
        return entities
