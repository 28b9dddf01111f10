"""TopicTagger: lexicon terms matched on tokens, stems surviving inflection, explained by evidence."""

import pytest

from transforms.tagging.topics import TopicTagger

TOPICS = [
    {"slug": "politics", "terms": {"es": ["elecci*", "presidente", "relaciones internacionales"], "en": ["election*"]}},
    {"slug": "conflict-war-peace", "terms": {"es": ["arma*", "guerra*"], "zh": ["战争", "军队"]}},
    {"slug": "sport", "terms": {"es": ["fútbol"], "en": ["world cup"]}},
]


@pytest.fixture(scope="module")
def tagger():
    return TopicTagger(TOPICS)


def test_prefix_terms_match_inflected_forms_and_exact_terms_only_whole_words(tagger):
    topics, scores, terms = tagger.score("Las elecciones y el Presidente; la presidenta no cuenta.", ["es"])
    assert topics == ["politics"]
    assert scores == [2.0]
    assert terms == ["politics:elecci*", "politics:presidente"]


def test_multiword_terms_need_every_word_in_order(tagger):
    assert tagger.score("Las relaciones internacionales", ["es"])[0] == ["politics"]
    assert tagger.score("Las relaciones son internacionales", ["es"])[0] == []


def test_ranking_by_score_then_taxonomy_order(tagger):
    topics, scores, _ = tagger.score("Armas, guerra y elecciones.", ["es"])
    assert topics == ["conflict-war-peace", "politics"]
    assert scores == [2.0, 1.0]
    tied, _, _ = tagger.score("Fútbol y elecciones.", ["es"])
    assert tied == ["politics", "sport"]  # equal scores: taxonomy order


def test_only_the_given_languages_lexicons_are_used(tagger):
    assert tagger.score("The elections and the world cup", ["es"])[0] == []
    assert tagger.score("The elections and the world cup", ["en"])[0] == ["politics", "sport"]


def test_scripts_without_spaces_match_substrings(tagger):
    topics, _, terms = tagger.score("两国之间的战争导致军队调动。", ["zh"])
    assert topics == ["conflict-war-peace"]
    assert terms == ["conflict-war-peace:军队", "conflict-war-peace:战争"]


def test_terms_with_apostrophes_match_text_tokenised_the_same_way():
    tagger = TopicTagger([{"slug": "labour", "terms": {"fr": ["demandeur* d'emploi"]}}])
    assert tagger.score("Les demandeurs d'emploi sont plus nombreux.", ["fr"])[0] == ["labour"]
