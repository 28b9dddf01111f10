"""Reading a newsbeam output: each dataset with its declared schema and typed partitions, and the run records.

Shared by `newsbeam report` and `newsbeam feeds status`: pyarrow only, the
columns asked for only, and missing datasets as None rather than errors.
"""

from __future__ import annotations

import json
import os

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from transforms import schema, storage
from transforms.journal import JOURNAL_SUFFIX


def open_dataset(root: str, name: str) -> ds.Dataset | None:
    """The dataset `name` under `root` with its full schema and typed partitions, or None when it holds no file."""
    data_schema, partition_columns = schema.DATASETS[name]
    full_schema = pa.schema(
        [*data_schema, *(pa.field(c, schema.PARTITION_TYPES[c]) for c in partition_columns)],
        metadata=data_schema.metadata,
    )
    path = storage.join(root, name)
    if storage.is_local(path) and not os.path.isdir(path):
        return None
    try:
        dataset = ds.dataset(path, format="parquet", schema=full_schema, partitioning=schema.partitioning(name))
    except (FileNotFoundError, NotADirectoryError):
        return None
    return dataset if dataset.files else None


def decoded(table: pa.Table) -> pa.Table:
    """Dictionary-encoded columns as plain strings (grouping kernels want plain values)."""
    for index, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type):
            table = table.set_column(index, field.name, pc.cast(table[field.name], field.type.value_type))
    return table


def read_columns(dataset: ds.Dataset, columns: list[str], where: pc.Expression | None = None) -> pa.Table:
    return decoded(dataset.to_table(columns=columns, filter=where))


def run_records(root: str) -> list[dict]:
    """Every `_runs/*.json` record (runs and compactions), skipping commit journals and unreadable files."""
    pattern = storage.join(root, "_runs", "*.json")
    try:
        paths = storage.match(pattern)
    except OSError:
        return []
    records = []
    for path in sorted(paths):
        if path.endswith(JOURNAL_SUFFIX):
            continue
        try:
            record = json.loads(storage.read_bytes(path))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


def count_by(table: pa.Table, keys: list[str]) -> list[dict]:
    """Rows of `table` counted per distinct `keys`, as dicts with a `count_all` field."""
    return table.group_by(keys).aggregate([([], "count_all")]).to_pylist()
