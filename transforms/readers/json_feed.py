"""JSON Feed 1.0/1.1 documents (https://jsonfeed.org/version/1.1).

feedparser 6.0 reads XML feeds only, so JSON Feed is parsed here: a JSON
object with an `items` list, each item becoming an Article.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from transforms.readers.building import build_article, decoded_text, document_reject, entry_reject
from transforms.readers.dates import parse_date
from transforms.readers.document import RawDocument
from transforms.readers.html_text import html_to_text
from transforms.records import Article, Reject


def _string(item: dict, key: str) -> str:
    value = item.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # JSON Feed 1.0 allowed numeric ids
    return value.strip() if isinstance(value, str) else ""


def _body(item: dict) -> str:
    if text := _string(item, "content_text"):
        return text
    if markup := _string(item, "content_html"):
        return html_to_text(markup)
    return html_to_text(_string(item, "summary"))


def parse_json_feed(document: RawDocument, ingested_at: dt.datetime) -> Iterator[Article | Reject]:
    text = decoded_text(document)
    if isinstance(text, Reject):
        yield text
        return
    try:
        feed = json.loads(text)
    except (ValueError, RecursionError) as error:
        yield document_reject(document, "malformed_feed", f"not a readable JSON Feed: {error}")
        return
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        yield document_reject(document, "malformed_feed", "a JSON Feed is an object with an 'items' list")
        return
    if not feed["items"]:
        yield document_reject(document, "feed_without_entries", "the feed parsed but holds no entries")
        return
    feed_language = _string(feed, "language")
    for position, item in enumerate(feed["items"]):
        input_ref = f"{document.location}#entry-{position}"
        if not isinstance(item, dict):
            detail = f"item {position} is not a JSON object"
            yield entry_reject(document, input_ref, "invalid_entry", detail, json.dumps(item)[:2000])
            continue
        tags = item.get("tags") if isinstance(item.get("tags"), list) else []
        yield build_article(
            document,
            input_ref=input_ref,
            source_kind="jsonfeed",
            text=_body(item),
            title=html_to_text(_string(item, "title")),
            url=_string(item, "url") or _string(item, "external_url"),
            guid=_string(item, "id"),
            published_at=parse_date(_string(item, "date_published") or _string(item, "date_modified")),
            lang_hint=_string(item, "language") or feed_language,
            categories=[tag for tag in tags if isinstance(tag, str) and tag],
            ingested_at=ingested_at,
            payload=json.dumps(item, ensure_ascii=False)[:2000],
        )
