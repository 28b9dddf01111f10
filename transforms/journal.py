"""The commit journal: publishing a run so that a crash at any moment can be finished later.

Before moving anything, the commit writes `_runs/<run_id>.commit.json`: every
staged file and where it goes, files it replaces (overwrite mode), the feed
validators to store and the manifest. Applying the journal is idempotent (a
move whose source is gone is done), so the next run, under the lock, rolls an
interrupted commit forward before it reads what is stored. A run that died
before writing its journal published nothing: its staging folder is deleted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os

from transforms import storage
from transforms.faults import crash_point
from transforms.feed_state import save_validators
from transforms.fetch import Validators

JOURNAL_SUFFIX = ".commit.json"


@dataclasses.dataclass
class CommitPlan:
    run_id: str
    moves: list[tuple[str, str]]  # (staged path, final path)
    manifest: dict
    deletions: list[str] = dataclasses.field(default_factory=list)  # files replaced in overwrite mode
    validators: dict[str, dict] | None = None  # url -> {etag, last_modified}; None: leave the state alone


def journal_path(root: str, run_id: str) -> str:
    return storage.join(root, "_runs", f"{run_id}{JOURNAL_SUFFIX}")


def manifest_path(root: str, run_id: str) -> str:
    return storage.join(root, "_runs", f"{run_id}.json")


def write_plan(root: str, plan: CommitPlan) -> None:
    storage.write_bytes_atomic(journal_path(root, plan.run_id), json.dumps(dataclasses.asdict(plan)).encode("utf-8"))


def apply_plan(root: str, plan: CommitPlan, recovered: bool = False) -> dict:
    """Publish everything the plan lists; safe to run again after a crash. Returns the manifest written."""
    halfway = len(plan.moves) // 2
    for position, (staged, final) in enumerate(plan.moves):
        if position == halfway:
            crash_point("mid-publish")
        if storage.exists(staged):
            storage.rename(staged, final)
    existing = [path for path in plan.deletions if storage.exists(path)]
    if existing:
        storage.delete_files(existing)
    storage.delete_tree(storage.join(root, "_staging", plan.run_id))
    storage.remove_empty_directory(storage.join(root, "_staging"))
    if plan.validators is not None:
        save_validators(root, {url: Validators(**fields) for url, fields in plan.validators.items()})
    manifest = dict(plan.manifest)
    if recovered:
        manifest["recovered_at"] = dt.datetime.now(dt.UTC).isoformat()
    storage.write_bytes_atomic(manifest_path(root, plan.run_id), json.dumps(manifest, indent=2).encode("utf-8"))
    crash_point("before-journal-removal")
    storage.delete_files([journal_path(root, plan.run_id)])
    return manifest


def recover_interrupted_commits(root: str) -> list[str]:
    """Finish every journaled commit, delete staging of runs that never reached theirs; returns run ids finished.

    Call it only while holding the output's lock: no other run is committing.
    """
    finished = []
    try:
        journals = storage.match(storage.join(root, "_runs", f"*{JOURNAL_SUFFIX}"))
    except OSError:
        journals = []
    for path in sorted(journals):
        fields = json.loads(storage.read_bytes(path))
        plan = CommitPlan(**{**fields, "moves": [tuple(move) for move in fields["moves"]]})
        apply_plan(root, plan, recovered=True)
        finished.append(plan.run_id)
    staging = storage.join(root, "_staging")
    if storage.is_local(staging):
        if os.path.isdir(staging):
            for run_id in os.listdir(staging):
                storage.delete_tree(storage.join(staging, run_id))  # died before its journal: nothing published
        storage.remove_empty_directory(staging)
    else:
        # Object stores have no folders to list: every object left under _staging (staged files, and the
        # spill files, a compressed copy of a whole run's input) belongs to a run that died before its journal.
        try:
            leftovers = storage.match(storage.join(staging, "**"))
        except OSError:
            leftovers = []
        storage.delete_files(leftovers)
    return finished
