"""End-to-end latency of `newsbeam stream` (item published on a local server -> row visible in Parquet) and idle CPU.

    .venv/bin/python benchmarks/stream_latency.py [--items 8] [--window 10] [--poll 2] [--idle 20] [Beam flags]
    .venv/bin/python benchmarks/stream_latency.py --profile flink --parallelism 1   # the same on Flink

Starts a local feed server and a bounded stream (FnApiRunner, streaming mode),
publishes one item at a time once the stream polls, and reads the articles
dataset with pyarrow every 0.1 s until the item's row appears: the latency is
publication on the server -> row readable in Parquet, so it includes the wait
for the next poll (up to --poll). Then it measures the CPU the stream process
and its children (on Flink: the job server's JVM too) use over an idle period (no new items), from /proc, stops
the stream with SIGTERM, and does the same idle measurement with the tick
loop's pacing off (`--pace 0.001ms`), side by side. Any other flag (--profile NAME,
--runner and its flags) is passed to `newsbeam stream`; the default is the local FnApiRunner.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import pyarrow.dataset as ds  # noqa: E402

from tests.support.http_server import serve  # noqa: E402
from tests.transforms.streaming.live_feed import LiveFeed  # noqa: E402


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its live children, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for candidate in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{candidate}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def children(pid: int) -> list[int]:
    try:
        direct = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return direct + [grand for child in direct for grand in children(child)]


def visible_urls(output: Path) -> set[str]:
    if not list((output / "articles").glob("**/*.parquet")):
        return set()
    return set(ds.dataset(output / "articles", format="parquet").to_table(columns=["url"]).column("url").to_pylist())


def wait_until_visible(output: Path, url: str, process: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if url in visible_urls(output):
            return True
        time.sleep(0.1)
    return False


def run(args, beam_flags: list[str], pace: str, measure_latency: bool) -> tuple[list[float], float]:
    routes: dict = {}
    feed = LiveFeed(routes)
    with tempfile.TemporaryDirectory() as temp, serve(routes) as (base, log):
        output = Path(temp) / "out"
        duration = args.startup + args.items * (args.spacing + args.timeout) + args.idle + 10
        command = [sys.executable, "-m", "pipelines.cli", "stream", f"{base}/live.rss", "--output", str(output)]
        command += ["--poll-interval", f"{args.poll}s", "--window", f"{args.window}s", "--duration", f"{duration}s"]
        process = subprocess.Popen(
            [*command, "--pace", pace, *beam_flags],
            cwd=REPO_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own group: a job server it starts is stopped with it
        )
        try:
            while len(log.requests) < 2:  # started and polling
                if process.poll() is not None:
                    raise SystemExit(f"the stream ended early:\n{process.stderr.read().decode()[-3000:]}")
                time.sleep(0.1)
            latencies = []
            for number in range(args.items if measure_latency else 0):
                feed.add(number)
                published_at = time.monotonic()
                if wait_until_visible(output, feed.link(number), process, args.timeout):
                    latencies.append(time.monotonic() - published_at)
                else:
                    print(f"item {number}: not visible within {args.timeout:g} s", file=sys.stderr)
                time.sleep(args.spacing)
            time.sleep(2)
            before, started = cpu_seconds(process.pid), time.monotonic()
            time.sleep(args.idle)
            idle_share = (cpu_seconds(process.pid) - before) / (time.monotonic() - started)
        finally:
            process.send_signal(signal.SIGTERM)  # the graceful stop: published rows stay
            try:
                process.wait(timeout=120)
            finally:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)  # whatever it left behind (a job server JVM)
        return latencies, idle_share


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=8)
    parser.add_argument("--spacing", type=float, default=1.0, help="seconds after a row appears before the next item")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds an item may take to appear")
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--poll", type=float, default=2.0)
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle CPU measurement")
    parser.add_argument("--startup", type=float, default=180.0, help="seconds allowed for start-up in --duration")
    args, beam_flags = parser.parse_known_args()
    latencies, paced = run(args, beam_flags, "50ms", measure_latency=True)
    _, unpaced = run(args, beam_flags, "0.001ms", measure_latency=False)
    runner = " ".join(beam_flags) or "FnApiRunner"
    print(f"newsbeam stream {runner}")
    if latencies:
        print(
            f"latency item->row over {len(latencies)} items (window {args.window:g}s, poll {args.poll:g}s): "
            f"min {min(latencies):.1f}s median {statistics.median(latencies):.1f}s max {max(latencies):.1f}s"
        )
    print(f"idle CPU, tick loop paced 50 ms: {paced:.3f} cores; unpaced: {unpaced:.3f} cores")


if __name__ == "__main__":
    main()
