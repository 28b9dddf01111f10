"""ParseArticles: raw documents -> Article records (and rejects), whatever the format.

Besides articles and rejects it emits one DocumentSummary per document
(entries seen, feedparser's bozo reason), which the fetch log joins to its
fetch attempts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import apache_beam as beam

from transforms.readers.building import document_reject
from transforms.readers.formats import DEFAULT_MAX_DOCUMENT_BYTES, parse_document
from transforms.records import Reject
from transforms.steps import ARTICLES, REJECTS

SUMMARIES = "summaries"


@dataclasses.dataclass(frozen=True, slots=True)
class DocumentSummary:
    location: str
    source: str
    entries: int  # articles and entry-level rejects the document held
    bozo_reason: str = ""  # why feedparser found the feed not well-formed, if it did


class ParseDocumentFn(beam.DoFn):
    def __init__(self, ingested_at: dt.datetime, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> None:
        super().__init__()
        self._ingested_at = ingested_at
        self._max_bytes = max_bytes

    def process(self, document):
        notes: list[str] = []
        entries = 0
        try:
            for record in parse_document(document, self._ingested_at, self._max_bytes, notes):
                if isinstance(record, Reject):
                    entries += record.input_ref != document.location
                    yield beam.pvalue.TaggedOutput(REJECTS, record)
                else:
                    entries += 1
                    yield record
        except Exception as error:  # noqa: BLE001 - a parser bug on one document must not end the run
            # Entries already emitted stay; the rest of the document is recorded as one reject.
            yield beam.pvalue.TaggedOutput(
                REJECTS, document_reject(document, "parser_failed", f"{type(error).__name__}: {error}")
            )
        summary = DocumentSummary(document.location, document.source, entries, "; ".join(notes))
        yield beam.pvalue.TaggedOutput(SUMMARIES, summary)


class ParseArticles(beam.PTransform):
    """RawDocuments -> {'articles': Article, 'rejects': Reject, 'summaries': DocumentSummary}."""

    def __init__(self, ingested_at: dt.datetime, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> None:
        super().__init__()
        self._ingested_at = ingested_at
        self._max_bytes = max_bytes

    def expand(self, documents):
        parsed = documents | beam.ParDo(ParseDocumentFn(self._ingested_at, self._max_bytes)).with_outputs(
            REJECTS, SUMMARIES, main=ARTICLES
        )
        return {ARTICLES: parsed[ARTICLES], REJECTS: parsed[REJECTS], SUMMARIES: parsed[SUMMARIES]}
