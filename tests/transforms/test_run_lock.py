"""run_lock: one run per output root; which locks are stale and taken over, which are respected at any age."""

import dataclasses
import datetime as dt
import json
import os
import socket
import subprocess
import sys

import pytest

from transforms.run_lock import LockHeldError, LockOwner, is_stale, lock_path, read_owner, run_lock

NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
WEEK_AGO = (NOW - dt.timedelta(days=7)).isoformat()


def dead_pid() -> int:
    """The pid of a process that has just exited (and was reaped), so nothing runs under it now."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def write_lock(root, owner: LockOwner) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "_lock").write_text(json.dumps(dataclasses.asdict(owner)))


def test_a_live_owner_on_this_host_keeps_its_lock_however_old():
    week_old_stream = LockOwner(socket.gethostname(), os.getpid(), "stream-1", WEEK_AGO)
    assert not is_stale(week_old_stream, NOW, stale_after=6 * 3600)


def test_a_dead_owner_on_this_host_is_stale_at_once():
    fresh = LockOwner(socket.gethostname(), dead_pid(), "run-1", NOW.isoformat())
    assert is_stale(fresh, NOW, stale_after=6 * 3600)


def test_an_owner_on_another_host_is_stale_only_after_the_age_limit():
    elsewhere = LockOwner("some-other-host.invalid", 1, "run-2", (NOW - dt.timedelta(hours=1)).isoformat())
    assert not is_stale(elsewhere, NOW, stale_after=6 * 3600)
    assert is_stale(elsewhere, NOW, stale_after=1800)


def test_a_second_run_cannot_take_an_old_lock_from_a_live_local_stream(tmp_path):
    root = tmp_path / "out"
    write_lock(root, LockOwner(socket.gethostname(), os.getpid(), "stream-long", WEEK_AGO))
    with pytest.raises(LockHeldError, match="stream-long"), run_lock(str(root), "run-new", stale_after=60):
        pass
    assert read_owner(str(root)).run_id == "stream-long"


def test_an_old_lock_from_another_host_is_taken_over_and_released(tmp_path):
    root = tmp_path / "out"
    write_lock(root, LockOwner("some-other-host.invalid", 1, "run-crashed", WEEK_AGO))
    with run_lock(str(root), "run-new", stale_after=60) as owner:
        assert read_owner(str(root)) == owner and owner.run_id == "run-new"
    assert not os.path.exists(lock_path(str(root)))


def test_a_lock_file_cut_short_is_taken_over(tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    (root / "_lock").write_text('{"host": "')
    with run_lock(str(root), "run-new") as owner:
        assert owner.run_id == "run-new"
