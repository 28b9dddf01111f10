"""CommitRun: publish the staged files, then the feed state, the run manifest, and _SUCCESS.

Runs once, after every file of the run is staged. It writes the commit
journal (journal.py), then moves each file into its partition (an atomic
rename on local disks), removes files it replaces (overwrite mode), stores
the feeds' HTTP validators for the next run's conditional GETs, writes
`_runs/<run_id>.json` with options, counts and files, and finally `_SUCCESS`.
A run that dies before its journal leaves nothing readers can see; one that
dies after it is finished by the next run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import apache_beam as beam

from transforms import storage
from transforms.accounting import summarise
from transforms.faults import crash_point
from transforms.fetch import Validators
from transforms.fetch_feeds import latest_validators
from transforms.journal import CommitPlan, apply_plan, write_plan
from transforms.schema import SCHEMA_VERSION
from transforms.write import StagedFile

SUCCESS_MARKER = "_SUCCESS"
# Datasets whose partitions `--mode overwrite` replaces; rejects and the fetch log are logs, always appended.
REPLACEABLE_DATASETS = ("articles", "sentences")


def build_manifest(run_info: dict, files: list[StagedFile], ledger: list, finished_at: dt.datetime) -> dict:
    started_at = dt.datetime.fromisoformat(run_info["started_at"])
    files = sorted(files, key=lambda f: f.final_path)
    return {
        **run_info,
        "schema_version": SCHEMA_VERSION,
        "finished_at": finished_at.isoformat(),
        "duration_seconds": round((finished_at - started_at).total_seconds(), 3),
        "counts": summarise(ledger),
        "files": [{"dataset": f.dataset, "path": f.final_path, "rows": f.rows} for f in files],
        "rows_by_dataset": {
            dataset: sum(f.rows for f in files if f.dataset == dataset)
            for dataset in sorted({f.dataset for f in files})
        },
    }


def replaced_files(root: str, files: list[StagedFile]) -> list[str]:
    """Overwrite mode: the committed files of every partition this run writes to."""
    partitions = {(f.dataset, f.partition) for f in files if f.dataset in REPLACEABLE_DATASETS}
    old = []
    for dataset, partition in sorted(partitions):
        try:
            old += storage.match(storage.join(root, dataset, partition, "*.parquet"))
        except OSError:
            continue
    return old


class CommitRunFn(beam.DoFn):
    def __init__(self, root: str, run_info: dict, previous_validators: dict[str, Validators]) -> None:
        super().__init__()
        self._root = root
        self._run_info = run_info
        self._previous_validators = previous_validators

    def process(self, files: list[StagedFile], ledger: list, attempts: list):
        run_id = self._run_info["run_id"]
        validators = None
        if attempts:
            # Stored only with the data: the next run must not skip what this one failed to publish.
            latest = latest_validators(self._previous_validators, attempts)
            validators = {url: dataclasses.asdict(v) for url, v in latest.items()}
        plan = CommitPlan(
            run_id=run_id,
            moves=[(f.staged_path, f.final_path) for f in sorted(files, key=lambda f: f.final_path)],
            manifest=build_manifest(self._run_info, files, ledger, dt.datetime.now(dt.UTC)),
            deletions=replaced_files(self._root, files) if self._run_info.get("mode") == "overwrite" else [],
            validators=validators,
        )
        crash_point("before-journal")  # every file staged and spilled, nothing published yet
        write_plan(self._root, plan)
        crash_point("after-journal")
        manifest = apply_plan(self._root, plan)
        crash_point("before-success")
        marker = {"run_id": run_id, "finished_at": manifest["finished_at"]}
        storage.write_bytes_atomic(storage.join(self._root, SUCCESS_MARKER), json.dumps(marker).encode("utf-8"))
        yield manifest


class CommitRun(beam.PTransform):
    """StagedFile records + ledger entries + fetch attempts -> the published run (emits the manifest dict)."""

    def __init__(
        self, root: str, run_info: dict, ledger, attempts=None, previous_validators: dict | None = None
    ) -> None:
        super().__init__()
        self._root = root
        self._run_info = run_info
        self._ledger = ledger
        self._attempts = attempts
        self._previous_validators = previous_validators or {}

    def expand(self, staged_files):
        ledger_sums = self._ledger | "SumLedger" >> beam.CombinePerKey(sum) | "GatherLedger" >> beam.combiners.ToList()
        attempts = self._attempts
        if attempts is None:
            attempts = staged_files.pipeline | "NoFetches" >> beam.Create([])
        return (
            staged_files
            | "GatherStagedFiles" >> beam.combiners.ToList()
            | "PublishFiles"
            >> beam.ParDo(
                CommitRunFn(self._root, self._run_info, self._previous_validators),
                beam.pvalue.AsSingleton(ledger_sums),
                beam.pvalue.AsList(attempts),
            )
        )
