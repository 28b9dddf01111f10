"""TopicTagger: lexicon terms matched on tokens, stems surviving inflection, explained by evidence."""

import threading

import pytest

from transforms.tagging.topics import TopicTagger, shared_topic_tagger

TOPICS = [
    {"slug": "politics", "terms": {"es": ["elecci*", "presidente", "relaciones internacionales"], "en": ["election*"]}},
    {"slug": "conflict-war-peace", "terms": {"es": ["arma*", "guerra*"], "zh": ["战争", "军队"]}},
    {"slug": "sport", "terms": {"es": ["fútbol"], "en": ["world cup"]}},
]


@pytest.fixture(scope="module")
def tagger():
    return TopicTagger(TOPICS)


def test_prefix_terms_match_inflected_forms_and_plain_terms_only_whole_words(tagger):
    topics, scores, terms = tagger.score("Las elecciones y el Presidente; el presidencialismo no cuenta.", ["es"])
    assert topics == ["politics"]
    assert scores == [2.0]
    assert terms == ["politics:elecci*", "politics:presidente"]


@pytest.mark.parametrize(
    ("term", "lang", "text"),
    [
        ("elección", "es", "Las elecciones fueron ayer."),  # plural
        ("presidente", "es", "Las presidentas se reunieron."),  # gender and number
        ("court", "en", "Both courts ruled."),
        ("война", "ru", "Итоги войны обсуждали."),  # case
        ("wahl", "de", "Die Wahlen in Thüringen."),
        ("guerre", "fr", "Les guerres oubliées."),
    ],
)
def test_a_lemma_matches_its_inflected_forms(term, lang, text):
    tagger = TopicTagger([{"slug": "t", "terms": {lang: [term]}}])
    assert tagger.score(text, [lang])[0] == ["t"]


def test_an_exact_form_does_not_match_other_forms():
    tagger = TopicTagger([{"slug": "disaster", "terms": {"en": ["=fire"]}}, {"slug": "any", "terms": {"en": ["fire"]}}])
    assert tagger.score("The minister fired his adviser.", ["en"])[0] == ["any"]
    assert tagger.score("A fire broke out.", ["en"])[0] == ["disaster", "any"]


def test_a_dictionary_lemma_unrelated_to_the_term_is_not_used():
    # simplemma maps English 'ai' to 'be': 'was' must not match the term 'ai'
    tagger = TopicTagger([{"slug": "science", "terms": {"en": ["ai"]}}])
    assert tagger.score("The plan was good.", ["en"])[0] == []
    assert tagger.score("AI models", ["en"])[0] == ["science"]


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


def test_substrings_match_longest_first_without_overlap():
    tagger = TopicTagger([{"slug": "conflict", "terms": {"zh": ["恐怖袭击", "袭击", "戰爭", "战争"]}}])
    topics, scores, terms = tagger.score("恐怖袭击之后，戰爭爆发。", ["zh"])
    assert (topics, scores) == (["conflict"], [2.0])
    assert terms == ["conflict:恐怖袭击", "conflict:戰爭"]


def test_scripts_without_spaces_match_substrings(tagger):
    topics, _, terms = tagger.score("两国之间的战争导致军队调动。", ["zh"])
    assert topics == ["conflict-war-peace"]
    assert terms == ["conflict-war-peace:军队", "conflict-war-peace:战争"]


def test_terms_with_apostrophes_match_text_tokenised_the_same_way():
    tagger = TopicTagger([{"slug": "labour", "terms": {"fr": ["demandeur* d'emploi"]}}])
    assert tagger.score("Les demandeurs d'emploi sont plus nombreux.", ["fr"])[0] == ["labour"]


def test_one_tagger_per_lexicon_and_thread_is_shared():
    other = [{"slug": "t", "terms": {"en": ["tax"]}}]
    first = shared_topic_tagger(TOPICS)
    assert shared_topic_tagger(TOPICS) is first
    assert shared_topic_tagger(other) is not first
    from_another_thread = []
    worker = threading.Thread(target=lambda: from_another_thread.append(shared_topic_tagger(TOPICS)))
    worker.start()
    worker.join()
    assert from_another_thread[0] is not first
    assert from_another_thread[0].score("The tax rises.", ["en"]) == first.score("The tax rises.", ["en"])


def test_cached_tokens_keep_no_containers_for_the_terms_they_do_not_start():
    # Most cached tokens match no term: their entries share the empty tuple instead of holding two empty
    # lists each, containers the cyclic garbage collector would traverse for as long as the cache lives.
    tagger = TopicTagger(TOPICS)
    assert tagger.score("The world cup final and the election.", ["en"])[0] == ["politics", "sport"]
    index = tagger._indexes["en"]
    assert index.entries["the"][1:] == ((), ())
    assert index.entries["world"][1] == () and len(index.entries["world"][2]) == 1  # starts 'world cup'
    assert index.entries["election"][1] == (("politics", "election*"),)
    assert not any(isinstance(part, list) for entry in index.entries.values() for part in entry)
