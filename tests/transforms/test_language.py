"""DetectLanguage and DetectSentenceLanguage as Beam transforms."""

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from tests.transforms.factories import make_article
from transforms.language import (
    DetectArticleLanguageFn,
    DetectLanguage,
    DetectSentenceLanguage,
    DetectSentenceLanguageFn,
)
from transforms.language_id import LanguageIdentifier, shared_identifier
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
    article = make_article(SPANISH, lang="es", lang_prob=0.5)
    article.sentences = split_sentences(article.text, "es")
    (article_lang, article_prob), expected = LanguageIdentifier().identify_article(
        article.title, [s.text for s in article.sentences]
    )
    fn = DetectSentenceLanguageFn()
    fn.setup()
    detected = fn.apply(article)
    # The article's language is settled on its whole text, and is the sentences' context.
    assert (
        (detected.lang, detected.lang_prob) == (article_lang, article_prob)
        and article_lang == "es"
        and article_prob > 0.99
    )
    assert [(s.lang, s.lang_prob) for s in detected.sentences] == expected
    assert [lang for lang, _ in expected] == ["es", "en", "es"]
    assert all(0.0 < probability <= 1.0 for _, probability in expected)


def test_an_article_opening_with_a_foreign_quote_is_settled_on_its_whole_text():
    opening = (
        '"We will not sign this agreement under any circumstances, and nobody in this government will ever '
        "put their name to a text that hands our fishing grounds to foreign fleets for the next thirty years. "
        "Our fishermen have waited long enough, they deserve better than this, and the people who negotiated "
        'it in secret should explain themselves in front of the whole country before anything else happens." '
    )
    body = " ".join(
        [
            "El ministro de Hacienda rechazó el acuerdo durante una rueda de prensa en la capital.",
            "Según fuentes del Gobierno, las negociaciones continuarán durante las próximas semanas.",
            "La oposición pidió explicaciones y exigió que el texto se presente ante el Congreso.",
            "Los sindicatos convocaron movilizaciones para el próximo mes en varias ciudades del país.",
            "El Gobierno defendió que el acuerdo protege el empleo en los puertos y garantiza nuevas inversiones.",
            "Los pescadores de la región anunciaron que mantendrán el bloqueo de los puertos hasta el viernes.",
            "El presidente convocó una reunión de urgencia con los responsables de la flota pesquera del norte.",
        ]
    )
    article = make_article(opening + body)
    first = DetectArticleLanguageFn()
    first.setup()
    article = first.apply(article)
    assert article.lang == "en"  # the opening alone reads as English
    article.sentences = split_sentences(article.text, article.lang)
    second = DetectSentenceLanguageFn()
    second.setup()
    article = second.apply(article)
    assert article.lang == "es"
    languages = [s.lang for s in article.sentences]
    assert languages[0] == "en" and languages[-7:] == ["es"] * 7, languages


def test_the_language_steps_of_a_worker_share_one_identifier():
    import threading

    article_step, sentence_step = DetectArticleLanguageFn(), DetectSentenceLanguageFn()
    article_step.setup()
    sentence_step.setup()
    from_thread = []
    thread = threading.Thread(target=lambda: from_thread.append(shared_identifier()))
    thread.start()
    thread.join()
    assert article_step._identifier is sentence_step._identifier is from_thread[0]
    assert isinstance(from_thread[0], LanguageIdentifier)


def test_the_language_steps_give_a_batch_the_answers_of_one_article_at_a_time():
    texts = [
        SPANISH,
        "Le gouvernement a présenté mercredi son projet de budget. Oui.",
        "总统周一在北京会见了部长。会谈将继续进行。",
        "!!!",
        "Kim Jong-un",
        'The minister said: "Es una vergüenza." Then he left the room.',
    ]

    def articles():
        return [
            make_article(text, url=f"https://ex.org/{n}", lang_hint="ko" if n == 4 else "")
            for n, text in enumerate(texts)
        ]

    def languages(batch):
        return [(a.lang, a.lang_prob, [(s.lang, s.lang_prob) for s in a.sentences]) for a in batch]

    one_at_a_time, batched = articles(), articles()
    for articles_per_pass in (1, 4):
        first, second = DetectArticleLanguageFn(articles_per_pass), DetectSentenceLanguageFn(articles_per_pass)
        first.setup()
        second.setup()
        for article in one_at_a_time:
            first.apply(article)
            article.sentences = split_sentences(article.text, article.lang)
            second.apply(article)
        first.apply_batch(batched)
        for article in batched:
            article.sentences = split_sentences(article.text, article.lang)
        batched[3].sentences = []  # an article without sentences passes the sentence step unchanged
        second.apply_batch(batched)
        one_at_a_time[3].sentences = []
        assert languages(batched) == languages(one_at_a_time)
        assert [lang for lang, *_ in languages(batched)][:3] == ["es", "fr", "zh"]
