"""WriteWindows: each window's rows to the batch datasets and partitions, one pane at a time, committed atomically.

Input: articles, rejects, fetch-log records and ledger entries, in fixed
windows. All of a window's records gather under one key in a BagState; an
event-time timer at the end of the window flushes them as a *pane*:
1. one Parquet file per (dataset, partition) the pane touches, the same
   partitions as batch (articles and sentences by topic and publication date,
   rejects and the fetch log by date), written under
   `<root>/_staging/<stream_id>/` and then renamed into its partition, so a
   reader (DuckDB's read_parquet over the dataset glob) sees a whole file or
   none;
2. then the pane summary `<root>/_streams/<stream_id>/<window>-p<pane>.json`:
   its ledger (inputs = written + rejected + duplicates for that pane) and
   the files it published.

File names carry the window and the pane: `part-<stream_id>-w<start>-<seconds>s-p<pane>.parquet`.
The stream id (start time + random suffix) makes them unique across streams;
within a stream the name is a function of (window, pane), so a runner that
retries a flush rewrites the same files instead of adding copies.

On a real streaming runner the timer fires once the watermark passes the
window's end: one pane per window (more only for late data). On Beam's
FnApiRunner event-time timers fire right after each bundle, so every poll is
flushed as its own pane within seconds; the output is the same rows, in more
files (`newsbeam compact` merges them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing

import apache_beam as beam
import pyarrow as pa
import pyarrow.compute as pc
from apache_beam.coders import PickleCoder, VarIntCoder
from apache_beam.transforms.timeutil import TimeDomain
from apache_beam.transforms.userstate import BagStateSpec, ReadModifyWriteStateSpec, TimerSpec, on_timer

from transforms import storage
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
    sentence_rows,
)
from transforms.write import SORT_KEYS, staging_root, write_parquet

RECORDS_SPEC = BagStateSpec("records", PickleCoder())
PANE_SPEC = ReadModifyWriteStateSpec("pane", VarIntCoder())
FLUSH_SPEC = TimerSpec("flush", TimeDomain.WATERMARK)
RECORDS_STATE = beam.DoFn.StateParam(RECORDS_SPEC)
PANE_STATE = beam.DoFn.StateParam(PANE_SPEC)
FLUSH_TIMER = beam.DoFn.TimerParam(FLUSH_SPEC)


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


def window_file_name(stream_id: str, start: dt.datetime, seconds: float, pane: int) -> str:
    return f"part-{stream_id}-{window_label(start, seconds)}-p{pane:04d}.parquet"


def pane_summary_path(root: str, stream_id: str, start: dt.datetime, seconds: float, pane: int) -> str:
    return storage.join(root, "_streams", stream_id, f"{window_label(start, seconds)}-p{pane:04d}.json")


def partition_tables(records, run_id: str) -> tuple[dict[PartitionKey, pa.Table], list[LedgerEntry]]:
    """Records of one pane -> ({(dataset, partition): sorted table}, ledger entries), rows built as in batch."""
    buffers: dict[PartitionKey, ColumnBuffer] = {}
    ledger: list[LedgerEntry] = []

    def buffer(key: PartitionKey) -> ColumnBuffer:
        if key not in buffers:
            buffers[key] = ColumnBuffer(SCHEMAS[key[0]])
        return buffers[key]

    for record in records:
        if isinstance(record, LedgerEntry):
            ledger.append(record)
        elif isinstance(record, Article):
            partition = article_partition(record)
            buffer(("articles", partition)).append(article_row(record, run_id))
            for row in sentence_rows(record, run_id):
                buffer(("sentences", partition)).append(row)
        elif isinstance(record, Reject):
            buffer(("rejects", reject_partition(record))).append(reject_row(record, run_id))
        else:
            buffer(("fetch_log", fetch_log_partition(record))).append(fetch_log_row(record, run_id))
    tables = {}
    for key, column_buffer in buffers.items():
        table = pa.Table.from_batches([column_buffer.to_batch()])
        tables[key] = table.take(pc.sort_indices(table, sort_keys=SORT_KEYS[key[0]]))
    return tables, ledger


def publish_pane(root: str, stream_id: str, start: dt.datetime, seconds: float, pane: int, records) -> dict:
    """Write and publish one pane's files, then its summary; returns the summary."""
    tables, ledger = partition_tables(records, stream_id)
    name = window_file_name(stream_id, start, seconds, pane)
    files = []
    for (dataset, values), table in sorted(tables.items()):
        partition = partition_path(values)
        staged = storage.join(staging_root(root, stream_id), dataset, partition, name)
        final = storage.join(root, dataset, partition, name)
        write_parquet(table, staged)
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


class WriteWindowPaneFn(beam.DoFn):
    """(key, record) in fixed windows -> a published pane summary each time the window's timer fires."""

    def __init__(self, root: str, stream_id: str, window_seconds: float) -> None:
        super().__init__()
        self._root = root
        self._stream_id = stream_id
        self._window_seconds = window_seconds

    def process(self, element, window=beam.DoFn.WindowParam, records=RECORDS_STATE, flush=FLUSH_TIMER):
        records.add(element[1])
        flush.set(window.max_timestamp())

    @on_timer(FLUSH_SPEC)
    def flush(self, window=beam.DoFn.WindowParam, records=RECORDS_STATE, pane_state=PANE_STATE):
        pending = list(records.read())
        if not pending:
            return
        pane = pane_state.read() or 0
        start = window.start.to_utc_datetime(has_tz=True)
        yield publish_pane(self._root, self._stream_id, start, self._window_seconds, pane, pending)
        records.clear()
        pane_state.write(pane + 1)


class WriteWindows(beam.PTransform):
    """Windowed records -> pane summaries (dicts), after their files are published."""

    def __init__(self, root: str, stream_id: str, window_seconds: float) -> None:
        super().__init__()
        self._root = root
        self._stream_id = stream_id
        self._window_seconds = window_seconds

    def expand(self, records):
        return (
            records
            # One key per window: a pane's files and its summary are published together, by one worker.
            | "KeyByWindow" >> beam.Map(lambda record: ("pane", record)).with_output_types(tuple[str, typing.Any])
            | "PublishPanes" >> beam.ParDo(WriteWindowPaneFn(self._root, self._stream_id, self._window_seconds))
        )
