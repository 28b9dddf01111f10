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
import html
import json
import os
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from transforms import schema, storage
from transforms.journal import JOURNAL_SUFFIX

EXIT_OK, EXIT_NO_OUTPUT = 0, 2
TOP_PLACES = 20
# Plotly options for every chart: no logo linking to plotly.com, nothing that talks to a server.
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False}
# 24 distinguishable colours: there are 17 IPTC top-level topics plus 'general'.
COLOURS = [
    "#2E91E5", "#E15F99", "#1CA71C", "#FB0D0D", "#DA16FF", "#222A2A", "#B68100", "#750D86",
    "#EB663B", "#511CFB", "#00A08B", "#FB00D1", "#FC0080", "#B2828D", "#6C7C32", "#778AAE",
    "#862A16", "#A777F1", "#620042", "#1616A7", "#DA60CA", "#6C4516", "#0D2A63", "#AF0038",
]  # fmt: skip
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


@dataclasses.dataclass
class Section:
    """One block of the page: a chart (a plotly figure), or a note saying why there is none."""

    key: str
    title: str
    figure: object | None = None  # plotly.graph_objects.Figure
    note: str = ""
    extra_html: str = ""  # already escaped
    hint: str = ""


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


# Reading.


def _dataset(root: str, name: str) -> ds.Dataset | None:
    """The dataset `name` under `root` with its full schema and typed partitions, or None when it holds no file."""
    data_schema, partition_columns = schema.DATASETS[name]
    full_schema = pa.schema(
        [*data_schema, *(pa.field(c, schema.PARTITION_TYPES[c]) for c in partition_columns)],
        metadata=data_schema.metadata,
    )
    path = storage.join(root, name)
    if storage.is_local(path) and not os.path.isdir(path):
        return None
    try:
        dataset = ds.dataset(path, format="parquet", schema=full_schema, partitioning=schema.partitioning(name))
    except (FileNotFoundError, NotADirectoryError):
        return None
    return dataset if dataset.files else None


def _decoded(table: pa.Table) -> pa.Table:
    """Dictionary-encoded columns as plain strings (grouping kernels want plain values)."""
    for index, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type):
            table = table.set_column(index, field.name, pc.cast(table[field.name], field.type.value_type))
    return table


def _read(dataset: ds.Dataset, columns: list[str], where: pc.Expression | None = None) -> pa.Table:
    return _decoded(dataset.to_table(columns=columns, filter=where))


def _run_records(root: str) -> list[dict]:
    """Every `_runs/*.json` record (runs and compactions), skipping commit journals and unreadable files."""
    pattern = storage.join(root, "_runs", "*.json")
    try:
        paths = storage.match(pattern)
    except OSError:
        return []
    records = []
    for path in sorted(paths):
        if path.endswith(JOURNAL_SUFFIX):
            continue
        try:
            record = json.loads(storage.read_bytes(path))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


def _latest_articles(articles: ds.Dataset) -> pa.Table:
    """One row per article id: its latest revision's topic, date and language."""
    table = _read(articles, ["article_id", "revision", "topic", "date", "lang"])
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
    table = _read(sentences, ["article_id", "revision", "sentence_index", "places"], with_places)
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


def _count_by(table: pa.Table, keys: list[str]) -> list[dict]:
    return table.group_by(keys).aggregate([([], "count_all")]).to_pylist()


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


# Labels.


def _names(kind: str) -> dict[str, str]:
    """English names of languages or territories, from CLDR (babel, which the places tagger uses too)."""
    from babel import Locale

    locale = Locale.parse("en")
    return dict(locale.languages if kind == "languages" else locale.territories)


def _label(code: str, names: dict[str, str]) -> str:
    name = "undetermined" if code == "und" else names.get(code)
    return f"{code} · {name}" if name and name != code else code


# Charts.


def _figure(height: int, **layout):
    """An empty figure with the report's look; `layout` adds to or replaces the defaults."""
    import plotly.graph_objects as go

    defaults = {
        "template": "plotly_white",
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 36, "b": 60},  # room at the top for plotly's tool bar
        "colorway": COLOURS,
        "font": {"size": 12},
    }
    return go.Figure(layout={**defaults, **layout})


def _count_axis(title: str, largest: int, **axis) -> dict:
    """An axis of counts: whole numbers only (plotly would tick 0.5 steps on small counts)."""
    return {"title": {"text": title}, "rangemode": "tozero", **({"dtick": 1} if largest <= 10 else {}), **axis}


def _stacked_by_day(rows: list[dict], series_key: str, series_title: str, y_title: str, height: int):
    """Stacked bars: one bar per day that has rows, one colour per value of `series_key`, largest series first."""
    days = sorted({row["date"] for row in rows})
    labels = [day.isoformat() for day in days]
    totals: dict[str, int] = {}
    for row in rows:
        totals[row[series_key]] = totals.get(row[series_key], 0) + row["count_all"]
    series = sorted(totals, key=lambda name: (-totals[name], name))
    cells = {(row["date"], row[series_key]): row["count_all"] for row in rows}
    per_day: dict[dt.date, int] = {}
    for row in rows:
        per_day[row["date"]] = per_day.get(row["date"], 0) + row["count_all"]
    figure = _figure(
        height,
        barmode="stack",
        legend={"title": {"text": series_title}},
        # A category axis: every day with data gets a bar, and a stray date (year 1, 9999) squeezes nothing.
        xaxis={"type": "category", "title": {"text": "date (UTC)"}, "categoryorder": "array", "categoryarray": labels},
        yaxis=_count_axis(y_title, max(per_day.values(), default=0)),
    )
    for name in series:
        figure.add_bar(
            name=name,
            x=labels,
            y=[cells.get((day, name), 0) for day in days],
            hovertemplate="%{x}<br>%{fullData.name}: %{y}<extra></extra>",
        )
    return figure


def _articles_per_day(latest: pa.Table | None) -> Section:
    section = Section("articles-per-day", "Articles per day by topic")
    if latest is None or latest.num_rows == 0:
        section.note = "No articles stored yet: the articles dataset is missing or empty."
        return section
    rows = _count_by(latest.filter(pc.is_valid(latest["date"])), ["date", "topic"])
    section.figure = _stacked_by_day(rows, "topic", "topic", "articles", 440)
    section.hint = (
        "Each article counts once, at its latest revision, on its UTC publication date (else ingestion date)."
    )
    return section


def _bars_height(bars: int) -> int:
    """Pixels for a horizontal bar chart of `bars` bars (the language and places charts sit side by side)."""
    return max(300, 22 * bars + 90)


def _articles_by_language(latest: pa.Table | None) -> Section:
    section = Section("articles-by-language", "Articles by language")
    if latest is None or latest.num_rows == 0:
        section.note = "No articles stored yet: the articles dataset is missing or empty."
        return section
    rows = sorted(_count_by(latest, ["lang"]), key=lambda row: (-row["count_all"], row["lang"]))
    names = _names("languages")
    figure = _figure(
        _bars_height(len(rows)),
        showlegend=False,
        xaxis=_count_axis("articles", rows[0]["count_all"]),
        yaxis={"type": "category", "autorange": "reversed", "title": {"text": "language (ISO 639-1)"}},
    )
    figure.add_bar(
        orientation="h",
        y=[_label(row["lang"], names) for row in rows],
        x=[row["count_all"] for row in rows],
        marker_color=COLOURS[0],
        hovertemplate="%{y}: %{x} articles<extra></extra>",
    )
    section.figure = figure
    return section


def _top_places(places: list[tuple[str, int]] | None) -> Section:
    section = Section("top-places", f"Top {TOP_PLACES} places")
    if places is None:
        section.note = "No sentences stored yet: the sentences dataset is missing or empty."
        return section
    if not places:
        section.note = "No sentence mentions a country."
        return section
    names = _names("territories")
    figure = _figure(
        _bars_height(len(places)),
        showlegend=False,
        xaxis=_count_axis("sentences mentioning the country", places[0][1]),
        yaxis={"type": "category", "autorange": "reversed"},
    )
    figure.add_bar(
        orientation="h",
        y=[_label(code, names) for code, _ in places],
        x=[count for _, count in places],
        marker_color=COLOURS[2],
        hovertemplate="%{y}: %{x} sentences<extra></extra>",
    )
    section.figure = figure
    section.hint = "ISO 3166-1 codes from the sentences' places column, latest revision of each article."
    return section


def _rejects_over_time(rejects: ds.Dataset | None) -> Section:
    section = Section("rejects-over-time", "Rejects over time by reason")
    if rejects is None:
        section.note = "No rejects dataset: no run has rejected any input."
        return section
    table = _read(rejects, ["date", "reason"])
    if table.num_rows == 0:
        section.note = "The rejects dataset is empty."
        return section
    section.figure = _stacked_by_day(_count_by(table, ["date", "reason"]), "reason", "reason", "rejects", 300)
    section.hint = "By UTC date of rejection. Each run records the bad input it saw, so a rerun counts it again."
    return section


@dataclasses.dataclass
class FeedRow:
    source: str
    url: str
    fetches: int  # final attempts: one per run that fetched the feed
    failures: int  # final attempts that failed
    attempts: int
    avg_elapsed_ms: float
    last_status: int | None
    last_error: str
    last_fetch: dt.datetime | None


def feed_rows(fetch_log: ds.Dataset) -> list[FeedRow]:
    """Per feed URL: fetches, failures, attempts, average elapsed_ms over every attempt, last final status."""
    columns = ["source", "url", "final", "started_at", "attempt", "elapsed_ms", "status", "error_class"]
    table = _read(fetch_log, columns).sort_by(
        [("url", "ascending"), ("started_at", "ascending"), ("attempt", "ascending")]
    )
    every = {
        row["url"]: row
        for row in table.group_by("url", use_threads=False)
        .aggregate([([], "count_all"), ("elapsed_ms", "mean"), ("source", "last")])
        .to_pylist()
    }
    finals = table.filter(pc.fill_null(table["final"], False))
    failed = pc.cast(pc.not_equal(pc.fill_null(finals["error_class"], ""), ""), pa.int64())
    finals = finals.append_column("failed", failed)
    last = {
        row["url"]: row
        for row in finals.group_by("url", use_threads=False)
        .aggregate(
            [
                ([], "count_all"),
                ("failed", "sum"),
                ("status", "last"),
                ("error_class", "last"),
                ("started_at", "last"),
            ]
        )
        .to_pylist()
    }
    rows = []
    for url, attempts in every.items():
        final = last.get(url, {})
        rows.append(
            FeedRow(
                source=attempts["source_last"] or url,
                url=url,
                fetches=final.get("count_all", 0),
                failures=final.get("failed_sum") or 0,
                attempts=attempts["count_all"],
                avg_elapsed_ms=attempts["elapsed_ms_mean"] or 0.0,
                last_status=final.get("status_last"),
                last_error=final.get("error_class_last") or "",
                last_fetch=final.get("started_at_last"),
            )
        )
    return sorted(rows, key=lambda row: (-row.failures, row.source, row.url))


def _feed_table(rows: list[FeedRow]) -> str:
    header = (
        "<tr><th>feed</th><th class='num'>fetches</th><th class='num'>failures</th><th class='num'>attempts</th>"
        "<th class='num'>avg elapsed ms</th><th>last status</th><th>last error</th><th>last fetch (UTC)</th></tr>"
    )
    body = []
    for row in rows:
        status = "no response" if row.last_status is None else str(row.last_status)
        when = row.last_fetch.strftime("%Y-%m-%d %H:%M") if row.last_fetch else ""
        css = " class='bad'" if row.last_error else ""
        body.append(
            f"<tr{css}><td title='{_esc(row.url)}'>{_esc(row.source)}</td><td class='num'>{row.fetches}</td>"
            f"<td class='num'>{row.failures}</td><td class='num'>{row.attempts}</td>"
            f"<td class='num'>{row.avg_elapsed_ms:,.0f}</td><td>{_esc(status)}</td><td>{_esc(row.last_error)}</td>"
            f"<td>{_esc(when)}</td></tr>"
        )
    return f"<div class='wide'><table class='feeds'>{header}{''.join(body)}</table></div>"


MAX_FEEDS_CHARTED = 40


def _feed_health(fetch_log: ds.Dataset | None) -> Section:
    section = Section("feed-health", "Feed health")
    if fetch_log is None:
        section.note = "No fetch log: no run has fetched a feed over HTTP."
        return section
    rows = feed_rows(fetch_log)
    if not rows:
        section.note = "The fetch log is empty."
        return section
    charted = rows[:MAX_FEEDS_CHARTED]
    sources = [row.source for row in charted]
    labels = [row.source if sources.count(row.source) == 1 else f"{row.source} ({row.url})" for row in charted]
    figure = _figure(
        max(240, 28 * len(charted) + 90),
        barmode="stack",
        xaxis=_count_axis("fetches (final attempt of each run)", max(row.fetches for row in charted)),
        yaxis={"type": "category", "autorange": "reversed"},
        legend={"title": {"text": "outcome"}},
    )
    extra = [
        [f"{row.avg_elapsed_ms:,.0f}", "no response" if row.last_status is None else row.last_status] for row in charted
    ]
    hover = "%{y}<br>%{x} fetches<br>avg %{customdata[0]} ms, last status %{customdata[1]}<extra></extra>"
    figure.add_bar(
        name="ok", orientation="h", y=labels, x=[r.fetches - r.failures for r in charted],
        marker_color="#1CA71C", customdata=extra, hovertemplate=hover,
    )  # fmt: skip
    figure.add_bar(
        name="failed", orientation="h", y=labels, x=[r.failures for r in charted],
        marker_color="#D62728", customdata=extra, hovertemplate=hover,
    )  # fmt: skip
    section.figure = figure
    section.extra_html = _feed_table(rows)
    section.hint = (
        "From the fetch log: a fetch is the final attempt at a feed in a run (after retries); the average elapsed "
        "time is over every attempt. 'newsbeam feeds status' adds last success and consecutive failures."
    )
    if len(rows) > MAX_FEEDS_CHARTED:
        section.hint += f" The chart shows the {MAX_FEEDS_CHARTED} feeds with most failures; the table lists all."
    return section


# The page.


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
        return f"{value:,}" if value is not None else f"<span class='hint'>{_esc(missing)}</span>"

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
            ("last run", f"<code>{_esc(last_run.get('run_id', '?'))}</code> {_esc(_when(last_run.get('finished_at')))}")
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
    parts = [f"<section id='{section.key}'>", f"<h2>{_esc(section.title)}</h2>"]
    if section.figure is not None:
        parts.append(
            section.figure.to_html(
                full_html=False, include_plotlyjs=False, div_id=f"chart-{section.key}", config=PLOTLY_CONFIG
            )
        )
    if section.note:
        parts.append(f"<p class='note'>{_esc(section.note)}</p>")
    if section.extra_html:
        parts.append(section.extra_html)
    if section.hint:
        parts.append(f"<p class='hint'>{_esc(section.hint)}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def _describe_root(root: str) -> str:
    shown = f"<code>{_esc(root)}</code>"
    if storage.is_local(root) and os.path.abspath(root) != root:
        shown += f" (<code>{_esc(os.path.abspath(root))}</code>)"
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
    datasets = {name: _dataset(root, name) for name in schema.DATASETS}
    records = _run_records(root)
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
        per_day := _articles_per_day(latest),
        languages := _articles_by_language(latest),
        places_section := _top_places(places),
        rejects := _rejects_over_time(datasets["rejects"]),
        feeds := _feed_health(datasets["fetch_log"]),
    ]
    paired = [s.figure for s in (languages, places_section) if s.figure is not None]
    for figure in paired:  # side by side: equal heights
        figure.update_layout(height=max(f.layout.height for f in paired))
    versions = _stored_schema_versions(datasets, runs)
    version_text = ", ".join(versions) or "unknown"
    if versions != [schema.SCHEMA_VERSION]:
        version_text += f" (this newsbeam writes {schema.SCHEMA_VERSION})"
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    nav = " ".join(f"<a href='#{s.key}'>{_esc(s.title)}</a>" for s in sections)
    head = [
        "<!DOCTYPE html>",
        "<html lang='en'>",
        "<head>",
        "<meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<meta name='generator' content='newsbeam {_esc(__version__)}'>",
        f"<title>newsbeam report: {_esc(root)}</title>",
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
        f"Generated {generated} by newsbeam {_esc(__version__)}<br>"
        f"Output {_describe_root(root)}<br>"
        f"Schema version {_esc(version_text)}</p>",
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
