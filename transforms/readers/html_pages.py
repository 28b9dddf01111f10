"""HTML article pages: main text extracted with trafilatura (boilerplate removed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from transforms.readers.building import build_article, decoded_text, document_reject
from transforms.readers.dates import parse_date
from transforms.readers.document import RawDocument
from transforms.records import Article, Reject

# The page's own publication time with its offset; no guessing from copyright lines.
_DATE_PARAMS = {"original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z", "extensive_search": False}


def parse_html(document: RawDocument, ingested_at: dt.datetime) -> Iterator[Article | Reject]:
    markup = decoded_text(document)
    if isinstance(markup, Reject):
        yield markup
        return
    # Imported on the first HTML page, not with the module: every worker and CLI call loads the
    # readers, and trafilatura (with lxml and its URL and date helpers) was about 0.2 s of their imports.
    import trafilatura

    extracted = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Precision over recall: a page of links and footer is not an article.
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if extracted is None or not (extracted.text or "").strip():
        yield document_reject(document, "no_main_text", "no article text found in the HTML page")
        return
    title = (extracted.title or "").strip()
    # trafilatura returns one paragraph a line; a blank line makes each a hard sentence boundary.
    paragraphs = [line.strip() for line in extracted.text.split("\n") if line.strip()]
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    yield build_article(
        document,
        input_ref=document.location,
        source_kind="html",
        text="\n\n".join(paragraphs),
        title=title,
        url=extracted.url or "",
        published_at=parse_date(extracted.date),
        lang_hint=extracted.language or "",
        ingested_at=ingested_at,
        payload=markup[:2000],
    )
