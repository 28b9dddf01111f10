"""The charts of `newsbeam report`: one Section (a plotly figure, or a note saying why there is none) each.

Figures are built from small tables computed in report.py; plotly is imported
only when a report is made, so `newsbeam run` does not need it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from pipelines.output_access import count_by, read_columns

TOP_PLACES = 20
# Plotly options for every chart: no logo linking to plotly.com, nothing that talks to a server.
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False}
# 24 distinguishable colours: there are 17 IPTC top-level topics plus 'general'.
COLOURS = [
    "#2E91E5", "#E15F99", "#1CA71C", "#FB0D0D", "#DA16FF", "#222A2A", "#B68100", "#750D86",
    "#EB663B", "#511CFB", "#00A08B", "#FB00D1", "#FC0080", "#B2828D", "#6C7C32", "#778AAE",
    "#862A16", "#A777F1", "#620042", "#1616A7", "#DA60CA", "#6C4516", "#0D2A63", "#AF0038",
]  # fmt: skip


@dataclasses.dataclass
class Section:
    """One block of the page: a chart (a plotly figure), or a note saying why there is none."""

    key: str
    title: str
    figure: object | None = None  # plotly.graph_objects.Figure
    note: str = ""
    extra_html: str = ""  # already escaped
    hint: str = ""


def escape(value: object) -> str:
    return html.escape(str(value), quote=True)


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


def articles_per_day(latest: pa.Table | None) -> Section:
    section = Section("articles-per-day", "Articles per day by topic")
    if latest is None or latest.num_rows == 0:
        section.note = "No articles stored yet: the articles dataset is missing or empty."
        return section
    rows = count_by(latest.filter(pc.is_valid(latest["date"])), ["date", "topic"])
    section.figure = _stacked_by_day(rows, "topic", "topic", "articles", 440)
    section.hint = (
        "Each article counts once, at its latest revision, on its UTC publication date (else ingestion date)."
    )
    return section


def _bars_height(bars: int) -> int:
    """Pixels for a horizontal bar chart of `bars` bars (the language and places charts sit side by side)."""
    return max(300, 22 * bars + 90)


def articles_by_language(latest: pa.Table | None) -> Section:
    section = Section("articles-by-language", "Articles by language")
    if latest is None or latest.num_rows == 0:
        section.note = "No articles stored yet: the articles dataset is missing or empty."
        return section
    rows = sorted(count_by(latest, ["lang"]), key=lambda row: (-row["count_all"], row["lang"]))
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


def top_places(places: list[tuple[str, int]] | None) -> Section:
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


def rejects_over_time(rejects: ds.Dataset | None) -> Section:
    section = Section("rejects-over-time", "Rejects over time by reason")
    if rejects is None:
        section.note = "No rejects dataset: no run has rejected any input."
        return section
    table = read_columns(rejects, ["date", "reason"])
    if table.num_rows == 0:
        section.note = "The rejects dataset is empty."
        return section
    section.figure = _stacked_by_day(count_by(table, ["date", "reason"]), "reason", "reason", "rejects", 300)
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
    table = read_columns(fetch_log, columns).sort_by(
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
            f"<tr{css}><td title='{escape(row.url)}'>{escape(row.source)}</td><td class='num'>{row.fetches}</td>"
            f"<td class='num'>{row.failures}</td><td class='num'>{row.attempts}</td>"
            f"<td class='num'>{row.avg_elapsed_ms:,.0f}</td><td>{escape(status)}</td><td>{escape(row.last_error)}</td>"
            f"<td>{escape(when)}</td></tr>"
        )
    return f"<div class='wide'><table class='feeds'>{header}{''.join(body)}</table></div>"


MAX_FEEDS_CHARTED = 40


def feed_health(fetch_log: ds.Dataset | None) -> Section:
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
