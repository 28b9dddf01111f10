"""End-to-end latency of `newsbeam stream` (item published on a local server -> row visible in Parquet) and idle CPU.

    .venv/bin/python benchmarks/stream_latency.py [--items 4] [--window 10] [--poll 2] [--idle 20]

Starts a local feed server and a bounded stream (FnApiRunner, streaming mode),
publishes one item every few seconds once the stream polls, and watches the
articles dataset with pyarrow until each item's row appears. Then it measures
the CPU the stream process and its children use over an idle period (no new
items), from /proc, for the default pacing of the tick loop and with pacing
off (`--pace 0ms`), side by side.
"""

from __future__ import annotations

import argparse
import os
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


def run(args, pace: str, measure_latency: bool) -> tuple[list[float], float]:
    routes: dict = {}
    feed = LiveFeed(routes)
    with tempfile.TemporaryDirectory() as temp, serve(routes) as (base, log):
        output = Path(temp) / "out"
        duration = args.startup + args.items * args.spacing + args.idle + 10
        command = [sys.executable, "-m", "pipelines.cli", "stream", f"{base}/live.rss", "--output", str(output)]
        command += ["--poll-interval", f"{args.poll}s", "--window", f"{args.window}s", "--duration", f"{duration}s"]
        process = subprocess.Popen(
            [*command, "--pace", pace], cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        while len(log.requests) < 2:  # started and polling
            time.sleep(0.1)
        published = {}
        latencies = []
        if measure_latency:
            for number in range(args.items):
                feed.add(number)
                published[feed.link(number)] = time.monotonic()
                time.sleep(args.spacing)
        time.sleep(2)
        before, started = cpu_seconds(process.pid), time.monotonic()
        time.sleep(args.idle)
        idle_share = (cpu_seconds(process.pid) - before) / (time.monotonic() - started)
        while (published and process.poll() is None) or published:
            urls = visible_urls(output)
            for url in [u for u in published if u in urls]:
                latencies.append(time.monotonic() - published.pop(url))
            if process.poll() is not None and published:
                break
            time.sleep(0.2)
        process.wait(timeout=duration + 120)
        return latencies, idle_share


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=4)
    parser.add_argument("--spacing", type=float, default=3.0, help="seconds between published items")
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--poll", type=float, default=2.0)
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle CPU measurement")
    parser.add_argument("--startup", type=float, default=60.0, help="seconds allowed for start-up in --duration")
    args = parser.parse_args()
    latencies, paced = run(args, "50ms", measure_latency=True)
    _, unpaced = run(args, "0.001ms", measure_latency=False)
    if latencies:
        print(
            f"latency item->row over {len(latencies)} items (window {args.window:g}s, poll {args.poll:g}s): "
            f"min {min(latencies):.1f}s median {statistics.median(latencies):.1f}s max {max(latencies):.1f}s"
        )
    print(f"idle CPU, tick loop paced 50 ms: {paced:.3f} cores; unpaced: {unpaced:.3f} cores")


if __name__ == "__main__":
    main()
