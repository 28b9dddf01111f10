"""JSON Lines articles: one JSON object a line.

`text` is required; `title`, `url`, `published`, `source`, `lang` and
`id`/`guid` are optional. Each bad line becomes its own reject, naming the line.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from transforms.readers.building import build_article, decoded_text, entry_reject
from transforms.readers.dates import parse_date
from transforms.readers.document import RawDocument
from transforms.records import Article, Reject

_OPTIONAL_STRINGS = ("title", "url", "published", "source", "lang", "id", "guid")


def parse_json_lines(document: RawDocument, ingested_at: dt.datetime) -> Iterator[Article | Reject]:
    text = decoded_text(document)
    if isinstance(text, Reject):
        yield text
        return
    # Split on '\n' only: str.splitlines() also breaks at U+2028/U+2029/U+0085,
    # which JSON allows unescaped inside strings.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        input_ref = f"{document.location}:line-{number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as error:  # ValueError: also a 4,300-digit integer
            yield entry_reject(document, input_ref, "invalid_json", f"line {number}: {error}", line)
            continue
        if not isinstance(record, dict):
            yield entry_reject(document, input_ref, "not_an_object", f"line {number}: expected a JSON object", line)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield entry_reject(
                document, input_ref, "missing_text", f"line {number}: 'text' must be a non-empty string", line
            )
            continue
        wrong = [key for key in _OPTIONAL_STRINGS if record.get(key) is not None and not isinstance(record[key], str)]
        if wrong:
            yield entry_reject(document, input_ref, "invalid_field", f"line {number}: {wrong} must be strings", line)
            continue
        yield build_article(
            document,
            input_ref=input_ref,
            source_kind="jsonl",
            text=body.replace("\x00", ""),
            title=record.get("title") or "",
            url=record.get("url") or "",
            guid=record.get("guid") or record.get("id") or "",
            published_at=parse_date(record.get("published")),
            lang_hint=record.get("lang") or "",
            source=record.get("source") or "",
            ingested_at=ingested_at,
            payload=line,
        )
