"""Spill files: bulk data parked in the run's staging folder, so that Beam shuffles carry small references.

Beam's local FnApiRunner runs a batch graph stage by stage and holds every
PCollection that crosses a stage boundary (GroupByKey inputs, Flatten outputs)
in the runner's memory: shuffling whole articles or Arrow batches makes its
peak memory grow with the corpus. Instead, the fused stage that produces the
bulk writes it under `<root>/_staging/<run_id>/spill/` and emits references (a
path and a batch index or a byte range); the stage after the shuffle reads back
only what it needs. Memory is one bundle's bounded buffers plus one partition
or one chunk of articles, whatever the corpus size.

The folder lies inside the run's staging folder: readers never see it, the
commit deletes it with the rest of staging, and the next run's recovery deletes
it when a run dies before its commit journal. Files go through Beam FileSystems
only, so this works on every runner and filesystem (gs://, s3://, ...). A
retried bundle writes new files under new names; the references of a failed
attempt are discarded by Beam, and its files are swept away with staging.

Two formats:
- rows: Arrow IPC *file* format, one file per dataset per bundle, each record
  batch holding rows of one partition, read back by batch index (the file
  footer gives random access);
- records: pickled Python records (articles), written back to back and read
  back by byte range.
Both are zstd-compressed on object stores only (`spill_codec`).
"""

from __future__ import annotations

import dataclasses
import pickle
import uuid
from collections.abc import Hashable, Iterable, Iterator

import pyarrow as pa
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from transforms import storage
from transforms.rows import ColumnBuffer

SPILL_FOLDER = "spill"
ARROW_MIME = "application/vnd.apache.arrow.file"
RECORDS_MIME = "application/octet-stream"
# A bundle's buffered rows across all partitions; beyond it the largest buffers are flushed.
DEFAULT_MAX_BUFFERED_ROWS = 50_000
DEFAULT_MAX_ROWS_PER_BATCH = 20_000
_REMOTE_CODEC = "zstd"
_RECORD_LEVEL = 1  # spill files live minutes: speed over ratio
BY_LOCATION = "by-location"  # the writers' default codec: spill_codec(folder)


def spill_folder(root: str, run_id: str) -> str:
    """Where a run's spill files go: inside its staging folder (write.staging_root), so commit and recovery sweep it."""
    return storage.join(root, "_staging", run_id, SPILL_FOLDER)


def _create(path: str, mime_type: str):
    return FileSystems.create(path, mime_type=mime_type, compression_type=CompressionTypes.UNCOMPRESSED)


def _open(path: str):
    return FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED)


def plain_schema(schema: pa.Schema) -> pa.Schema:
    """`schema` with dictionary columns as their value type.

    An IPC file allows one dictionary per column for all its batches, but each
    batch of a bundle builds its own; spilled rows are plain, and the dictionary
    encoding is restored when a partition is written (write.py), a row group at a time.
    """
    fields = [
        field.with_type(field.type.value_type) if pa.types.is_dictionary(field.type) else field for field in schema
    ]
    return pa.schema(fields, metadata=schema.metadata)


@dataclasses.dataclass(frozen=True, slots=True)
class RowBatches:
    """Record batches of one partition in one spill file."""

    path: str
    batches: tuple[int, ...]


def spill_codec(folder: str) -> str | None:
    """The codec of spill files in `folder`: none on local disk, zstd on object stores.

    A bundle flushes one small batch per partition (tens of rows), and IPC
    compresses each column buffer of each batch on its own. On local disk,
    with real rows, zstd took 2.5-2.8x the CPU of plain buffers to spill and
    read back (about 0.5 s more per 1,000 articles) to save 55% of bytes that
    live only until the commit; on pickled articles it took 2.4x, 0.05 ms an
    article, to save 44% (benchmarks/spill_codecs.py). Over a network the
    bytes cost more than the CPU, so remote spills keep zstd.
    """
    return None if storage.is_local(folder) else _REMOTE_CODEC


class _IpcFile:
    def __init__(self, path: str, schema: pa.Schema, compression: str | None) -> None:
        self.path = path
        self.schema = schema
        self.batches = 0
        self._handle = _create(path, ARROW_MIME)
        options = pa.ipc.IpcWriteOptions(compression=compression)
        self._writer = pa.ipc.new_file(self._handle, schema, options=options)

    def write(self, batch: pa.RecordBatch) -> int:
        self._writer.write_batch(batch)
        self.batches += 1
        return self.batches - 1

    def close(self) -> None:
        self._writer.close()
        self._handle.close()


class RowSpillWriter:
    """One bundle's rows: buffered per key, flushed as record batches into one IPC file per dataset.

    A key's buffer is flushed when it reaches `max_rows_per_batch` rows; when the
    bundle holds more than `max_buffered_rows` rows in all, the largest buffers
    are flushed until half that remains, so memory stays bounded however many
    partitions a bundle touches. `close()` returns (key, RowBatches) per key and file.
    `compression` is the IPC buffer codec; by default `spill_codec` picks it from the folder.
    """

    def __init__(
        self,
        folder: str,
        schemas: dict[str, pa.Schema],
        max_rows_per_batch: int = DEFAULT_MAX_ROWS_PER_BATCH,
        max_buffered_rows: int = DEFAULT_MAX_BUFFERED_ROWS,
        compression: str | None = BY_LOCATION,
    ) -> None:
        self._folder = folder
        self._compression = spill_codec(folder) if compression == BY_LOCATION else compression
        self._schemas = {dataset: plain_schema(schema) for dataset, schema in schemas.items()}
        self._max_rows_per_batch = max_rows_per_batch
        self._max_buffered_rows = max_buffered_rows
        self._buffers: dict[tuple[str, Hashable], ColumnBuffer] = {}
        self._files: dict[str, _IpcFile] = {}
        self._written: dict[tuple[str, Hashable], list[int]] = {}
        self._buffered = 0

    def append(self, dataset: str, key: Hashable, row: dict) -> None:
        buffer = self._buffer(dataset, key)
        buffer.append(row)
        self._added(dataset, key, buffer, 1)

    def extend(self, dataset: str, key: Hashable, columns: dict[str, list]) -> None:
        """Many rows of one key at once, as column lists (rows.sentence_columns)."""
        buffer = self._buffer(dataset, key)
        before = buffer.rows
        buffer.extend(columns)
        self._added(dataset, key, buffer, buffer.rows - before)

    def _buffer(self, dataset: str, key: Hashable) -> ColumnBuffer:
        buffer = self._buffers.get((dataset, key))
        if buffer is None:
            buffer = self._buffers[(dataset, key)] = ColumnBuffer(self._schemas[dataset])
        return buffer

    def _added(self, dataset: str, key: Hashable, buffer: ColumnBuffer, rows: int) -> None:
        self._buffered += rows
        if buffer.rows >= self._max_rows_per_batch:
            self._flush(dataset, key)
        elif self._buffered > self._max_buffered_rows:
            for dataset_key in sorted(self._buffers, key=lambda k: -self._buffers[k].rows):
                self._flush(*dataset_key)
                if self._buffered <= self._max_buffered_rows // 2:
                    break

    @property
    def buffered_rows(self) -> int:
        return self._buffered

    def _flush(self, dataset: str, key: Hashable) -> None:
        buffer = self._buffers.pop((dataset, key))
        self._buffered -= buffer.rows
        spill = self._files.get(dataset)
        if spill is None:
            path = storage.join(self._folder, dataset, f"{uuid.uuid4().hex}.arrow")
            spill = self._files[dataset] = _IpcFile(path, self._schemas[dataset], self._compression)
        self._written.setdefault((dataset, key), []).append(spill.write(buffer.to_batch()))

    def close(self) -> list[tuple[Hashable, RowBatches]]:
        for dataset_key in list(self._buffers):
            self._flush(*dataset_key)
        for spill in self._files.values():
            spill.close()
        refs = [
            (key, RowBatches(self._files[dataset].path, tuple(batches)))
            for (dataset, key), batches in self._written.items()
        ]
        self._files, self._written = {}, {}
        return refs


def read_row_batches(refs: Iterable[RowBatches], schema: pa.Schema) -> pa.Table:
    """The referenced record batches as one table of `schema` as spilled (`plain_schema`), without copying them."""
    indices: dict[str, list[int]] = {}
    for ref in refs:
        indices.setdefault(ref.path, []).extend(ref.batches)
    batches = []
    for path in sorted(indices):
        with _open(path) as handle:
            reader = pa.ipc.open_file(handle)
            batches += [reader.get_batch(index) for index in sorted(indices[path])]
    return pa.Table.from_batches(batches, schema=plain_schema(schema))


@dataclasses.dataclass(frozen=True, slots=True)
class RecordRef:
    """Where one spilled record lies: a byte range of a records file, and its pickled size (before any compression).

    `name` is the file's name inside the spill folder, not its whole path: refs
    cross shuffles by the hundred thousand, and the folder is the same for all.
    """

    name: str
    offset: int
    length: int
    size: int


def _record_codec(folder: str, compression: str | None) -> pa.Codec | None:
    name = spill_codec(folder) if compression == BY_LOCATION else compression
    return None if name is None else pa.Codec(name, compression_level=_RECORD_LEVEL)


class RecordSpillWriter:
    """Records (any picklable object) written one after another into one file per bundle.

    `compression` is the codec of each record; by default `spill_codec` picks it from the
    folder. read_records must be given the same.
    """

    def __init__(self, folder: str, compression: str | None = BY_LOCATION) -> None:
        self._folder = folder
        self._codec = _record_codec(folder, compression)
        self._handle = None
        self._name = ""
        self._offset = 0

    def write(self, record) -> RecordRef:
        if self._handle is None:
            self._name = f"{uuid.uuid4().hex}.records"
            self._handle, self._offset = _create(storage.join(self._folder, self._name), RECORDS_MIME), 0
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        compressed = data if self._codec is None else self._codec.compress(data, asbytes=True)
        self._handle.write(compressed)
        ref = RecordRef(self._name, self._offset, len(compressed), len(data))
        self._offset += len(compressed)
        return ref

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def read_records(
    folder: str, refs: Iterable[RecordRef], compression: str | None = BY_LOCATION
) -> Iterator[tuple[RecordRef, object]]:
    """(ref, record) for each ref to a file in `folder`, read file by file in offset order (sequential
    reads, even on object stores)."""
    codec = _record_codec(folder, compression)
    by_name: dict[str, list[RecordRef]] = {}
    for ref in refs:
        by_name.setdefault(ref.name, []).append(ref)
    for name in sorted(by_name):
        with _open(storage.join(folder, name)) as handle:
            for ref in sorted(by_name[name], key=lambda r: r.offset):
                handle.seek(ref.offset)
                data = handle.read(ref.length)
                if codec is not None:
                    data = codec.decompress(data, decompressed_size=ref.size, asbytes=True)
                yield ref, pickle.loads(data)
