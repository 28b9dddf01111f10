"""DetectLanguage and DetectSentenceLanguage: the language of each article, then of each sentence.

DetectLanguage reads the article's opening: enough to choose the rules its
sentences are split by. DetectSentenceLanguage scores every sentence and so,
at no extra cost, the whole article: it settles the article's language on all
of its text, then uses it as the context for the sentences. The context
settles short sentences and headlines, while a clearly foreign sentence (an
English quote in a Spanish article) still gets its own language. On a batch
of articles (steps.ArticleBatch) both score ARTICLES_PER_PASS articles at a
time, with the answers each would get alone.
"""

from __future__ import annotations

import apache_beam as beam

from transforms.language_id import shared_identifier
from transforms.records import Article
from transforms.steps import ApplyArticleStep, ArticleStepFn, batches_of

# The title and this much of the text give the first reading: two or three sentences are
# plenty to pick splitting rules, and the cost stays a fraction of the sentence pass.
ARTICLE_OPENING_CHARS = 400
# Articles scored in one vectorised pass. A pass costs about 60 numpy calls
# whatever its size, which a few articles share; but it gathers a 220-byte row
# of scores per character, and beyond a few articles those rows no longer stay
# in the CPU cache. Against one article at a time, 4 or 8 a pass took 0.74x the
# CPU, 16 took 0.94x and 64 1.08x (benchmarks/language_passes.py).
ARTICLES_PER_PASS = 4


def _opening(article: Article) -> str:
    return f"{article.title}\n{article.text[:ARTICLE_OPENING_CHARS]}"


class _LanguageStepFn(ArticleStepFn):
    """What both language steps share: the worker's identifier, and how many articles a pass scores."""

    stage = "language"

    def __init__(self, articles_per_pass: int = ARTICLES_PER_PASS) -> None:
        super().__init__()
        self._articles_per_pass = articles_per_pass

    def setup(self) -> None:
        super().setup()
        self._identifier = shared_identifier()

    def _passes(self, articles: list[Article]):
        return batches_of(articles, self._articles_per_pass)


class DetectArticleLanguageFn(_LanguageStepFn):
    def apply(self, article: Article) -> Article:
        article.lang, article.lang_prob = self._identifier.article_language(_opening(article), article.lang_hint)
        return article

    def apply_batch(self, articles: list[Article]) -> list[Article]:
        answers = [
            answer
            for chunk in self._passes(articles)
            for answer in self._identifier.article_languages(
                [_opening(article) for article in chunk], [article.lang_hint for article in chunk]
            )
        ]
        for article, (lang, probability) in zip(articles, answers, strict=True):
            article.lang, article.lang_prob = lang, probability
        return articles


class DetectSentenceLanguageFn(_LanguageStepFn):
    def apply(self, article: Article) -> Article:
        if not article.sentences:
            return article  # nothing more to read than DetectLanguage did
        # One vectorised pass over the title and all of the sentences.
        article_language, detected = self._identifier.identify_article(*_texts_and_hint(article))
        _set_languages(article, article_language, detected)
        return article

    def apply_batch(self, articles: list[Article]) -> list[Article]:
        with_sentences = [article for article in articles if article.sentences]
        answers = [
            answer
            for chunk in self._passes(with_sentences)
            for answer in self._identifier.identify_articles([_texts_and_hint(article) for article in chunk])
        ]
        for article, (article_language, detected) in zip(with_sentences, answers, strict=True):
            _set_languages(article, article_language, detected)
        return articles


def _texts_and_hint(article: Article) -> tuple[str, list[str], str]:
    return article.title, [sentence.text for sentence in article.sentences], article.lang_hint


def _set_languages(article: Article, article_language: tuple[str, float], detected: list[tuple[str, float]]) -> None:
    article.lang, article.lang_prob = article_language
    for sentence, (lang, probability) in zip(article.sentences, detected, strict=True):
        sentence.lang, sentence.lang_prob = lang, probability


class DetectLanguage(beam.PTransform):
    """Articles -> articles with `lang`, `lang_prob` set."""

    def expand(self, articles):
        return articles | ApplyArticleStep(DetectArticleLanguageFn())


class DetectSentenceLanguage(beam.PTransform):
    """Split articles -> every sentence with its own `lang`, `lang_prob`."""

    def expand(self, articles):
        return articles | ApplyArticleStep(DetectSentenceLanguageFn())
