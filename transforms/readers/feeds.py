"""Feed documents: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 parsed with feedparser; JSON Feed handed to json_feed.

feedparser gets the raw bytes plus the HTTP headers it knows how to use, so
it can settle the encoding and resolve relative links itself. A feed that is
flagged 'bozo' (not well-formed) still yields every entry it could recover.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import feedparser

from transforms.readers.building import build_article, document_reject, entry_reject
from transforms.readers.dates import from_struct_time
from transforms.readers.document import RawDocument
from transforms.readers.html_text import html_to_text
from transforms.readers.json_feed import parse_json_feed
from transforms.records import Article, Reject

# Headers feedparser consults when deciding encoding, base URL and language.
_FEEDPARSER_HEADERS = ("content-type", "content-location", "content-language", "content-encoding")


def source_kind(version: str) -> str:
    if version.startswith("atom"):
        return "atom"
    if version.startswith("json"):
        return "jsonfeed"
    if version in ("rss090", "rss10"):
        return "rdf"
    return "rss"


def _text_of(detail) -> str:
    """Plain text of a feedparser text construct (title_detail, content[i], ...)."""
    if not detail:
        return ""
    value = detail.get("value", "") or ""
    if "html" in (detail.get("type") or ""):
        return html_to_text(value)
    return value.strip()


def _body(entry) -> str:
    """The richest body an entry offers: full content, else summary."""
    candidates = [_text_of(content) for content in entry.get("content", [])]
    candidates.append(_text_of(entry.get("summary_detail")))
    return max(candidates, key=len, default="")


def _entry_language(entry, feed) -> str:
    for detail in (*entry.get("content", []), entry.get("summary_detail"), entry.get("title_detail")):
        if detail and detail.get("language"):
            return detail["language"]
    return feed.get("language", "") or ""


def _published(entry) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if when := from_struct_time(entry.get(key)):
            return when
    return None


def parse_feed(
    document: RawDocument, ingested_at: dt.datetime, notes: list[str] | None = None
) -> Iterator[Article | Reject]:
    """Entries as Articles; `notes` receives why feedparser flagged the feed 'bozo', if it did."""
    if document.content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from parse_json_feed(document, ingested_at)  # feedparser 6.0 reads XML only
        return
    headers = {k: v for k, v in document.headers.items() if k in _FEEDPARSER_HEADERS}
    if "content-location" not in headers and document.location.startswith(("http://", "https://")):
        headers["content-location"] = document.location
    parsed = feedparser.parse(document.content, response_headers=headers, sanitize_html=True)
    if parsed.get("bozo") and notes is not None:
        error = parsed.get("bozo_exception")
        notes.append(f"{type(error).__name__}: {error}"[:500])
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            detail = f"not a readable feed: {parsed.get('bozo_exception')!r}"
            yield document_reject(document, "malformed_feed", detail)
        else:
            yield document_reject(document, "feed_without_entries", "the feed parsed but holds no entries")
        return
    kind = source_kind(parsed.get("version", "") or "")
    for position, entry in enumerate(parsed.entries):
        input_ref = f"{document.location}#entry-{position}"
        try:
            yield build_article(
                document,
                input_ref=input_ref,
                source_kind=kind,
                text=_body(entry),
                ingested_at=ingested_at,
                title=_text_of(entry.get("title_detail")) or entry.get("title", ""),
                url=entry.get("link", "") or "",
                guid=entry.get("id", "") or "",
                published_at=_published(entry),
                lang_hint=_entry_language(entry, parsed.feed),
                categories=[tag.get("term", "") for tag in entry.get("tags", []) if tag.get("term")],
                payload=repr(dict(entry))[:2000],
            )
        except (TypeError, ValueError, AttributeError, KeyError) as error:
            # feedparser's dicts can hold odd shapes on broken input; keep the entry as a reject.
            yield entry_reject(
                document, input_ref, "invalid_entry", f"{type(error).__name__}: {error}", repr(dict(entry))[:2000]
            )
