"""Lemmatizer.restricted: lookups only where a lexicon's lemmas could be the answer, and the same matches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.tagging.config import load_tagging_config
from transforms.tagging.lemmas import Lemmatizer
from transforms.tagging.topics import TopicTagger

FIXTURES = Path(__file__).parents[2] / "fixtures" / "tagging"


def test_words_of_the_lemmas_get_them_and_other_words_come_back_unlooked():
    lemmatizer = Lemmatizer(["es"])
    lemma = lemmatizer.restricted("es", {"elección", "guerra"})
    assert lemma("elecciones") == "elección"
    assert lemma("guerras") == "guerra"
    assert lemma("casas") == "casas"  # its lemma, casa, is no lexicon's concern
    assert lemmatizer.lemma("casas", "es") == "casa"
    assert ("es", "casas") in lemmatizer._cache and ("es", "mesas") not in lemmatizer._cache
    lemma("mesas")
    assert ("es", "mesas") not in lemmatizer._cache  # no lookup was made


def test_a_language_without_a_dictionary_keeps_its_words():
    assert Lemmatizer(["zz"]).restricted("zz", {"x"})("words") == "words"


@pytest.fixture(scope="module")
def dev_sentences():
    """(lang, text) of the dev set and of the parallel sentences: ten languages with lexicons."""
    sentences = []
    for path in sorted((FIXTURES / "dev").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            sentences.append((item["lang"], item["text"]))
    for line in (FIXTURES / "parallel_sentences.jsonl").read_text(encoding="utf-8").splitlines():
        sentences += json.loads(line)["texts"].items()
    assert len(sentences) > 700
    return sentences


def test_topics_are_the_same_as_with_every_word_looked_up(dev_sentences, monkeypatch):
    topics = load_tagging_config().topics
    restricted = TopicTagger(topics)
    monkeypatch.setattr(Lemmatizer, "restricted", lambda self, lang, lemmas: lambda word: self.lemma(word, lang))
    looked_up = TopicTagger(topics)
    matched = 0
    for lang, text in dev_sentences:
        expected = looked_up.score(text, [lang])
        assert restricted.score(text, [lang]) == expected, text
        matched += bool(expected[0])
    assert matched > 100  # the comparison covers many sentences with topics, not only empty answers
