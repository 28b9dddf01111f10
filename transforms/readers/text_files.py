"""Plain text articles: one article a file.

The first line is the title when a blank line follows it; otherwise the file
has no title and every line is text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from transforms.readers.building import build_article, decoded_text
from transforms.readers.document import RawDocument
from transforms.records import Article, Reject


def split_title(text: str) -> tuple[str, str]:
    """(title, body) following the one-article-a-file convention."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) >= 3 and lines[0].strip() and not lines[1].strip():
        return lines[0].strip(), "\n".join(lines[2:]).strip()
    return "", "\n".join(lines).strip()


def parse_text(document: RawDocument, ingested_at: dt.datetime) -> Iterator[Article | Reject]:
    text = decoded_text(document)
    if isinstance(text, Reject):
        yield text
        return
    title, body = split_title(text.replace("\x00", ""))
    yield build_article(
        document,
        input_ref=document.location,
        source_kind="txt",
        text=body,
        title=title,
        ingested_at=ingested_at,
        payload=text[:2000],
    )
