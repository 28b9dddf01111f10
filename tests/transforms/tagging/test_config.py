"""Tagging configuration: validated on load, extendable by a user file."""

import pytest

from transforms.tagging.config import TaggingConfigError, load_tagging_config, merge_topics

MINIMAL = "version: 1\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path, topics_text, extra_text=None):
    return load_tagging_config(
        write(tmp_path, "topics.yaml", topics_text),
        write(tmp_path, "extra.yaml", extra_text) if extra_text else None,
        write(tmp_path, "places.yaml", MINIMAL),
        write(tmp_path, "entities.yaml", MINIMAL),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("topics: []\n", "expected 'topics:'"),
        ("topics:\n  - slug: Bad Slug\n", "invalid slug"),
        ("topics:\n  - slug: general\n", "invalid slug"),
        ("topics:\n  - slug: a\n  - slug: a\n", "duplicate slug"),
        ("topics:\n  - slug: a\n    iptc: 11000000\n", "invalid iptc code"),
        ("topics:\n  - slug: a\n    terms: {en: [ok, 12]}\n", "list of non-empty strings"),
        ("topics:\n  - slug: a\n    terms: {en: [ab*]}\n", "too short"),
        ("topics:\n  - slug: a\n    terms: {en: ['=fire*']}\n", "exact form"),
        ("topics:\n  - slug: a\n    terms: {en: ['big =']}\n", "exact form"),
        ("topics: [\n", "cannot read"),
    ],
)
def test_invalid_topics_files_are_reported(tmp_path, text, message):
    with pytest.raises(TaggingConfigError, match=message):
        load(tmp_path, text)


def test_terms_are_normalised_and_general_is_always_known(tmp_path):
    config = load(tmp_path, "topics:\n  - slug: sport\n    iptc: medtop:15000000\n    terms: {en: [' Football ']}\n")
    assert config.topics[0]["terms"] == {"en": ["football"]}
    assert config.topic_slugs == {"sport", "general"}


def test_user_file_extends_known_topics_and_adds_new_ones(tmp_path):
    config = load(
        tmp_path,
        "topics:\n  - slug: sport\n    terms: {en: [football]}\n",
        "topics:\n  - slug: sport\n    terms: {en: [cricket], es: [fútbol]}\n"
        "  - slug: crypto\n    terms: {en: [bitcoin]}\n",
    )
    assert [t["slug"] for t in config.topics] == ["sport", "crypto"]
    assert config.topics[0]["terms"] == {"en": ["football", "cricket"], "es": ["fútbol"]}


def test_merge_does_not_mutate_the_base():
    base = [{"slug": "sport", "terms": {"en": ["football"]}}]
    merge_topics(base, [{"slug": "sport", "terms": {"en": ["golf"]}}])
    assert base[0]["terms"]["en"] == ["football"]
