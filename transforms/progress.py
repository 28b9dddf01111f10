"""Live progress of a local run: counting DoFns append to a progress file that the launcher displays.

Workers on the launching machine (the FnApiRunner, in-process or in
processes) append small JSON counts to a file in the machine's temp folder
at most twice a second and at the end of each bundle; ProgressDisplay owns
that file (it reads it one last time after the run, then deletes it), sums
them and prints a live line on a terminal, a log line every few seconds
otherwise, or JSON lines. Counts are a display: a retried bundle may count
twice here, never in the datasets or the manifest. On a cluster the path is
not shared (an output on gs:// or s3:// stands for that case) and no
progress is shown; use the runner's UI.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import threading
import time
from collections import Counter

import apache_beam as beam

FLUSH_SECONDS = 0.5


def progress_path(root: str, run_id: str) -> str | None:
    if "://" in root:
        return None
    return os.path.join(tempfile.gettempdir(), f"newsbeam-progress-{run_id}.jsonl")


class ReportProgressFn(beam.DoFn):
    """Counts what passes (an article also counts its sentences) and appends the counts to the progress file."""

    def __init__(self, path: str | None, counter: str) -> None:
        super().__init__()
        self._path = path
        self._counter = counter

    def start_bundle(self) -> None:
        self._counts: Counter = Counter()
        self._flushed_at = time.monotonic()

    def process(self, element):
        self._counts[self._counter] += 1
        if self._counter == "articles_written":
            self._counts["sentences_written"] += len(element.sentences)
        if time.monotonic() - self._flushed_at > FLUSH_SECONDS:
            self._flush()
        return []

    def finish_bundle(self) -> None:
        self._flush()

    def _flush(self) -> None:
        self._flushed_at = time.monotonic()
        if not self._path or not self._counts:
            return
        os.makedirs(os.path.dirname(self._path), exist_ok=True)
        with open(self._path, "a", encoding="utf-8") as handle:  # one short O_APPEND write: atomic on Linux
            handle.write(json.dumps(dict(self._counts)) + "\n")
        self._counts.clear()


def read_counts(path: str) -> Counter:
    totals: Counter = Counter()
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.endswith("\n"):
                    totals.update(json.loads(line))
    except FileNotFoundError:
        pass
    return totals


def format_progress(counts: Counter, seconds: float) -> str:
    rate = counts["articles_written"] / seconds if seconds > 0 else 0.0
    return (
        f"read {counts['documents']} documents | parsed {counts['articles_parsed']} articles | "
        f"written {counts['articles_written']} articles, {counts['sentences_written']} sentences | "
        f"rejects {counts['rejects']} | {rate:.0f} articles/s"
    )


class ProgressDisplay:
    """A background thread showing the progress file while the pipeline runs (`with ProgressDisplay(...)`)."""

    def __init__(self, path: str | None, log_format: str = "text", stream=None, log_every: float = 5.0) -> None:
        self._path = path
        self._json = log_format == "json"
        self._stream = stream or sys.stderr
        self._live = not self._json and self._stream.isatty()
        self._log_every = log_every
        self._stop = threading.Event()
        self._started = time.monotonic()
        self._last: Counter | None = None
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> ProgressDisplay:
        if self._path:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
            self._show(final=True)
        if self._path:
            with contextlib.suppress(FileNotFoundError):
                os.remove(self._path)

    def _loop(self) -> None:
        printed_at = 0.0
        while not self._stop.wait(0.5):
            # Read twice a second; print live on a terminal, otherwise every few seconds.
            if self._poll() and (self._live or time.monotonic() - printed_at >= self._log_every):
                self._print()
                printed_at = time.monotonic()

    def _poll(self) -> bool:
        counts = read_counts(self._path)
        changed = bool(counts) and counts != self._last
        if changed:
            self._last = counts
        return changed

    def _show(self, final: bool = False) -> None:
        self._poll()
        self._print(final)

    def _print(self, final: bool = False) -> None:
        counts = self._last or Counter()
        seconds = time.monotonic() - self._started
        if self._json:
            line = json.dumps({"event": "progress", "seconds": round(seconds, 1), **counts})
        else:
            line = f"[{seconds:6.1f}s] {format_progress(counts, seconds)}"
        self._stream.write(("\r" + line + ("\n" if final else "")) if self._live else line + "\n")
        self._stream.flush()
