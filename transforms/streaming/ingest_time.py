"""ParseArticlesAsIngested: the batch ParseArticles, stamping each document with the time it was parsed.

Batch stamps every article with the run's start time; a stream runs for days,
so an undated article must be filed under the day it actually arrived.
"""

from __future__ import annotations

import datetime as dt

import apache_beam as beam

from transforms.limits import Limits
from transforms.parse import SUMMARIES, ParseArticles, ParseDocumentFn
from transforms.steps import ARTICLES, REJECTS


class ParseDocumentAsIngestedFn(ParseDocumentFn):
    def process(self, document):
        self._ingested_at = dt.datetime.now(dt.UTC)
        yield from super().process(document)


class ParseArticlesAsIngested(ParseArticles):
    """RawDocuments -> {'articles', 'rejects', 'summaries'}, ingested_at taken per document."""

    def __init__(self, limits: Limits | None = None) -> None:
        super().__init__(dt.datetime.now(dt.UTC), limits)

    def expand(self, documents):
        parsed = documents | beam.ParDo(ParseDocumentAsIngestedFn(self._ingested_at, self._limits)).with_outputs(
            REJECTS, SUMMARIES, main=ARTICLES
        )
        return {ARTICLES: parsed[ARTICLES], REJECTS: parsed[REJECTS], SUMMARIES: parsed[SUMMARIES]}
