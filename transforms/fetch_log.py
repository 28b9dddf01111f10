"""BuildFetchLog: one row per fetch attempt, completed with what became of the feed's body.

Attempts come from ReadInputs' fetches (fetch_feeds.py); entries seen and feedparser's bozo reason from
ParseArticles' document summaries; new entries from the articles that reached
the writer. All three are joined on the feed URL.
"""

from __future__ import annotations

import dataclasses

import apache_beam as beam

from transforms.fetch_feeds import FetchAttempt


@dataclasses.dataclass(slots=True)
class FetchLogRecord:
    attempt: FetchAttempt
    bozo: bool | None = None
    bozo_reason: str = ""
    entries_seen: int | None = None
    new_entries: int | None = None


def document_url(input_ref: str) -> str:
    """The feed URL an article came from: its input_ref without '#entry-N'."""
    return input_ref.rsplit("#entry-", 1)[0]


def complete_attempts(element) -> list[FetchLogRecord]:
    _, groups = element
    summaries = list(groups["summaries"])
    written = sum(groups["written"])
    records = []
    for attempt in sorted(groups["attempts"], key=lambda a: a.attempt):
        record = FetchLogRecord(attempt)
        if attempt.final and summaries:
            summary = summaries[0]
            record.bozo = bool(summary.bozo_reason)
            record.bozo_reason = summary.bozo_reason
            record.entries_seen = summary.entries
            record.new_entries = written
        records.append(record)
    return records


class BuildFetchLog(beam.PTransform):
    """(attempts, document summaries, written articles) -> FetchLogRecords."""

    def expand(self, inputs):
        attempts, summaries, articles = inputs
        return (
            {
                "attempts": attempts | "KeyAttempts" >> beam.Map(lambda a: (a.url, a)),
                "summaries": summaries
                | "FeedSummaries" >> beam.Filter(lambda s: s.location.startswith(("http://", "https://")))
                | "KeySummaries" >> beam.Map(lambda s: (s.location, s)),
                "written": articles
                | "FeedArticles" >> beam.Filter(lambda a: a.input_ref.startswith(("http://", "https://")))
                | "KeyWritten" >> beam.Map(lambda a: (document_url(a.input_ref), 1))
                | "CountWrittenPerFeed" >> beam.CombinePerKey(sum),
            }
            | "GroupByFeed" >> beam.CoGroupByKey()
            | "CompleteAttempts" >> beam.FlatMap(complete_attempts)
        )
