"""`newsbeam report OUTPUT -o report.html`: one self-contained HTML page of charts about a newsbeam output.

The page opens offline: plotly's JavaScript is embedded once in its head, with
no CDN link and no other external asset. It shows when and from what it was
made, a summary (articles, sentences, rejects, runs), then the charts:
articles per day by topic, articles by language, the top 20 places, rejects
over time by reason and feed health from the fetch log. A dataset that is
absent (no rejects yet, nothing fetched over HTTP) skips its chart with a note.

Data is read with pyarrow only, each dataset with its schema from
transforms/schema.py and its typed Hive partitioning, asking for the columns a
chart needs. Articles count once each, at their latest revision; the places
chart counts the sentences of those revisions that mention each country.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from pipelines.output_access import open_dataset, read_columns, run_records
from pipelines.report_charts import (
    PLOTLY_CONFIG,
    TOP_PLACES,
    Section,
    articles_by_language,
    articles_per_day,
    escape,
    feed_health,
    rejects_over_time,
    top_places,
)
from transforms import schema, storage

EXIT_OK, EXIT_NO_OUTPUT = 0, 2
CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d2733;
       background: #f6f7f9; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 28px; }
header.top { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; justify-content: space-between; }
header.top > div { flex: 1 1 420px; }
header.top > section { flex: 0 1 auto; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; margin: 0 0 20px; }
.pair > section { margin: 0; }
@media (max-width: 900px) { .pair { grid-template-columns: minmax(0, 1fr); } }
h2 { margin: 0 0 12px; font-size: 20px; }
.meta { color: #52606d; margin: 0 0 12px; line-height: 1.6; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.92em; background: #eceff3;
       padding: 1px 4px; border-radius: 3px; word-break: break-all; }
section { background: #fff; border: 1px solid #dde2e8; border-radius: 6px; padding: 16px 20px; margin: 0 0 20px; }
nav { margin: 0 0 20px; }
nav a { margin-right: 14px; color: #1f5fa8; }
table { border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #e6e9ee; vertical-align: top; }
td.num, th.num { text-align: right; }
.summary td:first-child { color: #52606d; }
.note { color: #7b6a00; background: #fff8d6; border: 1px solid #f0e2a0; padding: 8px 12px; border-radius: 4px; }
.hint { color: #52606d; font-size: 13px; margin: 8px 0 0; }
.bad { color: #b3261e; }
.wide { overflow-x: auto; }
"""


class NoOutputError(Exception):
    """The given path holds nothing a newsbeam run writes."""


def _latest_articles(articles: ds.Dataset) -> pa.Table:
    """One row per article id: its latest revision's topic, date and language."""
    table = read_columns(articles, ["article_id", "revision", "topic", "date", "lang"])
    table = table.set_column(1, "revision", pc.fill_null(table["revision"], 1))  # schema 1.0 had no revision
    table = table.sort_by([("article_id", "ascending"), ("revision", "ascending")])
    latest = table.group_by("article_id", use_threads=False).aggregate(
        [("revision", "last"), ("topic", "last"), ("date", "last"), ("lang", "last")]
    )
    return latest.rename_columns(["article_id", "revision", "topic", "date", "lang"])


def _place_counts(sentences: ds.Dataset, latest: pa.Table | None) -> list[tuple[str, int]]:
    """(ISO code, sentences mentioning it), most mentioned first; only latest revisions when they are known."""
    # Most sentences name no country: leave them in the files.
    with_places = pc.greater(pc.list_value_length(pc.field("places")), 0)
    table = read_columns(sentences, ["article_id", "revision", "sentence_index", "places"], with_places)
    if table.num_rows == 0:
        return []
    parents = pc.list_parent_indices(table["places"])
    flat = pa.table(
        {
            "article_id": pc.take(table["article_id"], parents),
            "revision": pc.fill_null(pc.take(table["revision"], parents), 1),
            "sentence_index": pc.take(table["sentence_index"], parents),
            "place": pc.list_flatten(table["places"]),
        }
    )
    if latest is not None:
        flat = flat.join(latest.select(["article_id", "revision"]), keys=["article_id", "revision"], join_type="inner")
    # A country named twice in one sentence counts once for that sentence.
    flat = flat.group_by(["article_id", "revision", "sentence_index", "place"]).aggregate([])
    counts = (
        flat.group_by("place")
        .aggregate([([], "count_all")])
        .sort_by([("count_all", "descending"), ("place", "ascending")])
    )
    return list(zip(counts["place"].to_pylist(), counts["count_all"].to_pylist(), strict=True))[:TOP_PLACES]


def _stored_schema_versions(datasets: dict[str, ds.Dataset | None], runs: list[dict]) -> list[str]:
    """Schema versions named by the run manifests and by the first file of each dataset."""
    import pyarrow.parquet as pq

    versions = {str(run["schema_version"]) for run in runs if run.get("schema_version")}
    for dataset in datasets.values():
        if dataset is None:
            continue
        try:
            with dataset.filesystem.open_input_file(sorted(dataset.files)[0]) as handle:
                metadata = pq.read_schema(handle).metadata or {}
        except (OSError, pa.ArrowException):
            continue
        if schema.SCHEMA_VERSION_KEY in metadata:
            versions.add(metadata[schema.SCHEMA_VERSION_KEY].decode())
    return sorted(versions, key=lambda v: tuple(int(p) if p.isdigit() else 0 for p in v.split(".")))


@dataclasses.dataclass
class Summary:
    articles: int | None
    article_rows: int | None
    sentences: int | None
    rejects: int | None
    fetch_attempts: int | None
    runs: list[dict]
    compactions: int
    first_date: dt.date | None
    last_date: dt.date | None


def _summary_html(summary: Summary) -> str:
    def count(value: int | None, missing: str) -> str:
        return f"{value:,}" if value is not None else f"<span class='hint'>{escape(missing)}</span>"

    articles = count(summary.articles, "no articles dataset")
    if summary.articles is not None and summary.article_rows != summary.articles:
        articles += f" <span class='hint'>({summary.article_rows:,} stored revisions)</span>"
    numbers = [
        ("articles", articles),
        ("sentences", count(summary.sentences, "no sentences dataset")),
        ("rejects", count(summary.rejects, "no rejects dataset")),
        ("fetch attempts", count(summary.fetch_attempts, "no fetch log")),
        ("runs", f"{len(summary.runs):,}"),
    ]
    if summary.compactions:
        numbers.append(("compactions", f"{summary.compactions:,}"))
    texts = []
    last_run = max(summary.runs, key=lambda run: str(run.get("finished_at") or ""), default=None)
    if last_run is not None:
        texts.append(
            (
                "last run",
                f"<code>{escape(last_run.get('run_id', '?'))}</code> {escape(_when(last_run.get('finished_at')))}",
            )
        )
    if summary.first_date is not None:
        texts.append(("article dates", f"{summary.first_date.isoformat()} to {summary.last_date.isoformat()}"))
    cells = [f"<tr><td>{name}</td><td class='num'>{value}</td></tr>" for name, value in numbers]
    cells += [f"<tr><td>{name}</td><td>{value}</td></tr>" for name, value in texts]
    return f"<table class='summary'>{''.join(cells)}</table>"


def _when(iso: object) -> str:
    """An ISO timestamp from a manifest as 'YYYY-MM-DD HH:MM:SS UTC'; as given when it does not parse."""
    try:
        return dt.datetime.fromisoformat(str(iso)).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    except ValueError:
        return str(iso or "?")


def _section_html(section: Section) -> str:
    parts = [f"<section id='{section.key}'>", f"<h2>{escape(section.title)}</h2>"]
    if section.figure is not None:
        parts.append(
            section.figure.to_html(
                full_html=False, include_plotlyjs=False, div_id=f"chart-{section.key}", config=PLOTLY_CONFIG
            )
        )
    if section.note:
        parts.append(f"<p class='note'>{escape(section.note)}</p>")
    if section.extra_html:
        parts.append(section.extra_html)
    if section.hint:
        parts.append(f"<p class='hint'>{escape(section.hint)}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def _describe_root(root: str) -> str:
    shown = f"<code>{escape(root)}</code>"
    if storage.is_local(root) and os.path.abspath(root) != root:
        shown += f" (<code>{escape(os.path.abspath(root))}</code>)"
    return shown


def build_report(root: str) -> str:
    """The report on the newsbeam output under `root`, as one self-contained HTML page.

    Raises NoOutputError when `root` holds no newsbeam output.
    """
    from plotly.offline import get_plotlyjs

    from transforms.version import __version__

    root = root.rstrip("/") or "/"
    if storage.is_local(root) and not os.path.isdir(root):
        raise NoOutputError(f"no newsbeam output in {root}: no such directory")
    datasets = {name: open_dataset(root, name) for name in schema.DATASETS}
    records = run_records(root)
    if all(d is None for d in datasets.values()) and not records and not storage.exists(storage.join(root, "_SUCCESS")):
        raise NoOutputError(
            f"no newsbeam output in {root} (no sentences/, articles/, rejects/, fetch_log/ or _runs/); "
            "write some with `newsbeam run --output ...` first"
        )
    runs = [r for r in records if r.get("kind") != "compaction" and not str(r.get("run_id", "")).startswith("compact-")]
    latest = _latest_articles(datasets["articles"]) if datasets["articles"] is not None else None
    places = _place_counts(datasets["sentences"], latest) if datasets["sentences"] is not None else None
    dates = latest["date"] if latest is not None and latest.num_rows else None

    def rows(name: str) -> int | None:
        return datasets[name].count_rows() if datasets[name] is not None else None

    summary = Summary(
        articles=latest.num_rows if latest is not None else None,
        article_rows=rows("articles"),
        sentences=rows("sentences"),
        rejects=rows("rejects"),
        fetch_attempts=rows("fetch_log"),
        runs=runs,
        compactions=len(records) - len(runs),
        first_date=pc.min(dates).as_py() if dates is not None else None,
        last_date=pc.max(dates).as_py() if dates is not None else None,
    )
    sections = [
        per_day := articles_per_day(latest),
        languages := articles_by_language(latest),
        places_section := top_places(places),
        rejects := rejects_over_time(datasets["rejects"]),
        feeds := feed_health(datasets["fetch_log"]),
    ]
    paired = [s.figure for s in (languages, places_section) if s.figure is not None]
    for figure in paired:  # side by side: equal heights
        figure.update_layout(height=max(f.layout.height for f in paired))
    versions = _stored_schema_versions(datasets, runs)
    version_text = ", ".join(versions) or "unknown"
    if versions != [schema.SCHEMA_VERSION]:
        version_text += f" (this newsbeam writes {schema.SCHEMA_VERSION})"
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    nav = " ".join(f"<a href='#{s.key}'>{escape(s.title)}</a>" for s in sections)
    head = [
        "<!DOCTYPE html>",
        "<html lang='en'>",
        "<head>",
        "<meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<meta name='generator' content='newsbeam {escape(__version__)}'>",
        f"<title>newsbeam report: {escape(root)}</title>",
        f"<style>{CSS}</style>",
        "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>",
        # plotly.js, once, inline: the page needs no network.
        f"<script>{get_plotlyjs()}</script>",
        "</head>",
    ]
    body = [
        "<body><main>",
        "<header class='top'><div>",
        "<h1>newsbeam report</h1>",
        "<p class='meta'>"
        f"Generated {generated} by newsbeam {escape(__version__)}<br>"
        f"Output {_describe_root(root)}<br>"
        f"Schema version {escape(version_text)}</p>",
        f"<nav>{nav}</nav>",
        "</div>",
        f"<section id='summary'><h2>Summary</h2>{_summary_html(summary)}</section>",
        "</header>",
        _section_html(per_day),
        # Two short charts side by side on a wide screen.
        f"<div class='pair'>{_section_html(languages)}{_section_html(places_section)}</div>",
        *(_section_html(section) for section in (rejects, feeds)),
        "</main></body>",
        "</html>",
    ]
    return "\n".join(head + body) + "\n"


def report_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newsbeam report", description="Write one self-contained HTML page of charts about a newsbeam output."
    )
    parser.add_argument("output", nargs="?", default="output", help="output root of earlier runs (default: output)")
    parser.add_argument("-o", "--out", default="report.html", help="HTML file to write (default: report.html)")
    args = parser.parse_args(argv)
    try:
        page = build_report(args.output)
    except NoOutputError as error:
        print(f"newsbeam report: {error}", file=sys.stderr)
        return EXIT_NO_OUTPUT
    parent = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(parent, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(page)
    print(args.out)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(report_command(sys.argv[1:]))
