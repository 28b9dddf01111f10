"""One run at a time per output root: a lock file with its owner and age.

`<root>/_lock` is created atomically (O_CREAT|O_EXCL) and holds the owner's
host, pid, run id and start time. A second run fails fast with a message
naming the owner, or waits up to a timeout. A lock is stale, and taken over,
when its owner is a process on this host that no longer exists, or, for an
owner on another host (whose process cannot be checked), when it is older than
`stale_after` seconds. On the same host the alive check decides alone, so a
stream that runs for days keeps its lock however old it is.

On object stores (gs://, s3://) the lock is a best-effort lock object: Beam's
filesystems offer no exclusive create, so a run checks that no `_lock` object
exists, writes its own and reads it back. That stops a run started while
another is under way (the usual overlap: a slow run and the next scheduled
one), but two runs started within the same second can both get through. Let
the scheduler run one job at a time as well (Airflow `max_active_runs=1`,
Kubernetes CronJob `concurrencyPolicy: Forbid`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import socket
import time

from transforms import storage

LOCK_NAME = "_lock"
DEFAULT_STALE_AFTER = 6 * 3600.0


class LockHeldError(RuntimeError):
    """Another live run holds the output."""


@dataclasses.dataclass(frozen=True)
class LockOwner:
    host: str
    pid: int
    run_id: str
    started_at: str

    def age_seconds(self, now: dt.datetime) -> float:
        return (now - dt.datetime.fromisoformat(self.started_at)).total_seconds()

    def is_local(self) -> bool:
        return self.host == socket.gethostname()

    def is_alive(self) -> bool:
        """Whether the owner still runs; unknowable for another host, so assumed alive there."""
        if not self.is_local():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def is_stale(holder: LockOwner, now: dt.datetime, stale_after: float) -> bool:
    """A lock nobody runs under any more: a dead process on this host, or a remote owner older than `stale_after`."""
    if holder.is_local():
        return not holder.is_alive()  # a live local owner keeps its lock at any age (a long-running stream)
    return holder.age_seconds(now) > stale_after


def lock_path(root: str) -> str:
    return storage.join(root, LOCK_NAME)


def read_owner(root: str) -> LockOwner | None:
    path = lock_path(root)
    if not storage.is_local(root) and not storage.exists(path):
        return None
    try:
        return LockOwner(**json.loads(storage.read_bytes(path)))
    except FileNotFoundError:
        return None
    except (ValueError, TypeError):
        # A lock file cut short by a crash while it was being written: nobody owns it.
        return LockOwner(host="?", pid=-1, run_id="unreadable", started_at="1970-01-01T00:00:00+00:00")


def _try_create(root: str, owner: LockOwner) -> bool:
    content = json.dumps(dataclasses.asdict(owner)).encode("utf-8")
    if not storage.is_local(root):
        # Best effort (module docstring): of two runs that both found no lock, the last writer keeps it
        # and the other, reading back someone else's owner, backs off.
        if storage.exists(lock_path(root)):
            return False
        storage.write_bytes(lock_path(root), content)
        return read_owner(root) == owner
    os.makedirs(root, exist_ok=True)
    try:
        descriptor = os.open(lock_path(root), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    return True


def _remove(root: str) -> None:
    if storage.is_local(root):
        with contextlib.suppress(FileNotFoundError):
            os.remove(lock_path(root))
    else:
        storage.delete_files([lock_path(root)])  # deleting a missing object is not an error on object stores


@contextlib.contextmanager
def run_lock(root: str, run_id: str, wait_seconds: float = 0.0, stale_after: float = DEFAULT_STALE_AFTER):
    """Hold the output's lock for the duration of the block; raise LockHeldError if it cannot be had."""
    now = dt.datetime.now(dt.UTC)
    owner = LockOwner(socket.gethostname(), os.getpid(), run_id, now.isoformat())
    deadline = time.monotonic() + wait_seconds
    while not _try_create(root, owner):
        holder = read_owner(root)
        if holder is not None and is_stale(holder, dt.datetime.now(dt.UTC), stale_after):
            # Stale: its run is gone. Remove it, unless another waiter replaced it meanwhile, and retry.
            if read_owner(root) == holder:
                _remove(root)
            continue
        if time.monotonic() >= deadline:
            age = holder.age_seconds(dt.datetime.now(dt.UTC)) if holder else 0.0
            who = (
                f"run {holder.run_id} (pid {holder.pid} on {holder.host}, for {age:.0f} s)" if holder else "another run"
            )
            raise LockHeldError(
                f"{root} is locked by {who}; wait for it, or use --wait-for-lock SECONDS. "
                f"If that run is dead, delete {lock_path(root)}."
            )
        time.sleep(min(1.0, max(0.05, deadline - time.monotonic())))
    try:
        yield owner
    finally:
        if read_owner(root) == owner:
            _remove(root)
