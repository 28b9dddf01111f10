"""End to end over HTTP: every way a feed server misbehaves ends in articles, rejects or the fetch log.

One local server answers scripted routes; `newsbeam run` fetches them all twice
into the same output, and the datasets are read back with DuckDB.
"""

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.support.http_server import Route, serve

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT / "seeds"
FIXTURES = REPO_ROOT / "tests" / "fixtures"
RSS = (SEEDS / "world-news.rss").read_bytes()
ATOM = (SEEDS / "science-and-health.atom").read_bytes()
LATIN1_RSS = (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>Région</title><item>"
    "<title>Élection à Genève</title><link>https://example.org/geneve</link>"
    "<description>Le canton a voté dimanche pour un nouveau conseil d'État très attendu.</description>"
    "</item></channel></rss>"
).encode("latin-1")


def variant(tag: str) -> bytes:
    """The seed RSS with its own links and text, so dedupe does not fold it into another feed's copy."""
    return RSS.replace(b"example.org", f"{tag}.example".encode()).replace(b"&lt;p&gt;", f"&lt;p&gt;{tag}: ".encode())


def routes() -> dict:
    loop = {f"/loop{i}": Route(status=302, headers={"Location": f"/loop{(i + 1) % 3}"}) for i in range(3)}
    return {
        "/ok.rss": Route(body=RSS, etag='"v1"', headers={"Content-Type": "application/rss+xml"}),
        "/old.rss": Route(status=301, headers={"Location": "/older.rss"}),
        "/older.rss": Route(status=302, headers={"Location": "/atom.xml"}),
        "/atom.xml": Route(body=ATOM, headers={"Content-Type": "application/atom+xml"}),
        **loop,
        "/missing.rss": Route(status=404),
        "/gone.rss": Route(status=410),
        "/busy.rss": [
            Route(status=429, headers={"Retry-After": "1"}),
            Route(body=variant("busy")),
        ],
        "/flaky.rss": [Route(status=500), Route(body=variant("flaky"))],
        "/stall.rss": Route(body=RSS, delay_seconds=4.0),
        "/huge.rss": Route(body=b"<rss>" + b"x" * 300_000 + b"</rss>"),
        "/gzip.rss": Route(body=gzip.compress(variant("gzip")), headers={"Content-Encoding": "gzip"}),
        "/wrong-type.rss": Route(body=variant("wrongtype"), headers={"Content-Type": "text/html"}),
        "/latin1.rss": Route(body=LATIN1_RSS, headers={"Content-Type": "application/rss+xml; charset=iso-8859-1"}),
        "/laughs.rss": Route(body=(FIXTURES / "readers" / "billion_laughs.xml").read_bytes()),
        "/to-file.rss": Route(status=302, headers={"Location": "file:///etc/passwd"}),
        "/not-xml.rss": Route(
            body=b"Hello, this is plain prose and not a feed.", headers={"Content-Type": "application/rss+xml"}
        ),
    }


FEEDS = [
    "ok.rss",
    "old.rss",
    "loop0",
    "missing.rss",
    "gone.rss",
    "busy.rss",
    "flaky.rss",
    "stall.rss",
    "huge.rss",
    "gzip.rss",
    "wrong-type.rss",
    "latin1.rss",
    "laughs.rss",
    "to-file.rss",
    "not-xml.rss",
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    output = tmp_path_factory.mktemp("fetching") / "out"
    with serve(routes()) as (base, log):
        urls = [f"{base}/{name}" for name in FEEDS]
        flags = ["--output", str(output), "--fetch_timeout=1", "--fetch_attempts=2", "--max_fetch_bytes=100000"]
        timings = []
        for _ in range(2):
            start = time.monotonic()
            result = subprocess.run(
                [sys.executable, "-m", "pipelines.cli", "run", *urls, *flags],
                cwd=REPO_ROOT,
                capture_output=True,
                text=True,
                timeout=300,
            )
            timings.append(time.monotonic() - start)
            assert result.returncode == 0, result.stderr[-3000:]
    manifests = [json.loads(p.read_text()) for p in sorted((output / "_runs").glob("*.json"))]
    return output, base, log, manifests


def query(sql: str):
    return duckdb.connect().sql(sql).fetchall()


def final_attempts(output: Path, base: str, run_id: str) -> dict[str, tuple]:
    rows = query(
        "select url, status, not_modified, error_class, bozo, entries_seen, new_entries, attempt"
        f" from read_parquet('{output}/fetch_log/**/*.parquet') where final and run_id = '{run_id}'"
    )
    return {row[0].removeprefix(f"{base}/"): row[1:] for row in rows}


def test_every_feed_has_exactly_one_final_fetch_log_row_per_run(runs):
    output, base, _, manifests = runs
    for manifest in manifests:
        assert sorted(final_attempts(output, base, manifest["run_id"])) == sorted(FEEDS)
        assert manifest["counts"]["totals"]["balanced"]


def test_outcome_of_each_misbehaving_server_on_the_first_run(runs):
    output, base, _, manifests = runs
    finals = final_attempts(output, base, manifests[0]["run_id"])
    # (status, not_modified, error_class) of the final attempt
    expected = {
        "ok.rss": (200, False, ""),
        "old.rss": (200, False, ""),
        "loop0": (None, False, "too_many_redirects"),
        "missing.rss": (404, False, "http_404"),
        "gone.rss": (410, False, "http_410"),
        "busy.rss": (200, False, ""),
        "flaky.rss": (200, False, ""),
        "stall.rss": (None, False, "timeout"),
        "huge.rss": (200, False, "too_large"),
        "gzip.rss": (200, False, ""),
        "wrong-type.rss": (200, False, ""),
        "latin1.rss": (200, False, ""),
        "laughs.rss": (200, False, ""),
        "to-file.rss": (None, False, "unsupported_scheme"),
        "not-xml.rss": (200, False, ""),
    }
    assert {name: row[:3] for name, row in finals.items()} == expected
    assert finals["busy.rss"][-1] == 2 and finals["flaky.rss"][-1] == 2  # retried once, then served
    assert finals["stall.rss"][-1] == 2  # both attempts timed out
    assert finals["missing.rss"][-1] == 1  # a 404 is not retried
    assert finals["laughs.rss"][3] is True  # bozo: the entity bomb was refused, not expanded
    assert finals["not-xml.rss"][3] is True and finals["not-xml.rss"][4] == 0


def test_feeds_that_served_a_body_became_articles(runs):
    output, base, _, _ = runs
    by_feed = dict(
        query(
            "select regexp_replace(input_ref, '#entry-.*', ''), count(*)"
            f" from read_parquet('{output}/articles/**/*.parquet') group by 1"
        )
    )
    counts = {url.removeprefix(f"{base}/"): n for url, n in by_feed.items()}
    assert counts["ok.rss"] == 4 and counts["old.rss"] == 3
    assert counts["busy.rss"] == counts["flaky.rss"] == counts["gzip.rss"] == counts["wrong-type.rss"] == 4
    assert counts["latin1.rss"] == 1
    title = query(
        f"select title from read_parquet('{output}/articles/**/*.parquet') where url = 'https://example.org/geneve'"
    )
    assert title == [("Élection à Genève",)]  # decoded with the charset of the HTTP header


def test_failures_are_rejects_with_reasons(runs):
    output, base, _, manifests = runs
    rejects = query(
        f"select input_ref, stage, reason from read_parquet('{output}/rejects/**/*.parquet')"
        f" where run_id = '{manifests[0]['run_id']}'"
    )
    by_feed = {ref.removeprefix(f"{base}/"): (stage, reason) for ref, stage, reason in rejects}
    assert by_feed == {
        "loop0": ("read", "too_many_redirects"),
        "missing.rss": ("read", "http_404"),
        "gone.rss": ("read", "http_410"),
        "stall.rss": ("read", "timeout"),
        "huge.rss": ("read", "too_large"),
        "to-file.rss": ("read", "unsupported_scheme"),
        "not-xml.rss": ("parse", "malformed_feed"),
    }


def test_second_run_uses_stored_validators_and_gets_304(runs):
    output, base, log, manifests = runs
    state = json.loads((output / "_state" / "feed_validators.json").read_text())
    assert state["feeds"][f"{base}/ok.rss"]["etag"] == '"v1"'
    ok_requests = [r for r in log.requests if r.path == "/ok.rss"]
    assert "if-none-match" not in ok_requests[0].headers
    assert ok_requests[1].headers["if-none-match"] == '"v1"'
    finals = final_attempts(output, base, manifests[1]["run_id"])
    assert finals["ok.rss"][:3] == (304, True, "")
    assert manifests[1]["counts"]["fetches"]["not_modified"] == 1
    assert manifests[1]["counts"]["by_source"].get(f"{base.split('://')[1]}/ok.rss") is None  # nothing new, no input


def test_feeds_status_reports_health(runs):
    output, base, _, _ = runs
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "feeds", "status", str(output), "--format", "json"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    health = {entry["url"].removeprefix(f"{base}/"): entry for entry in json.loads(result.stdout)}
    assert health["missing.rss"]["consecutive_failures"] == 2
    assert health["missing.rss"]["last_success"] is None
    assert health["ok.rss"]["consecutive_failures"] == 0 and health["ok.rss"]["fetches"] == 2
    assert health["ok.rss"]["entries_per_day"] == 4.0
    assert "http_404" in health["missing.rss"]["last_error"]
