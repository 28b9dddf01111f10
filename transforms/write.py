"""WriteDatasets: articles, sentences, rejects and the fetch log to partitioned Parquet, staged for commit.

Rows are batched into Arrow record batches per partition inside each bundle,
so the shuffle that gathers a partition moves a few IPC buffers, not per-row
dicts. Each partition is then written as zstd Parquet to a staging folder
under `<root>/_staging/<run_id>/`, invisible to readers; CommitRun moves the
files into place once every write has succeeded, so output of a failed or
retried bundle is never published.
"""

from __future__ import annotations

import dataclasses
import uuid

import apache_beam as beam
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems
from apache_beam.utils.windowed_value import WindowedValue

from transforms import storage
from transforms.partitions import partition_path
from transforms.records import Article, Reject
from transforms.rows import (
    SCHEMAS,
    ColumnBuffer,
    PartitionKey,
    article_partition,
    article_row,
    batch_to_ipc,
    fetch_log_partition,
    fetch_log_row,
    ipc_to_table,
    reject_partition,
    reject_row,
    sentence_rows,
)

DEFAULT_MAX_ROWS_PER_BATCH = 20_000
DEFAULT_MAX_ROWS_PER_FILE = 1_000_000
# Rows are sorted so files are deterministic and compress and filter better.
SORT_KEYS = {
    "sentences": [("article_id", "ascending"), ("sentence_index", "ascending")],
    "articles": [("article_id", "ascending")],
    "rejects": [("input_ref", "ascending")],
    "fetch_log": [("url", "ascending"), ("attempt", "ascending")],
}


def staging_root(root: str, run_id: str) -> str:
    return storage.join(root, "_staging", run_id)


@dataclasses.dataclass(frozen=True, slots=True)
class StagedFile:
    dataset: str
    partition: str  # 'topic=politics/date=2026-11-20'
    staged_path: str
    final_path: str
    rows: int


class BatchRowsFn(beam.DoFn):
    """Articles, rejects and fetch-log records -> ((dataset, partition), Arrow IPC bytes), per partition per bundle."""

    def __init__(self, run_id: str, max_rows: int = DEFAULT_MAX_ROWS_PER_BATCH) -> None:
        super().__init__()
        self._run_id = run_id
        self._max_rows = max_rows

    def start_bundle(self) -> None:
        self._buffers: dict[tuple, ColumnBuffer] = {}

    def _buffer(self, window, key: PartitionKey) -> ColumnBuffer:
        buffer = self._buffers.get((window, key))
        if buffer is None:
            buffer = self._buffers[(window, key)] = ColumnBuffer(SCHEMAS[key[0]])
        return buffer

    def process(self, record, window=beam.DoFn.WindowParam):
        if isinstance(record, Article):
            partition = article_partition(record)
            self._buffer(window, ("articles", partition)).append(article_row(record, self._run_id))
            sentences = self._buffer(window, ("sentences", partition))
            for row in sentence_rows(record, self._run_id):
                sentences.append(row)
        elif isinstance(record, Reject):
            self._buffer(window, ("rejects", reject_partition(record))).append(reject_row(record, self._run_id))
        else:
            partition = fetch_log_partition(record)
            self._buffer(window, ("fetch_log", partition)).append(fetch_log_row(record, self._run_id))
        for (buffer_window, key), buffer in list(self._buffers.items()):
            if buffer_window == window and buffer.rows >= self._max_rows:
                del self._buffers[(buffer_window, key)]
                yield key, batch_to_ipc(buffer.to_batch())

    def finish_bundle(self):
        for (window, key), buffer in self._buffers.items():
            yield WindowedValue((key, batch_to_ipc(buffer.to_batch())), window.max_timestamp(), [window])
        self._buffers = {}


class WritePartitionFn(beam.DoFn):
    """(partition key, IPC payloads) -> staged Parquet files of at most max_rows_per_file rows."""

    def __init__(self, root: str, run_id: str, max_rows_per_file: int = DEFAULT_MAX_ROWS_PER_FILE) -> None:
        super().__init__()
        self._root = root
        self._run_id = run_id
        self._max_rows_per_file = max_rows_per_file

    def process(self, element):
        (dataset, partition_values), payloads = element
        table = ipc_to_table(list(payloads))
        table = table.take(pc.sort_indices(table, sort_keys=SORT_KEYS[dataset]))
        partition = partition_path(partition_values)
        for offset in range(0, table.num_rows, self._max_rows_per_file):
            chunk = table.slice(offset, self._max_rows_per_file)
            name = f"part-{self._run_id}-{uuid.uuid4().hex[:12]}.parquet"
            staged = storage.join(staging_root(self._root, self._run_id), dataset, partition, name)
            write_parquet(chunk, staged)
            final = storage.join(self._root, dataset, partition, name)
            yield StagedFile(
                dataset=dataset, partition=partition, staged_path=staged, final_path=final, rows=chunk.num_rows
            )


def write_parquet(table: pa.Table, path: str) -> None:
    storage.ensure_parent(path)
    with FileSystems.create(path) as handle:
        pq.write_table(table, handle, compression="zstd", use_dictionary=True, write_statistics=True)


class WriteDatasets(beam.PTransform):
    """Finished articles, rejects and fetch-log records -> StagedFile records (files waiting for CommitRun)."""

    def __init__(self, root: str, run_id: str, max_rows_per_file: int = DEFAULT_MAX_ROWS_PER_FILE) -> None:
        super().__init__()
        self._root = root
        self._run_id = run_id
        self._max_rows_per_file = max_rows_per_file

    def expand(self, records):
        return (
            records
            | "BatchRows" >> beam.ParDo(BatchRowsFn(self._run_id))
            | "GroupByPartition" >> beam.GroupByKey()
            | "WritePartitionFiles" >> beam.ParDo(WritePartitionFn(self._root, self._run_id, self._max_rows_per_file))
        )
