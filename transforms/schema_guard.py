"""Refuse to append to an output written with an incompatible schema, before any work is done.

Compatible: the same major version, written by this version or an older one
(changes within a major version only add columns; see schema.SCHEMA_HISTORY).
Anything else fails with the versions and the column differences.
"""

from __future__ import annotations

import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from transforms import storage
from transforms.schema import DATASETS, SCHEMA_VERSION, SCHEMA_VERSION_KEY


class IncompatibleSchemaError(ValueError):
    pass


def _version(text: str) -> tuple[int, int]:
    major, _, minor = text.partition(".")
    return int(major), int(minor or 0)


def _first_file(root: str, dataset: str) -> str | None:
    try:
        files = [p for p in storage.match(storage.join(root, dataset, "**")) if p.endswith(".parquet")]
    except OSError:
        return None
    return min(files) if files else None


def schema_difference(stored, current) -> str:
    stored_fields = {f.name: f.type for f in stored}
    current_fields = {f.name: f.type for f in current}
    parts = []
    if missing := sorted(set(current_fields) - set(stored_fields)):
        parts.append(f"columns new in this version: {', '.join(missing)}")
    if removed := sorted(set(stored_fields) - set(current_fields)):
        parts.append(f"columns this version no longer writes: {', '.join(removed)}")
    changed = [
        f"{name} ({stored_fields[name]} -> {current_fields[name]})"
        for name in sorted(set(stored_fields) & set(current_fields))
        if stored_fields[name] != current_fields[name]
    ]
    if changed:
        parts.append(f"changed types: {', '.join(changed)}")
    return "; ".join(parts) or "no column differences"


def check_output_schema(root: str) -> None:
    """Raise IncompatibleSchemaError when `root` holds data this version must not append to."""
    current = _version(SCHEMA_VERSION)
    for dataset, (schema, _) in DATASETS.items():
        path = _first_file(root, dataset)
        if path is None:
            continue
        with FileSystems.open(path) as handle:
            stored_schema = pq.read_schema(handle)
        raw = (stored_schema.metadata or {}).get(SCHEMA_VERSION_KEY, b"0.0").decode()
        stored = _version(raw)
        if stored[0] != current[0] or stored > current:
            raise IncompatibleSchemaError(
                f"{root}/{dataset} was written with schema {raw}, this newsbeam writes {SCHEMA_VERSION}: "
                f"{schema_difference(stored_schema, schema)}. Write to a new --output, or migrate the data."
            )
