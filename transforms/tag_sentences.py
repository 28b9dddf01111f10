"""TagSentences: topics, places, entities and quotes for every sentence.

Lexicons are matched in the sentence's language and, when it differs, the
article's: a Spanish article's English quote is read with both. Once every
sentence of an article is tagged, a person named with a cue in one sentence
is a person in the others too ('el presidente Vladimir Putin' ... 'Putin').
"""

from __future__ import annotations

import apache_beam as beam

from transforms.records import Article, Entity, Sentence
from transforms.steps import ApplyArticleStep, ArticleStepFn
from transforms.tagging.config import TaggingConfig
from transforms.tagging.entities import EntityTagger, propagate_persons
from transforms.tagging.places import PlaceTagger
from transforms.tagging.quotes import is_quote
from transforms.tagging.tokens import casefolded_words, tokenize
from transforms.tagging.topics import TopicTagger


class SentenceTagger:
    """All sentence taggers together, built once per worker."""

    def __init__(self, config: TaggingConfig) -> None:
        self.topics = TopicTagger(config.topics)
        self.places = PlaceTagger(config.places)
        self.entities = EntityTagger(config.entities)

    def tag(self, sentence: Sentence, article_lang: str) -> list[Entity]:
        """Tag one sentence in place; returns the untyped name candidates, for `propagate_persons`."""
        languages = list(dict.fromkeys(lang for lang in (sentence.lang, article_lang) if lang and lang != "und"))
        if not languages:
            languages = sorted(self.topics.languages)
        text = sentence.text
        tokens = tokenize(text)
        words = casefolded_words(text, tokens)
        sentence.topics, sentence.topic_scores, sentence.topic_terms = self.topics.score(text, languages, words)
        mentions = sorted(self.places.find(tokens, text, languages), key=lambda mention: mention.start)
        sentence.places = list(dict.fromkeys(mention.code for mention in mentions))
        candidates: list[Entity] = []
        sentence.entities = self.entities.find(tokens, text, languages, mentions, candidates, words)
        sentence.is_quote = is_quote(text)
        return candidates

    def tag_article(self, article: Article) -> None:
        candidates = [self.tag(sentence, article.lang) for sentence in article.sentences]
        propagate_persons([sentence.entities for sentence in article.sentences], candidates)


class TagSentencesFn(ArticleStepFn):
    stage = "tag"

    def __init__(self, config: TaggingConfig) -> None:
        super().__init__()
        self._config = config

    def setup(self) -> None:
        self._tagger = SentenceTagger(self._config)

    def apply(self, article: Article) -> Article:
        self._tagger.tag_article(article)
        return article


class TagSentences(beam.PTransform):
    """Split articles -> every sentence with topics, places, entities and is_quote."""

    def __init__(self, config: TaggingConfig) -> None:
        super().__init__()
        self._config = config

    def expand(self, articles):
        return articles | ApplyArticleStep(TagSentencesFn(self._config))
