"""WriteWindows: each window's rows to the batch datasets and partitions, one pane at a time, committed atomically.

Input: the stream's records (articles, rejects, duplicates, fetch-log
records, input counts), in fixed windows. Each bundle's records of one
window are published as a *pane*:
1. one Parquet file per (dataset, partition) the pane touches, the same
   partitions as batch (articles and sentences by topic and publication date,
   rejects and the fetch log by date), written under
   `<root>/_staging/<stream_id>/` and then renamed into its partition, so a
   reader (DuckDB's read_parquet over the dataset glob) sees a whole file or
   none;
2. then the pane summary `<root>/_streams/<stream_id>/<window>-p<pane>.json`:
   its ledger (inputs, written, rejected, duplicates, fetches: counted from
   the records themselves, inputs from the LedgerEntry records the parse
   step emits) and the files it published.

File names carry the window and the pane: `part-<stream_id>-w<start>-<seconds>s-p<pane>.parquet`.
The stream id (start time + random suffix) makes them unique across streams;
the pane id is a digest of what the pane holds, so a runner that retries a
bundle with the same records rewrites the same files instead of adding copies.

Why per bundle, not a GroupByKey or a timer at the window's end: on Beam's
FnApiRunner only the stage PeriodicImpulse runs in is live while the stream
runs; anything after a GroupByKey or a Flatten starts a new stage that waits
for the end (measured on 2.77). In the one fused stage a bundle is one poll:
its inputs and their outcomes are in the same pane, so each pane's ledger
balances. A bundle is flushed when it ends, on every runner: rows are visible
seconds after their poll, at the price of more, smaller files
(`newsbeam compact` merges them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json

import apache_beam as beam
import pyarrow as pa
import pyarrow.compute as pc
from apache_beam.utils.windowed_value import WindowedValue

from transforms import accounting, storage
from transforms.dedupe import Duplicate
from transforms.fetch_log import FetchLogRecord
from transforms.partitions import partition_path
from transforms.records import Article, Reject
from transforms.rows import (
    SCHEMAS,
    ColumnBuffer,
    PartitionKey,
    article_partition,
    article_row,
    fetch_log_partition,
    fetch_log_row,
    reject_partition,
    reject_row,
    sentence_columns,
)
from transforms.write import SORT_KEYS, staging_root, write_parquet


@dataclasses.dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One count for the pane summary: ('inputs', source) 1, ('written', source) 1, ..."""

    kind: str
    value: str
    count: int


@dataclasses.dataclass(frozen=True, slots=True)
class PaneFile:
    dataset: str
    partition: str
    path: str
    rows: int


def window_label(start: dt.datetime, seconds: float) -> str:
    """'w20261127T103300Z-60s': the window's UTC start and length, sortable as text."""
    return f"w{start.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{seconds:g}s"


def window_file_name(stream_id: str, start: dt.datetime, seconds: float, pane: str) -> str:
    return f"part-{stream_id}-{window_label(start, seconds)}-p{pane}.parquet"


def pane_summary_path(root: str, stream_id: str, start: dt.datetime, seconds: float, pane: str) -> str:
    return storage.join(root, "_streams", stream_id, f"{window_label(start, seconds)}-p{pane}.json")


def ledger_entries(record) -> list[LedgerEntry]:
    """What one record adds to the ledger: its outcome (written, rejected, duplicate), a fetch, or a count as is."""
    if isinstance(record, LedgerEntry):
        return [record]
    if isinstance(record, Article):
        counted = accounting.written_entries(record)
    elif isinstance(record, Reject):
        counted = accounting.rejected_entries(record)
    elif isinstance(record, Duplicate):
        counted = accounting.duplicate_entries(record)
    elif isinstance(record, FetchLogRecord):
        counted = accounting.fetch_entries(record.attempt)
    else:
        raise TypeError(f"a stream record the writer does not know: {type(record).__name__}")
    return [LedgerEntry(kind, value, count) for (kind, value), count in counted]


def pane_ledger(records) -> list[LedgerEntry]:
    """The pane's ledger: every record's entries, summed per (kind, value), in first-seen order."""
    sums: dict[tuple[str, str], int] = {}
    for record in records:
        for entry in ledger_entries(record):
            sums[entry.kind, entry.value] = sums.get((entry.kind, entry.value), 0) + entry.count
    return [LedgerEntry(kind, value, count) for (kind, value), count in sums.items()]


def partition_tables(records, run_id: str) -> dict[PartitionKey, pa.Table]:
    """Records of one pane -> {(dataset, partition): sorted table}, rows built as in batch."""
    buffers: dict[PartitionKey, ColumnBuffer] = {}

    def buffer(key: PartitionKey) -> ColumnBuffer:
        if key not in buffers:
            buffers[key] = ColumnBuffer(SCHEMAS[key[0]])
        return buffers[key]

    for record in records:
        if isinstance(record, Article):
            partition = article_partition(record)
            buffer(("articles", partition)).append(article_row(record, run_id))
            buffer(("sentences", partition)).extend(sentence_columns(record, run_id))
        elif isinstance(record, Reject):
            buffer(("rejects", reject_partition(record))).append(reject_row(record, run_id))
        elif isinstance(record, FetchLogRecord):
            buffer(("fetch_log", fetch_log_partition(record))).append(fetch_log_row(record, run_id))
        # duplicates and ledger entries are counted, not stored as rows
    tables = {}
    for key, column_buffer in buffers.items():
        table = pa.Table.from_batches([column_buffer.to_batch()])
        tables[key] = table.take(pc.sort_indices(table, sort_keys=SORT_KEYS[key[0]]))
    return tables


def publish_pane(root: str, stream_id: str, start: dt.datetime, seconds: float, pane: str, records) -> dict:
    """Write and publish one pane's files, then its summary; returns the summary."""
    tables, ledger = partition_tables(records, stream_id), pane_ledger(records)
    name = window_file_name(stream_id, start, seconds, pane)
    files = []
    for (dataset, values), table in sorted(tables.items()):
        partition = partition_path(values)
        staged = storage.join(staging_root(root, stream_id), dataset, partition, name)
        final = storage.join(root, dataset, partition, name)
        write_parquet(table, staged, every_dictionary=False)  # small files, like a batch run's
        storage.rename(staged, final)  # atomic on local disks: readers see the whole file or nothing
        files.append(PaneFile(dataset, partition, final, table.num_rows))
    summary = {
        "stream_id": stream_id,
        "window_start": start.isoformat(),
        "window_seconds": seconds,
        "pane": pane,
        "published_at": dt.datetime.now(dt.UTC).isoformat(),
        "ledger": [[entry.kind, entry.value, entry.count] for entry in ledger],
        "files": [dataclasses.asdict(f) for f in files],
    }
    path = pane_summary_path(root, stream_id, start, seconds, pane)
    storage.write_bytes_atomic(path, json.dumps(summary).encode("utf-8"))
    return summary


def pane_id(records) -> str:
    """A digest of what a pane holds, the same for the same records in any order (a retried bundle)."""
    keys = []
    for record in records:
        if isinstance(record, LedgerEntry):
            keys.append(f"L|{record.kind}|{record.value}|{record.count}")
        elif isinstance(record, Article):
            keys.append(f"A|{record.article_id}|{record.revision}")
        elif isinstance(record, Reject):
            keys.append(f"R|{record.stage}|{record.reason}|{record.input_ref}|{record.rejected_at.isoformat()}")
        elif isinstance(record, Duplicate):
            keys.append(f"D|{record.article_id}|{record.reason}|{record.kept}")
        else:
            attempt = record.attempt
            keys.append(f"F|{attempt.url}|{attempt.attempt}|{attempt.started_at.isoformat()}")
    return hashlib.sha256("\n".join(sorted(keys)).encode("utf-8")).hexdigest()[:12]


class WriteWindowPanesFn(beam.DoFn):
    """Windowed records -> one published pane per window per bundle; emits the pane summaries."""

    def __init__(self, root: str, stream_id: str, window_seconds: float) -> None:
        super().__init__()
        self._root = root
        self._stream_id = stream_id
        self._window_seconds = window_seconds

    def start_bundle(self) -> None:
        self._pending: dict = {}

    def process(self, record, window=beam.DoFn.WindowParam):
        self._pending.setdefault(window, []).append(record)

    def finish_bundle(self):
        pending, self._pending = self._pending, {}
        for window, records in sorted(pending.items(), key=lambda item: item[0].start):
            start = window.start.to_utc_datetime(has_tz=True)
            summary = publish_pane(self._root, self._stream_id, start, self._window_seconds, pane_id(records), records)
            yield WindowedValue(summary, window.max_timestamp(), [window])


class WriteWindows(beam.PTransform):
    """Windowed records -> pane summaries (dicts), each emitted after its files are published."""

    def __init__(self, root: str, stream_id: str, window_seconds: float) -> None:
        super().__init__()
        self._root = root
        self._stream_id = stream_id
        self._window_seconds = window_seconds

    def expand(self, records):
        return records | "PublishPanes" >> beam.ParDo(
            WriteWindowPanesFn(self._root, self._stream_id, self._window_seconds)
        )
