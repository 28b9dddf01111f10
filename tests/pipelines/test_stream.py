"""End to end: `newsbeam stream` polls a live local feed and watches a folder, while DuckDB reads the output.

The feed gains items and the folder receives files (txt, jsonl) while the
stream runs; each poll's rows must become visible to DuckDB while the stream
still runs, and every item and file must be written exactly once, in its
topic/date partition, readable at any moment. A second stream is stopped
with SIGTERM and must keep what it published: whole, counted files.
"""

import datetime as dt
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.support.http_server import serve
from tests.transforms.streaming.live_feed import LiveFeed, drop_jsonl, drop_text

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 240  # seconds: loading the taggers on a busy 2-core machine is slow


def start_stream(output: Path, *flags: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "stream", "--output", str(output), *flags],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_articles(output: Path) -> list[tuple]:
    """(article_id, url, date, date_source) of every article row now visible; [] before the first file."""
    if not list((output / "articles").glob("**/*.parquet")):
        return []
    return (
        duckdb.connect()
        .sql(
            "select article_id, url, cast(date as varchar), date_source from read_parquet("
            f"'{output}/articles/**/*.parquet', hive_partitioning = true)"
        )
        .fetchall()
    )


class Reader:
    """Reads the dataset with DuckDB again and again while the stream runs; remembers what it saw, and when."""

    def __init__(self, output: Path, process: subprocess.Popen) -> None:
        self.output = output
        self.process = process
        self.snapshots: list[list[tuple]] = []
        self.seen_while_running: list[set[str]] = []  # per wait_for: the urls read while the stream still ran

    def wait_for(self, urls: set[str], timeout: float) -> list[tuple]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows = read_articles(self.output)
            running = self.process.poll() is None  # checked after the read: the rows were there while it ran
            self.snapshots.append(rows)
            ids = [row[0] for row in rows]
            assert len(ids) == len(set(ids)), "an article became visible twice"
            if urls <= {row[1] for row in rows}:
                self.seen_while_running.append(urls if running else set())
                return rows
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        _, stderr = self.process.communicate(timeout=60) if self.process.poll() is not None else ("", "")
        pytest.fail(f"not visible in time: {sorted(urls - {row[1] for row in rows})}\n{stderr[-3000:]}")


def feed_url(number: int) -> str:
    return f"https://live.example/news/{number}"


def line_url(number: int) -> str:
    return f"https://lines.example/{number}"


def wait_for_polls(log, count: int, process: subprocess.Popen, timeout: float) -> None:
    """Until the feed has been fetched `count` more times: the stream polled after our change."""
    target = len(log.requests) + count
    deadline = time.monotonic() + timeout
    while len(log.requests) < target:
        assert process.poll() is None, process.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "the stream stopped polling"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def bounded_stream(tmp_path_factory):
    root = tmp_path_factory.mktemp("stream")
    output, watched = root / "out", root / "drop"
    watched.mkdir()
    routes: dict = {}
    feed = LiveFeed(routes)
    two_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    feed.add(101, published=two_days_ago)  # a late article: filed under its own publication date
    feed.add(102)
    drop_text(watched, 201)
    with serve(routes) as (base, log):
        sources = root / "sources.yaml"
        sources.write_text(f"sources:\n  - name: live\n    url: {base}/live.rss\n    lang: en\n")
        flags = ["--sources", str(sources), "--watch", str(watched), "--poll-interval", "1s", "--window", "3s"]
        process = start_stream(output, *flags, "--duration", "75s")
        reader = Reader(output, process)
        wait_for_polls(log, 2, process, STARTUP_TIMEOUT)
        reader.wait_for({feed_url(101), feed_url(102)}, 30)  # the first items, while the stream runs
        feed.add(103)
        drop_jsonl(watched, [301, 302])
        drop_text(watched, 202)
        reader.wait_for({feed_url(103), line_url(301), line_url(302)}, 30)
        feed.add(104)
        reader.wait_for({feed_url(104)}, 30)
        wait_for_polls(log, 3, process, 60)  # a few more polls that see only old items
        stdout, stderr = process.communicate(timeout=240)
    manifests = [json.loads(path.read_text()) for path in (output / "_runs").glob("*.json")]
    return {
        "output": output,
        "returncode": process.returncode,
        "stdout": stdout,
        "stderr": stderr,
        "snapshots": reader.snapshots,
        "seen_while_running": reader.seen_while_running,
        "requests": log.requests,
        "manifest": manifests[0] if manifests else None,
        "two_days_ago": two_days_ago,
    }


def test_bounded_stream_ends_by_itself_with_balanced_counts(bounded_stream):
    assert bounded_stream["returncode"] == 0, bounded_stream["stderr"][-3000:]
    manifest = bounded_stream["manifest"]
    totals = manifest["counts"]["totals"]
    assert manifest["stream"]["stopped_by"] == "bounded"
    assert totals["balanced"] and totals["inputs"] == totals["written"] + totals["rejected"] + totals["duplicates"]
    assert totals["written"] == 8
    # every poll after a feed change sees the old items again: they end as duplicates, not as rows
    assert manifest["counts"]["duplicates_by_reason"].get("already_seen", 0) >= 2


def test_every_item_and_file_is_written_exactly_once_in_its_partition(bounded_stream):
    output = bounded_stream["output"]
    rows = read_articles(output)
    expected_urls = {feed_url(n) for n in (101, 102, 103, 104)} | {line_url(301), line_url(302)}
    assert len(rows) == 8 and len({row[0] for row in rows}) == 8
    assert expected_urls <= {row[1] for row in rows}
    by_url = {row[1]: row for row in rows}
    assert by_url[feed_url(101)][2:] == (bounded_stream["two_days_ago"].date().isoformat(), "published")
    texts = duckdb.sql(
        f"select text, date_source from read_parquet('{output}/articles/**/*.parquet', hive_partitioning=true)"
        " where url = ''"
    ).fetchall()
    assert sorted(text.split(".")[0] for text, _ in texts) == [
        "Report number 201 from the newsroom",
        "Report number 202 from the newsroom",
    ]
    assert {source for _, source in texts} == {"ingested"}
    sentences = duckdb.sql(
        "select count(*), count(distinct (article_id, sentence_index))"
        f" from read_parquet('{output}/sentences/**/*.parquet')"
    ).fetchall()[0]
    assert sentences[0] == sentences[1] > 8


def test_the_dataset_is_readable_without_duplicates_while_the_stream_runs(bounded_stream):
    snapshots = bounded_stream["snapshots"]
    assert snapshots
    for rows in snapshots:
        assert len(rows) == len({row[0] for row in rows})


def test_rows_become_visible_while_the_stream_runs(bounded_stream):
    # Each wait saw its items' rows (read with DuckDB) before the 75 s stream ended: published per poll.
    assert bounded_stream["seen_while_running"] == [
        {feed_url(101), feed_url(102)},
        {feed_url(103), line_url(301), line_url(302)},
        {feed_url(104)},
    ]


def test_unchanged_feed_costs_a_304_and_the_fetch_log_shows_it(bounded_stream):
    output = bounded_stream["output"]
    conditional = [r for r in bounded_stream["requests"] if r.path == "/live.rss" and "if-none-match" in r.headers]
    assert conditional, "the second poll must send the validators of the first"
    statuses = duckdb.sql(
        f"select status, not_modified from read_parquet('{output}/fetch_log/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert (304, True) in statuses and (200, False) in statuses
    assert len(statuses) == len([r for r in bounded_stream["requests"] if r.path == "/live.rss"])


def test_files_carry_window_and_pane_and_nothing_is_left_in_staging(bounded_stream):
    output = bounded_stream["output"]
    names = [path.name for path in output.glob("*/**/*.parquet")]
    assert names and all("-w" in name and "-p" in name for name in names)
    assert len(names) == len({path for path in output.glob("*/**/*.parquet")})
    assert not (output / "_staging").exists()
    assert not (output / "_lock").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_stops_the_stream_cleanly(tmp_path):
    output, watched = tmp_path / "out", tmp_path / "drop"
    watched.mkdir()
    drop_text(watched, 401)
    process = start_stream(
        output, "--watch", str(watched), "--poll-interval", "1s", "--window", "2s", "--stop-grace", "5s"
    )
    wait_for_rows(output, process, 1, STARTUP_TIMEOUT)  # note 401, published while the stream runs
    drop_text(watched, 402)
    drop_jsonl(watched, [403])
    wait_for_rows(output, process, 3, 60)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr[-3000:]
    manifest = json.loads(next((output / "_runs").glob("*.json")).read_text())
    assert manifest["stream"]["stopped_by"] == "signal"
    assert manifest["counts"]["totals"]["balanced"]
    rows = read_articles(output)
    # What was published before the signal stays, whole and counted once.
    assert len(rows) == len({row[0] for row in rows}) == manifest["counts"]["totals"]["written"] == 3
    leftovers = [p for p in output.rglob("*") if p.name.startswith(".") or "_staging" in p.parts or p.suffix == ".stop"]
    assert leftovers == [] and not (output / "_lock").exists()


def wait_for_rows(output: Path, process: subprocess.Popen, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while len(read_articles(output)) < count:
        assert process.poll() is None, process.communicate()[1][-3000:]
        assert time.monotonic() < deadline, f"fewer than {count} rows visible after {timeout} s"
        time.sleep(0.3)
