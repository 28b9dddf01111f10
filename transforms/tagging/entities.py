"""Proper-noun spans typed by cues that work across languages.

A span is a run of capitalised tokens (allowing lowercase connectors such as
'de', 'of', 'van der' between them). A run opening the sentence loses its
first word when that is an ordinary word of the language ('Товарооборот
России', 'Real Madrid' -> 'Madrid'), and a run is cut before a given name
inside it ('ministro degli Esteri Antonio Tajani', 'президент России
Владимир Путин'). Its type comes from cues in configs/entities.yaml, in this
order:

1. PER: a person title just before it (presidente, Mr., Frau), possibly with
   a nationality between ('el líder norcoreano Kim Jong-un'); a title inside
   a capitalised run is dropped ('Russian President Vladimir Putin').
2. MISC: an event, law, award, product or holiday keyword inside it (Cup,
   Olympics, Festival, Gesetz, Copa, Ramadan).
3. ORG: an organisation keyword inside it (Agencia, Inc., Ministry), or, in
   languages that write compounds as one word, a word ending with an
   organisation suffix (-gewerkschaft, -ministerium).
4. LOC: it lies inside a country mention of the place tagger, or holds a
   location keyword (River, Mar, Straße), or is a CLDR exemplar city.
5. PER: a gazetteer hit: a full name or surname of `known_persons`, a span of
   two or more words opening with a common given name (`given_names`: 'Joe
   Biden') or, for names written family name first, with a listed family name
   followed by a capitalised word (`family_names_first`: 'Kim Jong-un', 'Xi
   Jinping').
6. ORG: an acronym (NATO, FBI).

A span no cue types is kept only with evidence of its own:
- followed by a number it is a product or model, MISC ('Ariane 6', 'Fiat 500');
- after a location preposition ('in', 'en', 'à', 'в') it is a LOC;
- two or three words none of which is an ordinary word of the language are a
  person's name, PER ('Mati Diop', 'Luka Dončić'); other runs of two words or
  more are MISC;
- a single capitalised word without a cue is no entity: capitalisation alone
  does not say what it names, and guessing made MISC mostly wrong. It is still
  a candidate for `propagate_persons`, which, across an article, types later
  mentions of a person ('Kim', 'Putin') as PER.
A run that is only a generic word ('Gobierno', 'Polizei': `generic_words`) is
no entity either.

Country names are LOC even where capitalisation says nothing (zh, ja), and
'EE. UU.' is one span; demonyms ('French', 'norcoreano') are not entities.
Chinese names, organisations and events are found by the substring rules of
`transforms.tagging.cjk_entities`.
"""

from __future__ import annotations

import bisect
import dataclasses
import operator
import re
import types

from transforms.records import Entity
from transforms.tagging.cjk_entities import CjkEntityFinder
from transforms.tagging.cldr_names import cldr_city_names
from transforms.tagging.lemmas import MAX_CACHED_WORDS, Lemmatizer
from transforms.tagging.places import NO_SPACE_LANGUAGES, PlaceMention
from transforms.tagging.tokens import Tokens, word_tuple

# Name-internal particles ("Corea del Norte", "Bank of Japan", "von der Leyen"); conjunctions are
# not among them, so "Kim y Putin" stays two entities.
_CONNECTORS = frozenset("de del della di da do dos das von van der den la le du of d".split())
MAX_CONNECTORS = 2  # 'von der Leyen', 'Río de la Plata'
MAX_CUE_WORDS = 3
# Languages that capitalise every noun: there a capitalised dictionary word is a noun, not a name.
NOUN_CAPITALISING_LANGUAGES = frozenset({"de", "lb"})
# A name part shorter than this ('Li', 'Xi' aside, which come whole) is not propagated on its own.
MIN_PROPAGATED_PART = 3
# A German word is a compound of ordinary words when it ends with a dictionary noun of at least
# this many letters after a head of at least as many ('Krankenhaus|reform'); shorter tails
# ('-bach', '-er') end surnames as often as nouns.
MIN_COMPOUND_PART = 4
MAX_GUESSED_PERSON_WORDS = 3
ANY = "any"  # the language key of cue lists that hold in every language
# Words that open place and club names, never a person's ('San Antonio', 'Los Angeles', 'El Fasher').
_NOT_PERSON_OPENERS = frozenset("san santa santo são st saint sankt los las el al la le les il lo der die das".split())
# Regnal and ordinal numerals end a name: 'Abdallah II de Jordanie' is a person, then a country.
_ROMAN_NUMERAL = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV)$")
# Russian given names decline ('Дональдом', 'Дмитрия'): endings tried to find the nominative.
_RUSSIAN_ENDINGS = ("ом", "ем", "ым", "ой", "ей", "а", "я", "у", "ю", "е", "ы", "и")
_start = operator.attrgetter("start")  # sort key of entities: text order
# Run kinds from cues (EntityTagger._run_kind). Events and organisations are decided before a country
# mention around the run is looked at, the others after it.
_NO_NAME, _NO_NAME_LATE = "-", "--"
_BEFORE_PLACES = frozenset({"MISC", "ORG", _NO_NAME})
_KINDS = {"MISC": "MISC", "ORG": "ORG", "LOC": "LOC", "PER": "PER", "ACRONYM": "ORG", _NO_NAME_LATE: _NO_NAME}


class Phrases(frozenset):
    """Cue phrases as word tuples, plus the set of their first words: most words start no cue,
    so a lookup usually stops at one set membership test instead of building tuples."""

    def __new__(cls, phrases=()):
        instance = super().__new__(cls, phrases)
        instance.firsts = frozenset(phrase[0] for phrase in instance if phrase)
        return instance


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_name_shaped(word: str) -> bool:
    """Letters, with hyphens and apostrophes inside ('Jong-un', "O'Brien"); no digits."""
    return word.replace("-", "").replace("'", "").replace("’", "").isalpha()


def _is_acronym(word: str) -> bool:
    return 3 <= len(word) <= 6 and word.isalpha() and word.isupper()


def _is_abbreviation(word: str, organisations: Phrases) -> bool:
    """A legal-form keyword that is written with a dot (inc, corp, ltd, co) or a single initial (S.A.)."""
    return len(word) == 1 or ((word,) in organisations and len(word) <= 4)


def _contains_phrase(words: list[str], phrases: Phrases) -> bool:
    if phrases.firsts.isdisjoint(words):  # the usual answer, found in C
        return False
    for i in range(len(words)):
        if words[i] not in phrases.firsts:
            continue
        for n in range(1, min(MAX_CUE_WORDS, len(words) - i) + 1):
            if tuple(words[i : i + n]) in phrases:
                return True
    return False


@dataclasses.dataclass(frozen=True)
class _Cues:
    languages: tuple[str, ...]  # the languages these cues are merged from
    titles: Phrases
    organisations: Phrases
    locations: Phrases
    events: Phrases  # MISC keywords: events, laws, awards, products, holidays
    openers: frozenset[str]  # function words that open sentences capitalised ('The', 'Then', 'El')
    not_names: frozenset[str]  # capitalised words that name nothing ('Tuesday', 'Montag')
    generic: frozenset[str]  # capitalised words that name nothing on their own ('Gobierno', 'Polizei')
    location_prepositions: frozenset[str]  # 'in', 'en', 'à', 'в': a name right after is a place
    org_suffixes: tuple[str, ...]  # endings of one-word compound organisation names (de)
    title_suffixes: tuple[str, ...]  # endings of compound titles ('Gesundheitsminister', 'FPÖ-Chef')
    cities: frozenset[str]  # CLDR exemplar cities in these languages
    noun_languages: list[str]  # those of the languages that capitalise every noun (German)
    # run words -> (kind, guess), filled by EntityTagger._run_kind; bounded like the word caches
    run_kinds: dict = dataclasses.field(default_factory=dict, compare=False)
    # word -> is an ordinary word of these languages, filled by EntityTagger._is_common_word; kept here
    # rather than keyed by (word, *languages), a tuple built for every look-up
    common: dict = dataclasses.field(default_factory=dict, compare=False)
    # word -> stays capitalised wherever it stands, filled by EntityTagger._is_name_word (German)
    name_words: dict = dataclasses.field(default_factory=dict, compare=False)


@dataclasses.dataclass(frozen=True)
class _Persons:
    known: frozenset[str]  # full names and surnames, case-sensitive
    given_names: frozenset[str]
    family_names_first: frozenset[str]

    def is_given_name(self, word: str) -> bool:
        if word in self.given_names:
            return True
        if not ("\u0400" <= word[:1] <= "\u04ff"):
            return False
        for ending in _RUSSIAN_ENDINGS:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                stem = word[: -len(ending)]
                if any(stem + nominative in self.given_names for nominative in ("", "й", "я", "а")):
                    return True
        return False


class EntityTagger:
    def __init__(self, entities_config: dict) -> None:
        def phrases(section: str) -> dict[str, Phrases]:
            table = entities_config.get(section) or {}
            return {lang: Phrases(word_tuple(p.casefold()) for p in terms or []) for lang, terms in table.items()}

        def names(section: str) -> frozenset[str]:
            return frozenset(str(name).strip() for name in entities_config.get(section) or [])

        def words(section: str) -> dict[str, frozenset[str]]:
            table = entities_config.get(section) or {}
            return {lang: frozenset(str(word).casefold() for word in terms or []) for lang, terms in table.items()}

        self._tables = {
            "titles": phrases("person_titles"),
            "organisations": phrases("org_keywords"),
            "locations": phrases("location_keywords"),
            "events": phrases("misc_keywords"),
        }
        self._word_tables = {
            "openers": words("sentence_openers"),
            "not_names": words("not_names"),
            "generic": words("generic_words"),
            "location_prepositions": words("location_prepositions"),
        }
        self._suffixes = {"org_suffixes": words("org_suffixes"), "title_suffixes": words("title_suffixes")}
        self._persons = _Persons(names("known_persons"), names("given_names"), names("family_names_first"))
        self._cjk = CjkEntityFinder(entities_config.get("cjk") or {})
        self._cues_by_languages: dict[tuple[str, ...], _Cues] = {}
        self._cities: dict[str, frozenset[str]] = {}
        # Ordinary-word checks only in languages the cue lists cover: a dictionary costs memory and load time.
        self._lemmatizer = Lemmatizer(set().union(*self._tables.values()))
        self._compounds: dict[str, bool] = {}

    def _city_names(self, languages: list[str]) -> frozenset[str]:
        for lang in languages:
            if lang not in self._cities:
                self._cities[lang] = cldr_city_names(lang)
        return frozenset().union(*(self._cities[lang] for lang in languages))

    def _cues(self, languages: list[str]) -> _Cues:
        key = tuple(languages)
        found = self._cues_by_languages.get(key)
        if found is None:
            merged = {  # 'any': cues of every language ('S.A.', 'Inc.', 'Cup' travel across languages)
                name: Phrases(frozenset().union(*(table.get(lang, frozenset()) for lang in [*languages, ANY])))
                for name, table in self._tables.items()
            }
            merged_words = {
                name: frozenset().union(*(table.get(lang, frozenset()) for lang in languages))
                for name, table in self._word_tables.items()
            }
            suffixes = {
                name: tuple(sorted(frozenset().union(*(table.get(lang, frozenset()) for lang in languages))))
                for name, table in self._suffixes.items()
            }
            found = self._cues_by_languages[key] = _Cues(
                languages=key,
                **merged,
                **merged_words,
                **suffixes,
                cities=self._city_names(languages),
                noun_languages=[lang for lang in languages if lang in NOUN_CAPITALISING_LANGUAGES],
            )
        return found

    def _is_common_word(self, word: str, cues: _Cues) -> bool:
        """An ordinary word of one of the cues' languages (not a name), however it is capitalised."""
        found = cues.common.get(word)
        if found is None:
            if len(cues.common) >= MAX_CACHED_WORDS:
                cues.common.clear()
            found = cues.common[word] = not self._persons.is_given_name(word) and any(
                self._lemmatizer.is_common_word(word, lang) for lang in cues.languages
            )
        return found

    def _is_compound_noun(self, word: str, lang: str) -> bool:
        """'Krankenhausreform', 'Hausarztpraxen': a German word ending with a dictionary noun."""
        found = self._compounds.get(word)
        if found is None:
            found = any(
                self._lemmatizer.is_known(word[i].upper() + word[i + 1 :], lang)
                for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1)
            )
            self._compounds[word] = found
        return found

    @staticmethod
    def _span_end(tokens: Tokens, lowered: list[str], text: str, start: int) -> int:
        """End (exclusive) of the capitalised run starting at `start`; punctuation ends a run."""
        words = tokens.words
        count = len(words)
        end = start + 1
        while end < count:
            capitalised = words[end][:1].isupper()
            if not capitalised and lowered[end] not in _CONNECTORS:
                break  # the usual end of a run, whatever separates the words: a lowercase word
            if not _joined(tokens, text, end - 1):
                break
            if capitalised:
                end += 1
                continue
            if start == 0 or (end - 1 > start and _ROMAN_NUMERAL.match(words[end - 1])):
                break  # at sentence start 'Según la Agencia' is a word, then a name; 'Albert II de Monaco'

            connectors = end
            while connectors < count and connectors - end < MAX_CONNECTORS and lowered[connectors] in _CONNECTORS:
                connectors += 1
            if (
                connectors > end
                and connectors < count
                and words[connectors][:1].isupper()
                and all(_joined(tokens, text, i) for i in range(end - 1, connectors))
            ):
                end = connectors + 1
            else:
                break
        return end

    def _cut_before_given_name(self, tokens: Tokens, lowered: list[str], start: int, end: int) -> int:
        """A run holding something then a person ('Esteri Antonio Tajani', 'России Владимир Путин')
        ends before the given name; the person starts the next run. A run opening with a given name is
        one person ('Luiz Inácio Lula da Silva')."""
        if self._persons.is_given_name(tokens.words[start]):
            return end
        for index in range(start + 1, end - 1):
            if self._persons.is_given_name(tokens.words[index]) and not self._persons.is_given_name(
                tokens.words[index - 1]
            ):
                while index - 1 > start and lowered[index - 1] in _CONNECTORS:
                    index -= 1  # 'Napoli di Antonio Conte' -> 'Napoli'
                return index
        return end

    @staticmethod
    def _first_title(tokens: Tokens, lowered: list[str], start: int, end: int, titles: Phrases) -> tuple[int, int]:
        """(index, length) of the first title phrase in [start, end) directly followed by a capitalised
        word (a name); (end, 0) if none. 'Princesa de Asturias' has no name after its title."""
        for index in range(start, end):
            if lowered[index] not in titles.firsts:
                continue
            for length in range(MAX_CUE_WORDS, 0, -1):
                after = index + length
                if after < end and _is_capitalised(tokens.words[after]) and tuple(lowered[index:after]) in titles:
                    return index, length
        return end, 0

    @staticmethod
    def _title_before(lowered: list[str], tokens: Tokens, position: int, cues: _Cues, demonyms) -> bool:
        """A title ends just before `position`, or just before a nationality that does ('líder norcoreano');
        in compounding languages the word before may end with a title ('Gesundheitsminister', 'US-Präsident')."""
        titles = cues.titles
        before = position
        while before > 0 and tokens.ends[before - 1] in demonyms:
            before = demonyms[tokens.ends[before - 1]]
        if not before:
            return False  # the run opens the sentence
        if cues.title_suffixes and lowered[before - 1].endswith(cues.title_suffixes):
            return True
        preceding = lowered[max(0, before - MAX_CUE_WORDS) : before]
        if titles.firsts.isdisjoint(preceding):
            return False  # the usual answer, found in C
        return any(tuple(preceding[-n:]) in titles for n in range(1, min(MAX_CUE_WORDS, len(preceding)) + 1))

    def _is_person_name(self, words: list[str]) -> bool:
        persons = self._persons
        if " ".join(words) in persons.known or (len(words) == 1 and words[0] in persons.known):
            return True
        if len(words) >= 2 and words[-1] in persons.known:
            return True  # 'Vladimir Putin' once 'Putin' is known
        return len(words) >= 2 and (persons.is_given_name(words[0]) or words[0] in persons.family_names_first)

    def _uncapitalise_nouns(
        self, tokens: Tokens, lowered: list[str], places: list[PlaceMention], cues: _Cues
    ) -> Tokens:
        """German capitalises every noun: a capitalised dictionary word, or a compound ending with one
        ('Krankenhausreform'), is read as lowercase unless it continues a name ('Olaf Scholz'), follows a
        title ('Frau Müller'), or is a cue, place or city."""
        place_starts = {mention.start for mention in places}
        starts, ends = tokens.starts, tokens.ends
        result = list(tokens.words)
        kept = -2  # index of the last token kept capitalised as (part of) a name, not as a place
        for index in _capitalised_indexes(tokens.words):  # lowercase words stay as they are
            word = tokens.words[index]
            kept_name = kept == index - 1
            if starts[index] in place_starts:
                continue
            keep = (
                (  # 'Deutsche Bischofskonferenz': an organisation suffix continuing a name
                    index
                    and lowered[index].endswith(cues.org_suffixes)
                    and tokens.words[index - 1][:1].isupper()
                    and ends[index - 1] + 1 == starts[index]
                )
                or (index and (lowered[index - 1],) in cues.titles)
                or (kept_name and ends[index - 1] + 1 == starts[index])
                or self._is_name_word(word, lowered[index], cues)
            )
            if keep:
                kept = index
            else:
                result[index] = word.lower()
        return tokens.with_words(result)

    def _is_name_word(self, word: str, folded: str, cues: _Cues) -> bool:
        """Does a capitalised word of a noun-capitalising language stay capitalised wherever it stands:
        a city, a one-word cue, a given name, or no dictionary noun? Cached per word (`folded` is its
        casefolded form): the dictionary and compound checks are the costly part of reading German."""
        found = cues.name_words.get(word)
        if found is None:
            if len(cues.name_words) >= MAX_CACHED_WORDS:
                cues.name_words.clear()
            found = cues.name_words[word] = (
                word in cues.cities
                or (folded,) in cues.organisations
                or (folded,) in cues.locations
                or (folded,) in cues.events
                or self._persons.is_given_name(word)
                or not any(
                    self._lemmatizer.is_known(word, lang) or self._is_compound_noun(word, lang)
                    for lang in cues.noun_languages
                )
            )
        return found

    def find(
        self,
        tokens: Tokens,
        text: str,
        languages: list[str],
        places: list[PlaceMention],
        candidates: list[Entity] | None = None,
        lowered: list[str] | None = None,
    ) -> list[Entity]:
        """Entities of one sentence, in text order; `places` are the place tagger's country mentions,
        `lowered` the casefolded tokens if the caller has them.

        Single capitalised words that no cue types are not entities; when `candidates` is given they
        are appended to it, for `propagate_persons`.
        """
        unspaced = not NO_SPACE_LANGUAGES.isdisjoint(languages)
        entities = self._cjk.find(text, languages) if unspaced else []
        if tokens.words:
            entities += self._find_in_tokens(tokens, text, languages, places, candidates, lowered)
        # Country names inside uncapitalised scripts (zh, ja): no run found them, the place tagger did.
        for mention in places:
            if not mention.is_demonym and not any(e.start < mention.end and mention.start < e.end for e in entities):
                entities.append(_country_entity(text, mention))
        if len(entities) > 1:
            entities.sort(key=_start)
        return entities

    def _find_in_tokens(
        self,
        tokens: Tokens,
        text: str,
        languages: list[str],
        places: list[PlaceMention],
        candidates: list[Entity] | None,
        lowered: list[str] | None,
    ) -> list[Entity]:
        # Only capitalised tokens and country names can start an entity: jump from one to the next.
        starts = _capitalised_indexes(tokens.words)
        if not starts and not places:
            return []  # no capital and no country (Arabic, Hindi, Korean...): nothing to look at
        cues = self._cues(languages)
        if lowered is None:
            lowered = tokens.lowered
        if cues.noun_languages:
            tokens = self._uncapitalise_nouns(tokens, lowered, places, cues)
            starts = _capitalised_indexes(tokens.words)
        words, token_starts = tokens.words, tokens.starts
        names, name_indexes, demonym_spans, demonym_ends = _place_lookups(tokens, places) if places else _NO_PLACES
        if name_indexes:
            starts = sorted(name_indexes.union(starts))
        titled = _may_hold_title(lowered, cues)
        not_names, openers, title_firsts = cues.not_names, cues.openers, cues.titles.firsts
        entities: list[Entity] = []
        position = 0
        for next_start in starts:
            if next_start < position:
                continue
            position = next_start
            # Without country names every start is a capitalised token.
            capitalised = not names or words[position][:1].isupper()
            if capitalised and (lowered[position] in not_names or (position == 0 and lowered[0] in openers)):
                continue  # 'The French minister', 'Then Joe Smith', 'on Tuesday': no name
            end = self._span_end(tokens, lowered, text, position) if capitalised else position + 1
            if position == 0 and end > 1 and self._is_common_word(words[0], cues):
                # 'Товарооборот России', 'Deutsche Schülerinnen': an ordinary word opens the sentence.
                position = 1
            if end - position > 2:
                end = self._cut_before_given_name(tokens, lowered, position, end)
            mention = names.get(token_starts[position]) if names else None
            if mention is not None:
                if (
                    tokens.ends[end - 1] > mention.end
                    and not _contains_phrase(lowered[position:end], cues.organisations)
                    and not _contains_phrase(lowered[position:end], cues.locations)
                ):
                    # 'Грузии Ираклий Кобахидзе': a country, then a name
                    end = _token_after(tokens, mention.end, position)
                if tokens.ends[end - 1] <= mention.end:
                    # A country name is one LOC span, punctuation and all ('EE. UU.'), without a possessive
                    # or an elided article ("Britain's" -> Britain, "l'Italie" -> Italie).
                    entities.append(_country_entity(text, mention))
                    position = _token_after(tokens, mention.end, position)
                    continue
            if not capitalised:
                position += 1
                continue
            if position == 0 and end == 1 and self._is_common_word(words[0], cues):
                # 'Police said', 'Premier ...': capitalised because it opens the sentence. Settled here,
                # before the title and type checks, because nearly every sentence opens this way.
                position = 1
                continue
            # A capitalised title inside the run (Yesterday President Joe Biden, Frau Müller) is a
            # cue, not part of a name: the run splits before it and the title words are dropped.
            title_words = 0
            if titled and not title_firsts.isdisjoint(lowered[position:end]):  # most runs hold no title word
                if tuple(lowered[position:end]) in cues.titles:
                    position = end  # a bare title ('Mr.' before punctuation) names nobody
                    continue
                title_at, title_words = self._first_title(tokens, lowered, position, end, cues.titles)
                if title_at > position:
                    end = title_at
                    title_words = 0
            if title_words:
                position += title_words
                mention = names.get(token_starts[position]) if names else None
                if mention is not None:  # 'Премьер-министр Грузии Ираклий Кобахидзе': the country, then the name
                    entities.append(_country_entity(text, mention))
                    position = _token_after(tokens, mention.end, position)
                    continue
            after_title = bool(title_words) or (
                titled and self._title_before(lowered, tokens, position, cues, demonym_ends)
            )
            entity = self._typed_span(tokens, lowered, text, position, end, after_title, cues, names, demonym_spans)
            if entity is not None:
                if entity.type:
                    entities.append(entity)
                elif candidates is not None:
                    candidates.append(entity)
                position = _token_after(tokens, entity.end, end)
            else:
                position = end
        return entities

    def _typed_span(
        self,
        tokens: Tokens,
        lowered: list[str],
        text: str,
        position: int,
        end: int,
        after_title: bool,
        cues: _Cues,
        names: dict[int, PlaceMention],
        demonym_spans: set[tuple[int, int]],
    ) -> Entity | None:
        """The entity of the run tokens[position:end]; type '' for an untyped candidate, None for no name.
        `after_title`: a title stands just before the run or opened it."""
        start_char, end_char = tokens.starts[position], tokens.ends[end - 1]
        if text[end_char : end_char + 1] == "." and _is_abbreviation(lowered[end - 1], cues.organisations):
            end_char += 1  # 'Apple Inc.', 'Banco Santander S.A.': the dot belongs to the name
        if demonym_spans and (start_char, end_char) in demonym_spans:
            return None  # 'French', 'North Korean': a nationality, not a name
        if after_title:
            return _span_entity(text, "PER", start_char, end_char)
        kind, guess = self._run_kind(tokens.words[position:end], lowered, position, end, cues)
        if kind == _NO_NAME:
            return None  # 'Gobierno', 'Polizei': a common noun capitalised by convention
        if kind in _BEFORE_PLACES:
            kind = _KINDS[kind]
        elif names and any(m.start <= start_char and end_char <= m.end for m in names.values()):
            kind = "LOC"
        elif kind:
            kind = _KINDS[kind]
            if kind == _NO_NAME:
                return None
        if kind:
            return _span_entity(text, kind, start_char, end_char)
        number = _number_after(tokens, text, end) if end - position == 1 and guess is not None else None
        if number is not None:  # one word, not an ordinary one
            end_char = tokens.ends[number]  # 'Ariane 6', 'Fiat 500': a product or model
            return _span_entity(text, "MISC", start_char, end_char)
        if position > 0 and lowered[position - 1] in cues.location_prepositions:
            kind = "LOC"  # 'in Kharkiv', 'en Sevilla', 'в Якутии'
        elif guess is None:
            return None  # 'Estado', 'Premier', 'Day': an ordinary word written with a capital
        else:
            kind = guess
        return _span_entity(text, kind, start_char, end_char)

    def _run_kind(
        self, words: list[str], lowered: list[str], position: int, end: int, cues: _Cues
    ) -> tuple[str, str | None]:
        """What a run's own words say, cached per run: news repeats names, and none of this depends
        on the sentence around the run. Returns (kind, guess):
        kind: the first cue among an event (MISC), an organisation (ORG, or _NO_NAME for a lone generic
        word), a location keyword or city (LOC), a known person (PER), an acronym ('ACRONYM'), a lone
        generic word (_NO_NAME_LATE), or '' for none;
        guess: the type a run without any cue gets: None for an ordinary word, '' for a lone name,
        PER or MISC for longer runs."""
        # The words as written decide everything, and their casefolded forms (`run`) follow from them;
        # except in German, whose nouns were lowercased: there the casefolded originals join the key.
        key = (*words, "", *lowered[position:end]) if cues.noun_languages else tuple(words)
        found = cues.run_kinds.get(key)
        if found is None:
            if len(cues.run_kinds) >= MAX_CACHED_WORDS:
                cues.run_kinds.clear()
            run = lowered[position:end]
            found = cues.run_kinds[key] = (self._cue_kind(words, run, cues), self._guess(words, run, cues))
        return found

    def _cue_kind(self, words: list[str], run: list[str], cues: _Cues) -> str:
        if _contains_phrase(run, cues.events):
            return "MISC"
        if _contains_phrase(run, cues.organisations) or (
            cues.org_suffixes and any(word.endswith(cues.org_suffixes) for word in run)
        ):
            return _NO_NAME if len(run) == 1 and run[0] in cues.generic else "ORG"
        if _contains_phrase(run, cues.locations) or " ".join(words) in cues.cities:
            return "LOC"
        if self._is_person_name(words):
            return "PER"
        if len(words) == 1 and _is_acronym(words[0]):
            return "ACRONYM"  # NATO, APEC, FBI: acronyms in the news are mostly organisations
        if len(run) == 1 and run[0] in cues.generic:
            return _NO_NAME_LATE
        return ""

    def _guess(self, words: list[str], run: list[str], cues: _Cues) -> str | None:
        if len(words) == 1:
            return None if self._is_common_word(words[0], cues) else ""
        if (
            len(words) <= MAX_GUESSED_PERSON_WORDS
            and run[0] not in _NOT_PERSON_OPENERS
            and not any(word in _CONNECTORS or word.isupper() or not _is_name_shaped(word) for word in words)
            and not any(self._is_common_word(word, cues) for word in words)
        ):
            return "PER"  # 'Mati Diop', 'Tadej Pogačar': names made of no ordinary word
        return "MISC"


def _span_entity(text: str, kind: str, start: int, end: int) -> Entity:
    """The entity text[start:end] of type `kind`. Arguments by position: by keyword, building the
    dataclass takes twice as long, and a sentence builds a few."""
    return Entity(text[start:end], kind, start, end)


def _joined(tokens: Tokens, text: str, left: int) -> bool:
    """Do tokens `left` and `left + 1` belong to one name, as far as the characters between them tell?"""
    gap = text[tokens.ends[left] : tokens.starts[left + 1]]
    if gap == " ":
        return True  # the usual case, answered first
    if gap in (".", "/") and len(tokens.words[left]) == 1 and len(tokens.words[left + 1]) == 1:
        return True  # initials of a legal form: S.A., A/S
    # O'Brien is one name, and so is J. K. Rowling
    return gap.isspace() or gap in ("'", "’") or (gap == ". " and len(tokens.words[left]) == 1)


def _token_at(tokens: Tokens, char: int) -> int | None:
    """Index of the token starting at character `char`, if one does (a binary search: starts are sorted)."""
    index = bisect.bisect_left(tokens.starts, char)
    return index if index < len(tokens.starts) and tokens.starts[index] == char else None


def _place_lookups(
    tokens: Tokens, places: list[PlaceMention]
) -> tuple[dict[int, PlaceMention], set[int], set[tuple[int, int]], dict[int, int]]:
    """What the entity loop asks of the place tagger's mentions: country names by start character,
    the indexes of the tokens they start at, the (start, end) of nationalities, and the index of the
    first token of every mention by its end character (a title reaches across it: 'líder norcoreano
    Kim Jong-un', 'президент России Владимир Путин'). Sentences without mentions use _NO_PLACES."""
    names: dict[int, PlaceMention] = {}
    name_indexes: set[int] = set()
    demonym_spans: set[tuple[int, int]] = set()
    demonym_ends: dict[int, int] = {}
    for mention in places:
        index = _token_at(tokens, mention.start)
        if mention.is_demonym:
            demonym_spans.add((mention.start, mention.end))
        else:
            names[mention.start] = mention
            if index is not None:
                name_indexes.add(index)
        if index is not None:
            demonym_ends[mention.end] = index
    return names, name_indexes, demonym_spans, demonym_ends


# _place_lookups of a sentence without place mentions, most of them: shared and read-only, rather than
# four empty containers built for each sentence.
_NO_PLACES = (types.MappingProxyType({}), frozenset(), frozenset(), types.MappingProxyType({}))


def _may_hold_title(lowered: list[str], cues: _Cues) -> bool:
    """Can a title stand anywhere in the sentence? Not when none of its words opens a title phrase
    and the languages have no title suffixes: then every title check of its runs is False, and one
    C set test for the sentence replaces one per run."""
    return bool(cues.title_suffixes) or not cues.titles.firsts.isdisjoint(lowered)


def _capitalised_indexes(words: list[str]) -> list[int]:
    """Indexes of the words starting with a capital (tokens are never empty). A comprehension: on
    CPython 3.11 it is ~20% faster than the map/compress chain, which calls two C functions per word."""
    return [index for index, word in enumerate(words) if word[0].isupper()]


def _token_after(tokens: Tokens, end_char: int, index: int) -> int:
    """Index of the first token from `index` on that starts at or after `end_char` (a binary search)."""
    return bisect.bisect_left(tokens.starts, end_char, index)


def _number_after(tokens: Tokens, text: str, end: int) -> int | None:
    """Index of a model number right after the run ('Ariane 6', 'WTA 1000'); not a year."""
    if end >= len(tokens.starts) or text[tokens.ends[end - 1] : tokens.starts[end]] != " ":
        return None
    word = tokens.words[end]
    if not word[:1].isdigit() or len(word) > 5 or not word.isalnum():
        return None  # '2-0' is a score
    if word.isdigit() and len(word) == 4 and word[:2] in ("19", "20"):
        return None  # 'Paris 2024', 'Mai 2025': a year, not a model
    return end


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
    return _span_entity(text, "LOC", start, end)


def propagate_persons(sentences_entities: list[list[Entity]], candidates: list[list[Entity]] | None = None) -> None:
    """Across one article, a MISC span or an untyped candidate that is a PER's name or one of its
    parts is that person too.

    'El líder norcoreano Kim Jong-un ...' then '... Kim fue invitado por Putin': once the title
    typed 'Kim Jong-un' and 'Vladimir Putin' as PER, the bare 'Kim' and 'Putin' are PER.
    `candidates` holds, per sentence, the single capitalised words the tagger left untyped
    (EntityTagger.find); those matching a person join their sentence's entities.
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
    for entities, found in zip(sentences_entities, candidates or [], strict=False):
        added = [Entity(text=c.text, type="PER", start=c.start, end=c.end) for c in found if c.text in persons]
        if added:
            entities.extend(added)
            entities.sort(key=lambda entity: entity.start)
