"""The tagging dev set (tests/fixtures/tagging/dev/*.jsonl) is well-formed, so evaluation rests on sound labels."""

import json
from pathlib import Path

import pytest
import yaml
from babel import Locale

REPO = Path(__file__).resolve().parents[3]
DEV_DIR = REPO / "tests" / "fixtures" / "tagging" / "dev"
DEV_FILES = sorted(DEV_DIR.glob("*.jsonl"))
FIELDS = {"id", "lang", "text", "topics", "places", "entities", "is_quote"}
ENTITY_FIELDS = {"text", "type", "start", "end"}
ENTITY_TYPES = {"PER", "ORG", "LOC", "MISC"}
MIN_SENTENCES = 50
MAX_TOPICS = 3


def topic_slugs():
    taxonomy = yaml.safe_load((REPO / "configs" / "topics.yaml").read_text(encoding="utf-8"))
    return {topic["slug"] for topic in taxonomy["topics"]}


# CLDR's territory list also holds numeric regions ("419") and groupings; countries are the 2-letter keys.
ISO_COUNTRIES = {code for code in Locale("en").territories if len(code) == 2 and code.isalpha()}
SLUGS = topic_slugs()


def read_rows(path):
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{number}: blank line"
        rows.append((number, json.loads(line)))
    return rows


def test_dev_set_exists():
    assert DEV_FILES, f"no dev files in {DEV_DIR}"


@pytest.mark.parametrize("path", DEV_FILES, ids=lambda p: p.name)
def test_every_line_is_a_valid_labelled_sentence(path):
    lang = path.stem
    problems = []
    for number, row in read_rows(path):
        where = f"{path.name}:{number} ({row.get('id')})"
        if set(row) != FIELDS:
            problems.append(f"{where}: fields {sorted(row)}")
            continue
        if row["lang"] != lang or not row["id"].startswith(f"{lang}-"):
            problems.append(f"{where}: lang/id do not match the file")
        if not isinstance(row["text"], str) or row["text"] != row["text"].strip() or not row["text"]:
            problems.append(f"{where}: text must be a non-empty stripped string")
        topics = row["topics"]
        if len(topics) > MAX_TOPICS or len(set(topics)) != len(topics) or not set(topics) <= SLUGS:
            problems.append(f"{where}: topics {topics}")
        places = row["places"]
        if len(set(places)) != len(places) or not set(places) <= ISO_COUNTRIES:
            problems.append(f"{where}: places {places}")
        if not isinstance(row["is_quote"], bool):
            problems.append(f"{where}: is_quote must be a boolean")
        problems.extend(entity_problems(where, row["text"], row["entities"]))
    assert not problems, "\n".join(problems)


def entity_problems(where, text, entities):
    problems = []
    previous_end = 0
    for entity in entities:
        if set(entity) != ENTITY_FIELDS:
            problems.append(f"{where}: entity fields {sorted(entity)}")
            continue
        start, end = entity["start"], entity["end"]
        if entity["type"] not in ENTITY_TYPES:
            problems.append(f"{where}: entity type {entity['type']}")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{where}: entity offsets {start}-{end}")
            continue
        if text[start:end] != entity["text"]:
            problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {entity['text']!r}")
        # Spans are listed in reading order and never overlap: a scorer matches them one to one.
        if start < previous_end:
            problems.append(f"{where}: entity {entity['text']!r} overlaps or precedes the previous one")
        previous_end = end
    return problems


@pytest.mark.parametrize("path", DEV_FILES, ids=lambda p: p.name)
def test_each_language_has_enough_sentences(path):
    assert len(read_rows(path)) >= MIN_SENTENCES


def test_ids_are_unique_across_the_set():
    ids = [row["id"] for path in DEV_FILES for _, row in read_rows(path)]
    duplicates = sorted({sentence_id for sentence_id in ids if ids.count(sentence_id) > 1})
    assert not duplicates, duplicates
