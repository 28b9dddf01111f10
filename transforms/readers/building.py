"""Shared by every reader: turn extracted fields into an Article, or a Reject."""

from __future__ import annotations

import datetime as dt

from transforms import ids
from transforms.readers.decoding import UndecodableError, decode_text
from transforms.readers.document import RawDocument
from transforms.records import Article, Reject

PARSE_STAGE = "parse"


def build_article(
    document: RawDocument,
    *,
    input_ref: str,
    source_kind: str,
    text: str,
    ingested_at: dt.datetime,
    title: str = "",
    url: str = "",
    guid: str = "",
    published_at: dt.datetime | None = None,
    lang_hint: str = "",
    categories: list[str] | None = None,
    source: str = "",
    payload: str = "",
) -> Article | Reject:
    """An Article with its id, hash and dates settled, or a Reject saying why not.

    An entry with no body but a title (common in headline-only feeds) keeps
    the title as its text; one with neither is rejected.
    """
    source = source or document.source
    text = text.strip() or title.strip()
    if not text:
        return Reject(
            stage=PARSE_STAGE,
            reason="empty_text",
            detail="entry has neither text nor title",
            source=source,
            input_ref=input_ref,
            payload=payload,
        )
    text_hash = ids.content_hash(text)
    categories = categories or []
    return Article(
        article_id=ids.article_id(url=url, guid=guid, source=source, text_hash=text_hash),
        source=source,
        source_kind=source_kind,
        input_ref=input_ref,
        text=text,
        title=title.strip(),
        url=url.strip(),
        guid=guid.strip(),
        published_at=published_at,
        ingested_at=ingested_at,
        date_source="published" if published_at else "ingested",
        lang_hint=(document.spec.lang_hint or lang_hint or "").split("-")[0].lower()[:3],
        default_topic=document.spec.topic_for_categories(categories),
        categories=categories,
        content_hash=text_hash,
    )


def document_reject(document: RawDocument, reason: str, detail: str, stage: str = PARSE_STAGE) -> Reject:
    """A reject for a whole document (unreadable file, not a feed, ...)."""
    return Reject(
        stage=stage,
        reason=reason,
        detail=detail,
        source=document.source,
        input_ref=document.location,
        payload=document.content[:2000].decode("utf-8", errors="replace"),
    )


def entry_reject(document: RawDocument, input_ref: str, reason: str, detail: str, payload: str) -> Reject:
    """A reject for one entry or line of a document."""
    return Reject(
        stage=PARSE_STAGE, reason=reason, detail=detail, source=document.source, input_ref=input_ref, payload=payload
    )


def decoded_text(document: RawDocument) -> str | Reject:
    """The document as text, or an 'invalid_encoding' reject for the whole document."""
    try:
        return decode_text(document.content)
    except UndecodableError as error:
        return document_reject(document, "invalid_encoding", str(error))
