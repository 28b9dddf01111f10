"""The streaming pipeline: polled feeds and watched folders -> windowed Parquet, as one straight line of named steps.

Tick -> GateTicks -> (PollFeeds | WatchFolders) -> ParseArticles -> Dedupe (keyed state, before windowing)
     -> DetectLanguage -> SplitSentences -> DetectSentenceLanguage -> TagSentences -> AssignTopic
     -> Window -> WriteWindows (one pane at a time, committed atomically, with its ledger)
every step's failures -> Rejects; every fetch attempt -> the fetch log; all written with the window's pane.

Shaped by what Beam 2.77's local FnApiRunner does in streaming mode: nothing
after a GroupByKey runs until PeriodicImpulse stops, so there is no GroupByKey,
CoGroupByKey, Combine or side input on the way (keyed state instead); timers
fire right after each bundle, so state expiry is checked on access and each
poll is flushed as its own pane.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import apache_beam as beam
from apache_beam.transforms.periodicsequence import PeriodicImpulse
from apache_beam.transforms.window import FixedWindows
from apache_beam.utils.timestamp import MAX_TIMESTAMP, Timestamp

from transforms import accounting
from transforms.assign_topic import AssignTopic
from transforms.dedupe import DUPLICATES
from transforms.fetch import Validators
from transforms.fetch_feeds import ATTEMPTS, FetchSettings
from transforms.fetch_log import FetchLogRecord
from transforms.language import DetectLanguage, DetectSentenceLanguage
from transforms.limits import Limits
from transforms.read import DOCUMENTS
from transforms.sentences import SplitSentences
from transforms.sources import SourceSpec
from transforms.steps import ARTICLES, REJECTS
from transforms.streaming.dedupe_state import DEFAULT_MAX_IDS, DEFAULT_TTL_SECONDS, DedupeAcrossPolls
from transforms.streaming.ingest_time import ParseArticlesAsIngested
from transforms.streaming.poll import PollFeeds
from transforms.streaming.stop import GateTicksFn, stop_file
from transforms.streaming.watch import WatchFolders
from transforms.streaming.windowed_write import LedgerEntry, WriteWindows
from transforms.tag_sentences import TagSentences
from transforms.tagging.config import TaggingConfig

DEFAULT_PACE_SECONDS = 0.05
DEFAULT_STOP_GRACE_SECONDS = 10.0


@dataclasses.dataclass(frozen=True)
class StreamJob:
    """Everything one stream needs, settled on the launching machine."""

    feeds: list[SourceSpec]  # http(s) URLs, polled
    folders: list[SourceSpec]  # folders or globs, watched
    output: str
    stream_id: str
    started_at: dt.datetime  # the first tick; PeriodicImpulse's default start is fixed at import time
    poll_seconds: float
    window_seconds: float
    stop_after_seconds: float | None  # None: run until stopped
    tagging: TaggingConfig
    limits: Limits
    run_info: dict
    fetch: FetchSettings = dataclasses.field(default_factory=FetchSettings)
    validators: dict[str, Validators] = dataclasses.field(default_factory=dict)
    dedup_ttl_seconds: float = DEFAULT_TTL_SECONDS
    dedup_max_ids: int = DEFAULT_MAX_IDS
    skip_stored: bool = True  # ids already in the output's articles count as seen
    pace_seconds: float = DEFAULT_PACE_SECONDS
    stop_grace_seconds: float = DEFAULT_STOP_GRACE_SECONDS

    @property
    def stop_timestamp(self) -> Timestamp:
        if self.stop_after_seconds is None:
            return MAX_TIMESTAMP
        return Timestamp.of(self.started_at.timestamp() + self.stop_after_seconds)


def ledger_entries(counted) -> list[LedgerEntry]:
    return [LedgerEntry(kind, value, count) for (kind, value), count in counted]


def build_stream_pipeline(pipeline: beam.Pipeline, job: StreamJob) -> beam.PCollection:
    """Wire the streaming graph onto `pipeline`; returns the PCollection of published pane summaries."""
    limits = job.limits
    ticks = (
        pipeline
        | "Tick"
        >> PeriodicImpulse(
            start_timestamp=Timestamp.of(job.started_at.timestamp()),
            stop_timestamp=job.stop_timestamp,
            fire_interval=job.poll_seconds,
        )
        | "GateTicks"
        >> beam.ParDo(GateTicksFn(stop_file(job.output, job.stream_id), job.stop_grace_seconds, job.pace_seconds))
    )
    polled = ticks | "PollFeeds" >> PollFeeds(job.feeds, job.fetch, job.validators)
    watched = ticks | "WatchFolders" >> WatchFolders(job.folders, limits.max_document_bytes)
    documents = (polled[DOCUMENTS], watched[DOCUMENTS]) | "CollectDocuments" >> beam.Flatten()
    parsed = documents | "ParseArticles" >> ParseArticlesAsIngested(limits)
    unique = parsed[ARTICLES] | "Dedupe" >> DedupeAcrossPolls(
        job.output if job.skip_stored else None, job.dedup_ttl_seconds, job.dedup_max_ids
    )
    languages = unique[ARTICLES] | "DetectLanguage" >> DetectLanguage()
    split = languages[ARTICLES] | "SplitSentences" >> SplitSentences(limits.max_sentences, limits.max_sentence_chars)
    sentence_languages = split[ARTICLES] | "DetectSentenceLanguage" >> DetectSentenceLanguage()
    tagged = sentence_languages[ARTICLES] | "TagSentences" >> TagSentences(job.tagging)
    topics = tagged[ARTICLES] | "AssignTopic" >> AssignTopic(job.tagging)

    steps_with_rejects = (polled, watched, parsed, languages, split, sentence_languages, tagged, topics)
    rejects = tuple(step[REJECTS] for step in steps_with_rejects) | "CollectRejects" >> beam.Flatten()
    # Attempts alone: the batch join with parse summaries is a CoGroupByKey, which would wait for the end.
    fetch_log = polled[ATTEMPTS] | "BuildFetchLog" >> beam.Map(FetchLogRecord)
    ledger = (
        parsed[ARTICLES] | "CountInputs" >> beam.FlatMap(lambda a: ledger_entries(accounting.parsed_entries(a))),
        rejects | "CountRejects" >> beam.FlatMap(lambda r: ledger_entries(accounting.rejected_entries(r))),
        unique[DUPLICATES]
        | "CountDuplicates" >> beam.FlatMap(lambda d: ledger_entries(accounting.duplicate_entries(d))),
        topics[ARTICLES] | "CountWritten" >> beam.FlatMap(lambda a: ledger_entries(accounting.written_entries(a))),
        polled[ATTEMPTS] | "CountFetches" >> beam.FlatMap(lambda f: ledger_entries(accounting.fetch_entries(f))),
    ) | "CollectLedger" >> beam.Flatten()
    return (
        (topics[ARTICLES], rejects, fetch_log, ledger)
        | "CollectOutputs" >> beam.Flatten()
        | "Window" >> beam.WindowInto(FixedWindows(job.window_seconds))
        | "WriteWindows" >> WriteWindows(job.output, job.stream_id, job.window_seconds)
    )
