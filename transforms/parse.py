"""ParseArticles: raw documents -> Article records (and rejects), whatever the format."""

from __future__ import annotations

import datetime as dt

import apache_beam as beam

from transforms.readers.building import document_reject
from transforms.readers.formats import DEFAULT_MAX_DOCUMENT_BYTES, parse_document
from transforms.records import Reject
from transforms.steps import ARTICLES, REJECTS


class ParseDocumentFn(beam.DoFn):
    def __init__(self, ingested_at: dt.datetime, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> None:
        super().__init__()
        self._ingested_at = ingested_at
        self._max_bytes = max_bytes

    def process(self, document):
        try:
            for record in parse_document(document, self._ingested_at, self._max_bytes):
                yield beam.pvalue.TaggedOutput(REJECTS, record) if isinstance(record, Reject) else record
        except Exception as error:  # noqa: BLE001 - a parser bug on one document must not end the run
            # Entries already emitted stay; the rest of the document is recorded as one reject.
            yield beam.pvalue.TaggedOutput(
                REJECTS, document_reject(document, "parser_failed", f"{type(error).__name__}: {error}")
            )


class ParseArticles(beam.PTransform):
    """RawDocuments -> {'articles': Article, 'rejects': Reject}."""

    def __init__(self, ingested_at: dt.datetime, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> None:
        super().__init__()
        self._ingested_at = ingested_at
        self._max_bytes = max_bytes

    def expand(self, documents):
        parsed = documents | beam.ParDo(ParseDocumentFn(self._ingested_at, self._max_bytes)).with_outputs(
            REJECTS, main=ARTICLES
        )
        return {ARTICLES: parsed[ARTICLES], REJECTS: parsed[REJECTS]}
