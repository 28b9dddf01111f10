"""The batch pipeline: inputs -> partitioned Parquet datasets, as one straight line of named steps.

Read -> Parse -> Dedupe -> BatchArticles -> DetectLanguage -> SplitSentences -> DetectSentenceLanguage
     -> TagSentences -> AssignTopic -> UnbatchArticles -> WriteDatasets -> CommitRun
every step's failures -> Rejects (written beside the data, counted in the manifest)

The per-article steps run on batches of articles (steps.BatchArticles): each
step takes a whole batch before the next one does, which keeps its tables in
the CPU cache.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import apache_beam as beam

from transforms import accounting
from transforms.assign_topic import AssignTopic
from transforms.commit import CommitRun
from transforms.dedupe import DUPLICATES, Dedupe
from transforms.fetch import Validators
from transforms.fetch_feeds import ATTEMPTS, FetchSettings
from transforms.fetch_log import BuildFetchLog
from transforms.language import DetectLanguage, DetectSentenceLanguage
from transforms.limits import Limits
from transforms.parse import SUMMARIES, ParseArticles
from transforms.progress import ReportProgressFn
from transforms.read import DOCUMENTS, ReadInputs
from transforms.sentences import SplitSentences
from transforms.sources import SourceSpec
from transforms.steps import ARTICLES, REJECTS, BatchArticles, UnbatchArticles
from transforms.tag_sentences import TagSentences
from transforms.tagging.config import TaggingConfig
from transforms.write import WriteDatasets


@dataclasses.dataclass(frozen=True)
class BatchJob:
    """Everything one batch run needs, settled on the launching machine."""

    specs: list[SourceSpec]
    output: str
    run_id: str
    started_at: dt.datetime
    tagging: TaggingConfig
    limits: Limits
    max_rows_per_file: int
    run_info: dict  # recorded in the manifest: options, inputs, versions
    fetch: FetchSettings = dataclasses.field(default_factory=FetchSettings)
    validators: dict[str, Validators] = dataclasses.field(default_factory=dict)  # from the last committed run
    mode: str = "append"  # or "overwrite": rewrite stored articles, replace the partitions written
    progress_path: str | None = None  # local runs: where counting steps report progress


def build_batch_pipeline(pipeline: beam.Pipeline, job: BatchJob) -> beam.PCollection:
    """Wire the batch graph onto `pipeline`; returns the PCollection holding the run manifest."""
    limits = job.limits
    read = pipeline | "ReadInputs" >> ReadInputs(job.specs, limits.max_document_bytes, job.fetch, job.validators)
    parsed = read[DOCUMENTS] | "ParseArticles" >> ParseArticles(job.started_at, limits)
    unique = parsed[ARTICLES] | "Dedupe" >> Dedupe(job.output, job.run_id, skip_stored=job.mode == "append")
    batches = unique[ARTICLES] | "BatchArticles" >> BatchArticles()
    languages = batches | "DetectLanguage" >> DetectLanguage()
    split = languages[ARTICLES] | "SplitSentences" >> SplitSentences(limits.max_sentences, limits.max_sentence_chars)
    sentence_languages = split[ARTICLES] | "DetectSentenceLanguage" >> DetectSentenceLanguage()
    tagged = sentence_languages[ARTICLES] | "TagSentences" >> TagSentences(job.tagging)
    topics = tagged[ARTICLES] | "AssignTopic" >> AssignTopic(job.tagging)
    finished = topics[ARTICLES] | "UnbatchArticles" >> UnbatchArticles()

    steps_with_rejects = (read, parsed, languages, split, sentence_languages, tagged, topics)
    rejects = tuple(step[REJECTS] for step in steps_with_rejects) | "CollectRejects" >> beam.Flatten()
    fetch_log = (read[ATTEMPTS], parsed[SUMMARIES], finished) | "BuildFetchLog" >> BuildFetchLog()
    # Three inputs, not one Flatten: each is spilled where it is produced, so no stage boundary holds whole rows.
    staged = (finished, rejects, fetch_log) | "WriteDatasets" >> WriteDatasets(
        job.output, job.run_id, job.max_rows_per_file
    )
    for label, counted, counter in [
        ("ProgressDocuments", read[DOCUMENTS], "documents"),
        ("ProgressParsed", parsed[ARTICLES], "articles_parsed"),
        ("ProgressRejects", rejects, "rejects"),
        ("ProgressWritten", finished, "articles_written"),
    ]:
        counted | label >> beam.ParDo(ReportProgressFn(job.progress_path, counter))
    ledger = (
        parsed[ARTICLES] | "CountInputs" >> accounting.CountEntries(accounting.parsed_entries),
        rejects | "CountRejects" >> accounting.CountEntries(accounting.rejected_entries),
        unique[DUPLICATES] | "CountDuplicates" >> accounting.CountEntries(accounting.duplicate_entries),
        finished | "CountWritten" >> accounting.CountEntries(accounting.written_entries),
        read[ATTEMPTS] | "CountFetches" >> accounting.CountEntries(accounting.fetch_entries),
    ) | "CollectLedger" >> beam.Flatten()
    return staged | "CommitRun" >> CommitRun(job.output, job.run_info, ledger, read[ATTEMPTS], job.validators)
