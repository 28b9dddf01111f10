"""TagSentences: topics, places, entities and quotes for every sentence.

Lexicons are matched in the sentence's language and, when it differs, the
article's: a Spanish article's English quote is read with both. Once every
sentence of an article is tagged, a person named with a cue in one sentence
is a person in the others too ('el presidente Vladimir Putin' ... 'Putin').
"""

from __future__ import annotations

import operator

import apache_beam as beam

from transforms.records import Article, Entity, Sentence
from transforms.steps import ApplyArticleStep, ArticleStepFn
from transforms.tagging.config import TaggingConfig
from transforms.tagging.entities import EntityTagger, propagate_persons
from transforms.tagging.places import PlaceTagger
from transforms.tagging.quotes import quote_span
from transforms.tagging.tokens import tokenize
from transforms.tagging.topics import shared_topic_tagger

# Sort key of place mentions: text order (C-level, no Python call per mention).
_start = operator.attrgetter("start")


class SentenceTagger:
    """All sentence taggers together, built once per worker."""

    def __init__(self, config: TaggingConfig) -> None:
        self.topics = shared_topic_tagger(config.topics)
        self.places = PlaceTagger(config.places)
        self.entities = EntityTagger(config.entities)
        self._languages: dict[tuple[str, str], list[str]] = {}

    def languages(self, sentence_lang: str, article_lang: str) -> list[str]:
        """The languages to read a sentence in: its own, then its article's; all lexicons' when neither is known.
        Cached per pair: an article's sentences mostly share one."""
        key = (sentence_lang, article_lang)
        found = self._languages.get(key)
        if found is None:
            found = list(dict.fromkeys(lang for lang in key if lang and lang != "und")) or sorted(self.topics.languages)
            self._languages[key] = found
        return found

    def tag(self, sentence: Sentence, article_lang: str) -> list[Entity]:
        """Tag one sentence in place; returns the untyped name candidates, for `propagate_persons`."""
        languages = self.languages(sentence.lang, article_lang)
        text = sentence.text
        tokens = tokenize(text)
        topics = self.topics.score(text, languages, tokens.lowered)
        sentence.topics, sentence.topic_scores, sentence.topic_terms = topics
        mentions = self.places.find(tokens, text, languages)
        if len(mentions) > 1:
            mentions.sort(key=_start)
        # Most sentences name no country: an empty list without setting up the generator.
        sentence.places = list(dict.fromkeys(mention.code for mention in mentions)) if mentions else []
        candidates: list[Entity] = []
        sentence.entities = self.entities.find(tokens, text, languages, mentions, candidates)
        sentence.quote = quote_span(text)
        sentence.is_quote = sentence.quote is not None
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
        super().setup()
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
