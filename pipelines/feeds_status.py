"""`newsbeam feeds status OUTPUT`: a health table of the feeds, computed from the fetch log.

For each feed: fetches, last success, consecutive failures (runs in a row
whose final attempt failed, counted back from the latest), average latency
over every attempt, new entries per day, and the last error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import defaultdict

from pipelines.output_access import open_dataset


@dataclasses.dataclass
class FeedHealth:
    source: str
    url: str
    fetches: int
    last_fetch: dt.datetime
    last_success: dt.datetime | None
    consecutive_failures: int
    avg_latency_ms: float
    entries_per_day: float
    last_error: str


def read_fetch_log(root: str) -> list[dict]:
    dataset = open_dataset(root, "fetch_log")
    return [] if dataset is None else dataset.to_table().to_pylist()


def feed_health(rows: list[dict]) -> list[FeedHealth]:
    by_url: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_url[row["url"]].append(row)
    report = []
    for url, attempts in by_url.items():
        attempts.sort(key=lambda r: (r["started_at"], r["attempt"]))
        finals = [r for r in attempts if r["final"]]
        successes = [r for r in finals if not r["error_class"]]
        failures = 0
        for row in reversed(finals):
            if not row["error_class"]:
                break
            failures += 1
        span_days = max(1.0, (attempts[-1]["started_at"] - attempts[0]["started_at"]).total_seconds() / 86400)
        errors = [r for r in finals if r["error_class"]]
        report.append(
            FeedHealth(
                source=attempts[-1]["source"],
                url=url,
                fetches=len(finals),
                last_fetch=attempts[-1]["started_at"],
                last_success=successes[-1]["started_at"] if successes else None,
                consecutive_failures=failures,
                avg_latency_ms=sum(r["elapsed_ms"] for r in attempts) / len(attempts),
                entries_per_day=sum(r["new_entries"] or 0 for r in finals) / span_days,
                last_error=f"{errors[-1]['error_class']}: {errors[-1]['error_message']}"[:120] if errors else "",
            )
        )
    return sorted(report, key=lambda h: (-h.consecutive_failures, h.source, h.url))


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "never"


def format_health_table(report: list[FeedHealth]) -> str:
    if not report:
        return "no fetches recorded yet (the fetch log is empty)"
    header = ("feed", "fetches", "last success", "failing", "avg ms", "new/day", "last error")
    rows = [
        (
            h.source[:40],
            str(h.fetches),
            _when(h.last_success),
            str(h.consecutive_failures),
            f"{h.avg_latency_ms:.0f}",
            f"{h.entries_per_day:.1f}",
            h.last_error[:60],
        )
        for h in report
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


def feeds_status(root: str, output_format: str = "table") -> str:
    report = feed_health(read_fetch_log(root))
    if output_format == "json":
        return json.dumps([dataclasses.asdict(h) for h in report], default=str, indent=2)
    return format_health_table(report)
