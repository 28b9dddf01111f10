"""Wall time to fetch 200 feeds from local servers with injected latency, with and without concurrency.

    .venv/bin/python benchmarks/fetch_concurrency.py [--feeds 200] [--latency 0.1] [--hosts 10]

Starts --hosts HTTP servers on 127.0.0.1, 127.0.0.2, ... (the loopback range),
each answering after --latency seconds, and runs ReadInputs (which fetches
URLs) on the FnApiRunner over --feeds URLs spread across them, once
sequentially and then concurrently, side by side in one run.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import apache_beam as beam  # noqa: E402
from apache_beam.options.pipeline_options import PipelineOptions  # noqa: E402

from tests.support.http_server import Route, serve  # noqa: E402
from transforms.fetch_feeds import FetchSettings  # noqa: E402
from transforms.read import ReadInputs  # noqa: E402
from transforms.sources import SourceSpec  # noqa: E402

FEED = (REPO_ROOT / "seeds" / "world-news.rss").read_bytes()


def fetch_all(urls: list[str], settings: FetchSettings) -> float:
    start = time.perf_counter()
    with beam.Pipeline(options=PipelineOptions(["--runner=FnApiRunner"])) as pipeline:
        pipeline | ReadInputs([SourceSpec(location=url) for url in urls], fetch_settings=settings)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--hosts", type=int, default=10)
    args = parser.parse_args()
    per_host = args.feeds // args.hosts
    routes = {f"/feed{i}.rss": Route(body=FEED, delay_seconds=args.latency) for i in range(per_host)}
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(serve(routes, host=f"127.0.0.{h + 1}")) for h in range(args.hosts)]
        urls = [f"{base}/feed{i}.rss" for i in range(per_host) for base, _ in servers]
        print(
            f"{len(urls)} feeds on {args.hosts} hosts, {args.latency * 1000:.0f} ms latency each, {len(FEED):,} bytes"
        )
        runs = [
            ("sequential (concurrency 1)", FetchSettings(concurrency=1, per_host=1)),
            ("concurrency 16, at most 2 per host", FetchSettings(concurrency=16, per_host=2)),
            ("concurrency 32, at most 4 per host", FetchSettings(concurrency=32, per_host=4)),
        ]
        baseline = None
        for label, settings in runs:
            before = sum(len(log.requests) for _, log in servers)
            seconds = fetch_all(urls, settings)
            fetched = sum(len(log.requests) for _, log in servers) - before
            busiest = max(log.max_in_flight for _, log in servers)
            baseline = baseline or seconds
            print(
                f"{label:<38} {seconds:7.2f} s  {fetched} requests  {baseline / seconds:5.1f}x  max {busiest} per host"
            )
            for _, log in servers:
                log.max_in_flight = 0


if __name__ == "__main__":
    main()
