"""LanguageIdentifier: langdetect's profiles scored deterministically, with the article language as context."""

import collections
import json
import math
from pathlib import Path

import numpy as np
import pytest
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from transforms.language_id import (
    ORDER_WEIGHTS,
    TEMPERATURE,
    UNDETERMINED,
    WORD_EVIDENCE_MARGIN,
    LanguageIdentifier,
    choose_article_language,
)
from transforms.language_profiles import SMOOTHING
from transforms.language_words import WordEvidence, load_word_lists

SAMPLE = Path(__file__).parents[1] / "fixtures" / "langid" / "sample.jsonl"


@pytest.fixture(scope="module")
def identifier():
    return LanguageIdentifier()


def sample(which: str) -> list[tuple[str, str]]:
    """(language in our codes, text) from the lingua-py sample."""
    items = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line.strip()]
    return [("no" if item["lang"] == "nb" else item["lang"], item["text"]) for item in items if item["set"] == which]


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


def test_probabilities_are_a_distribution_most_likely_first(identifier):
    ranked = identifier.probabilities("Het kabinet wil de belasting op arbeid verlagen.")
    probabilities = [p for _, p in ranked]
    assert ranked[0][0] == "nl"
    assert probabilities == sorted(probabilities, reverse=True)
    assert all(0.0 < p <= 1.0 for p in probabilities)
    assert math.isclose(sum(probabilities), 1.0, abs_tol=0.01)
    assert identifier.probabilities("12345 !!! ...") == []


def test_scores_are_the_sum_over_langdetects_own_ngrams_plus_the_words(identifier):
    """Our vectorised extraction and scoring equal a plain loop over langdetect's n-grams, plus words where unsure."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    words = WordEvidence(load_word_lists(tuple(factory.langlist)), max_chars=2000)
    texts = (
        "Les députés ont voté la loi NASA à Paris",
        "Ministerstvo zdravotnictví varuje před chřipkou",
        "lesersmark inheemse",  # few n-grams: af and nl close, the words matter
    )
    for text in texts:
        detector = factory.create()
        detector.append(text + " ")  # our reading ends every text with a word end
        detector.cleaning_text()
        scores = np.zeros(len(factory.langlist))
        for gram in detector._extract_ngrams():
            weight = ORDER_WEIGHTS[len(gram) - 1] / TEMPERATURE
            scores += weight * np.log(np.asarray(factory.word_lang_prob_map[gram]) + SMOOTHING)
        per_language = [score for lang, score in zip(factory.langlist, scores, strict=True) if lang != "zh-tw"]
        second, best = sorted(per_language)[-2:]
        unsure = best - second < WORD_EVIDENCE_MARGIN
        assert unsure == (text == "lesersmark inheemse")  # words are added only where the n-grams leave it open
        if unsure:
            scores += words.scores([text])[0]
        posterior = np.exp(scores - scores.max())
        posterior /= posterior.sum()
        expected = {lang: p for lang, p in zip(factory.langlist, posterior, strict=True) if p >= 0.001}
        assert dict(identifier.probabilities(text)) == pytest.approx(expected, rel=1e-3, abs=1e-4)


def test_batch_agrees_with_one_text_at_a_time(identifier):
    texts = [
        "Una empresa emergente de Chile presentó este jueves un sistema de riego.",
        "",
        "Sí.",
        "NASA ESA",
        "Visit https://example.org/a?b=c or write to news@example.org today",
        "東京是日本的首都。",
        "日本の首相は今日東京で演説した。",
        "Il a dit \u201cbonjour\u201d \U0001f600 à tout le monde",
        "Tiếng Việt có dấu",
        "  leading and trailing spaces  ",
        "a\0b nul inside",
    ]
    for context in (("", 0.0), ("es", 0.97)):
        assert identifier.identify_many(texts, *context) == [identifier.identify(text, *context) for text in texts]
    assert identifier.identify_many([]) == []


def test_an_article_is_read_whole_and_is_its_sentences_context(identifier):
    sentences = [
        "Le gouvernement a présenté mercredi son projet de budget pour l'année prochaine.",
        "Oui.",
        '"We will fight this in court," said the union leader.',
        "Les syndicats ont annoncé une grève pour la semaine prochaine dans tout le pays.",
    ]
    (lang, probability), detected = identifier.identify_article("Budget: la grève menace", sentences)
    assert lang == "fr" and probability > 0.99
    # The article's scores are its parts' scores summed: the language of all of its text.
    assert identifier.probabilities(" ".join(["Budget: la grève menace", *sentences]))[0][0] == "fr"
    assert detected == identifier.identify_many(sentences, "fr", probability)
    assert [lang for lang, _ in detected] == ["fr", "fr", "en", "fr"]


def test_an_article_without_evidence_takes_its_declared_language(identifier):
    assert identifier.identify_article("", ["123", "!!!"], hint="pt") == (("pt", 0.0), [("pt", 0.0), ("pt", 0.0)])
    assert identifier.identify_article("", ["123"]) == ((UNDETERMINED, 0.0), [(UNDETERMINED, 0.0)])
    # A confident detection beats the declared language; an unsure one does not.
    assert identifier.identify_article("", ["Die Regierung hat heute den Haushalt vorgestellt."], "nl")[0][0] == "de"
    assert identifier.identify_article("", ["Kim Jong-un"], "ko")[0] == ("ko", 0.0)


def test_short_or_empty_text_takes_the_context_language_as_it_is(identifier):
    assert identifier.identify("OK", "") == (UNDETERMINED, 0.0)
    assert identifier.identify("", "fr", 0.9) == ("fr", 0.9)
    assert identifier.identify("12345 67890 !!!", "de", 0.9) == ("de", 0.9)
    assert identifier.identify("12345 67890 !!!") == (UNDETERMINED, 0.0)


def test_a_script_no_language_here_uses_gets_no_answer(identifier):
    armenian = "Բարեւ ձեզ, ինչպես եք"  # langdetect has no Armenian; a few letters are stray n-grams in its profiles
    assert identifier.probabilities(armenian) == []
    assert identifier.identify(armenian) == (UNDETERMINED, 0.0)
    assert identifier.identify(armenian, "en", 0.9) == ("en", 0.9)


def test_the_script_rules_out_languages_even_against_the_context(identifier):
    detected, probability = identifier.identify("Москва", "en", 0.99)
    assert detected == "ru"
    assert probability > 0.5
    assert identifier.identify("相关")[1] > 0.9  # only Chinese is written in Han alone


def test_the_context_settles_short_ambiguous_text(identifier):
    # Alone, two words are a guess among close languages; in a Portuguese article they are Portuguese.
    pairs = [text for lang, text in sample("word_pairs") if lang == "pt"]
    alone = sum(identifier.identify(text)[0] == "pt" for text in pairs)
    in_context = sum(identifier.identify(text, "pt", 0.99)[0] == "pt" for text in pairs)
    assert in_context == len(pairs)
    assert alone < in_context
    assert identifier.identify("¡Hola!", "es", 0.97)[0] == "es"


def test_a_foreign_quote_keeps_its_own_language_despite_the_context(identifier):
    quote = '"This is the future of smart farming and everybody will use it," she said.'
    assert identifier.identify(quote, "es", 0.99)[0] == "en"
    assert identifier.identify("Die Regierung hat heute ein neues Gesetz beschlossen.", "fr", 0.99)[0] == "de"


def test_declared_language_wins_only_when_detection_is_unsure():
    assert choose_article_language([("en", 0.95), ("nl", 0.05)], "de") == ("en", 0.95)
    assert choose_article_language([("af", 0.55), ("nl", 0.45)], "nl") == ("nl", 0.45)
    assert choose_article_language([], "fr") == ("fr", 0.0)
    assert choose_article_language([], "") == (UNDETERMINED, 0.0)
    assert choose_article_language([("af", 0.55)], "") == ("af", 0.55)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("台灣的總統今天在台北發表了重要的講話。", "zh"),  # Traditional; langdetect alone says 'ko'
        ("台湾的总统今天在台北发表了重要的讲话。", "zh"),  # the same in Simplified
        ("東京是日本的首都。", "zh"),
        ("相关", "zh"),  # a lingua word pair langdetect calls Korean
        ("대한민국 대통령이 오늘 서울에서 연설했다.", "ko"),
        ("日本の首相は今日東京で演説した。", "ja"),
        ("カタカナとひらがな", "ja"),
    ],
)
def test_han_script_answers_must_fit_the_script(identifier, text, lang):
    assert identifier.identify(text)[0] == lang


def test_chinese_word_pairs_are_chinese_not_korean(identifier):
    pairs = [text for lang, text in sample("word_pairs") if lang == "zh"]
    assert collections.Counter(identifier.identify(text)[0] for text in pairs) == {"zh": len(pairs)}


def test_accuracy_on_the_lingua_sample(identifier):
    """A guard against regressions, not the evaluation (benchmarks/eval_language_id.py is)."""
    for which, floor in (("sentences", 0.97), ("word_pairs", 0.82)):
        items = sample(which)
        detected = identifier.identify_many([text for _, text in items])
        right = sum(lang == found for (lang, _), (found, _) in zip(items, detected, strict=True))
        assert right / len(items) >= floor, which


@pytest.mark.parametrize("hint", ["", "en", "de", "zh", "pt", "xx"])
def test_article_language_is_choose_article_language_of_the_probabilities(identifier, hint):
    texts = [
        "Het kabinet wil de belasting op arbeid verlagen.",
        "Kim Jong-un en Vladivostok con Putin",
        "O presidente falou hoje em Lisboa",
        "台灣的總統今天在台北發表了重要的講話。",
        "12345 !!!",
        "",
        "ok",
    ]
    for text in texts:
        expected = choose_article_language(identifier.probabilities(text), hint)
        assert identifier.article_language(text, hint) == expected, text


def test_variants_add_up_exactly_as_the_zero_one_matrix_product_did(identifier):
    columns = identifier._script_penalty.shape[1]  # profile columns
    merge = np.zeros((columns, len(identifier.languages)))
    for index, language_columns in enumerate(identifier._columns_of.values()):
        merge[language_columns, index] = 1.0
    rows = np.random.default_rng(0).dirichlet(np.ones(columns), size=200)
    assert np.array_equal(identifier._per_language(rows), rows @ merge)
    assert np.array_equal(identifier._per_language(rows[:1]), rows[:1] @ merge)


def test_articles_scored_together_get_the_answers_each_gets_alone(identifier):
    # Different languages, scripts, hints and degenerate texts in one pass: nothing of one article may leak
    # into another's answer (the prior, the script, the merged whole-article scores), to the last bit.
    articles = [
        (
            "Budget: la grève menace",
            ["Le gouvernement a présenté son projet.", "Oui.", '"We will fight," he said.'],
            "",
        ),
        ("", ["123", "!!!"], "pt"),
        ("总统会见部长", ["总统周一在北京会见了部长。", "會談將繼續進行。"], ""),
        ("Kim Jong-un", ["Kim Jong-un"], "ko"),
        ("Москва", ["Президент встретился с министром в понедельник.", "OK."], "ru"),
        ("", [""], ""),
        ("Die Regierung", ["Die Regierung hat heute den Haushalt vorgestellt.", "Ja."], "nl"),
    ]
    alone = [identifier.identify_article(*article) for article in articles]
    assert identifier.identify_articles(articles) == alone
    assert identifier.identify_articles(articles[::-1]) == alone[::-1]
    assert identifier.identify_articles([]) == []
    openings = [" ".join([title, *sentences]) for title, sentences, _ in articles]
    hints = [hint for *_, hint in articles]
    assert identifier.article_languages(openings, hints) == [
        identifier.article_language(opening, hint) for opening, hint in zip(openings, hints, strict=True)
    ]
