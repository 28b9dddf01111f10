"""Compaction: merge the small files of each partition into few files of a target size, atomically.

For every partition holding more than one file: read its files, write the
rows (sorted, as the writer sorts them) into files of about `target_bytes`
under `_staging/`, read those back and compare the row count and an
order-independent checksum with the originals, and only then swap the
partition directory: old directory aside, new one in place (two renames; a
reader sees the old files or the new ones, never both). A journal makes an
interrupted swap finish on the next run or compaction. Local (POSIX) outputs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import uuid

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from transforms import storage
from transforms.schema import DATASETS
from transforms.write import SORT_KEYS, write_parquet

DEFAULT_TARGET_BYTES = 128 * 1024 * 1024
JOURNAL_SUFFIX = ".compact.json"


class CompactionError(RuntimeError):
    pass


@dataclasses.dataclass
class PartitionResult:
    dataset: str
    partition: str
    files_before: int
    files_after: int
    rows: int
    checksum: str


def row_checksum(table: pa.Table) -> tuple[int, str]:
    """(rows, checksum) where the checksum ignores row order: a sum of per-row hashes modulo 2**64."""
    total = 0
    for batch in table.to_batches(max_chunksize=65536):
        for row in batch.to_pylist():
            digest = hashlib.blake2b(repr(sorted(row.items())).encode("utf-8"), digest_size=8).digest()
            total = (total + int.from_bytes(digest, "big")) % 2**64
    return table.num_rows, f"{total:016x}"


def partitions_to_compact(root: str, only: list[str] | None = None) -> list[tuple[str, str]]:
    """(dataset, partition) pairs with more than one file; `only` limits to 'dataset/partition' prefixes."""
    found = []
    for dataset in DATASETS:
        base = os.path.join(root, dataset)
        for directory, _, names in os.walk(base):
            files = [n for n in names if n.endswith(".parquet") and not n.startswith((".", "_"))]
            if len(files) < 2:
                continue
            partition = os.path.relpath(directory, base)
            key = f"{dataset}/{partition}"
            if only and not any(key.startswith(prefix.strip("/")) for prefix in only):
                continue
            found.append((dataset, partition))
    return sorted(found)


def _read_partition(directory: str) -> tuple[pa.Table, list[str], int]:
    paths = sorted(os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(".parquet"))
    tables = [pq.read_table(path) for path in paths]
    schemas = {table.schema.remove_metadata() for table in tables}
    if len(schemas) > 1:
        raise CompactionError(f"{directory}: files with different schemas; leave it to a migration")
    size = sum(os.path.getsize(path) for path in paths)
    return pa.concat_tables(tables), paths, size


def _swap(partition_dir: str, staged_dir: str, trash_dir: str) -> None:
    """Old directory aside, new one in place; each step idempotent so a crash can be finished."""
    if not os.path.exists(trash_dir) and os.path.exists(staged_dir):
        os.makedirs(os.path.dirname(trash_dir), exist_ok=True)
        os.replace(partition_dir, trash_dir)
    if os.path.exists(staged_dir):
        os.replace(staged_dir, partition_dir)
    storage.delete_tree(trash_dir)


def _journal_path(root: str, compaction_id: str) -> str:
    return os.path.join(root, "_runs", f"{compaction_id}{JOURNAL_SUFFIX}")


def finish_interrupted_compactions(root: str) -> list[str]:
    """Complete swaps a killed compaction journaled; call under the output's lock."""
    runs = os.path.join(root, "_runs")
    finished = []
    if not os.path.isdir(runs):
        return finished
    for name in sorted(os.listdir(runs)):
        if name.endswith(JOURNAL_SUFFIX):
            journal = json.loads(storage.read_bytes(os.path.join(runs, name)))
            for swap in journal["swaps"]:
                _swap(*swap)
            os.remove(os.path.join(runs, name))
            finished.append(journal["compaction_id"])
    return finished


def compact(
    root: str, only: list[str] | None = None, target_bytes: int = DEFAULT_TARGET_BYTES
) -> list[PartitionResult]:
    """Compact every partition with more than one file (or those under `only`); returns what was done."""
    if not storage.is_local(root):
        raise CompactionError("compaction swaps directories and needs a local or POSIX output")
    compaction_id = f"compact-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"
    staging = os.path.join(root, "_staging", compaction_id)
    results, swaps = [], []
    try:
        for dataset, partition in partitions_to_compact(root, only):
            directory = os.path.join(root, dataset, partition)
            table, paths, size = _read_partition(directory)
            before = row_checksum(table)
            table = table.take(pc.sort_indices(table, sort_keys=SORT_KEYS[dataset]))
            rows_per_file = max(1, int(target_bytes / max(1.0, size / max(1, table.num_rows))))
            staged_dir = os.path.join(staging, "new", dataset, partition)
            for number, offset in enumerate(range(0, table.num_rows, rows_per_file)):
                write_parquet(
                    table.slice(offset, rows_per_file),
                    os.path.join(staged_dir, f"part-{compaction_id}-{number}.parquet"),
                )
            after_table = pa.concat_tables(
                [pq.read_table(os.path.join(staged_dir, n)) for n in sorted(os.listdir(staged_dir))]
            )
            after = row_checksum(after_table)
            if after != before:
                raise CompactionError(
                    f"{dataset}/{partition}: rows or checksum differ after rewrite {before} != {after}"
                )
            trash_dir = os.path.join(staging, "old", dataset, partition)
            swaps.append((directory, staged_dir, trash_dir))
            results.append(
                PartitionResult(dataset, partition, len(paths), len(os.listdir(staged_dir)), before[0], before[1])
            )
        if swaps:
            journal = {"compaction_id": compaction_id, "swaps": swaps}
            storage.write_bytes_atomic(_journal_path(root, compaction_id), json.dumps(journal).encode("utf-8"))
            for swap in swaps:
                _swap(*swap)
            record = {
                "kind": "compaction",
                "run_id": compaction_id,
                "finished_at": dt.datetime.now(dt.UTC).isoformat(),
                "partitions": [dataclasses.asdict(result) for result in results],
            }
            storage.write_bytes_atomic(
                os.path.join(root, "_runs", f"{compaction_id}.json"), json.dumps(record, indent=2).encode()
            )
            os.remove(_journal_path(root, compaction_id))
    finally:
        if not os.path.exists(_journal_path(root, compaction_id)):
            storage.delete_tree(staging)
            storage.remove_empty_directory(os.path.join(root, "_staging"))
    return results
