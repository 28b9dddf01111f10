"""`newsbeam inspect OUTPUT`: what an output root holds, at a glance, without a query engine.

For each dataset: partitions, files, bytes and rows (from Parquet footers), rows
by topic, date and language, the top places and entities of the sentences, the
rejects by stage and reason; then the latest run manifests, the schema versions
found in the files, `_SUCCESS` and `_lock`. Only pyarrow is used, and only the
few columns each count needs are read, in batches, so big outputs stay cheap.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import sys
from collections import Counter
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs

from transforms.journal import JOURNAL_SUFFIX
from transforms.schema import DATASETS, SCHEMA_VERSION, SCHEMA_VERSION_KEY, partitioning

TOP_N = 10
LATEST_RUNS = 10
# The text report shows the most recent dates only; JSON keeps them all.
TEXT_MAX_DATES = 31
TEXT_MAX_CELL = 48
NO_VERSION = "none"
MISSING = "(missing)"

# Columns read from the data itself, per dataset; everything else comes from footers and paths.
SCANNED_COLUMNS = {
    "sentences": ("lang", "places", "entities"),
    "articles": ("lang",),
    "rejects": ("stage", "reason"),
    "fetch_log": (),
}

HEADINGS = {
    "datasets": "Datasets",
    "topics": "Rows by topic",
    "dates": "Rows by date",
    "langs": "Rows by language",
    "places": "Top places (sentences mentioning)",
    "entities": "Top entities (mentions in sentences)",
    "rejects": "Rejects by stage and reason",
    "runs": "Latest runs",
}


class NoOutputError(Exception):
    """The path does not exist or holds no newsbeam dataset."""


# ---------------------------------------------------------------- filesystem


def _filesystem(root: str) -> tuple[pafs.FileSystem, str]:
    """pyarrow's filesystem and base path for a local path or a URI (gs://, s3://, ...)."""
    if "://" in root:
        return pafs.FileSystem.from_uri(root)
    return pafs.LocalFileSystem(), os.path.abspath(root).replace(os.sep, "/")


def _exists(filesystem: pafs.FileSystem, path: str) -> bool:
    return filesystem.get_file_info(path).type != pafs.FileType.NotFound


def _read_json(filesystem: pafs.FileSystem, path: str) -> dict | None:
    """A small JSON file, or None when it is missing, empty or cut short by a crash."""
    try:
        with filesystem.open_input_stream(path) as stream:
            value = json.loads(stream.read())
    except (FileNotFoundError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _is_visible(relative_path: str) -> bool:
    # The same rule pyarrow.dataset applies to directories: '.tmp' files and '_staging' are not data.
    return relative_path.endswith(".parquet") and not any(
        part.startswith((".", "_")) for part in relative_path.split("/")
    )


def _data_files(filesystem: pafs.FileSystem, directory: str) -> dict[str, int]:
    """Parquet file path -> size in bytes, from one recursive listing."""
    infos = filesystem.get_file_info(pafs.FileSelector(directory, recursive=True))
    return {
        info.path: info.size for info in infos if info.is_file and _is_visible(posixpath.relpath(info.path, directory))
    }


# ---------------------------------------------------------------- datasets


def _ranked(values: Counter, limit: int | None = None) -> list[tuple]:
    """Largest first, ties by key: equal inputs give equal output."""
    return sorted(values.items(), key=lambda item: (-item[1], item[0]))[:limit]


def _counts(values: Counter) -> dict[str, int]:
    return dict(_ranked(values))


def _plain(array: pa.Array) -> pa.Array:
    # Dictionary chunks of different batches carry different dictionaries; group on the values.
    return array.dictionary_decode() if pa.types.is_dictionary(array.type) else array


def _count_groups(counter: Counter, columns: dict[str, pa.Array]) -> None:
    """Add the rows per distinct combination of `columns`; a single column counts by its value, nulls as MISSING."""
    names = list(columns)
    table = pa.table({name: _plain(array) for name, array in columns.items()})
    for entry in table.group_by(names).aggregate([([], "count_all")]).to_pylist():
        key = tuple(MISSING if entry[name] is None else entry[name] for name in names)
        counter[key[0] if len(key) == 1 else key] += entry["count_all"]


def _count_places(counter: Counter, places: pa.Array) -> None:
    """Sentences mentioning each code: a code listed twice in one sentence counts once."""
    pairs = pa.table({"row": pc.list_parent_indices(places), "code": pc.list_flatten(places)})
    for entry in pairs.group_by("code").aggregate([("row", "count_distinct")]).to_pylist():
        if entry["code"] is not None:
            counter[entry["code"]] += entry["row_count_distinct"]


def _count_entities(counter: Counter, entities: pa.Array) -> None:
    flat = pc.list_flatten(entities)
    _count_groups(counter, {"text": pc.struct_field(flat, "text"), "type": pc.struct_field(flat, "type")})


def _scan_schema(name: str, present: set[str]) -> pa.Schema:
    """The current types of the scanned columns the files hold; nullable, so older files lacking one read as null."""
    current = DATASETS[name][0]
    return pa.schema([current.field(c).with_nullable(True) for c in SCANNED_COLUMNS[name] if c in present])


def _scan(name: str, dataset: ds.Dataset, present: set[str]) -> dict:
    """Counts that need the data: languages, places, entities, reject reasons."""
    schema = _scan_schema(name, present)
    if not schema.names:
        return {}
    langs, places, entities, rejects = Counter(), Counter(), Counter(), Counter()
    for batch in dataset.replace_schema(schema).to_batches(columns=schema.names):
        if "lang" in schema.names:
            _count_groups(langs, {"lang": batch.column("lang")})
        if "places" in schema.names:
            _count_places(places, batch.column("places"))
        if "entities" in schema.names:
            _count_entities(entities, batch.column("entities"))
        if {"stage", "reason"} <= set(schema.names):
            _count_groups(rejects, {"stage": batch.column("stage"), "reason": batch.column("reason")})
    result: dict = {}
    if "lang" in schema.names:
        result["rows_by_lang"] = _counts(langs)
    if "places" in schema.names:
        # Country codes are a bounded set (ISO 3166-1), so all of them fit in the report; the text shows the top.
        result["sentences_by_place"] = _counts(places)
        result["top_places"] = [{"code": c, "sentences": n} for c, n in _ranked(places, TOP_N)]
    if "entities" in schema.names:
        result["top_entities"] = [{"text": t, "type": y, "mentions": n} for (t, y), n in _ranked(entities, TOP_N)]
    if {"stage", "reason"} <= set(schema.names):
        result["rejects_by_stage_reason"] = [{"stage": s, "reason": r, "rows": n} for (s, r), n in _ranked(rejects)]
    return result


def _partition_value(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _read_footers(dataset: ds.FileSystemDataset, partition_columns: tuple[str, ...]) -> dict:
    """Rows, versions, columns and rows per partition value, from the footers: no data page is read."""
    stats = {
        "rows": 0,
        "versions": Counter(),
        "columns": set(),
        "partitions": set(),
        "by_partition": {column: Counter() for column in partition_columns},
    }
    for fragment in dataset.get_fragments():
        metadata = fragment.metadata
        stats["rows"] += metadata.num_rows
        version = (metadata.metadata or {}).get(SCHEMA_VERSION_KEY)
        stats["versions"][version.decode() if version else NO_VERSION] += 1
        stats["columns"].update(metadata.schema.to_arrow_schema().names)
        stats["partitions"].add(posixpath.dirname(fragment.path))
        keys = ds.get_partition_keys(fragment.partition_expression)
        for column in partition_columns:
            stats["by_partition"][column][_partition_value(keys.get(column))] += metadata.num_rows
    return stats


def _inspect_dataset(name: str, filesystem: pafs.FileSystem, directory: str) -> dict:
    sizes = _data_files(filesystem, directory)
    dataset = ds.dataset(
        sorted(sizes),
        filesystem=filesystem,
        format="parquet",
        partitioning=partitioning(name),
        partition_base_dir=directory,
    )
    footers = _read_footers(dataset, DATASETS[name][1])
    report = {
        "partitions": len(footers["partitions"]),
        "files": len(sizes),
        "bytes": sum(sizes.values()),
        "rows": footers["rows"],
        "schema_versions": dict(sorted(footers["versions"].items())),
    }
    by_partition = footers["by_partition"]
    if "topic" in by_partition:
        report["rows_by_topic"] = _counts(by_partition["topic"])
    if "date" in by_partition:
        report["rows_by_date"] = dict(sorted(by_partition["date"].items()))
    return {**report, **_scan(name, dataset, footers["columns"])}


# ---------------------------------------------------------------- runs, markers


def _run_sort_key(file_name: str) -> str:
    # Run ids start with their UTC start time; compactions prefix theirs with 'compact-'.
    return file_name.removeprefix("compact-")


def _run_summary(file_name: str, manifest: dict | None) -> dict:
    run_id = file_name.removesuffix(".json")
    if manifest is None:
        return {"run_id": run_id, "kind": "unreadable"}
    totals = manifest.get("counts", {}).get("totals")
    return {
        "run_id": manifest.get("run_id", run_id),
        "kind": manifest.get("kind", "run"),
        "started_at": manifest.get("started_at"),
        "finished_at": manifest.get("finished_at"),
        "duration_seconds": manifest.get("duration_seconds"),
        "totals": {key: totals.get(key) for key in ("inputs", "written", "rejected", "duplicates", "balanced")}
        if totals
        else None,
        "partitions": len(manifest["partitions"]) if "partitions" in manifest else None,
    }


def _read_runs(filesystem: pafs.FileSystem, base: str) -> dict:
    directory = posixpath.join(base, "_runs")
    if not _exists(filesystem, directory):
        return {"manifests": 0, "latest": []}
    names = [
        posixpath.basename(info.path)
        for info in filesystem.get_file_info(pafs.FileSelector(directory))
        if info.is_file and info.path.endswith(".json") and not info.path.endswith(JOURNAL_SUFFIX)
    ]
    # Sorting by name first means only the latest few manifests are opened, however many runs there were.
    latest = sorted(names, key=_run_sort_key, reverse=True)[:LATEST_RUNS]
    summaries = [_run_summary(name, _read_json(filesystem, posixpath.join(directory, name))) for name in latest]
    return {"manifests": len(names), "latest": summaries}


def _marker(filesystem: pafs.FileSystem, base: str, name: str) -> dict:
    path = posixpath.join(base, name)
    if not _exists(filesystem, path):
        return {"present": False}
    # _SUCCESS holds the run id and finish time, _lock its owner; either may be empty or cut short.
    return {**(_read_json(filesystem, path) or {}), "present": True}


def _schema_summary(datasets: dict) -> dict:
    found = Counter()
    for report in datasets.values():
        found.update(report["schema_versions"])
    return {
        "current": SCHEMA_VERSION,
        "found": dict(sorted(found.items())),
        "up_to_date": set(found) <= {SCHEMA_VERSION},
    }


def inspect_output(root: str) -> dict:
    """Everything the report shows, as plain JSON types; NoOutputError when `root` holds no dataset."""
    filesystem, base = _filesystem(root)
    if filesystem.get_file_info(base).type != pafs.FileType.Directory:
        raise NoOutputError(root)
    datasets = {
        name: _inspect_dataset(name, filesystem, posixpath.join(base, name))
        for name in DATASETS
        if filesystem.get_file_info(posixpath.join(base, name)).type == pafs.FileType.Directory
    }
    if not datasets:
        raise NoOutputError(root)
    return {
        "root": root,
        "datasets": datasets,
        "schema": _schema_summary(datasets),
        "success": _marker(filesystem, base, "_SUCCESS"),
        "lock": _marker(filesystem, base, "_lock"),
        "runs": _read_runs(filesystem, base),
    }


# ---------------------------------------------------------------- text


def _size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:.1f}"
    # Entity texts come from the news: keep one long or multi-line value from breaking the table.
    text = " ".join(str(value).split())
    return text if len(text) <= TEXT_MAX_CELL else text[: TEXT_MAX_CELL - 1] + "…"


def _is_number(value) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def _table(header: list[str], rows: Iterable[list], right: Iterable[int] = ()) -> list[str]:
    """Aligned columns; numbers (and the columns in `right`) right-aligned so digits line up."""
    rows = list(rows)
    if not rows:
        return ["  (none)"]
    right = set(right) | {i for i in range(len(header)) if all(_is_number(row[i]) for row in rows)}
    cells = [header, *([_cell(value) for value in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: list[str]) -> str:
        padded = (c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        return ("  " + "  ".join(padded)).rstrip()

    return [line(cells[0]), "  " + "  ".join("-" * w for w in widths), *(line(row) for row in cells[1:])]


def _side_by_side(datasets: dict, key: str, label: str) -> list[str]:
    """One table with a count column per dataset that has `key` (articles and sentences by topic, ...)."""
    names = [name for name, report in datasets.items() if key in report]
    totals = Counter()
    for name in names:
        totals.update(datasets[name][key])
    # Dates read best in time order; topics and languages largest first.
    order = sorted(totals) if key == "rows_by_date" else [k for k, _ in _ranked(totals)]
    return _table([label, *names], ([k, *(datasets[n][key].get(k, 0) for n in names)] for k in order))


def _dates(datasets: dict) -> list[str]:
    table = _side_by_side(datasets, "rows_by_date", "date")
    hidden = len(table) - 2 - TEXT_MAX_DATES
    if hidden <= 0:
        return table
    return [*table[:2], f"  ... {hidden} earlier date(s): see --format json", *table[-TEXT_MAX_DATES:]]


def _overview(report: dict) -> list[str]:
    success, lock, schema = report["success"], report["lock"], report["schema"]
    found = ", ".join(f"{version} ({files} files)" for version, files in schema["found"].items()) or "no files"
    verdict = f"current {schema['current']}" + ("" if schema["up_to_date"] else ": OTHER VERSIONS PRESENT")
    done = f"run {success.get('run_id', '?')}, finished {success.get('finished_at', '?')}"
    held = f"HELD by {lock.get('run_id', '?')} (host {lock.get('host', '?')}, pid {lock.get('pid', '?')})"
    return [
        f"newsbeam output {report['root']}",
        f"  _SUCCESS  {done if success['present'] else 'absent'}",
        f"  _lock     {held if lock['present'] else 'free'}",
        f"  schema    {found}; {verdict}",
    ]


def _datasets(datasets: dict) -> list[str]:
    rows = [[name, d["partitions"], d["files"], _size(d["bytes"]), d["rows"]] for name, d in datasets.items()]
    return _table(["dataset", "partitions", "files", "size", "rows"], rows, right=[3])


def _when(run: dict) -> str | None:
    # Compaction records have no start time; their finish time is the best "when" they have.
    value = run.get("started_at") or run.get("finished_at")
    return value[:19].replace("T", " ") if value else None


def _runs(runs: dict) -> list[str]:
    header = ["run_id", "kind", "started", "seconds", "inputs", "written", "rejected", "dups", "balanced"]
    rows = [
        [run["run_id"], run["kind"], _when(run), run.get("duration_seconds")]
        + [(run.get("totals") or {}).get(key) for key in ("inputs", "written", "rejected", "duplicates", "balanced")]
        for run in runs["latest"]
    ]
    note = f"  {len(runs['latest'])} of {runs['manifests']} manifest(s), newest first"
    return [note, *_table(header, rows)]


def format_inspection(report: dict) -> str:
    """The report as aligned plain-text sections, one per heading in HEADINGS."""
    datasets = report["datasets"]
    sentences = datasets.get("sentences", {})
    places = [[p["code"], p["sentences"]] for p in sentences.get("top_places", [])]
    entities = [[e["text"], e["type"], e["mentions"]] for e in sentences.get("top_entities", [])]
    rejects = [
        [r["stage"], r["reason"], r["rows"]] for r in datasets.get("rejects", {}).get("rejects_by_stage_reason", [])
    ]
    sections = {
        "datasets": _datasets(datasets),
        "topics": _side_by_side(datasets, "rows_by_topic", "topic"),
        "dates": _dates(datasets),
        "langs": _side_by_side(datasets, "rows_by_lang", "lang"),
        "places": _table(["code", "sentences"], places),
        "entities": _table(["text", "type", "mentions"], entities),
        "rejects": _table(["stage", "reason", "rows"], rejects),
        "runs": _runs(report["runs"]),
    }
    lines = _overview(report)
    for key, body in sections.items():
        lines += ["", HEADINGS[key], *body]
    return "\n".join(lines)


# ---------------------------------------------------------------- command


def inspect_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="newsbeam inspect", description="Summarise a newsbeam output root.")
    parser.add_argument("output", nargs="?", default="output", help="output root (local path or URI)")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)
    try:
        report = inspect_output(args.output)
    except NoOutputError:
        print(f"newsbeam: no newsbeam output at {args.output}", file=sys.stderr)
        return 2
    print(json.dumps(report, default=str, indent=2) if args.format == "json" else format_inspection(report))
    return 0
