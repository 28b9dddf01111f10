"""CommitRun: publish the staged files, then the feed state, the run manifest, and _SUCCESS.

Runs once, after every file of the run is staged: moves each file into its
partition (an atomic rename on local disks), removes the staging folder,
stores the feeds' HTTP validators for the next run's conditional GETs,
writes `_runs/<run_id>.json` with options, counts and files, and finally
`_SUCCESS`. A run that dies before this step leaves nothing readers can see.
"""

from __future__ import annotations

import datetime as dt
import json

import apache_beam as beam

from transforms import storage
from transforms.accounting import summarise
from transforms.feed_state import save_validators
from transforms.fetch import Validators
from transforms.fetch_feeds import latest_validators
from transforms.schema import SCHEMA_VERSION
from transforms.write import StagedFile, staging_root

SUCCESS_MARKER = "_SUCCESS"


def manifest_path(root: str, run_id: str) -> str:
    return storage.join(root, "_runs", f"{run_id}.json")


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


class CommitRunFn(beam.DoFn):
    def __init__(self, root: str, run_info: dict, previous_validators: dict[str, Validators]) -> None:
        super().__init__()
        self._root = root
        self._run_info = run_info
        self._previous_validators = previous_validators

    def process(self, files: list[StagedFile], ledger: list, attempts: list):
        for staged in sorted(files, key=lambda f: f.final_path):
            storage.rename(staged.staged_path, staged.final_path)
        storage.delete_tree(staging_root(self._root, self._run_info["run_id"]))
        storage.remove_empty_directory(storage.join(self._root, "_staging"))
        # Only now that the data is published may the next run skip what this one fetched.
        if attempts:
            save_validators(self._root, latest_validators(self._previous_validators, attempts))
        manifest = build_manifest(self._run_info, files, ledger, dt.datetime.now(dt.UTC))
        encoded = json.dumps(manifest, indent=2, sort_keys=False).encode("utf-8")
        storage.write_bytes_atomic(manifest_path(self._root, self._run_info["run_id"]), encoded)
        marker = {"run_id": self._run_info["run_id"], "finished_at": manifest["finished_at"]}
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
