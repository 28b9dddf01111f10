"""The bundled configs/: the fixed taxonomy, lexicons in every promised language, real-world place cases."""

import pytest

from transforms.tag_sentences import SentenceTagger
from transforms.tagging.config import load_tagging_config

IPTC_TOP_LEVEL = {
    "arts-culture-entertainment-media": "01",
    "crime-law-justice": "02",
    "disaster-accident-emergency": "03",
    "economy-business-finance": "04",
    "education": "05",
    "environment": "06",
    "health": "07",
    "human-interest": "08",
    "labour": "09",
    "lifestyle-leisure": "10",
    "politics": "11",
    "religion": "12",
    "science-technology": "13",
    "society": "14",
    "sport": "15",
    "conflict-war-peace": "16",
    "weather": "17",
}


@pytest.fixture(scope="module")
def config():
    return load_tagging_config()


@pytest.fixture(scope="module")
def tagger(config):
    return SentenceTagger(config)


def test_taxonomy_is_the_iptc_top_level_with_fixed_slugs_and_codes(config):
    assert {t["slug"]: t["iptc"] for t in config.topics} == {
        slug: f"medtop:{code}000000" for slug, code in IPTC_TOP_LEVEL.items()
    }


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de", "pt", "it", "nl", "pl", "ru", "zh"])
def test_every_topic_has_terms_in_every_bundled_language(config, lang):
    thin = [t["slug"] for t in config.topics if len(t["terms"].get(lang, [])) < 10]
    assert not thin, f"{lang}: fewer than 10 terms for {thin}"


@pytest.mark.parametrize(
    ("text", "lang", "codes"),
    [
        ("El líder norcoreano llegó a Rusia para reunirse con el presidente ruso.", "es", ["KP", "RU"]),
        ("Los funcionarios surcoreanos y EE. UU. advirtieron a Pionyang.", "es", ["KR", "US", "KP"]),
        ("The French minister spoke in Washington.", "en", ["FR", "US"]),
        ("Atlanta, Georgia, hosted the game.", "en", []),
        ("Protesters in Tbilisi said Georgia must stay in Europe.", "en", ["GE"]),
        ("Turkey is served with cranberry sauce.", "en", []),
        ("Die russische Regierung und Frankreich verhandeln.", "de", ["RU", "FR"]),
        ("Los norcoreanos y los rusos firmaron; Pekín calló.", "es", ["KP", "RU", "CN"]),
        ("Les Français et les Allemands ont voté.", "fr", ["FR", "DE"]),
        ("Die Franzosen und die Italiener stimmten ab.", "de", ["FR", "IT"]),
        ("Os portugueses e os brasileiros votaram.", "pt", ["PT", "BR"]),
        ("Gli italiani e i tedeschi hanno votato.", "it", ["IT", "DE"]),
        ("Chad's army fought Boko Haram near Lake Chad.", "en", ["TD"]),
        ("Michael Jordan visited Chicago.", "en", []),
        ("Niger and Nigeria closed their border after the coup.", "en", ["NE", "NG"]),
        ("The Nigerian army said Niger's junta refused.", "en", ["NG", "NE"]),
        ("朝鲜领导人抵达俄罗斯，与普京会面。", "zh", ["KP", "RU"]),
        ("北韓領導人抵達俄羅斯。", "zh", ["KP", "RU"]),
    ],
)
def test_places_in_context(tagger, text, lang, codes):
    assert tagger.places.codes(text, [lang]) == codes


@pytest.mark.parametrize(
    ("text", "lang", "topic"),
    [
        ("Kim busca tecnología de armas y municiones para su ejército.", "es", "conflict-war-peace"),
        ("The central bank raised interest rates to fight inflation.", "en", "economy-business-finance"),
        ("Die Gewerkschaft ruft zum Streik auf.", "de", "labour"),
        ("Le gouvernement prépare les élections législatives.", "fr", "politics"),
        ("O Brasil venceu a Argentina com dois gols no estádio.", "pt", "sport"),
        ("Il vaccino contro il morbillo arriva negli ospedali.", "it", "health"),
        ("两国军队在边境爆发冲突，导弹袭击造成伤亡。", "zh", "conflict-war-peace"),
        ("兩國軍隊在邊境爆發衝突，導彈襲擊造成傷亡。", "zh", "conflict-war-peace"),  # Traditional
        ("央行宣布加息以抑制通胀。", "zh", "economy-business-finance"),
    ],
)
def test_topic_lexicons_in_each_language(tagger, text, lang, topic):
    assert tagger.topics.score(text, [lang])[0][:1] == [topic]
