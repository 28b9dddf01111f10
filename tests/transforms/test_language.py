"""DetectLanguage and DetectSentenceLanguage as Beam transforms."""

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from tests.transforms.factories import make_article
from transforms.language import DetectLanguage, DetectSentenceLanguage, DetectSentenceLanguageFn
from transforms.language_id import LanguageIdentifier
from transforms.sentences import split_sentences

SPANISH = (
    "Una empresa emergente de Chile presentó este jueves en Madrid un sistema de riego. "
    '"This is the future of smart farming and everybody will use it," dijo su fundadora. '
    "Sí."
)


def test_article_language_and_declared_language_fallback():
    spanish = make_article(SPANISH, url="https://ex.org/es")
    unsure = make_article("Kim Jong-un", url="https://ex.org/short", lang_hint="ko")
    with TestPipeline(runner="FnApiRunner") as pipeline:
        result = pipeline | beam.Create([spanish, unsure]) | DetectLanguage()
        assert_that(
            result["articles"] | beam.Map(lambda a: (a.url, a.lang)),
            equal_to(
                [
                    ("https://ex.org/es", "es"),
                    ("https://ex.org/short", "ko"),
                ]
            ),
        )


def test_each_sentence_gets_its_language_with_the_article_as_context():
    # The two-word headline alone reads as Swahili to langdetect's profiles; in a Spanish article it is Spanish.
    article = make_article(f"Mujer alemana. {SPANISH}", lang="es", lang_prob=0.99)
    article.sentences = split_sentences(article.text, "es")
    with TestPipeline(runner="FnApiRunner") as pipeline:
        result = pipeline | beam.Create([article]) | DetectSentenceLanguage()
        assert_that(
            result["articles"] | beam.FlatMap(lambda a: [s.lang for s in a.sentences]),
            equal_to(["es", "es", "en", "es"]),
        )


def test_sentence_languages_are_the_batch_answers_of_the_identifier():
    article = make_article(SPANISH, lang="es", lang_prob=0.99)
    article.sentences = split_sentences(article.text, "es")
    expected = LanguageIdentifier().identify_many([s.text for s in article.sentences], "es", 0.99)
    fn = DetectSentenceLanguageFn()
    fn.setup()
    detected = fn.apply(article)
    assert [(s.lang, s.lang_prob) for s in detected.sentences] == expected
    assert all(0.0 < probability <= 1.0 for _, probability in expected)
