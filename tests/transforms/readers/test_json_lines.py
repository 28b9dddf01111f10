"""JSON Lines articles: one object a line; each bad line is its own reject, naming the line."""

from __future__ import annotations

import codecs
import datetime as dt
import json

import pytest

from tests.conftest import make_document
from transforms import ids
from transforms.readers.json_lines import parse_json_lines
from transforms.records import Article, Reject

INGESTED_AT = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
FIXTURE = "readers/articles.jsonl"


def parse(document) -> list[Article | Reject]:
    return list(parse_json_lines(document, INGESTED_AT))


@pytest.fixture(scope="module")
def by_line() -> dict[int, Article | Reject]:
    """The fixture's records keyed by the line number in their input_ref."""
    records = parse(make_document(FIXTURE))
    keyed = {int(record.input_ref.rsplit(":line-", 1)[1]): record for record in records}
    assert len(keyed) == len(records), "two records claim the same line"
    return keyed


def test_blank_and_whitespace_only_lines_are_skipped(by_line):
    assert sorted(by_line) == [1, 3, 4, 5, 6, 7, 8, 10, 11]


@pytest.mark.parametrize(
    ("line", "reason"),
    [(4, "invalid_json"), (5, "not_an_object"), (6, "missing_text"), (7, "missing_text"), (8, "invalid_field")],
)
def test_each_bad_line_is_its_own_reject_naming_the_line(by_line, line, reason):
    reject = by_line[line]
    assert isinstance(reject, Reject)
    assert reject.reason == reason
    assert reject.stage == "parse"
    assert reject.input_ref == f"{FIXTURE}:line-{line}"
    assert f"line {line}" in reject.detail
    assert reject.source == "articles.jsonl"
    fixture_lines = make_document(FIXTURE).content.decode("utf-8").splitlines()
    assert reject.payload == fixture_lines[line - 1]


def test_invalid_field_names_the_field(by_line):
    assert "title" in by_line[8].detail


def test_a_full_record(by_line):
    article = by_line[1]
    assert isinstance(article, Article)
    assert article.text == "Dock workers voted to accept the offer."
    assert article.title == "Port deal agreed"
    assert article.url == "https://example.com/news/port-deal?utm_source=newsletter"
    assert article.guid == "wire-1"
    assert article.lang_hint == "pt"
    assert article.source_kind == "jsonl"
    assert article.ingested_at == INGESTED_AT


def test_published_with_timezone_becomes_utc(by_line):
    assert by_line[1].published_at == dt.datetime(2024, 3, 6, 4, 30, tzinfo=dt.UTC)
    assert by_line[1].date_source == "published"


def test_naive_published_is_utc(by_line):
    assert by_line[10].published_at == dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.UTC)


def test_source_field_overrides_the_source_name(by_line):
    assert by_line[1].source == "Wire Service"
    assert by_line[3].source == "articles.jsonl"


def test_optional_fields_may_be_missing(by_line):
    article = by_line[3]
    assert isinstance(article, Article)
    assert article.text == "A record with only its text."
    assert (article.title, article.url, article.guid, article.lang_hint) == ("", "", "", "")
    assert article.published_at is None
    assert article.date_source == "ingested"


def test_unreadable_date_keeps_the_article_without_a_date(by_line):
    article = by_line[11]
    assert isinstance(article, Article)
    assert article.published_at is None
    assert article.date_source == "ingested"


def test_article_id_comes_from_the_url_without_tracking_parameters(by_line):
    untracked = ids.article_id(
        url="https://example.com/news/port-deal", guid="", source="elsewhere", text_hash="unrelated"
    )
    assert by_line[1].article_id == untracked


def test_guid_is_used_when_there_is_no_url(by_line):
    same_guid_elsewhere = parse(make_document("other.jsonl", b'{"text": "Different words.", "guid": "g-10"}'))[0]
    assert by_line[10].guid == "g-10"
    # a GUID is only unique within its source
    assert by_line[10].article_id != same_guid_elsewhere.article_id


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"text": "x", "url": ["https://example.com"]}, "url"),
        ({"text": "x", "published": 1709632800}, "published"),
        ({"text": "x", "id": 7}, "id"),
        ({"text": "x", "lang": {"code": "en"}}, "lang"),
    ],
)
def test_non_string_optional_fields_are_invalid(record, field):
    [reject] = parse(make_document("f.jsonl", json.dumps(record).encode()))
    assert reject.reason == "invalid_field"
    assert field in reject.detail


def test_null_optional_fields_are_accepted():
    [article] = parse(make_document("n.jsonl", b'{"text": "Body.", "title": null, "published": null, "url": null}'))
    assert isinstance(article, Article)
    assert article.title == ""
    assert article.published_at is None


def test_byte_order_mark_and_crlf_line_ends():
    content = codecs.BOM_UTF8 + b'{"text": "First."}\r\n{"text": "Second."}\r\n'
    records = parse(make_document("bom.jsonl", content))
    assert [record.text for record in records] == ["First.", "Second."]
    assert [record.input_ref for record in records] == ["bom.jsonl:line-1", "bom.jsonl:line-2"]


def test_nul_characters_are_removed_from_text():
    [article] = parse(make_document("nul.jsonl", b'{"text": "Bo\\u0000dy."}'))
    assert article.text == "Body."


def test_undecodable_file_is_one_reject():
    [reject] = parse(make_document("broken.jsonl", codecs.BOM_UTF16_LE + b"\x00\xd8"))
    assert reject.reason == "invalid_encoding"
    assert reject.input_ref == "broken.jsonl"


def test_unicode_line_separators_inside_strings_do_not_split_the_record():
    content = (json.dumps({"text": "First paragraph.\u2028Second paragraph."}, ensure_ascii=False) + "\n").encode()
    content += b'{"text": "Next record."}\n'
    records = parse(make_document("sep.jsonl", content))
    assert [type(record) for record in records] == [Article, Article]
    assert records[1].input_ref == "sep.jsonl:line-2"


def test_huge_integer_literal_is_a_line_reject_not_a_crash():
    content = b'{"text": "Fine.", "count": ' + b"9" * 5000 + b'}\n{"text": "Still read."}\n'
    records = parse(make_document("big.jsonl", content))
    assert [getattr(record, "reason", None) for record in records] == ["invalid_json", None]
    assert records[1].text == "Still read."
