"""EntityTagger: capitalised spans typed by cross-language cues."""

import pytest

from transforms.records import Entity
from transforms.tagging.entities import EntityTagger, propagate_persons
from transforms.tagging.places import PlaceMention
from transforms.tagging.tokens import tokenize

CONFIG = {
    "person_titles": {
        "es": ["presidente", "primer ministro", "líder"],
        "en": ["mr", "president"],
        "de": ["frau"],
    },
    "org_keywords": {"es": ["agencia", "naciones unidas"], "en": ["inc", "agency", "university"], "de": ["gmbh"]},
    "location_keywords": {"en": ["river"]},
    "known_persons": ["Putin", "Xi Jinping"],
    "given_names": ["Joe", "John"],
    "family_names_first": ["Kim", "Xi"],
    "sentence_openers": {"en": ["the", "then"]},
}


@pytest.fixture(scope="module")
def tagger():
    return EntityTagger(CONFIG)


def mention(text, name, code, is_demonym=False):
    start = text.index(name)
    return PlaceMention(code, start, start + len(name), is_demonym)


def entities(tagger, text, lang, places=()):
    return [
        (e.text, e.type, text[e.start : e.end] == e.text) for e in tagger.find(tokenize(text), text, [lang], places)
    ]


def test_person_after_title_organisation_by_keyword(tagger):
    text = "Según la Agencia de Noticias Tass, el presidente Vladimir Putin recibió a Lee Jong-un."
    assert entities(tagger, text, "es") == [
        ("Agencia de Noticias Tass", "ORG", True),
        ("Vladimir Putin", "PER", True),
        ("Lee Jong-un", "PER", True),  # two words, neither an ordinary Spanish word: a name's shape
    ]


def test_multiword_titles_and_keywords(tagger):
    text = "El primer ministro Pedro Sánchez habló ante las Naciones Unidas."
    assert entities(tagger, text, "es") == [("Pedro Sánchez", "PER", True), ("Naciones Unidas", "ORG", True)]


def test_abbreviated_title_and_company_suffix(tagger):
    text = "Mr. Smith joined Acme Widgets Inc. near the Thames River."
    assert entities(tagger, text, "en") == [
        ("Smith", "PER", True),
        ("Acme Widgets Inc.", "ORG", True),  # the dot of a legal form belongs to the name
        ("Thames River", "LOC", True),
    ]


def test_place_spans_are_locations(tagger):
    text = "Kim viajó a Corea del Norte."
    found = entities(tagger, text, "es", [mention(text, "Corea del Norte", "KP")])
    assert ("Corea del Norte", "LOC", True) in found


def test_a_country_name_is_one_span_punctuation_and_all(tagger):
    text = "Lo dijo EE. UU. ayer."
    assert entities(tagger, text, "es", [mention(text, "EE. UU.", "US")]) == [("EE. UU.", "LOC", True)]


def test_country_names_are_locations_without_capitals_too(tagger):
    text = "朝鲜领导人抵达俄罗斯。"
    found = entities(tagger, text, "zh", [mention(text, "朝鲜", "KP"), mention(text, "俄罗斯", "RU")])
    assert found == [("朝鲜", "LOC", True), ("俄罗斯", "LOC", True)]


def test_demonyms_are_not_entities_and_may_stand_between_title_and_name(tagger):
    text = "El líder norcoreano Kim Jong-un llegó."
    assert entities(tagger, text, "es", [mention(text, "norcoreano", "KP", True)]) == [("Kim Jong-un", "PER", True)]
    text = "The French minister met Russian President Vladimir Putin."
    places = [mention(text, "French", "FR", True), mention(text, "Russian", "RU", True)]
    assert entities(tagger, text, "en", places) == [("Vladimir Putin", "PER", True)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Talks with Putin went on.", [("Putin", "PER", True)]),  # a known surname
        ("Putin spoke.", [("Putin", "PER", True)]),  # typed, so kept at sentence start
        ("Then Joe Smith arrived.", [("Joe Smith", "PER", True)]),  # a common given name
        ("Then Kim Yo-jong arrived.", [("Kim Yo-jong", "PER", True)]),  # family name first
        ("She met Xi Jinping.", [("Xi Jinping", "PER", True)]),
        ("He studied at John Hopkins University.", [("John Hopkins University", "ORG", True)]),  # ORG first
        ("He met Kim.", []),  # a family name alone is no evidence: only a candidate for propagation
    ],
)
def test_person_gazetteer(tagger, text, found):
    assert entities(tagger, text, "en") == found


def test_persons_propagate_across_an_article():
    sentences = [
        [Entity("Kim Jong-un", "PER", 0, 11), Entity("Vladimir Putin", "PER", 20, 34)],
        [Entity("Kim", "MISC", 0, 3), Entity("Putin", "MISC", 8, 13), Entity("Vladivostok", "MISC", 20, 31)],
    ]
    propagate_persons(sentences)
    assert [e.type for e in sentences[1]] == ["PER", "PER", "MISC"]


def test_punctuation_and_conjunctions_separate_entities(tagger):
    text = "Además, Corea del Norte, Kim y Putin."
    candidates = []
    found = tagger.find(tokenize(text), text, ["es"], [], candidates)
    assert [e.text for e in found] == ["Corea del Norte", "Putin"]
    assert [(c.text, c.type) for c in candidates] == [("Kim", "")]


def test_untyped_candidates_become_persons_when_the_article_names_them():
    sentences = [[Entity("Kim Jong-un", "PER", 0, 11)], [Entity("Pyongyang", "LOC", 10, 19)]]
    propagate_persons(sentences, [[], [Entity("Kim", "", 0, 3), Entity("Vostok", "", 30, 36)]])
    assert [(e.text, e.type) for e in sentences[1]] == [("Kim", "PER"), ("Pyongyang", "LOC")]


@pytest.fixture(scope="module")
def bundled():
    from transforms.tagging.config import load_tagging_config

    return EntityTagger(load_tagging_config().entities)


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        # Ordinary words written with a capital are not names, wherever they stand.
        ("El Estado pagará la deuda, dijo el Gobierno.", "es", []),
        ("Товарооборот России вырос.", "ru", [("России", "LOC")]),
        # A single capitalised word without a cue is no entity (no MISC guess).
        ("Shares of Zorblatt fell.", "en", []),
        # Event, law, award and holiday keywords make MISC; a model number too.
        (
            "Spain won the World Cup and the Davis Cup.",
            "en",
            [("Spain", "LOC"), ("World Cup", "MISC"), ("Davis Cup", "MISC")],
        ),
        ("The launch of Ariane 6 slipped.", "en", [("Ariane 6", "MISC")]),
        ("Shares of Zorblatt rose 2-0 in 2024.", "en", []),  # a score or a year is no model number
        # A place preposition types a lone name as a place.
        ("Fighting resumed in Kharkiv overnight.", "en", [("Kharkiv", "LOC")]),
        # Two words, neither an ordinary word: a person; with an ordinary word: MISC.
        ("The award went to Tadej Pogačar.", "en", [("Tadej Pogačar", "PER")]),
        ("Fans of Lonely Planet rejoiced.", "en", [("Lonely Planet", "MISC")]),
        # A run is cut before a given name and after a leading country name.
        (
            "Lo ha detto il ministro degli Esteri Antonio Tajani.",
            "it",
            [("Antonio Tajani", "PER")],
        ),
        ("Премьер-министр Грузии Ираклий Кобахидзе заявил.", "ru", [("Грузии", "LOC"), ("Ираклий Кобахидзе", "PER")]),
        # Russian titles in any case, Russian given names declined.
        ("Он говорил с президентом США Дональдом Трампом.", "ru", [("США", "LOC"), ("Дональдом Трампом", "PER")]),
        # German: compound nouns are nouns, compound titles are titles, organisation suffixes continue names.
        ("Die Krankenhausreform von Gesundheitsminister Karl Lauterbach kam.", "de", [("Karl Lauterbach", "PER")]),
        ("Die Deutsche Bischofskonferenz tagte.", "de", [("Deutsche Bischofskonferenz", "ORG")]),
        ("Die Polizei kam.", "de", []),
        # A regnal numeral ends a name.
        ("Le roi Abdallah II de Jordanie est arrivé.", "fr", [("Abdallah II", "PER"), ("Jordanie", "LOC")]),
    ],
)
def test_conservative_typing_with_the_bundled_cues(bundled, text, lang, found):
    from transforms.tagging.config import load_tagging_config
    from transforms.tagging.places import PlaceTagger

    places = PlaceTagger(load_tagging_config().places).find(tokenize(text), text, [lang])
    assert [(e.text, e.type) for e in bundled.find(tokenize(text), text, [lang], places)] == found


def test_a_lone_capitalised_first_word_is_not_an_entity(tagger):
    assert entities(tagger, "Yesterday it rained.", "en") == []
    assert entities(tagger, "Frau Müller kam.", "de") == [("Müller", "PER", True)]


def test_a_capitalised_title_opening_the_span_is_not_part_of_the_name(tagger):
    assert entities(tagger, "Yesterday President Joe Biden spoke.", "en") == [("Joe Biden", "PER", True)]


def test_apostrophes_join_names_but_not_possessives(tagger):
    assert entities(tagger, "Police questioned Sean O'Brien's lawyer.", "en") == [("Sean O'Brien", "MISC", True)]


def test_bare_titles_are_not_entities_and_a_title_needs_a_name_after_it():
    tagger = EntityTagger({"person_titles": {"en": ["mr"], "es": ["princesa"]}})
    text = "Mr. Smith arrived."
    assert [(e.text, e.type) for e in tagger.find(tokenize(text), text, ["en"], set())] == [("Smith", "PER")]
    text = "Ganó los Premios Princesa de Asturias."
    assert [(e.text, e.type) for e in tagger.find(tokenize(text), text, ["es"], set())] == [
        ("Premios Princesa de Asturias", "MISC")
    ]


def test_german_nouns_are_not_names_but_names_after_titles_are():
    tagger = EntityTagger({"person_titles": {"de": ["frau", "bundeskanzler"]}, "org_keywords": {"de": ["bank"]}})
    text = "Die Regierung und Bundeskanzler Olaf Scholz besuchten die Deutsche Bank in Frankfurt."
    found = [(e.text, e.type) for e in tagger.find(tokenize(text), text, ["de"], [])]
    assert ("Olaf Scholz", "PER") in found
    assert ("Regierung", "MISC") not in found and all("Regierung" not in name for name, _ in found)


def test_cities_from_cldr_are_locations(tagger):
    assert entities(tagger, "Talks resumed in Tbilisi and Nueva York.", "en")[0] == ("Tbilisi", "LOC", True)
    assert entities(tagger, "Las negociaciones siguieron en Nueva York.", "es") == [("Nueva York", "LOC", True)]


def test_acronyms_are_organisations_and_possessives_are_cut_from_countries(tagger):
    text = "Britain's NATO allies met."
    found = entities(tagger, text, "en", [mention(text, "Britain's", "GB")])
    assert found == [("Britain", "LOC", True), ("NATO", "ORG", True)]


def test_capitalised_indexes_are_the_words_opening_with_an_uppercase_letter():
    from transforms.tagging.entities import _capitalised_indexes

    words = ["El", "presidente", "Émile", "iPhone", "3G", "ǅemal", "Ωmega", "𝐀lpha"]
    # Titlecase letters ('ǅ') are not uppercase; mathematical capitals are.
    assert _capitalised_indexes(words) == [0, 2, 6, 7]
    assert _capitalised_indexes([]) == []


def test_place_lookups_index_country_names_and_nationalities_by_token():
    from transforms.tagging.entities import _place_lookups

    text = "El líder norcoreano Kim Jong-un visitó Rusia"
    places = [mention(text, "norcoreano", "KP", is_demonym=True), mention(text, "Rusia", "RU")]
    names, name_indexes, demonym_spans, demonym_ends = _place_lookups(tokenize(text), places)
    assert names == {text.index("Rusia"): places[1]}
    assert name_indexes == {6}  # 'Rusia' is token 6 ('Jong-un' is one): a run may start there
    assert demonym_spans == {(places[0].start, places[0].end)}
    # A title reaches across a nationality or country to the name after it: mention end -> its first token.
    assert demonym_ends == {places[0].end: 2, places[1].end: 6}


def test_a_sentence_without_a_title_word_skips_every_title_check(tagger):
    from transforms.tagging.entities import _may_hold_title

    english = tagger._cues(["en"])
    assert not _may_hold_title(["yesterday", "joe", "smith", "spoke"], english)
    assert _may_hold_title(["yesterday", "president", "joe", "smith", "spoke"], english)
    # Titles the language writes as word endings ('Gesundheitsminister') can hide in any word.
    suffixed = EntityTagger({**CONFIG, "title_suffixes": {"de": ["minister"]}})._cues(["de"])
    assert _may_hold_title(["gestern", "sprach", "der", "gesundheitsminister"], suffixed)
