"""EntityTagger: capitalised spans typed by cross-language cues."""

import pytest

from transforms.tagging.entities import EntityTagger
from transforms.tagging.tokens import tokenize

CONFIG = {
    "person_titles": {"es": ["presidente", "primer ministro"], "en": ["mr", "president"], "de": ["frau"]},
    "org_keywords": {"es": ["agencia", "naciones unidas"], "en": ["inc", "agency"], "de": ["gmbh"]},
    "location_keywords": {"en": ["river"]},
}


@pytest.fixture(scope="module")
def tagger():
    return EntityTagger(CONFIG)


def entities(tagger, text, lang, place_spans=frozenset()):
    return [
        (e.text, e.type, text[e.start : e.end] == e.text)
        for e in tagger.find(tokenize(text), text, [lang], set(place_spans))
    ]


def test_person_after_title_organisation_by_keyword(tagger):
    text = "Según la Agencia de Noticias Tass, el presidente Vladimir Putin recibió a Kim Jong-un."
    assert entities(tagger, text, "es") == [
        ("Agencia de Noticias Tass", "ORG", True),
        ("Vladimir Putin", "PER", True),
        ("Kim Jong-un", "MISC", True),
    ]


def test_multiword_titles_and_keywords(tagger):
    text = "El primer ministro Pedro Sánchez habló ante las Naciones Unidas."
    assert entities(tagger, text, "es") == [("Pedro Sánchez", "PER", True), ("Naciones Unidas", "ORG", True)]


def test_abbreviated_title_and_company_suffix(tagger):
    text = "Mr. Smith joined Acme Widgets Inc. near the Thames River."
    assert entities(tagger, text, "en") == [
        ("Smith", "PER", True),
        ("Acme Widgets Inc", "ORG", True),
        ("Thames River", "LOC", True),
    ]


def test_place_spans_are_locations(tagger):
    text = "Kim viajó a Corea del Norte."
    start = text.index("Corea")
    found = entities(tagger, text, "es", {(start, start + len("Corea del Norte"))})
    assert ("Corea del Norte", "LOC", True) in found


def test_punctuation_and_conjunctions_separate_entities(tagger):
    text = "Además, Corea del Norte, Kim y Putin."
    assert [e[0] for e in entities(tagger, text, "es")] == ["Corea del Norte", "Kim", "Putin"]


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
