"""LanguageIdentifier: deterministic langdetect with the article language as context."""

import pytest

from transforms.language_id import UNDETERMINED, LanguageIdentifier, choose_article_language


@pytest.fixture(scope="module")
def identifier():
    return LanguageIdentifier()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("El líder norcoreano se encuentra en Rusia para reunirse con el presidente.", "es"),
        ("The central bank kept its benchmark interest rate unchanged on Wednesday.", "en"),
        ("Une équipe d'astronomes a annoncé la découverte de vapeur d'eau.", "fr"),
        ("Die Gewerkschaft hat ihre Mitglieder zu einem Streik aufgerufen.", "de"),
        ("Полиция Москвы задержала группу мошенников в понедельник.", "ru"),
        ("台灣的總統今天在台北發表了重要的講話。", "zh"),
    ],
)
def test_identifies_clear_sentences(identifier, text, lang):
    detected, probability = identifier.identify(text)
    assert detected == lang
    assert probability > 0.8


def test_results_are_deterministic(identifier):
    text = "Kim Jong-un en Vladivostok con Putin"
    assert {identifier.identify(text) for _ in range(5)} == {identifier.identify(text)}
    assert LanguageIdentifier().probabilities(text) == identifier.probabilities(text)


def test_short_text_takes_the_context_language(identifier):
    assert identifier.identify("¡Hola!", "es", 0.97) == ("es", 0.97)
    assert identifier.identify("OK", "") == (UNDETERMINED, 0.0)
    assert identifier.identify("12345 67890 !!!", "de", 0.9) == ("de", 0.9)


def test_a_foreign_quote_keeps_its_own_language_despite_the_context(identifier):
    quote = '"This is the future of smart farming and everybody will use it," she said.'
    assert identifier.identify(quote, "es", 0.99)[0] == "en"


def test_declared_language_wins_only_when_detection_is_unsure():
    assert choose_article_language([("en", 0.95), ("nl", 0.05)], "de") == ("en", 0.95)
    assert choose_article_language([("af", 0.55), ("nl", 0.45)], "nl") == ("nl", 0.45)
    assert choose_article_language([], "fr") == ("fr", 0.0)
    assert choose_article_language([], "") == (UNDETERMINED, 0.0)
    assert choose_article_language([("af", 0.55)], "") == ("af", 0.55)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("台灣的總統今天在台北發表了重要的講話。", "zh"),  # langdetect alone says 'ko'
        ("東京是日本的首都。", "zh"),
        ("대한민국 대통령이 오늘 서울에서 연설했다.", "ko"),
        ("日本の首相は今日東京で演説した。", "ja"),
    ],
)
def test_han_script_answers_must_fit_the_script(identifier, text, lang):
    assert identifier.identify(text)[0] == lang
