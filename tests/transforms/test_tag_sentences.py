"""TagSentences and AssignTopic as Beam transforms, with a small inline configuration."""

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from tests.transforms.factories import make_article
from transforms.assign_topic import MIN_TOPIC_SCORE, AssignTopic, choose_topic
from transforms.records import Sentence
from transforms.sentences import split_sentences
from transforms.tag_sentences import SentenceTagger, TagSentences
from transforms.tagging.config import TaggingConfig, load_tagging_config

CONFIG = TaggingConfig(
    topics=[
        {"slug": "politics", "terms": {"es": ["presidente", "gobierno*"], "en": ["president"]}},
        {"slug": "conflict-war-peace", "terms": {"es": ["arma*", "guerra*"]}},
        {"slug": "sport", "terms": {"es": ["fútbol", "gol*"]}},
    ],
    places={"demonyms": {"es": {"norcoreano": "KP"}}},
    entities={"person_titles": {"es": ["presidente"]}},
)


def tagged_article(text, **fields):
    article = make_article(text, lang="es", **fields)
    article.sentences = split_sentences(text, "es")
    for sentence in article.sentences:
        sentence.lang = "es"
    return article


def test_sentences_get_topics_places_entities_and_quotes():
    text = (
        "El presidente Vladimir Putin habló de armas en Rusia. "
        "«Esto no es una guerra de verdad», dijo el líder norcoreano."
    )
    with TestPipeline(runner="FnApiRunner") as pipeline:
        result = pipeline | beam.Create([tagged_article(text)]) | TagSentences(CONFIG)
        assert_that(
            result["articles"]
            | beam.FlatMap(
                lambda a: [
                    (s.topics, s.places, [(e.text, e.type) for e in s.entities], s.is_quote, s.quote)
                    for s in a.sentences
                ]
            ),
            equal_to(
                [
                    (
                        ["politics", "conflict-war-peace"],
                        ["RU"],
                        [("Vladimir Putin", "PER"), ("Rusia", "LOC")],
                        False,
                        None,
                    ),
                    (["conflict-war-peace"], ["KP"], [], True, (0, 33)),  # the span «...», marks included
                ]
            ),
        )


@pytest.mark.parametrize(
    ("scores", "configured", "expected"),
    [
        ({"politics": 3.0, "sport": 1.0}, "", "politics"),
        ({"politics": 2.0, "sport": 2.0}, "", "politics"),  # tie: taxonomy order
        ({"politics": 2.0, "sport": 2.0}, "sport", "sport"),  # tie: the source's topic
        ({"politics": MIN_TOPIC_SCORE - 1}, "", "general"),  # too weak
        ({"politics": MIN_TOPIC_SCORE - 1}, "sport", "sport"),
        ({}, "", "general"),
    ],
)
def test_choose_topic_rule(scores, configured, expected):
    order = ["politics", "conflict-war-peace", "sport"]
    assert choose_topic(scores, configured, order.index) == expected


def test_article_topic_sums_sentences_and_counts_the_title_double():
    article = make_article("x", lang="es", title="Gol y más goles en el fútbol")
    article.sentences = [
        Sentence(0, "a", 0, 1, topics=["politics"], topic_scores=[3.0]),
        Sentence(1, "b", 2, 3, topics=["politics", "sport"], topic_scores=[1.0, 1.0]),
    ]
    with TestPipeline(runner="FnApiRunner") as pipeline:
        result = pipeline | beam.Create([article]) | AssignTopic(CONFIG)
        assert_that(
            result["articles"] | beam.Map(lambda a: (a.topic, a.topic_scores)),
            equal_to([("sport", {"sport": 7.0, "politics": 4.0})]),
        )


def test_a_person_named_with_a_title_is_a_person_throughout_the_article():
    text = (
        "El líder norcoreano Kim Jong-un llegó. Ayer Kim fue invitado por el presidente Putin. "
        "Después, Kim y Putin cenaron."
    )
    config = TaggingConfig(
        topics=CONFIG.topics,
        places={"demonyms": {"es": {"norcoreano": "KP"}}},
        entities={"person_titles": {"es": ["presidente", "líder"]}, "sentence_openers": {"es": ["ayer"]}},
    )
    with TestPipeline(runner="FnApiRunner") as pipeline:
        result = pipeline | beam.Create([tagged_article(text)]) | TagSentences(config)
        assert_that(
            result["articles"] | beam.FlatMap(lambda a: [[(e.text, e.type) for e in s.entities] for s in a.sentences]),
            equal_to(
                [
                    [("Kim Jong-un", "PER")],
                    [("Kim", "PER"), ("Putin", "PER")],
                    [("Kim", "PER"), ("Putin", "PER")],
                ]
            ),
        )


def test_seed_article_persons_and_topics():
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "seeds" / "es-kim-jong-un-russia.txt"
    article = tagged_article(seed.read_text(encoding="utf-8").replace("\n", " "))
    SentenceTagger(load_tagging_config()).tag_article(article)
    persons = {e.text for s in article.sentences for e in s.entities if e.type == "PER"}
    assert {"Kim Jong-un", "Vladimir Putin"} <= persons
    assert not {e.text for s in article.sentences for e in s.entities if e.type == "PER"} - {
        "Kim Jong-un",
        "Vladimir Putin",
        "Kim",
        "Putin",
    }
    arms = [s for s in article.sentences if "armas" in s.text]
    assert arms and all(s.topics[0] in {"conflict-war-peace", "politics"} for s in arms)


def test_warm_caches_give_the_same_tags():
    """The taggers cache per word, word pair, run of names and language pair: a sentence tagged again,
    after others that filled those caches, gets exactly the tags it got first."""
    texts = {
        "es": "El presidente Pedro Sánchez habló de las relaciones internacionales con Corea del Norte.",
        "de": "Bundeskanzler Friedrich Merz traf US-Präsident Donald Trump in Washington zur Krankenhausreform.",
        "zh": "国家主席习近平在北京会见法国总统马克龙，双方就战争罪问题交换了意见。",
    }
    tagger = SentenceTagger(load_tagging_config())

    def tags(lang, article_lang):
        sentence = Sentence(0, texts[lang], 0, len(texts[lang]), lang=lang)
        tagger.tag(sentence, article_lang)
        entities = [(e.text, e.type, e.start, e.end) for e in sentence.entities]
        return sentence.topics, sentence.topic_scores, sentence.topic_terms, sentence.places, entities

    first = {(lang, other): tags(lang, other) for lang in texts for other in texts}
    again = {(lang, other): tags(lang, other) for lang in reversed(texts) for other in texts}
    assert again == first
    assert ("Pedro Sánchez", "PER", 14, 27) in first[("es", "es")][4]
    assert "KP" in first[("es", "es")][3]
