"""The parallel-sentence fixture is well formed: the shape the cross-language consistency test relies on.

Validates the data only, never the tagger: tests/fixtures/tagging/PARALLEL_README.md says how it was made.
"""

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from langdetect import DetectorFactory, detect

REPO = Path(__file__).resolve().parents[3]
FIXTURE = REPO / "tests" / "fixtures" / "tagging" / "parallel_sentences.jsonl"
TAXONOMY = REPO / "configs" / "topics.yaml"
LANGUAGES = ("en", "es", "fr", "de", "pt", "it")
SENTENCES = 60
MIN_PER_TOPIC = 3
# A cheap check that no translation was pasted into the wrong slot; langdetect is statistical and can
# misjudge a short sentence full of foreign names, so a few misses are tolerated.
MIN_DETECTED_SHARE = 0.95


@pytest.fixture(scope="module")
def records():
    with FIXTURE.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def topic_slugs():
    with TAXONOMY.open(encoding="utf-8") as taxonomy:
        return {topic["slug"] for topic in yaml.safe_load(taxonomy)["topics"]}


def test_sixty_records_with_unique_ids(records):
    assert len(records) == SENTENCES
    ids = [record["id"] for record in records]
    assert len(set(ids)) == len(ids), [name for name, count in Counter(ids).items() if count > 1]


def test_every_record_has_exactly_id_topic_and_texts(records):
    for record in records:
        assert set(record) == {"id", "topic", "texts"}, record.get("id")


def test_topics_are_slugs_of_the_bundled_taxonomy(records, topic_slugs):
    unknown = {record["id"]: record["topic"] for record in records if record["topic"] not in topic_slugs}
    assert not unknown


def test_every_topic_is_covered_at_least_three_times(records, topic_slugs):
    counts = Counter(record["topic"] for record in records)
    assert {slug: counts[slug] for slug in topic_slugs if counts[slug] < MIN_PER_TOPIC} == {}


def test_all_six_languages_present_and_non_empty(records):
    for record in records:
        texts = record["texts"]
        assert set(texts) == set(LANGUAGES), record["id"]
        assert all(isinstance(texts[lang], str) and texts[lang].strip() for lang in LANGUAGES), record["id"]


def test_english_sentences_have_news_wire_length(records):
    word_counts = {record["id"]: len(record["texts"]["en"].split()) for record in records}
    assert {name: count for name, count in word_counts.items() if not 12 <= count <= 35} == {}


def test_translations_differ_from_each_other(records):
    # Six distinct texts per record: an untranslated copy would be a silent hole in the consistency measure.
    for record in records:
        assert len(set(record["texts"].values())) == len(LANGUAGES), record["id"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_translation_is_detected_as_its_language(records, language):
    DetectorFactory.seed = 0  # langdetect is randomised; a fixed seed makes the verdict repeatable
    misdetected = {
        record["id"]: detected for record in records if (detected := detect(record["texts"][language])) != language
    }
    assert 1 - len(misdetected) / len(records) >= MIN_DETECTED_SHARE, misdetected
