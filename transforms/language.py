"""DetectLanguage and DetectSentenceLanguage: the language of each article, then of each sentence.

The article's language is the context for its sentences: it settles short
sentences and headlines, while a clearly foreign sentence (an English quote
in a Spanish article) still gets its own language.
"""

from __future__ import annotations

import apache_beam as beam

from transforms.language_id import LanguageIdentifier, choose_article_language
from transforms.records import Article
from transforms.steps import ApplyArticleStep, ArticleStepFn

# The opening of an article is plenty to know its language, and bounds the cost.
ARTICLE_SAMPLE_CHARS = 2000


class DetectArticleLanguageFn(ArticleStepFn):
    stage = "language"

    def setup(self) -> None:
        self._identifier = LanguageIdentifier()

    def apply(self, article: Article) -> Article:
        sample = f"{article.title}\n{article.text[:ARTICLE_SAMPLE_CHARS]}"
        article.lang, article.lang_prob = choose_article_language(
            self._identifier.probabilities(sample), article.lang_hint
        )
        return article


class DetectSentenceLanguageFn(ArticleStepFn):
    stage = "language"

    def setup(self) -> None:
        self._identifier = LanguageIdentifier()

    def apply(self, article: Article) -> Article:
        # One vectorised pass over all of the article's sentences.
        detected = self._identifier.identify_many(
            [sentence.text for sentence in article.sentences], article.lang, article.lang_prob
        )
        for sentence, (lang, probability) in zip(article.sentences, detected, strict=True):
            sentence.lang, sentence.lang_prob = lang, probability
        return article


class DetectLanguage(beam.PTransform):
    """Articles -> articles with `lang`, `lang_prob` set."""

    def expand(self, articles):
        return articles | ApplyArticleStep(DetectArticleLanguageFn())


class DetectSentenceLanguage(beam.PTransform):
    """Split articles -> every sentence with its own `lang`, `lang_prob`."""

    def expand(self, articles):
        return articles | ApplyArticleStep(DetectSentenceLanguageFn())
