"""A bounded `newsbeam stream` on Flink writes each feed item and each dropped file exactly once.

    .venv/bin/pytest -m cluster -p no:randomly -s tests/pipelines/test_stream_flink.py

The stream runs through Beam's Flink job server with an embedded mini-cluster (`--profile flink`:
--flink_master=[local], LOOPBACK workers, parallelism 2) in streaming mode. PeriodicImpulse is an
unbounded splittable DoFn there, kept alive by SDF self-checkpoints (Beam's portable Flink runner
stores the deferred residual in keyed state and a timer). A local HTTP feed gains items and a watched
folder receives files while the stream runs; every item and file must end as one row in its topic/date
partition, the manifest must balance, and DuckDB must never see a duplicate or a half-written file.
The latency from an item published on the feed server to its row readable with DuckDB is printed
(run with -s to see it). Skips, saying why, when Java, Maven or the job server jar cannot be had.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.pipelines.test_cluster import flink_job_server_jar, python_first_env, stop  # noqa: F401 (a fixture)
from tests.pipelines.test_stream import feed_url, line_url, read_articles
from tests.support.http_server import serve
from tests.transforms.streaming.live_feed import LiveFeed, drop_jsonl, drop_text

pytestmark = pytest.mark.cluster

REPO_ROOT = Path(__file__).resolve().parents[2]
STREAM_SECONDS = 150  # the job server and the mini-cluster take 20-60 s to start on a busy 2-core machine
STARTUP_TIMEOUT = STREAM_SECONDS - 40
VISIBLE_TIMEOUT = 30


def start_flink_stream(output: Path, log: Path, jar: str, *flags: str) -> subprocess.Popen:
    """`newsbeam stream --profile flink` in its own session, so stop() ends the job server JVM with it."""
    command = [sys.executable, "-m", "pipelines.cli", "stream", "--output", str(output), "--profile", "flink"]
    command += [f"--flink_job_server_jar={jar}", *flags]
    with log.open("wb") as sink:
        return subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=python_first_env(),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


class Watcher:
    """Reads the articles with DuckDB while the stream runs: no duplicate ever, and when each url appeared."""

    def __init__(self, output: Path, process: subprocess.Popen, log: Path) -> None:
        self.output, self.process, self.log = output, process, log
        self.snapshots = 0
        self.seen_while_running: list[set[str]] = []

    def wait_for(self, urls: set[str], timeout: float) -> float:
        """Seconds until every url in `urls` is a visible row."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            rows = read_articles(self.output)
            running = self.process.poll() is None
            self.snapshots += 1
            ids = [row[0] for row in rows]
            assert len(ids) == len(set(ids)), "an article became visible twice"
            if urls <= {row[1] for row in rows}:
                self.seen_while_running.append(urls if running else set())
                return time.monotonic() - started
            if not running:
                break
            time.sleep(0.2)
        pytest.fail(f"not visible in time: {sorted(urls)}\n{self.log.read_text(errors='replace')[-4000:]}")


def wait_for_polls(log, count: int, process: subprocess.Popen, timeout: float) -> None:
    target = len(log.requests) + count
    deadline = time.monotonic() + timeout
    while len(log.requests) < target:
        assert process.poll() is None, "the stream ended before polling"
        assert time.monotonic() < deadline, "the stream did not poll in time"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def flink_stream(tmp_path_factory, flink_job_server_jar):  # noqa: F811 (the imported fixture)
    root = tmp_path_factory.mktemp("stream-flink")
    output, watched, log_path = root / "out", root / "drop", root / "stream.log"
    watched.mkdir()
    routes: dict = {}
    feed = LiveFeed(routes)
    two_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    feed.add(101, published=two_days_ago)  # filed under its own publication date
    feed.add(102)
    drop_text(watched, 201)
    latencies = []
    with serve(routes) as (base, log):
        flags = [f"{base}/live.rss", "--watch", str(watched), "--poll-interval", "1s", "--window", "3s"]
        process = start_flink_stream(output, log_path, flink_job_server_jar, *flags, "--duration", f"{STREAM_SECONDS}s")
        try:
            watcher = Watcher(output, process, log_path)
            wait_for_polls(log, 2, process, STARTUP_TIMEOUT)
            watcher.wait_for({feed_url(101), feed_url(102)}, VISIBLE_TIMEOUT)
            feed.add(103)
            drop_jsonl(watched, [301, 302])
            drop_text(watched, 202)
            latencies.append(watcher.wait_for({feed_url(103)}, VISIBLE_TIMEOUT))
            watcher.wait_for({line_url(301), line_url(302)}, VISIBLE_TIMEOUT)
            for number in (104, 105):
                feed.add(number)
                latencies.append(watcher.wait_for({feed_url(number)}, VISIBLE_TIMEOUT))
            wait_for_polls(log, 3, process, 60)  # polls that see only old items: duplicates, not rows
            process.wait(timeout=STREAM_SECONDS + 240)
        finally:
            stop(process)  # a failed or timed-out test must not leave the job server running
        requests = list(log.requests)
    print(
        f"\nFlink stream (poll 1 s, window 3 s): item published -> row visible in "
        f"{', '.join(f'{s:.1f}' for s in latencies)} s (median {statistics.median(latencies):.1f} s)"
    )
    manifests = [json.loads(path.read_text()) for path in (output / "_runs").glob("*.json")]
    return {
        "output": output,
        "returncode": process.returncode,
        "log": log_path.read_text(errors="replace"),
        "watcher": watcher,
        "requests": requests,
        "manifest": manifests[0] if manifests else None,
        "two_days_ago": two_days_ago,
    }


def test_bounded_flink_stream_ends_by_itself_with_balanced_counts(flink_stream):
    assert flink_stream["returncode"] == 0, flink_stream["log"][-4000:]
    manifest = flink_stream["manifest"]
    totals = manifest["counts"]["totals"]
    assert manifest["stream"]["stopped_by"] == "bounded"
    assert manifest["options"]["runner"] == "FlinkRunner"
    assert totals["balanced"] and totals["inputs"] == totals["written"] + totals["rejected"] + totals["duplicates"]
    assert totals["written"] == 9 and totals["rejected"] == 0
    assert manifest["counts"]["duplicates_by_reason"].get("already_seen", 0) >= 2


def test_every_item_and_file_is_written_exactly_once_in_its_partition(flink_stream):
    output = flink_stream["output"]
    rows = read_articles(output)
    feed_urls = {feed_url(n) for n in (101, 102, 103, 104, 105)}
    assert len(rows) == len({row[0] for row in rows}) == 9
    assert sorted(row[1] for row in rows if row[1]) == sorted(feed_urls | {line_url(301), line_url(302)})
    by_url = {row[1]: row for row in rows}
    assert by_url[feed_url(101)][2:] == (flink_stream["two_days_ago"].date().isoformat(), "published")
    today = {row[2] for row in rows if row[1] != feed_url(101)}
    assert len(today) <= 2  # the others by today's date (two only if the run crossed midnight)
    notes = duckdb.sql(
        f"select text from read_parquet('{output}/articles/**/*.parquet', hive_partitioning=true) where url = ''"
    ).fetchall()
    assert sorted(text.split(".")[0] for (text,) in notes) == [
        "Report number 201 from the newsroom",
        "Report number 202 from the newsroom",
    ]
    utc = duckdb.connect()
    utc.execute("set TimeZone = 'UTC'")
    in_own_partition = utc.sql(
        f"select count(*) from read_parquet('{output}/articles/**/*.parquet', hive_partitioning = true)"
        " where date = cast(coalesce(published_at, ingested_at) as date)"
        " and (topic = 'general' or list_contains(list_transform(topic_scores, lambda s: s.topic), topic))"
    ).fetchall()[0][0]
    assert in_own_partition == 9, "every article sits in its topic=/date= partition"
    sentences = duckdb.sql(
        "select count(*), count(distinct (article_id, sentence_index))"
        f" from read_parquet('{output}/sentences/**/*.parquet')"
    ).fetchall()[0]
    assert sentences[0] == sentences[1] > 9


def test_rows_become_visible_while_the_flink_stream_runs_and_never_twice(flink_stream):
    watcher = flink_stream["watcher"]
    assert watcher.snapshots > 5
    assert watcher.seen_while_running == [
        {feed_url(101), feed_url(102)},
        {feed_url(103)},
        {line_url(301), line_url(302)},
        {feed_url(104)},
        {feed_url(105)},
    ]


def test_every_poll_is_in_the_fetch_log_once(flink_stream):
    output = flink_stream["output"]
    polls = [r for r in flink_stream["requests"] if r.path == "/live.rss"]
    assert any("if-none-match" in r.headers for r in polls), "feed validators must survive between polls"
    statuses = duckdb.sql(
        f"select status, not_modified from read_parquet('{output}/fetch_log/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert (304, True) in statuses and (200, False) in statuses
    assert len(statuses) == len(polls)


def test_nothing_half_written_or_left_behind(flink_stream):
    output = flink_stream["output"]
    leftovers = [
        path for path in output.rglob("*") if path.name.startswith(".") or path.suffix in (".stop", ".tmp")
    ]
    assert leftovers == []
    assert not (output / "_staging").exists() and not (output / "_lock").exists()
    names = [path.name for path in output.glob("*/**/*.parquet")]
    assert names and all("-w" in name and "-p" in name for name in names)
    assert os.listdir(output / "_streams")  # the pane summaries the manifest was summed from
