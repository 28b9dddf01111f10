"""build_article and document_reject: the common last step of every reader."""

from __future__ import annotations

import datetime as dt

from tests.conftest import make_document
from transforms import ids
from transforms.readers.building import build_article, document_reject
from transforms.records import Article, Reject

INGESTED_AT = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def build(document=None, **fields) -> Article | Reject:
    fields.setdefault("input_ref", "memory#1")
    fields.setdefault("source_kind", "rss")
    fields.setdefault("text", "Body.")
    return build_article(document or make_document("feed.rss", b""), ingested_at=INGESTED_AT, **fields)


def test_text_and_title_are_stripped_and_hashed():
    article = build(text="  Body text.  \n", title="  Title  ")
    assert (article.text, article.title) == ("Body text.", "Title")
    assert article.content_hash == ids.content_hash("Body text.")


def test_id_prefers_url_then_guid_then_content():
    by_url = build(url="https://example.com/a?utm_medium=x", guid="g1")
    by_guid = build(guid="g1")
    by_text = build()
    assert by_url.article_id == ids.article_id(url="https://example.com/a", guid="", source="x", text_hash="y")
    assert by_guid.article_id == ids.article_id(url="", guid="g1", source="feed.rss", text_hash="y")
    assert by_text.article_id == ids.article_id(url="", guid="", source="z", text_hash=ids.content_hash("Body."))
    assert len({by_url.article_id, by_guid.article_id, by_text.article_id}) == 3


def test_date_source_says_where_the_date_came_from():
    published = dt.datetime(2024, 3, 5, tzinfo=dt.UTC)
    assert build(published_at=published).date_source == "published"
    assert build().date_source == "ingested"
    assert build().partition_date == INGESTED_AT.date()


def test_language_hint_is_reduced_to_the_primary_subtag():
    assert build(lang_hint="EN-gb").lang_hint == "en"
    assert build(lang_hint="").lang_hint == ""


def test_empty_entry_reject_keeps_its_payload_and_ref():
    reject = build(text=" \n ", title="  ", input_ref="feed.rss#entry-3", payload="{'id': '3'}")
    assert isinstance(reject, Reject)
    assert (reject.reason, reject.stage, reject.input_ref, reject.payload) == (
        "empty_text",
        "parse",
        "feed.rss#entry-3",
        "{'id': '3'}",
    )


def test_document_reject_payload_is_the_start_of_the_document_even_for_binary_content():
    document = make_document("https://example.com/feed", b"\xff\xfe\x00" + b"a" * 5000)
    reject = document_reject(document, "malformed_feed", "why")
    assert reject.source == "example.com/feed"
    assert reject.input_ref == "https://example.com/feed"
    assert reject.payload.startswith("\ufffd\ufffd\x00aaa")
    assert len(reject.payload) <= 2000
