"""The stream's single PCollection: every kind of record flows through every step, each step acts on its own kind.

A stream carries raw documents, articles, rejects, duplicates, fetch-log
records and ledger entries in one PCollection. A step transforms the records
it is for and passes the others through untouched, and its failures become
Reject records in the same PCollection instead of a tagged output.

Why one PCollection: on Beam's FnApiRunner in streaming mode only the work
fused into PeriodicImpulse's stage runs while the impulse is live; a
multi-input Flatten (or a GroupByKey) starts a new stage whose input waits
until the stream ends (measured on 2.77; see pipelines/stream.py). Without
tagged outputs to merge there is no Flatten, so the whole graph is one fused
stage, and each bundle (one poll) is parsed, deduplicated, tagged and
published before the next. On other runners it is the same graph.
"""

from __future__ import annotations

import datetime as dt

import apache_beam as beam

from transforms.accounting import INPUT
from transforms.limits import Limits
from transforms.parse import ParseDocumentFn
from transforms.readers.document import RawDocument
from transforms.records import Article
from transforms.steps import REJECTS, ArticleStepFn
from transforms.streaming.windowed_write import LedgerEntry


def untagged(outputs):
    """A DoFn's outputs with tags dropped: a step's rejects join the stream."""
    for output in outputs or ():
        yield output.value if isinstance(output, beam.pvalue.TaggedOutput) else output


class _DelegatingFn(beam.DoFn):
    """Runs a batch DoFn on the records it is for; its lifecycle (heavy objects in setup()) is the wrapper's."""

    def __init__(self, inner: beam.DoFn) -> None:
        super().__init__()
        self._inner = inner

    def setup(self) -> None:
        self._inner.setup()

    def start_bundle(self) -> None:
        self._inner.start_bundle()

    def finish_bundle(self) -> None:
        self._inner.finish_bundle()

    def teardown(self) -> None:
        self._inner.teardown()

    def default_label(self) -> str:
        return type(self._inner).__name__


class ParseDocumentsFn(_DelegatingFn):
    """RawDocument -> its Articles (each counted as an input) and Rejects; other records pass through.

    Each document is stamped with the time it is parsed (ParseDocumentFn with
    no ingestion time): a stream runs for days. Document summaries are
    dropped: the stream's fetch log has the attempts alone.
    """

    def __init__(self, limits: Limits | None = None, ingested_at: dt.datetime | None = None) -> None:
        super().__init__(ParseDocumentFn(ingested_at, limits))

    def process(self, record):
        if not isinstance(record, RawDocument):
            yield record
            return
        for output in self._inner.process(record):
            if isinstance(output, beam.pvalue.TaggedOutput):
                if output.tag == REJECTS:
                    yield output.value
                # else a DocumentSummary: only the batch fetch log joins it
            else:
                yield LedgerEntry(INPUT, output.source, 1)  # born here; it ends written, rejected or a duplicate
                yield output


class OnArticlesFn(_DelegatingFn):
    """A batch ArticleStepFn on the stream's articles; failures become Rejects; other records pass through."""

    def __init__(self, step: ArticleStepFn) -> None:
        super().__init__(step)

    def process(self, record):
        if isinstance(record, Article):
            yield from untagged(self._inner.process(record))
        else:
            yield record


class OnArticles(beam.PTransform):
    """Records -> records, with `step` applied to every Article (see OnArticlesFn)."""

    def __init__(self, step: ArticleStepFn) -> None:
        super().__init__()
        self._step = step

    def expand(self, records):
        return records | beam.ParDo(OnArticlesFn(self._step))


class ParseDocuments(beam.PTransform):
    """Records -> records, every RawDocument replaced by what it parses into (see ParseDocumentsFn)."""

    def __init__(self, limits: Limits | None = None) -> None:
        super().__init__()
        self._limits = limits

    def expand(self, records):
        return records | beam.ParDo(ParseDocumentsFn(self._limits))
