"""DetectLanguage and DetectSentenceLanguage: the language of each article, then of each sentence.

DetectLanguage reads the article's opening: enough to choose the rules its
sentences are split by. DetectSentenceLanguage scores every sentence and so,
at no extra cost, the whole article: it settles the article's language on all
of its text, then uses it as the context for the sentences. The context
settles short sentences and headlines, while a clearly foreign sentence (an
English quote in a Spanish article) still gets its own language.
"""

from __future__ import annotations

import apache_beam as beam

from transforms.language_id import shared_identifier
from transforms.records import Article
from transforms.steps import ApplyArticleStep, ArticleStepFn

# The title and this much of the text give the first reading: two or three sentences are
# plenty to pick splitting rules, and the cost stays a fraction of the sentence pass.
ARTICLE_OPENING_CHARS = 400


class DetectArticleLanguageFn(ArticleStepFn):
    stage = "language"

    def setup(self) -> None:
        super().setup()
        self._identifier = shared_identifier()

    def apply(self, article: Article) -> Article:
        sample = f"{article.title}\n{article.text[:ARTICLE_OPENING_CHARS]}"
        article.lang, article.lang_prob = self._identifier.article_language(sample, article.lang_hint)
        return article


class DetectSentenceLanguageFn(ArticleStepFn):
    stage = "language"

    def setup(self) -> None:
        super().setup()
        self._identifier = shared_identifier()

    def apply(self, article: Article) -> Article:
        if not article.sentences:
            return article  # nothing more to read than DetectLanguage did
        # One vectorised pass over the title and all of the sentences.
        (article.lang, article.lang_prob), detected = self._identifier.identify_article(
            article.title, [sentence.text for sentence in article.sentences], article.lang_hint
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
