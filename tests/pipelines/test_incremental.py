"""Scheduled runs: exactly once however often the job runs, crashes or overlaps.

Real `newsbeam run` subprocesses on the bundled seeds; outputs are compared
with a clean single run by their rows, read back with DuckDB.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from transforms import schema

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT / "seeds"


def newsbeam_command(output: Path, *extra: str, inputs: tuple[Path, ...] = (SEEDS,)) -> list[str]:
    paths = [str(path) for path in inputs]
    return [sys.executable, "-m", "pipelines.cli", "run", *paths, "--output", str(output), "--quiet", *extra]


def run(output: Path, *extra: str, env: dict | None = None, inputs: tuple[Path, ...] = (SEEDS,)):
    return subprocess.run(
        newsbeam_command(output, *extra, inputs=inputs),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def rows(output: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect()
    return {
        "articles": con.sql(
            "select article_id, revision, content_hash"
            f" from read_parquet('{output}/articles/**/*.parquet') order by all"
        ).fetchall(),
        "sentences": con.sql(
            f"select article_id, revision, sentence_index, text from read_parquet('{output}/sentences/**/*.parquet')"
            " order by all"
        ).fetchall(),
    }


@pytest.fixture(scope="module")
def clean_rows(tmp_path_factory):
    output = tmp_path_factory.mktemp("clean") / "out"
    result = run(output)
    assert result.returncode == 0, result.stderr
    return rows(output)


def test_three_runs_give_the_rows_of_one(tmp_path, clean_rows):
    for _ in range(3):
        assert run(tmp_path / "out").returncode == 0
    assert rows(tmp_path / "out") == clean_rows
    manifests = [json.loads(p.read_text()) for p in sorted((tmp_path / "out" / "_runs").glob("*.json"))]
    assert [m["counts"]["totals"]["written"] for m in manifests] == [len(clean_rows["articles"]), 0, 0]


@pytest.mark.parametrize("crash_at", ["after-journal", "mid-publish", "before-journal-removal", "before-success"])
def test_killed_during_commit_then_rerun_gives_a_clean_run(tmp_path, clean_rows, crash_at):
    output = tmp_path / "out"
    crashed = run(output, env={"NEWSBEAM_CRASH_AT": crash_at})
    assert crashed.returncode == -signal.SIGKILL
    assert not (output / "_SUCCESS").exists()
    rerun = run(output)
    assert rerun.returncode == 0, rerun.stderr
    assert rows(output) == clean_rows
    assert not list(output.glob("_runs/*.commit.json")) and not (output / "_staging").exists()


@pytest.mark.parametrize("after_seconds", [1.5, 3.0])
def test_killed_at_any_moment_then_rerun_gives_a_clean_run(tmp_path, clean_rows, after_seconds):
    output = tmp_path / "out"
    process = subprocess.Popen(
        newsbeam_command(output), cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(after_seconds)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    rerun = run(output)
    assert rerun.returncode == 0, rerun.stderr
    assert rows(output) == clean_rows


def test_two_runs_at_once_one_fails_fast_and_nothing_is_corrupted(tmp_path, clean_rows):
    output = tmp_path / "out"
    first = subprocess.Popen(
        newsbeam_command(output), cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 30
    while not (output / "_lock").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = run(output)
    first.wait(timeout=300)
    assert first.returncode == 0
    assert second.returncode == 3
    assert "is locked by run" in second.stderr and "pid" in second.stderr
    assert rows(output) == clean_rows
    assert not (output / "_lock").exists()


def test_a_waiting_run_goes_after_the_first(tmp_path, clean_rows):
    output = tmp_path / "out"
    first = subprocess.Popen(
        newsbeam_command(output), cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while not (output / "_lock").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = run(output, "--wait-for-lock=120")
    first.wait(timeout=300)
    assert (first.returncode, second.returncode) == (0, 0)
    assert rows(output) == clean_rows


def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path, clean_rows):
    output = tmp_path / "out"
    output.mkdir()
    # Above Linux's largest pid (2**22): no such process can exist.
    lock = {
        "host": socket.gethostname(),
        "pid": 2**22 + 12345,
        "run_id": "crashed",
        "started_at": "2026-11-27T00:00:00+00:00",
    }
    (output / "_lock").write_text(json.dumps(lock))
    result = run(output)
    assert result.returncode == 0, result.stderr
    assert rows(output) == clean_rows


def test_incompatible_schema_is_refused_before_any_work(tmp_path):
    output = tmp_path / "out"
    partition = output / "articles" / "topic=general" / "date=2026-11-27"
    partition.mkdir(parents=True)
    future = pa.schema(
        [("article_id", pa.int64()), ("body", pa.string())], metadata={schema.SCHEMA_VERSION_KEY: b"2.0"}
    )
    pq.write_table(pa.table({"article_id": [1], "body": ["x"]}, schema=future), partition / "part-0.parquet")
    result = run(output)
    assert result.returncode == 4
    assert "written with schema 2.0" in result.stderr and "article_id (int64 -> string)" in result.stderr
    assert not (output / "sentences").exists() and not (output / "_runs").exists()


def test_older_compatible_schema_is_appended_to(tmp_path):
    output = tmp_path / "out"
    partition = output / "articles" / "topic=general" / "date=2026-11-27"
    partition.mkdir(parents=True)
    v10 = pa.schema([f for f in schema.ARTICLES if f.name != "revision"], metadata={schema.SCHEMA_VERSION_KEY: b"1.0"})
    pq.write_table(v10.empty_table(), partition / "part-0.parquet")
    assert run(output).returncode == 0


def test_overwrite_mode_replaces_the_partitions_it_writes(tmp_path, clean_rows):
    output = tmp_path / "out"
    assert run(output).returncode == 0
    assert run(output, "--mode=overwrite").returncode == 0
    assert rows(output) == clean_rows  # the same rows, not twice
    manifests = [json.loads(p.read_text()) for p in sorted((output / "_runs").glob("*.json"))]
    assert manifests[-1]["counts"]["totals"]["written"] == len(clean_rows["articles"])


def test_changed_article_text_becomes_a_new_revision(tmp_path):
    output = tmp_path / "out"
    article = {
        "text": "The council met on Monday and approved the plan.",
        "url": "https://ex.org/plan",
        "published": "2026-11-20T10:00:00Z",
    }
    source = tmp_path / "news.jsonl"
    for text in [article["text"], article["text"] + " Critics said it costs too much."]:
        source.write_text(json.dumps({**article, "text": text}) + "\n")
        result = run(output, inputs=(source,))
        assert result.returncode == 0, result.stderr
    revisions = duckdb.sql(
        f"select revision, length(text) from read_parquet('{output}/articles/**/*.parquet') order by 1"
    ).fetchall()
    assert [r[0] for r in revisions] == [1, 2] and revisions[1][1] > revisions[0][1]


def test_compact_command_after_several_runs_keeps_rows_and_reduces_files(tmp_path):
    output = tmp_path / "out"
    for number in range(3):
        source = tmp_path / f"batch{number}.jsonl"
        lines = [
            {
                "text": f"Match {number}-{i}: the team scored a late goal to win the league title.",
                "url": f"https://ex.org/{number}/{i}",
                "published": "2026-11-20T10:00:00Z",
            }
            for i in range(2)
        ]
        source.write_text("".join(json.dumps(line) + "\n" for line in lines))
        result = run(output, inputs=(source,))
        assert result.returncode == 0, result.stderr
    before_rows, before_files = rows(output), len(list(output.rglob("*.parquet")))
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "compact", str(output)], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "3 -> 1 files" in result.stdout
    assert rows(output) == before_rows
    assert len(list(output.rglob("*.parquet"))) < before_files
