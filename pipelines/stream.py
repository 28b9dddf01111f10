"""The streaming pipeline: polled feeds and watched folders -> windowed Parquet, as one straight line of named steps.

Tick -> GateTicks -> ReadChangedSources (feeds polled, folders listed; keyed state) -> ParseArticles
     -> Dedupe (keyed state, before windowing) -> DetectLanguage -> SplitSentences -> DetectSentenceLanguage
     -> TagSentences -> AssignTopic -> Window -> WriteWindows (one pane per poll and window, committed atomically)

One PCollection flows down the line and carries every kind of record:
documents, articles, rejects (each step's failures), duplicates, fetch-log
records and input counts; each step acts on its own kind and passes the rest
(transforms/streaming/record_stream.py). The writer turns the records of a
bundle into the pane's files and its ledger.

Shaped by what Beam 2.77's local FnApiRunner does in streaming mode (probed):
only the work fused into PeriodicImpulse's stage runs while the stream is
live; a multi-input Flatten (even of two outputs of one step), a GroupByKey,
CoGroupByKey or Combine starts a stage that waits for the end. Stateful DoFns
(after a keyed Map), tagged outputs consumed in the same stage, side inputs
from a finished stage and WindowInto do fuse. Hence no Flatten and no
grouping on the way, keyed state for dedup, and a writer that publishes per
bundle. Timers fire right after each bundle there, so state expiry is checked
on access.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import apache_beam as beam
from apache_beam.transforms.periodicsequence import PeriodicImpulse
from apache_beam.transforms.window import FixedWindows
from apache_beam.utils.timestamp import MAX_TIMESTAMP, Timestamp

from transforms.assign_topic import AssignTopicFn
from transforms.fetch import Validators
from transforms.fetch_feeds import FetchSettings
from transforms.language import DetectArticleLanguageFn, DetectSentenceLanguageFn
from transforms.limits import Limits
from transforms.sentences import SplitSentencesFn
from transforms.sources import SourceSpec
from transforms.streaming.dedupe_state import DEFAULT_MAX_IDS, DEFAULT_TTL_SECONDS, DedupeAcrossPolls
from transforms.streaming.read_changed import ReadChangedSources
from transforms.streaming.record_stream import OnArticles, ParseDocuments
from transforms.streaming.stop import GateTicksFn, stop_file
from transforms.streaming.windowed_write import WriteWindows
from transforms.tag_sentences import TagSentencesFn
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


def build_stream_pipeline(pipeline: beam.Pipeline, job: StreamJob) -> beam.PCollection:
    """Wire the streaming graph onto `pipeline`; returns the PCollection of published pane summaries."""
    limits = job.limits
    return (
        pipeline
        | "Tick"
        >> PeriodicImpulse(
            start_timestamp=Timestamp.of(job.started_at.timestamp()),
            stop_timestamp=job.stop_timestamp,
            fire_interval=job.poll_seconds,
        )
        | "GateTicks"
        >> beam.ParDo(GateTicksFn(stop_file(job.output, job.stream_id), job.stop_grace_seconds, job.pace_seconds))
        | "ReadChangedSources"
        >> ReadChangedSources(job.feeds, job.folders, job.fetch, job.validators, limits.max_document_bytes)
        | "ParseArticles" >> ParseDocuments(limits)
        | "Dedupe"
        >> DedupeAcrossPolls(job.output if job.skip_stored else None, job.dedup_ttl_seconds, job.dedup_max_ids)
        | "DetectLanguage" >> OnArticles(DetectArticleLanguageFn())
        | "SplitSentences" >> OnArticles(SplitSentencesFn(limits.max_sentences, limits.max_sentence_chars))
        | "DetectSentenceLanguage" >> OnArticles(DetectSentenceLanguageFn())
        | "TagSentences" >> OnArticles(TagSentencesFn(job.tagging))
        | "AssignTopic" >> OnArticles(AssignTopicFn(job.tagging))
        | "Window" >> beam.WindowInto(FixedWindows(job.window_seconds))
        | "WriteWindows" >> WriteWindows(job.output, job.stream_id, job.window_seconds)
    )
