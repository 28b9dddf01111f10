"""A feed that gains items while a stream polls it, served by tests.support.http_server; and watched-folder drops.

Shared by tests/pipelines/test_stream.py and benchmarks/stream_latency.py.
Each item has its own link and text, so dedupe never folds two of them.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import json
import os
from pathlib import Path

from tests.support.http_server import Route

TOPICS = [
    "The national football team won the championship final after extra time in a packed stadium.",
    "Parliament voted on the new budget after a long debate about taxes and public spending.",
    "Heavy rain and strong winds are expected across the region, and forecasters warned of floods.",
    "Researchers published a study on a new vaccine that protects against several strains of flu.",
    "The central bank raised interest rates again as inflation stayed above its target this quarter.",
]


def item_text(number: int) -> str:
    topic = TOPICS[number % len(TOPICS)]
    return f"Report number {number} from the newsroom. {topic} Officials gave details on day {number}."


class LiveFeed:
    """An RSS feed whose items are added by the test; each change gets a new ETag, so unchanged polls get a 304."""

    def __init__(self, routes: dict, path: str = "/live.rss") -> None:
        self._routes = routes
        self._path = path
        self.items: list[tuple[int, dt.datetime]] = []
        self._publish()

    def add(self, number: int, published: dt.datetime | None = None) -> None:
        self.items.append((number, published or dt.datetime.now(dt.UTC)))
        self._publish()

    def link(self, number: int) -> str:
        return f"https://live.example/news/{number}"

    def _publish(self) -> None:
        entries = "".join(
            f"<item><title>Story {number}</title><link>{self.link(number)}</link>"
            f"<guid>{self.link(number)}</guid><pubDate>{email.utils.format_datetime(published)}</pubDate>"
            f"<description>{html.escape(item_text(number))}</description></item>"
            for number, published in self.items
        )
        body = (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Live</title>"
            f"<link>https://live.example/</link>{entries}</channel></rss>"
        ).encode()
        # Replacing the route is one dict assignment: a request sees the old feed or the new one.
        self._routes[self._path] = Route(
            body=body, etag=f'"v{len(self.items)}"', headers={"Content-Type": "application/rss+xml"}
        )


def drop_file(folder: Path, name: str, content: str) -> Path:
    """Write a file the way a well-behaved producer does: under a hidden name, then renamed into place."""
    hidden = folder / f".{name}.tmp"
    hidden.write_text(content, encoding="utf-8")
    final = folder / name
    os.replace(hidden, final)
    return final


def drop_text(folder: Path, number: int) -> Path:
    return drop_file(folder, f"note-{number}.txt", f"Note {number}\n\n{item_text(number)}\n")


def drop_jsonl(folder: Path, numbers: list[int]) -> Path:
    lines = [
        json.dumps({"id": f"line-{n}", "title": f"Line {n}", "text": item_text(n), "url": f"https://lines.example/{n}"})
        for n in numbers
    ]
    return drop_file(folder, f"lines-{numbers[0]}.jsonl", "\n".join(lines) + "\n")
