"""ParseArticles: raw documents -> Article records (and rejects), whatever the format.

Besides articles and rejects it emits one DocumentSummary per document
(entries seen, feedparser's bozo reason), which the fetch log joins to its
fetch attempts.

`ingested_at` is the time stamped on every article: a batch run passes its
start time; None stamps each document when it is parsed, for a stream that
runs for days (an undated article is filed under the day it arrived).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

import apache_beam as beam

from transforms.limits import Limits
from transforms.readers.building import document_reject, entry_reject
from transforms.readers.formats import parse_document
from transforms.records import Article, Reject
from transforms.steps import ARTICLES, REJECTS

SUMMARIES = "summaries"


@dataclasses.dataclass(frozen=True, slots=True)
class DocumentSummary:
    location: str
    source: str
    entries: int  # articles and entry-level rejects the document held
    bozo_reason: str = ""  # why feedparser found the feed not well-formed, if it did


def apply_limits(record: Article | Reject, position: int, document, limits: Limits) -> Article | Reject:
    """The record, or a reject when it is entry number `position` past the limit or an over-long article."""
    if position > limits.max_entries_per_document:
        detail = f"entry {position} is past the limit of {limits.max_entries_per_document} entries per document"
        return entry_reject(document, record.input_ref, "too_many_entries", detail, "")
    if isinstance(record, Article) and len(record.text) > limits.max_article_chars:
        detail = f"{len(record.text):,} characters exceed the limit of {limits.max_article_chars:,} per article"
        return entry_reject(document, record.input_ref, "too_long", detail, record.text[:2000])
    return record


class ParseDocumentFn(beam.DoFn):
    def __init__(self, ingested_at: dt.datetime | None, limits: Limits | None = None) -> None:
        super().__init__()
        self._ingested_at = ingested_at
        self._limits = limits or Limits()

    def setup(self) -> None:
        # trafilatura logs an ERROR for every page it cannot parse; each of those is a reject with its reason already.
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

    def process(self, document):
        notes: list[str] = []
        entries = 0
        ingested_at = self._ingested_at or dt.datetime.now(dt.UTC)
        try:
            for record in parse_document(document, ingested_at, self._limits.max_document_bytes, notes):
                is_entry = isinstance(record, Article) or record.input_ref != document.location
                entries += is_entry
                if is_entry:
                    record = apply_limits(record, entries, document, self._limits)
                if isinstance(record, Reject):
                    yield beam.pvalue.TaggedOutput(REJECTS, record)
                else:
                    yield record
        except Exception as error:  # noqa: BLE001 - a parser bug on one document must not end the run
            # Entries already emitted stay; the rest of the document is recorded as one reject.
            yield beam.pvalue.TaggedOutput(
                REJECTS, document_reject(document, "parser_failed", f"{type(error).__name__}: {error}")
            )
        summary = DocumentSummary(document.location, document.source, entries, "; ".join(notes))
        yield beam.pvalue.TaggedOutput(SUMMARIES, summary)


class ParseArticles(beam.PTransform):
    """RawDocuments -> {'articles': Article, 'rejects': Reject, 'summaries': DocumentSummary}.

    `ingested_at=None`: each document is stamped with the time it is parsed.
    """

    def __init__(self, ingested_at: dt.datetime | None, limits: Limits | None = None) -> None:
        super().__init__()
        self._ingested_at = ingested_at
        self._limits = limits or Limits()

    def expand(self, documents):
        parsed = documents | beam.ParDo(ParseDocumentFn(self._ingested_at, self._limits)).with_outputs(
            REJECTS, SUMMARIES, main=ARTICLES
        )
        return {ARTICLES: parsed[ARTICLES], REJECTS: parsed[REJECTS], SUMMARIES: parsed[SUMMARIES]}
