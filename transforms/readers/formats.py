"""Pick the parser for a raw document: by file extension, else by sniffing its bytes.

Gzip is undone here, for files and URLs alike, with a cap on the expanded
size so that a compression bomb becomes a reject instead of an OOM.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zlib
from collections.abc import Callable, Iterator

from transforms.readers.building import document_reject
from transforms.readers.document import RawDocument
from transforms.readers.feeds import parse_feed
from transforms.readers.html_pages import parse_html
from transforms.readers.json_lines import parse_json_lines
from transforms.readers.text_files import parse_text
from transforms.records import Article, Reject

DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"

Parser = Callable[[RawDocument, dt.datetime], Iterator[Article | Reject]]
PARSERS: dict[str, Parser] = {"feed": parse_feed, "txt": parse_text, "jsonl": parse_json_lines, "html": parse_html}

_EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".feed": "feed",
    ".json": "feed",  # JSON Feed; a JSON Lines file should be named .jsonl
}
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF|RDF|channel)[\s>]", re.I)
_HTML_ROOT = re.compile(rb"<(!doctype html|html|body|article|div|p)[\s>]", re.I)


class DocumentTooLargeError(ValueError):
    pass


def gunzip_capped(content: bytes, limit: int) -> bytes:
    """Decompress gzip data (every member), refusing to expand past `limit` bytes.

    Raises DocumentTooLargeError past the limit and zlib.error for corrupt or
    truncated data: a cut-off download must not pass for a shorter document.
    """
    out = bytearray()
    remaining = content
    while remaining:
        inflater = zlib.decompressobj(wbits=31)  # 16 + 15: one gzip member
        out += inflater.decompress(remaining, limit + 1 - len(out))
        if len(out) > limit or inflater.unconsumed_tail:
            raise DocumentTooLargeError(f"expands beyond the {limit:,}-byte document limit")
        if not inflater.eof:
            raise zlib.error("truncated gzip data: the stream ends before its last member does")
        remaining = inflater.unused_data.lstrip(b"\x00")  # padding between members is allowed
    return bytes(out)


def _strip_gz(location: str) -> str:
    path = location.split("?", 1)[0].lower()
    return path[:-3] if path.endswith(".gz") else path


def detect_format(location: str, content: bytes, content_type: str = "") -> str:
    """'feed' (XML or JSON Feed), 'txt', 'jsonl' or 'html' for this document."""
    is_url = location.startswith(("http://", "https://"))
    path = _strip_gz(location)
    if not is_url:
        for extension, kind in _EXTENSIONS.items():
            if path.endswith(extension):
                return kind
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    # What the bytes say beats what a server claims (feeds are often served as text/html).
    if _FEED_ROOT.search(head) or b"jsonfeed.org/version" in head:
        return "feed"
    if _HTML_ROOT.match(head):
        return "html"
    if "html" in content_type:  # text/html and application/xhtml+xml
        return "html"
    if "xml" in content_type or "rss" in content_type or "feed+json" in content_type:
        return "feed"
    if head.startswith(b"{") and not is_url:
        return "jsonl"
    if head.startswith(b"<") or is_url:
        return "feed"  # feedparser has the last word, and rejects what is not a feed
    return "txt"


def parse_document(
    document: RawDocument,
    ingested_at: dt.datetime,
    max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
    notes: list[str] | None = None,
) -> Iterator[Article | Reject]:
    """Every Article and Reject the document yields; never raises on bad input.

    `notes` receives remarks about a document that still parsed, such as a
    feed's bozo reason (kept for the fetch log).
    """
    if document.content.startswith(_GZIP_MAGIC):
        try:
            # A new document: Beam forbids changing an input element in place.
            document = dataclasses.replace(document, content=gunzip_capped(document.content, max_bytes))
        except DocumentTooLargeError as error:
            yield document_reject(document, "too_large", f"gzip data {error}")
            return
        except zlib.error as error:
            yield document_reject(document, "invalid_gzip", f"corrupt gzip data: {error}")
            return
    if len(document.content) > max_bytes:
        yield document_reject(
            document, "too_large", f"{len(document.content):,} bytes exceeds the {max_bytes:,}-byte limit"
        )
        return
    kind = detect_format(document.location, document.content, document.headers.get("content-type", ""))
    records = parse_feed(document, ingested_at, notes) if kind == "feed" else PARSERS[kind](document, ingested_at)
    emitted = False
    for record in records:
        emitted = True
        yield record
    if not emitted:  # a document that holds nothing is still an input: it must end somewhere
        yield document_reject(document, "empty_document", "the document holds no entries")
