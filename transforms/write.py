"""WriteDatasets: articles, sentences, rejects and the fetch log to partitioned Parquet, staged for commit.

Rows are buffered per partition inside each bundle and spilled as Arrow
record batches to files in the run's staging folder (spill.py): the shuffle
that gathers a partition moves only references to those batches, so no stage
boundary holds the rows themselves. Each partition is then read back, sorted
and written as one zstd Parquet file (more only beyond max_rows_per_file rows),
a row group at a time so that only the spilled rows and one sorted group are in
memory, to a staging folder under `<root>/_staging/<run_id>/`, invisible to readers;
CommitRun moves the files into place once every write has succeeded, so
output of a failed or retried bundle is never published.
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
    article_partition,
    article_row,
    fetch_log_partition,
    fetch_log_row,
    reject_partition,
    reject_row,
    sentence_columns,
)
from transforms.spill import (
    DEFAULT_MAX_BUFFERED_ROWS,
    DEFAULT_MAX_ROWS_PER_BATCH,
    RowSpillWriter,
    read_row_batches,
    spill_folder,
)

DEFAULT_MAX_ROWS_PER_FILE = 1_000_000
# Sorting a whole partition, then dictionary-encoding the sorted copy, held three
# copies of it at once: the largest partitions set the write stage's peak memory.
ROWS_PER_GROUP = 65_536
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


class SpillRowsFn(beam.DoFn):
    """Articles, rejects and fetch-log records -> ((dataset, partition), RowBatches): rows spilled, references out."""

    def __init__(
        self,
        root: str,
        run_id: str,
        max_rows_per_batch: int = DEFAULT_MAX_ROWS_PER_BATCH,
        max_buffered_rows: int = DEFAULT_MAX_BUFFERED_ROWS,
    ) -> None:
        super().__init__()
        self._root = root
        self._run_id = run_id
        self._max_rows_per_batch = max_rows_per_batch
        self._max_buffered_rows = max_buffered_rows

    def start_bundle(self) -> None:
        self._spill = RowSpillWriter(
            spill_folder(self._root, self._run_id), SCHEMAS, self._max_rows_per_batch, self._max_buffered_rows
        )

    def process(self, record, window=beam.DoFn.WindowParam):
        spill = self._spill
        if isinstance(record, Article):
            partition = article_partition(record)
            spill.append("articles", (window, ("articles", partition)), article_row(record, self._run_id))
            spill.extend("sentences", (window, ("sentences", partition)), sentence_columns(record, self._run_id))
        elif isinstance(record, Reject):
            key = (window, ("rejects", reject_partition(record)))
            spill.append("rejects", key, reject_row(record, self._run_id))
        else:
            key = (window, ("fetch_log", fetch_log_partition(record)))
            spill.append("fetch_log", key, fetch_log_row(record, self._run_id))

    def finish_bundle(self):
        # References only after the files are closed: an IPC file is readable once its footer is written.
        for (window, partition_key), batches in self._spill.close():
            yield WindowedValue((partition_key, batches), window.max_timestamp(), [window])


class WritePartitionFn(beam.DoFn):
    """(partition key, spilled batches) -> staged Parquet files of at most max_rows_per_file rows."""

    def __init__(self, root: str, run_id: str, max_rows_per_file: int = DEFAULT_MAX_ROWS_PER_FILE) -> None:
        super().__init__()
        self._root = root
        self._run_id = run_id
        self._max_rows_per_file = max_rows_per_file

    def process(self, element):
        (dataset, partition_values), refs = element
        rows = read_row_batches(refs, SCHEMAS[dataset])
        order = pc.sort_indices(rows, sort_keys=SORT_KEYS[dataset])
        partition = partition_path(partition_values)
        for offset in range(0, rows.num_rows, self._max_rows_per_file):
            file_order = order.slice(offset, self._max_rows_per_file)
            name = f"part-{self._run_id}-{uuid.uuid4().hex[:12]}.parquet"
            staged = storage.join(staging_root(self._root, self._run_id), dataset, partition, name)
            write_sorted_parquet(rows, file_order, SCHEMAS[dataset], staged)
            final = storage.join(self._root, dataset, partition, name)
            yield StagedFile(
                dataset=dataset, partition=partition, staged_path=staged, final_path=final, rows=len(file_order)
            )


# Nested columns with few distinct values (topic slugs, country codes, entity types), as Parquet column paths.
_REPEATED_NESTED_VALUES = frozenset(
    {
        "topics.list.element",
        "topic_terms.list.element",
        "places.list.element",
        "categories.list.element",
        "entities.list.element.type",
        "topic_scores.list.element.topic",
    }
)
# Free text, whose minimum and maximum no query filters on: a file's statistics would hold two
# long texts of each (up to 4 kB apiece), a third of a small articles file.
_FREE_TEXT = frozenset({"text", "title", "detail", "payload", "error_message", "bozo_reason"})


def _column_paths(name: str, type_: pa.DataType):
    """The Parquet column paths of one Arrow field (pyarrow writes lists as `<name>.list.element`)."""
    if pa.types.is_list(type_):
        yield from _column_paths(f"{name}.list.element", type_.value_type)
    elif pa.types.is_struct(type_):
        for child in type_:
            yield from _column_paths(f"{name}.{child.name}", child.type)
    else:
        yield name


def dictionary_columns(schema: pa.Schema) -> list[str]:
    """The columns a run's Parquet files dictionary-encode: those with few distinct values.

    A run writes one small file per partition, where a dictionary of mostly unique
    values (sentence text, ids, offsets) is pure cost: dictionary-encoding every
    column took 1.1-1.2x the write_table CPU and made the files 1-3% larger
    (benchmarks/parquet_layout.py). Compaction's large files keep dictionaries on
    every column (`write_parquet`): there repeated values across articles pay for them.
    """
    return [
        path
        for field in schema
        for path in _column_paths(field.name, field.type)
        if pa.types.is_dictionary(field.type) or path in _REPEATED_NESTED_VALUES
    ]


def statistics_columns(schema: pa.Schema) -> list[str]:
    """The columns whose min/max statistics every file carries: all but free text. Statistics are what
    DuckDB, Spark and pyarrow skip files and row groups by (dates, ids, languages, offsets)."""
    return [path for field in schema for path in _column_paths(field.name, field.type) if path not in _FREE_TEXT]


def parquet_options(schema: pa.Schema, every_dictionary: bool) -> dict:
    """How newsbeam writes Parquet: zstd, statistics on `statistics_columns`, and dictionaries on every
    column (a compacted file) or only on `dictionary_columns` (a run's or a stream pane's small files)."""
    return {
        "compression": "zstd",
        "use_dictionary": True if every_dictionary else dictionary_columns(schema),
        "write_statistics": statistics_columns(schema),
    }


def write_parquet(table: pa.Table, path: str, every_dictionary: bool = True) -> None:
    """`table` as one Parquet file (see `parquet_options`)."""
    with FileSystems.create(path) as handle:
        pq.write_table(table, handle, **parquet_options(table.schema, every_dictionary))


def write_sorted_parquet(rows: pa.Table, order: pa.Array, schema: pa.Schema, path: str) -> None:
    """`rows` (spilled, plain schema) in `order` as one Parquet file of `schema`, a row group at a time."""
    options = parquet_options(schema, every_dictionary=False)
    with FileSystems.create(path) as handle, pq.ParquetWriter(handle, schema, **options) as writer:
        for start in range(0, len(order), ROWS_PER_GROUP):
            group = rows.take(order.slice(start, ROWS_PER_GROUP)).cast(schema)
            writer.write_table(group, row_group_size=ROWS_PER_GROUP)


class WriteDatasets(beam.PTransform):
    """Finished articles, rejects and fetch-log records -> StagedFile records (files waiting for CommitRun).

    Takes one PCollection of records, or several (articles, rejects, fetch log):
    each is spilled where it is produced, so no Flatten of whole records is ever
    materialised between stages; only the batch references are flattened.
    """

    def __init__(self, root: str, run_id: str, max_rows_per_file: int = DEFAULT_MAX_ROWS_PER_FILE) -> None:
        super().__init__()
        self._root = root
        self._run_id = run_id
        self._max_rows_per_file = max_rows_per_file

    def expand(self, records):
        inputs = (records,) if isinstance(records, beam.PCollection) else tuple(records)
        spilled = tuple(
            pcoll | f"SpillRows{index}" >> beam.ParDo(SpillRowsFn(self._root, self._run_id))
            for index, pcoll in enumerate(inputs)
        )
        if len(spilled) > 1:
            spilled = (spilled | "CollectSpilledBatches" >> beam.Flatten(),)
        return (
            spilled[0]
            | "GroupByPartition" >> beam.GroupByKey()
            | "WritePartitionFiles" >> beam.ParDo(WritePartitionFn(self._root, self._run_id, self._max_rows_per_file))
        )
