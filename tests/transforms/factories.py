"""Hand-made records for step tests, datatrove-style: build exactly the article a test needs."""

from __future__ import annotations

import datetime as dt

from transforms import ids
from transforms.records import Article, Sentence

INGESTED_AT = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def make_article(
    text: str = "Una frase de prueba. Otra frase.",
    *,
    url: str = "",
    source: str = "test-source",
    input_ref: str = "memory:1",
    published_at: dt.datetime | None = None,
    sentences: list[Sentence] | None = None,
    **fields,
) -> Article:
    text_hash = ids.content_hash(text)
    return Article(
        article_id=ids.article_id(url=url, guid="", source=source, text_hash=text_hash),
        source=source,
        source_kind="jsonl",
        input_ref=input_ref,
        text=text,
        url=url,
        published_at=published_at,
        ingested_at=INGESTED_AT,
        date_source="published" if published_at else "ingested",
        content_hash=text_hash,
        sentences=sentences or [],
        **fields,
    )
