"""`newsbeam report`: the HTML page built from real runs, checked as text and in a headless Chromium.

The module fixture runs the pipeline on the bundled seeds, keeps a copy of
that output, then adds a second run that brings what the seeds lack: rejects
(broken JSON Lines) and a fetch log (feeds on a local HTTP server: one fine,
one missing, one failing once). The browser tests skip without /usr/bin/chromium.

NEWSBEAM_UPDATE_SCREENSHOT=1 makes the browser test rewrite docs/report-screenshot.png.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from plotly.offline import get_plotlyjs

from pipelines.report import build_report, report_command
from tests.support import browser
from tests.support.http_server import Route, serve
from transforms import schema

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO_ROOT / "docs" / "report-screenshot.png"
CHARTS = ["articles-per-day", "articles-by-language", "top-places", "rejects-over-time", "feed-health"]
RSS = (REPO_ROOT / "seeds" / "world-news.rss").read_bytes()
BROKEN_JSONL = (
    b'{"text": "Die Regierung in Berlin hat am Montag einen neuen Haushalt vorgelegt.", "title": "Haushalt"}\n'
    b'{"text": "this line is cut short\n'
    b'{"title": "no text at all"}\n'
)

requires_chromium = pytest.mark.skipif(not browser.available(), reason=f"needs {browser.CHROMIUM} (Debian's chromium)")


@dataclasses.dataclass
class Outputs:
    seeds_only: Path  # one run on the seeds: no rejects, no fetch log
    full: Path  # the same, then a run with broken input and HTTP feeds
    base_url: str


def newsbeam_run(*args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "run", *args, "--quiet"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Outputs:
    base = tmp_path_factory.mktemp("report")
    out = base / "output"
    newsbeam_run("--output", str(out))
    seeds_only = base / "seeds-only"
    shutil.copytree(out, seeds_only)
    broken = base / "broken.jsonl"
    broken.write_bytes(BROKEN_JSONL)
    fresh = RSS.replace(b"example.org", b"report.example").replace(b"&lt;p&gt;", b"&lt;p&gt;Report: ")
    routes = {
        "/ok.rss": Route(body=fresh, headers={"Content-Type": "application/rss+xml"}),
        "/flaky.rss": [Route(status=500), Route(body=fresh.replace(b"report.example", b"flaky.example"))],
    }  # anything else is a 404
    with serve(routes) as (base_url, _):
        feeds = [f"{base_url}/{name}" for name in ("ok.rss", "missing.rss", "flaky.rss")]
        newsbeam_run(str(broken), *feeds, "--output", str(out), "--fetch_attempts=2", "--fetch_timeout=5")
    return Outputs(seeds_only=seeds_only, full=out, base_url=base_url)


@pytest.fixture(scope="module")
def full_report(outputs, tmp_path_factory) -> tuple[str, Path]:
    page = build_report(str(outputs.full))
    path = tmp_path_factory.mktemp("page") / "report.html"
    path.write_text(page, encoding="utf-8")
    return page, path


def without_plotlyjs(page: str) -> str:
    return page.replace(get_plotlyjs(), "")


def summary_value(page: str, name: str) -> str:
    """The text of a row of the summary table."""
    match = re.search(rf"<tr><td>{name}</td><td[^>]*>(.*?)</td></tr>", page)
    assert match, f"no summary row {name!r}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def chart_blocks(dom: str) -> dict[str, str]:
    """Each chart's markup, from its div to the end of its section."""
    blocks = {}
    for match in re.finditer(r"""id=["']chart-([a-z-]+)["']""", dom):
        end = dom.find("</section>", match.end())
        blocks[match.group(1)] = dom[match.end() : end if end >= 0 else len(dom)]
    return blocks


def rendered_charts(dom: str) -> set[str]:
    """Charts plotly drew: it adds its SVG (class main-svg) only when its JavaScript ran."""
    return {key for key, block in chart_blocks(dom).items() if re.search(r"""class=["']main-svg["']""", block)}


# The page as text.


def test_every_chart_section_is_present(full_report):
    page, _ = full_report
    for key in CHARTS:
        assert f"<section id='{key}'>" in page
        assert f'id="chart-{key}"' in page, key
    assert "class='note'" not in page  # every dataset exists in the full output
    for text in (
        "Articles per day by topic",
        "Articles by language",
        "Top 20 places",
        "Rejects over time",
        "Feed health",
    ):
        assert text in page


def test_page_is_self_contained_with_plotlyjs_embedded_once(outputs, full_report):
    page, _ = full_report
    bundle = get_plotlyjs()
    assert page.count(bundle) == 1
    assert len(re.findall(r"\* plotly\.js v\d", page)) == 1  # the bundle's banner
    assert not re.search(r"<script[^>]*\ssrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*\shref\s*=", page, re.I)
    rest = without_plotlyjs(page).replace(outputs.base_url, "")  # the feeds' URLs are data (tooltips)
    assert "http://" not in rest and "https://" not in rest  # no CDN, no font, no link out


def test_header_says_when_what_and_which_schema(outputs, full_report):
    page, _ = full_report
    assert "<title>newsbeam report:" in page
    assert re.search(r"Generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", page)
    assert str(outputs.full) in page
    assert f"Schema version {schema.SCHEMA_VERSION}</p>" in page


def test_summary_counts_match_the_datasets(outputs, full_report):
    page, _ = full_report

    def dataset(name):
        return ds.dataset(outputs.full / name, format="parquet", partitioning=schema.partitioning(name))

    article_ids = dataset("articles").to_table(columns=["article_id"])["article_id"].unique()
    assert summary_value(page, "articles") == f"{len(article_ids):,}"
    assert summary_value(page, "sentences") == f"{dataset('sentences').count_rows():,}"
    rejects = dataset("rejects").to_table(columns=["reason"])["reason"].to_pylist()
    assert {"invalid_json", "missing_text", "http_404"} <= set(rejects)
    assert summary_value(page, "rejects") == f"{len(rejects):,}"
    assert summary_value(page, "fetch attempts") == f"{dataset('fetch_log').count_rows():,}"
    runs = [p for p in (outputs.full / "_runs").glob("*.json") if not p.name.endswith(".commit.json")]
    assert summary_value(page, "runs") == str(len(runs)) == "2"


def test_charts_carry_the_data(full_report):
    page, _ = full_report
    blocks = chart_blocks(without_plotlyjs(page))
    assert '"name":"politics"' in blocks["articles-per-day"] and '"barmode":"stack"' in blocks["articles-per-day"]
    assert "es \\u00b7 Spanish" in blocks["articles-by-language"]  # plotly's JSON escapes non-ASCII
    assert "KP \\u00b7 North Korea" in blocks["top-places"]
    assert '"name":"invalid_json"' in blocks["rejects-over-time"]
    assert '"name":"failed"' in blocks["feed-health"]


def test_feed_health_table(outputs, full_report):
    page, _ = full_report
    table = page[page.index("<table class='feeds'>") :]
    table = table[: table.index("</table>")]
    cells = [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in re.findall(r"<tr[^>]*><td.*?</tr>", table)]
    rows = {row[0]: row for row in cells}
    host = outputs.base_url.removeprefix("http://")
    # feed, fetches, failures, attempts, avg ms, last status, last error, last fetch
    missing, flaky, ok = rows[f"{host}/missing.rss"], rows[f"{host}/flaky.rss"], rows[f"{host}/ok.rss"]
    assert missing[1:4] == ["1", "1", "1"] and missing[5:7] == ["404", "http_404"]
    assert flaky[1:4] == ["1", "0", "2"] and flaky[5:7] == ["200", ""]  # retried once, then served
    assert ok[1:4] == ["1", "0", "1"] and ok[5:7] == ["200", ""]
    assert cells[0][0] == f"{host}/missing.rss"  # failing feeds first


def test_missing_datasets_are_skipped_with_a_note(outputs):
    page = build_report(str(outputs.seeds_only))
    for key in ["articles-per-day", "articles-by-language", "top-places"]:
        assert f'id="chart-{key}"' in page
    for key in ["rejects-over-time", "feed-health"]:
        assert f"<section id='{key}'>" in page and f'id="chart-{key}"' not in page
    assert "No rejects dataset" in page and "No fetch log" in page
    assert "no rejects dataset" in summary_value(page, "rejects")
    assert summary_value(page, "runs") == "1"


def test_values_from_the_data_are_escaped(tmp_path):
    """Feed names come from configs and URLs: markup in them stays text."""
    hostile = "<script>alert(1)</script>"
    row = {
        "source": hostile,
        "url": "http://127.0.0.1:9/feed?a=1&b=<x>",
        "final_url": "",
        "attempt": 1,
        "final": True,
        "started_at": dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC),
        "elapsed_ms": 12.5,
        "status": None,
        "not_modified": False,
        "bytes": 0,
        "error_class": "connection_error",
        "error_message": hostile,
        "run_id": "20261127T100000Z-abcdef",
    }
    table = pa.Table.from_pylist([row], schema=schema.FETCH_LOG)
    (tmp_path / "fetch_log" / "date=2026-11-27").mkdir(parents=True)
    pq.write_table(table, tmp_path / "fetch_log" / "date=2026-11-27" / "part-x-0.parquet")
    page = without_plotlyjs(build_report(str(tmp_path)))
    assert hostile not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "No articles stored yet" in page and 'id="chart-feed-health"' in page


def write_rows(root: Path, dataset: str, partition: str, rows: list[dict], drop: tuple[str, ...] = ()) -> None:
    """One Parquet file of `rows` in `dataset`'s schema, unset columns filled; `drop` leaves columns out (old files)."""
    defaults = {"string": "x", "int32": 1, "int64": 0, "float": 0.5, "bool": False}
    data_schema = pa.schema([f for f in schema.DATASETS[dataset][0] if f.name not in drop])

    def default(field: pa.Field):
        if pa.types.is_timestamp(field.type):
            return dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        if pa.types.is_dictionary(field.type):
            return "x"
        return defaults.get(str(field.type)) if not pa.types.is_list(field.type) else None

    full = [{f.name: row.get(f.name, default(f)) for f in data_schema} for row in rows]
    directory = root / dataset / partition
    directory.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        pa.Table.from_pylist(full, schema=data_schema), directory / f"part-{len(list(directory.iterdir()))}.parquet"
    )


def test_articles_count_once_at_their_latest_revision(tmp_path):
    """A revised article counts once, under its latest topic and date; places come from that revision's sentences.

    Article b is in a schema 1.0 file (no `revision` column): it reads as revision 1.
    """
    write_rows(tmp_path, "articles", "topic=politics/date=2026-01-01", [{"article_id": "a", "revision": 1}])
    write_rows(tmp_path, "articles", "topic=sport/date=2026-01-02", [{"article_id": "a", "revision": 2}])
    write_rows(tmp_path, "articles", "topic=sport/date=2026-01-02", [{"article_id": "b"}], drop=("revision",))
    write_rows(
        tmp_path,
        "sentences",
        "topic=politics/date=2026-01-01",
        [{"article_id": "a", "revision": 1, "places": ["FR"]}],
    )
    write_rows(
        tmp_path,
        "sentences",
        "topic=sport/date=2026-01-02",
        [
            {"article_id": "a", "revision": 2, "sentence_index": 0, "places": ["DE", "DE"]},
            {"article_id": "a", "revision": 2, "sentence_index": 1, "places": []},
        ],
    )
    write_rows(
        tmp_path,
        "sentences",
        "topic=sport/date=2026-01-02",
        [{"article_id": "b", "places": ["DE"]}],
        drop=("revision",),
    )
    page = without_plotlyjs(build_report(str(tmp_path)))
    assert summary_value(page, "articles") == "2 (3 stored revisions)"
    blocks = chart_blocks(page)
    assert '"name":"sport","x":["2026-01-02"],"y":[2]' in blocks["articles-per-day"]
    assert '"politics"' not in blocks["articles-per-day"]
    assert '"x":[2],"y":["DE \\u00b7 Germany"]' in blocks["top-places"]  # twice in one sentence counts once
    assert "FR" not in blocks["top-places"]  # only in the superseded revision


# The command.


def test_report_command_writes_the_file_and_prints_its_path(outputs, tmp_path, capsys):
    destination = tmp_path / "nested" / "report.html"
    assert report_command([str(outputs.seeds_only), "-o", str(destination)]) == 0
    assert capsys.readouterr().out.strip() == str(destination)
    assert destination.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("kind", ["empty", "missing", "other files"])
def test_report_command_without_newsbeam_output_exits_2(tmp_path, capsys, kind):
    root = tmp_path / "output"
    if kind != "missing":
        root.mkdir()
    if kind == "other files":
        (root / "notes.txt").write_text("not newsbeam")
    destination = tmp_path / "report.html"
    assert report_command([str(root), "--out", str(destination)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("newsbeam report: no newsbeam output in ")
    assert not destination.exists()


# In a real browser.


@requires_chromium
def test_report_renders_in_chromium_without_console_messages(full_report):
    _, path = full_report
    load = browser.load(path)
    assert load.console == []
    assert rendered_charts(load.dom) == set(CHARTS)
    assert len(re.findall(r"""class=["'][^"']*js-plotly-plot""", load.dom)) == len(CHARTS)
    if os.environ.get("NEWSBEAM_UPDATE_SCREENSHOT"):
        browser.screenshot(path, SCREENSHOT, 1280, 2400)


@requires_chromium
def test_the_browser_check_detects_a_broken_page(tmp_path):
    """The checks above can fail: a console error, an uncaught exception and a chart plotly never drew are seen."""
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html><body><section id='x'><div id=\"chart-articles-per-day\"></div></section>"
        "<script>console.error('deliberate console error');</script>"
        "<script>Plotly.newPlot('chart-articles-per-day', []);</script></body></html>"
    )
    load = browser.load(page)
    assert any("deliberate console error" in message for message in load.console), load.stderr[-2000:]
    assert any("Uncaught ReferenceError: Plotly is not defined" in message for message in load.console)
    assert rendered_charts(load.dom) == set()
    assert set(chart_blocks(load.dom)) == {"articles-per-day"}
