"""PlaceTagger: CLDR names in the sentence's language, aliases, demonyms and guarded ambiguous names."""

import pytest

from transforms.tagging.cldr_names import cldr_country_names
from transforms.tagging.places import PlaceTagger

CONFIG = {
    "aliases": {"es": {"EE. UU.": "US", "Pionyang": "KP"}, "en": {"U.S.": "US"}},
    "demonyms": {"es": {"norcoreano": "KP", "surcoreanos": "KR", "ruso": "RU"}, "en": {"French": "FR"}},
    "ambiguous": {"en": {"Georgia": {"code": "GE", "needs_any": ["Tbilisi", "Georgian"]}}},
}


@pytest.fixture(scope="module")
def places():
    return PlaceTagger(CONFIG)


def test_cldr_names_come_in_each_language():
    assert cldr_country_names("es")["Corea del Norte"] == "KP"
    assert cldr_country_names("de")["Russland"] == "RU"
    assert "Europäische Union" not in cldr_country_names("de")  # not a country
    assert cldr_country_names("xx-invalid") == {}


def test_seed_sentence_places(places):
    text = "Funcionarios de Corea del Sur y Estados Unidos advierten que Corea del Norte busca tecnología en Rusia."
    assert places.codes(text, ["es"]) == ["KR", "US", "KP", "RU"]


def test_aliases_and_demonyms(places):
    assert places.codes("El líder norcoreano viajó desde Pionyang; los surcoreanos y EE. UU. miran.", ["es"]) == [
        "KP",
        "KR",
        "US",
    ]
    assert places.codes("The French minister met U.S. officials.", ["en"]) == ["FR", "US"]


def test_longest_name_wins(places):
    assert places.codes("Corea del Norte", ["es"]) == ["KP"]


def test_matching_is_case_sensitive(places):
    assert places.codes("el chad y la china de porcelana", ["es"]) == []


def test_ambiguous_names_need_a_cue(places):
    assert places.codes("Atlanta, Georgia, hosted the game.", ["en"]) == []
    assert places.codes("Georgia's capital Tbilisi saw protests.", ["en"]) == ["GE"]


def test_names_are_looked_up_in_the_given_languages_only(places):
    assert places.codes("Russland und Frankreich", ["es"]) == []
    assert places.codes("Russland und Frankreich", ["de"]) == ["RU", "FR"]


def test_elisions_and_possessives_expose_the_name():
    tagger = PlaceTagger({})
    assert tagger.codes("L'inflazione dell'Italia e l'economia della Francia", ["it"]) == ["IT", "FR"]
    assert tagger.codes("Brazil's central bank", ["en"]) == ["BR"]
