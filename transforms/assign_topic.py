"""AssignTopic: one topic per article, from the evidence of its sentences.

Rule (also in the header of configs/topics.yaml):
1. Sum the sentence topic scores over the article; the title counts like a
   sentence with double weight (TITLE_WEIGHT).
2. The best topic wins if its sum reaches MIN_TOPIC_SCORE (2: one matched
   term in one sentence is too weak to file a whole article); ties go to the
   topic the source configured for the article (category mapping or default
   topic), then to taxonomy order (the order of configs/topics.yaml).
3. With weaker evidence the source's configured topic is used, else `general`.
Every topic with evidence is kept, best first, in `topic_scores` (the
article row's topic_scores column).
"""

from __future__ import annotations

from collections import defaultdict

import apache_beam as beam

from transforms.records import Article
from transforms.steps import ApplyArticleStep, ArticleStepFn
from transforms.tagging.config import GENERAL_TOPIC, TaggingConfig
from transforms.tagging.topics import shared_topic_tagger

MIN_TOPIC_SCORE = 2.0
TITLE_WEIGHT = 2.0


def choose_topic(scores: dict[str, float], configured: str, rank) -> str:
    if scores:
        best = max(scores.values())
        if best >= MIN_TOPIC_SCORE:
            leaders = [topic for topic, score in scores.items() if score == best]
            if configured in leaders:
                return configured
            return min(leaders, key=rank)
    return configured or GENERAL_TOPIC


class AssignTopicFn(ArticleStepFn):
    stage = "topic"

    def __init__(self, config: TaggingConfig) -> None:
        super().__init__()
        self._config = config

    def setup(self) -> None:
        super().setup()
        self._topics = shared_topic_tagger(self._config.topics)

    def apply(self, article: Article) -> Article:
        scores: dict[str, float] = defaultdict(float)
        for sentence in article.sentences:
            for topic, score in zip(sentence.topics, sentence.topic_scores, strict=True):
                scores[topic] += score
        if article.title:
            languages = [article.lang] if article.lang != "und" else sorted(self._topics.languages)
            title_topics, title_scores, _ = self._topics.score(article.title, languages)
            for topic, score in zip(title_topics, title_scores, strict=True):
                scores[topic] += TITLE_WEIGHT * score
        article.topic_scores = dict(sorted(scores.items(), key=lambda item: (-item[1], self._topics.rank(item[0]))))
        article.topic = choose_topic(scores, article.default_topic, self._topics.rank)
        return article


class AssignTopic(beam.PTransform):
    """Tagged articles -> articles with `topic` and `topic_scores`."""

    def __init__(self, config: TaggingConfig) -> None:
        super().__init__()
        self._config = config

    def expand(self, articles):
        return articles | ApplyArticleStep(AssignTopicFn(self._config))
