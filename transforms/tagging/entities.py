"""Proper-noun spans typed by cues that work across languages.

A span is a run of capitalised tokens (allowing lowercase connectors such as
'de', 'of', 'van' between them). Its type comes from cues in
configs/entities.yaml, in this order:

1. PER: a person title just before it (presidente, Mr., Frau), possibly with
   a nationality between ('el líder norcoreano Kim Jong-un'); a title inside
   a capitalised run is dropped ('Russian President Vladimir Putin').
2. ORG: an organisation keyword inside it (Agencia, Inc., Ministry).
3. LOC: it lies inside a country mention of the place tagger, or holds a
   location keyword (River, Mar, Straße).
4. PER: a gazetteer hit: a full name or surname of `known_persons`, a span of
   two or more words opening with a common given name (`given_names`: 'Joe
   Biden') or, for names written family name first, with a listed family name
   followed by a capitalised word (`family_names_first`: 'Kim Jong-un', 'Xi
   Jinping').
5. MISC otherwise.

Country names are LOC even where capitalisation says nothing (zh, ja), and
'EE. UU.' is one span; demonyms ('French', 'norcoreano') are not entities. A
single capitalised word opening the sentence is skipped unless a cue types
it: capitalisation there says nothing. Across an article, `propagate_persons`
types later mentions of a person ('Kim', 'Putin') as PER too.
"""

from __future__ import annotations

import dataclasses
import re

from transforms.records import Entity
from transforms.tagging.lemmas import Lemmatizer
from transforms.tagging.places import PlaceMention, cldr_city_names
from transforms.tagging.tokens import Token, word_tuple

# Name-internal particles ("Corea del Norte", "Bank of Japan"); conjunctions are not
# among them, so "Kim y Putin" stays two entities.
_CONNECTORS = frozenset("de del della di da do dos das von van der den la le du of".split())
MAX_CUE_WORDS = 3
# Languages that capitalise every noun: there a capitalised dictionary word is a noun, not a name.
NOUN_CAPITALISING_LANGUAGES = frozenset({"de", "lb"})
# A name part shorter than this ('Li', 'Xi' aside, which come whole) is not propagated on its own.
MIN_PROPAGATED_PART = 3



class Phrases(frozenset):
    """Cue phrases as word tuples, plus the set of their first words: most words start no cue,
    so a lookup usually stops at one set membership test instead of building tuples."""

    def __new__(cls, phrases=()):
        instance = super().__new__(cls, phrases)
        instance.firsts = frozenset(phrase[0] for phrase in instance if phrase)
        return instance


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    return 3 <= len(word) <= 6 and word.isalpha() and word.isupper()


def _is_abbreviation(word: str, organisations: Phrases) -> bool:
    """A legal-form keyword that is written with a dot (inc, corp, ltd, co) or a single initial (S.A.)."""
    return len(word) == 1 or ((word,) in organisations and len(word) <= 4)


def _contains_phrase(words: list[str], phrases: Phrases) -> bool:
    for i in range(len(words)):
        if words[i] not in phrases.firsts:
            continue
        for n in range(1, min(MAX_CUE_WORDS, len(words) - i) + 1):
            if tuple(words[i : i + n]) in phrases:
                return True
    return False


@dataclasses.dataclass(frozen=True)
class _Cues:
    titles: Phrases
    organisations: Phrases
    locations: Phrases
    openers: frozenset[str]  # function words that open sentences capitalised ('The', 'Then', 'El')
    not_names: frozenset[str]  # capitalised words that name nothing ('Tuesday', 'Montag')
    cities: frozenset[str]  # CLDR exemplar cities in these languages


@dataclasses.dataclass(frozen=True)
class _Persons:
    known: frozenset[str]  # full names and surnames, case-sensitive
    given_names: frozenset[str]
    family_names_first: frozenset[str]


class EntityTagger:
    def __init__(self, entities_config: dict) -> None:
        def phrases(section: str) -> dict[str, Phrases]:
            table = entities_config.get(section) or {}
            return {lang: Phrases(word_tuple(p.casefold()) for p in terms or []) for lang, terms in table.items()}

        def names(section: str) -> frozenset[str]:
            return frozenset(str(name).strip() for name in entities_config.get(section) or [])

        self._tables = {
            "titles": phrases("person_titles"),
            "organisations": phrases("org_keywords"),
            "locations": phrases("location_keywords"),
        }

        def words(section: str) -> dict[str, frozenset[str]]:
            table = entities_config.get(section) or {}
            return {lang: frozenset(str(word).casefold() for word in terms or []) for lang, terms in table.items()}

        self._openers = words("sentence_openers")
        self._not_names = words("not_names")
        self._persons = _Persons(names("known_persons"), names("given_names"), names("family_names_first"))
        self._cues_by_languages: dict[tuple[str, ...], _Cues] = {}
        self._cities: dict[str, frozenset[str]] = {}
        self._lemmatizer = Lemmatizer()

    def _city_names(self, languages: list[str]) -> frozenset[str]:
        for lang in languages:
            if lang not in self._cities:
                self._cities[lang] = cldr_city_names(lang)
        return frozenset().union(*(self._cities[lang] for lang in languages))

    def _cues(self, languages: list[str]) -> _Cues:
        key = tuple(languages)
        if key not in self._cues_by_languages:
            merged = {
                name: Phrases(frozenset().union(*(table.get(lang, frozenset()) for lang in languages)))
                for name, table in self._tables.items()
            }
            openers = frozenset().union(*(self._openers.get(lang, frozenset()) for lang in languages))
            not_names = frozenset().union(*(self._not_names.get(lang, frozenset()) for lang in languages))
            self._cues_by_languages[key] = _Cues(
                **merged, openers=openers, not_names=not_names, cities=self._city_names(languages)
            )
        return self._cues_by_languages[key]

    @staticmethod
    def _span_end(tokens: list[Token], lowered: list[str], text: str, start: int) -> int:
        """End (exclusive) of the capitalised run starting at `start`; punctuation ends a run."""

        def joined(left: int, right: int) -> bool:
            gap = text[tokens[left].end : tokens[right].start]
            if gap in (".", "/") and len(tokens[left].text) == 1 and len(tokens[right].text) == 1:
                return True  # initials of a legal form: S.A., A/S
            # O'Brien is one name, and so is J. K. Rowling
            return gap.isspace() or gap in ("'", "’") or (gap == ". " and len(tokens[left].text) == 1)

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
            if lowered[index] not in titles.firsts:
                continue
            for length in range(MAX_CUE_WORDS, 0, -1):
                after = index + length
                if after < end and _is_capitalised(tokens[after].text) and tuple(lowered[index:after]) in titles:
                    return index, length
        return end, 0

    @staticmethod
    def _title_before(lowered: list[str], tokens: list[Token], position: int, titles: Phrases, demonyms) -> bool:
        """A title ends just before `position`, or just before a nationality that does ('líder norcoreano')."""
        before = position
        while before > 0 and tokens[before - 1].end in demonyms:
            before = demonyms[tokens[before - 1].end]
        preceding = lowered[max(0, before - MAX_CUE_WORDS) : before]
        if not any(word in titles.firsts for word in preceding):
            return False
        return any(tuple(preceding[-n:]) in titles for n in range(1, min(MAX_CUE_WORDS, len(preceding)) + 1))

    def _is_person_name(self, words: list[str]) -> bool:
        persons = self._persons
        if " ".join(words) in persons.known or (len(words) == 1 and words[0] in persons.known):
            return True
        if len(words) >= 2 and words[-1] in persons.known:
            return True  # 'Vladimir Putin' once 'Putin' is known
        return len(words) >= 2 and (words[0] in persons.given_names or words[0] in persons.family_names_first)

    def _uncapitalise_nouns(
        self, tokens: list[Token], lowered: list[str], places: list[PlaceMention], cues: _Cues, languages: list[str]
    ) -> list[Token]:
        """German capitalises every noun: a capitalised dictionary word is read as lowercase unless it
        continues a name ('Olaf Scholz'), follows a title ('Frau Müller'), or is a cue, place or city."""
        place_starts = {mention.start for mention in places}
        result: list[Token] = []
        for index, token in enumerate(tokens):
            keep = (
                not token.text[:1].isupper()
                or token.start in place_starts
                or token.text in cues.cities
                or (lowered[index],) in cues.organisations
                or (lowered[index],) in cues.locations
                or (index and (lowered[index - 1],) in cues.titles)
                or (index and result[-1].text[:1].isupper() and tokens[index - 1].end + 1 == token.start)
                or not any(self._lemmatizer.is_known(token.text, lang) for lang in languages)
            )
            result.append(token if keep else token._replace(text=token.text.lower()))
        return result

    def find(self, tokens: list[Token], text: str, languages: list[str], places: list[PlaceMention]) -> list[Entity]:
        """Entities of one sentence, in text order; `places` are the place tagger's country mentions."""
        cues = self._cues(languages)
        lowered = [token.text.casefold() for token in tokens]
        noun_languages = [lang for lang in languages if lang in NOUN_CAPITALISING_LANGUAGES]
        if noun_languages:
            tokens = self._uncapitalise_nouns(tokens, lowered, places, cues, noun_languages)
        names = {mention.start: mention for mention in places if not mention.is_demonym}
        demonym_spans = {(m.start, m.end) for m in places if m.is_demonym}
        demonym_ends = {}  # end char of a demonym -> index of its first token, for 'líder norcoreano Kim'
        token_at = {token.start: index for index, token in enumerate(tokens)}
        for mention in places:
            if mention.is_demonym and mention.start in token_at:
                demonym_ends[mention.end] = token_at[mention.start]
        entities: list[Entity] = []
        position = 0
        while position < len(tokens):
            token = tokens[position]
            capitalised = _is_capitalised(token.text)
            if capitalised and (lowered[position] in cues.not_names or (position == 0 and lowered[0] in cues.openers)):
                position += 1  # 'The French minister', 'Then Joe Smith', 'on Tuesday': no name
                continue
            end = self._span_end(tokens, lowered, text, position) if capitalised else position + 1
            mention = names.get(token.start)
            if mention is not None and tokens[end - 1].end <= mention.end:
                # A country name is one LOC span, punctuation and all ('EE. UU.'), without a possessive
                # or an elided article ("Britain's" -> Britain, "l'Italie" -> Italie).
                entities.append(_country_entity(text, mention))
                while position < len(tokens) and tokens[position].start < mention.end:
                    position += 1
                continue
            if not capitalised:
                position += 1
                continue
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
            if text[end_char : end_char + 1] == "." and _is_abbreviation(lowered[end - 1], cues.organisations):
                end_char += 1  # 'Apple Inc.', 'Banco Santander S.A.': the dot belongs to the name
            words = [t.text for t in tokens[position:end]]
            if (start_char, end_char) in demonym_spans:
                kind = "-"  # 'French', 'North Korean': a nationality, not a name
            elif title_words or self._title_before(lowered, tokens, position, cues.titles, demonym_ends):
                kind = "PER"
            elif _contains_phrase(lowered[position:end], cues.organisations):
                kind = "ORG"
            elif (
                any(m.start <= start_char and end_char <= m.end for m in names.values())
                or _contains_phrase(lowered[position:end], cues.locations)
                or " ".join(words) in cues.cities
            ):
                kind = "LOC"
            elif self._is_person_name(words):
                kind = "PER"
            elif len(words) == 1 and _is_acronym(words[0]):
                kind = "ORG"  # NATO, APEC, FBI: acronyms in the news are mostly organisations
            else:
                kind = ""
            # A lone capitalised first word says nothing unless a cue typed it.
            if kind != "-" and (kind or position > 0 or end - position > 1):
                entities.append(
                    Entity(text=text[start_char:end_char], type=kind or "MISC", start=start_char, end=end_char)
                )
            position = end
        # Country names inside uncapitalised scripts (zh, ja): no run found them, the place tagger did.
        for mention in names.values():
            if not any(e.start < mention.end and mention.start < e.end for e in entities):
                entities.append(_country_entity(text, mention))
        return sorted(entities, key=lambda entity: entity.start)


_POSSESSIVE = re.compile(r"['’]s$")
_ELISION = re.compile(r"^\w{1,4}['’](?=\w)")


def _country_entity(text: str, mention: PlaceMention) -> Entity:
    start, end = mention.start, mention.end
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive:
        end = possessive.start()
    elision = _ELISION.match(text, start, end)
    if elision and text[start].islower():
        start = elision.end()
    return Entity(text=text[start:end], type="LOC", start=start, end=end)


def propagate_persons(sentences_entities: list[list[Entity]]) -> None:
    """Across one article, a MISC span that is a PER's name or one of its parts is that person too.

    'El líder norcoreano Kim Jong-un ...' then '... Kim fue invitado por Putin': once the title
    typed 'Kim Jong-un' and 'Vladimir Putin' as PER, the bare 'Kim' and 'Putin' are PER.
    """
    persons: set[str] = set()
    for entities in sentences_entities:
        for entity in entities:
            if entity.type == "PER":
                persons.add(entity.text)
                parts = entity.text.split()
                persons.update(part for part in parts if len(part) >= MIN_PROPAGATED_PART or len(parts) == 1)
    if not persons:
        return
    for entities in sentences_entities:
        for entity in entities:
            if entity.type == "MISC" and entity.text in persons:
                entity.type = "PER"
