"""A graceful stop for a stream on the local runner: a stop file, a gate on the ticks, a grace period.

`newsbeam stream` turns SIGTERM/SIGINT into `<root>/_streams/<stream_id>.stop`.
The gate sits right after the tick source: once the file exists it lets no
more ticks through (no new polls), gives the work already in flight
`grace_seconds` to reach the writer and be published, then ends the run by
raising StreamStopRequested, which the launcher expects. The gate also paces
the local runner: the FnApiRunner re-runs PeriodicImpulse's deferred
remainder at once, in a busy loop, and a short sleep per tick-stage bundle
(`pace_seconds`) turns that loop from half a core into almost nothing.

On a real streaming runner, stop with the runner's own drain (Dataflow
`drain`, Flink `stop --drain`); the stop file is never written there.
"""

from __future__ import annotations

import os
import time

import apache_beam as beam

from transforms import storage

CHECK_EVERY_SECONDS = 0.2


class StreamStopRequested(RuntimeError):
    """The stop file asked the stream to end, and the grace period is over."""


def stop_file(root: str, stream_id: str) -> str:
    return storage.join(root, "_streams", f"{stream_id}.stop")


def request_stop(root: str, stream_id: str) -> None:
    """Ask the stream to stop (safe to call from a signal handler: one small atomic write)."""
    storage.write_bytes_atomic(stop_file(root, stream_id), str(time.time()).encode("ascii"))


class GateTicksFn(beam.DoFn):
    """tick -> tick until a stop is requested; then nothing, and StreamStopRequested after the grace period."""

    def __init__(self, stop_path: str, grace_seconds: float, pace_seconds: float) -> None:
        super().__init__()
        self._stop_path = stop_path
        self._grace_seconds = grace_seconds
        self._pace_seconds = pace_seconds

    def setup(self) -> None:
        self._checked_at = 0.0
        self._stop_requested_at: float | None = None

    def _stop_requested(self) -> bool:
        now = time.monotonic()
        if self._stop_requested_at is None and now - self._checked_at >= CHECK_EVERY_SECONDS:
            self._checked_at = now
            if os.path.exists(self._stop_path):
                self._stop_requested_at = now
        return self._stop_requested_at is not None

    def start_bundle(self) -> None:
        if self._pace_seconds:
            time.sleep(self._pace_seconds)
        if self._stop_requested() and time.monotonic() - self._stop_requested_at >= self._grace_seconds:
            raise StreamStopRequested(f"stop requested ({self._stop_path})")

    def process(self, tick):
        if not self._stop_requested():
            yield tick
