"""Choosing the parser (extension, then sniffing), transparent gzip, and the document size cap."""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import tracemalloc
import zlib

import pytest

from tests.conftest import REPO_ROOT, make_document
from transforms.readers import formats
from transforms.readers.formats import DocumentTooLargeError, detect_format, gunzip_capped, parse_document
from transforms.records import Article, Reject

INGESTED_AT = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>Hello</title></item></channel></rss>"
HTML = b"<!DOCTYPE html><html><body><p>Hello</p></body></html>"
MIB = 1024 * 1024


def parse(document, max_bytes: int = formats.DEFAULT_MAX_DOCUMENT_BYTES) -> list[Article | Reject]:
    return list(parse_document(document, INGESTED_AT, max_bytes))


# --- detect_format ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "kind"),
    [
        ("a.txt", "txt"),
        ("a.text", "txt"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.xml", "feed"),
        ("a.rss", "feed"),
        ("a.atom", "feed"),
        ("a.rdf", "feed"),
        ("a.feed", "feed"),
        ("a.json", "feed"),  # JSON Feed; JSON Lines must be named .jsonl
        ("/In/UPPER.TXT", "txt"),
        ("archive/a.jsonl.gz", "jsonl"),
        ("archive/a.HTML.GZ", "html"),
    ],
)
def test_file_extension_decides_whatever_the_content(location, kind):
    # The content says RSS; a known extension on a file still wins.
    assert detect_format(location, RSS if kind != "feed" else b"plain words") == kind


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (RSS, "feed"),
        (b"\xef\xbb\xbf\n  <rss version='2.0'><channel></channel></rss>", "feed"),  # BOM and leading space
        (b"<?xml version='1.0'?>\n<rdf:RDF xmlns:rdf='x'>", "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "feed"),
        (b"<?xml version='1.0'?><unknown/>", "feed"),  # markup that is not HTML: feedparser has the last word
        (HTML, "html"),
        (b"<html lang='en'><p>x</p></html>", "html"),
        (b'{"text": "an article"}\n{"text": "another"}\n', "jsonl"),
        (b"Just some words.\nAnd more.", "txt"),
    ],
)
def test_files_without_a_known_extension_are_sniffed(content, kind):
    assert detect_format("/inbox/incoming-0001", content) == kind


@pytest.mark.parametrize(
    ("content", "content_type", "kind"),
    [
        (RSS, "", "feed"),
        (RSS, "text/html; charset=utf-8", "feed"),  # a feed root wins over a wrong content type
        (HTML, "text/html; charset=utf-8", "html"),
        (HTML, "", "html"),
        (b"<div>fragment</div>", "", "html"),
        (b"No markup at all", "application/rss+xml", "feed"),
        (b"No markup at all", "", "feed"),  # URLs are feeds unless they look like HTML
        (b'{"text": "x"}', "", "feed"),  # a URL is never JSON Lines
    ],
)
def test_urls_are_sniffed_and_ignore_their_extension(content, content_type, kind):
    assert detect_format("https://example.com/latest.txt?page=2", content, content_type) == kind


def test_xhtml_page_served_as_xhtml_is_html():
    assert detect_format("https://example.com/story", HTML, "application/xhtml+xml") == "html"


# --- routing through parse_document -------------------------------------------------------------


def test_parse_document_routes_to_the_reader_for_the_format():
    assert parse(make_document("a.rss", RSS))[0].source_kind == "rss"
    assert parse(make_document("a.jsonl", b'{"text": "x"}'))[0].source_kind == "jsonl"
    assert parse(make_document("a.txt", b"Words."))[0].source_kind == "txt"


def test_gzip_seed_file_is_decompressed_and_parsed_as_text():
    [article] = parse(make_document(REPO_ROOT / "seeds" / "briefs.txt.gz"))
    assert isinstance(article, Article)
    assert article.source_kind == "txt"
    assert article.title == "Harbour Museum of Modern Art opens its doors after five-year renovation"
    assert article.text.startswith("The Harbour Museum of Modern Art reopened to the public on Saturday")


def test_gzip_from_a_url_is_sniffed_after_decompression():
    [article] = parse(make_document("https://example.com/feed", gzip.compress(RSS)))
    assert article.source_kind == "rss"
    assert article.title == "Hello"


def test_gzip_jsonl_keeps_each_line():
    content = gzip.compress(b'{"text": "one"}\nnot json\n{"text": "two"}\n')
    records = parse(make_document("batch.jsonl.gz", content))
    assert [getattr(record, "reason", "article") for record in records] == ["article", "invalid_json", "article"]


# --- size cap and gzip safety -------------------------------------------------------------------


def test_document_over_the_limit_is_rejected_too_large():
    [reject] = parse(make_document("big.txt", b"x" * 1001), max_bytes=1000)
    assert isinstance(reject, Reject)
    assert reject.reason == "too_large"
    assert reject.input_ref == "big.txt"


def test_document_at_the_limit_is_parsed():
    [article] = parse(make_document("big.txt", b"x" * 1000), max_bytes=1000)
    assert isinstance(article, Article)


def _gzip_of_zeros(total: int, chunk: int = MIB) -> bytes:
    """gzip of `total` zero bytes, compressed chunk by chunk so the plain data never exists in memory."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(chunk)
    parts = [compressor.compress(zeros) for _ in range(total // chunk)]
    parts.append(compressor.flush())
    return b"".join(parts)


def test_gzip_bomb_is_rejected_without_expanding_it(monkeypatch):
    bomb = _gzip_of_zeros(200 * MIB)
    assert len(bomb) < MIB  # about 200 KB on disk
    monkeypatch.setattr(formats, "PARSERS", {})  # no reader may see the document
    tracemalloc.start()
    try:
        records = parse(make_document("bomb.txt.gz", bomb), max_bytes=MIB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [reject] = records
    assert isinstance(reject, Reject)
    assert reject.reason == "too_large"
    assert "1,048,576" in reject.detail
    assert peak < 16 * MIB  # far below the 200 MiB the bomb expands to


def test_gunzip_capped_accepts_exactly_the_limit_and_refuses_one_byte_more():
    assert gunzip_capped(gzip.compress(b"a" * 100), 100) == b"a" * 100
    with pytest.raises(DocumentTooLargeError):
        gunzip_capped(gzip.compress(b"a" * 101), 100)


@pytest.mark.parametrize(
    "content",
    [
        b"\x1f\x8b" + b"this is not deflate data at all",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + b"\xff" * 20,  # valid header, corrupt stream
    ],
)
def test_corrupt_gzip_is_rejected_invalid_gzip(content):
    [reject] = parse(make_document("broken.txt.gz", content))
    assert isinstance(reject, Reject)
    assert reject.reason == "invalid_gzip"


def test_gzip_with_a_bad_checksum_is_rejected_invalid_gzip():
    damaged = bytearray(gzip.compress(b"Title\n\nBody of the article."))
    damaged[-8] ^= 0xFF  # CRC-32 of the trailer
    [reject] = parse(make_document("crc.txt.gz", bytes(damaged)))
    assert reject.reason == "invalid_gzip"


def test_truncated_gzip_is_rejected_invalid_gzip():
    whole = gzip.compress(b"Title\n\n" + b"A sentence of the article body. " * 200)
    [record] = parse(make_document("cut.txt.gz", whole[: len(whole) // 2]))
    assert isinstance(record, Reject)
    assert record.reason == "invalid_gzip"


def test_multi_member_gzip_is_read_to_the_end():
    content = gzip.compress(b"First part of the text.\n") + gzip.compress(b"Second part of the text.\n")
    [article] = parse(make_document("joined.txt.gz", content))
    assert article.text == "First part of the text.\nSecond part of the text."


def test_parse_document_does_not_modify_its_input():
    document = make_document("briefs.txt.gz", gzip.compress(b"Title\n\nBody."))
    before = copy.deepcopy(document)
    parse(document)
    assert document == before
