"""Plain text articles: one article a file, with an optional title line."""

from __future__ import annotations

import codecs
import datetime as dt
import re

import pytest

from tests.conftest import REPO_ROOT, make_document
from transforms.readers.text_files import parse_text, split_title
from transforms.records import Article, Reject

INGESTED_AT = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
SEED = REPO_ROOT / "seeds" / "es-kim-jong-un-russia.txt"


def parse_one(document) -> Article | Reject:
    [record] = list(parse_text(document, INGESTED_AT))
    return record


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\n\nFirst line.\nSecond line.", ("Title", "First line.\nSecond line.")),
        ("Title\r\n\r\nBody with CRLF.\r\nMore.", ("Title", "Body with CRLF.\nMore.")),
        ("Title\n   \t\nBody after a whitespace-only line.", ("Title", "Body after a whitespace-only line.")),
        ("  Padded title  \n\nBody", ("Padded title", "Body")),
        # no blank line after the first line: no title, every line is text
        ("First line.\nSecond line.\n", ("", "First line.\nSecond line.")),
        ("Only one line", ("", "Only one line")),
        # a leading blank line means there is no title line
        ("\nFirst\n\nSecond", ("", "First\n\nSecond")),
    ],
)
def test_first_line_is_the_title_only_when_a_blank_line_follows(text, expected):
    assert split_title(text) == expected


def test_seed_file_has_no_title_and_thirteen_lines():
    article = parse_one(make_document(SEED))
    assert isinstance(article, Article)
    assert article.title == ""
    lines = article.text.split("\n")
    assert len(lines) == 13
    assert lines[0].startswith("El líder norcoreano Kim Jong-un se encuentra en Rusia")
    assert lines[-1].endswith("en la región de Asia.")


def test_article_fields_for_a_file():
    article = parse_one(make_document("/data/in/briefs/museum.txt", b"Museum reopens\n\nThe museum reopened today."))
    assert article.title == "Museum reopens"
    assert article.text == "The museum reopened today."
    assert article.source == "museum.txt"
    assert article.source_kind == "txt"
    assert article.input_ref == "/data/in/briefs/museum.txt"
    assert article.url == article.guid == ""
    assert article.published_at is None
    assert article.ingested_at == INGESTED_AT
    assert article.date_source == "ingested"
    assert re.fullmatch(r"[0-9a-f]{32}", article.article_id)
    assert article.content_hash


def test_title_only_file_keeps_the_title_as_text():
    article = parse_one(make_document("headline.txt", b"Storm closes the harbour\n\n"))
    assert isinstance(article, Article)
    assert article.title == article.text == "Storm closes the harbour"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", b"\x00\x00"])
def test_file_without_text_is_rejected(content):
    reject = parse_one(make_document("empty.txt", content))
    assert isinstance(reject, Reject)
    assert reject.reason == "empty_text"
    assert reject.stage == "parse"
    assert reject.input_ref == "empty.txt"


def test_utf16_with_bom():
    article = parse_one(make_document("readers/utf16_bom.txt"))
    assert article.title == "Título del artículo"
    assert article.text == "El río creció durante la noche y la policía cortó el puente.\nLos vecinos esperan noticias."


def test_latin1_bytes_decode():
    article = parse_one(make_document("readers/latin1_es.txt"))
    assert isinstance(article, Article)
    assert article.text.startswith("El río creció durante la noche y la policía cortó el puente.")


def test_nul_bytes_are_removed():
    article = parse_one(make_document("nul.txt", b"Ti\x00tle\n\x00\nBo\x00dy text."))
    assert article.title == "Title"
    assert article.text == "Body text."


def test_undecodable_file_is_rejected_with_its_reason():
    reject = parse_one(make_document("broken.txt", codecs.BOM_UTF8 + b"caf\xe9"))
    assert isinstance(reject, Reject)
    assert reject.reason == "invalid_encoding"
    assert reject.input_ref == "broken.txt"


def test_same_text_in_two_files_has_the_same_id():
    # Files have no URL or GUID: the id is the hash of the normalised text.
    first = parse_one(make_document("a/story.txt", b"Storm closes the harbour.\nFerries stay in port."))
    second = parse_one(make_document("b/copy.txt", b"Storm  closes the harbour.\r\nFerries stay in port.\n"))
    other = parse_one(make_document("c/other.txt", b"Storm closes the airport."))
    assert first.article_id == second.article_id
    assert first.article_id != other.article_id


def test_source_settings_travel_with_the_article():
    document = make_document("notas.txt", b"Texto.", name="Diario", lang_hint="pt-BR", default_topic="sport")
    article = parse_one(document)
    assert article.source == "Diario"
    assert article.lang_hint == "pt"
    assert article.default_topic == "sport"
