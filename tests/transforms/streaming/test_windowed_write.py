"""WriteWindows' panes: names that carry window and pane, batch partitions, atomic publication, a balanced ledger."""

import datetime as dt
import json

import pyarrow.parquet as pq

from transforms.dedupe import Duplicate
from transforms.fetch_feeds import FetchAttempt
from transforms.fetch_log import FetchLogRecord
from transforms.records import Article, Reject, Sentence
from transforms.streaming.windowed_write import (
    LedgerEntry,
    pane_id,
    pane_ledger,
    publish_pane,
    window_file_name,
    window_label,
)

START = dt.datetime(2026, 11, 27, 10, 33, tzinfo=dt.UTC)


def article(article_id: str, published: dt.datetime | None) -> Article:
    return Article(
        article_id=article_id,
        source="live",
        source_kind="rss",
        input_ref=f"http://live/feed#entry-{article_id}",
        text="One sentence here.",
        content_hash=f"h-{article_id}",
        published_at=published,
        ingested_at=START,
        date_source="published" if published else "ingested",
        topic="sport",
        sentences=[Sentence(index=0, text="One sentence here.", start=0, end=18)],
    )


def test_file_names_carry_the_window_and_the_pane():
    assert window_label(START, 60) == "w20261127T103300Z-60s"
    assert window_file_name("stream-x", START, 10.0, "abc") == "part-stream-x-w20261127T103300Z-10s-pabc.parquet"


def test_the_pane_id_depends_on_what_the_pane_holds_not_on_the_order():
    records = [article("a", None), Duplicate("live", "b", "already_seen", "seen"), LedgerEntry("inputs", "live", 1)]
    assert pane_id(records) == pane_id(list(reversed(records)))
    assert pane_id(records) != pane_id(records[:2])


def test_a_pane_is_published_into_batch_partitions_with_its_ledger(tmp_path):
    late = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)
    reject = Reject(stage="read", reason="http_404", detail="gone", source="live", input_ref="http://live/x")
    attempt = FetchAttempt(source="live", url="http://live/feed", attempt=1, final=True, started_at=START, elapsed_ms=3)
    attempt.status, attempt.not_modified = 304, True
    records = [
        article("a", None),
        article("late", late),
        reject,
        Duplicate("live", "b", "already_seen", "seen"),
        FetchLogRecord(attempt),
        LedgerEntry("inputs", "live", 1),  # the parse step counts each article; a 'read' reject counts itself
        LedgerEntry("inputs", "live", 1),
        LedgerEntry("inputs", "live", 1),
    ]
    summary = publish_pane(str(tmp_path), "stream-x", START, 60, "p1", records)
    partitions = sorted((f["dataset"], f["partition"], f["rows"]) for f in summary["files"])
    assert ("articles", "topic=sport/date=2026-11-20", 1) in partitions  # the late article: its own date
    assert ("articles", "topic=sport/date=2026-11-27", 1) in partitions
    assert {dataset for dataset, _, _ in partitions} == {"articles", "sentences", "rejects", "fetch_log"}
    for file in summary["files"]:
        assert file["path"].endswith("part-stream-x-w20261127T103300Z-60s-pp1.parquet")
        assert pq.read_table(file["path"]).num_rows == file["rows"]
    assert not any((tmp_path / "_staging").rglob("*.parquet"))  # everything staged was renamed into place
    stored = json.loads((tmp_path / "_streams" / "stream-x" / "w20261127T103300Z-60s-pp1.json").read_text())
    ledger = {(kind, value): count for kind, value, count in stored["ledger"]}
    assert ledger["inputs", "live"] == 4 == ledger["written", "live"] + ledger["rejected", "live"] + ledger[
        "duplicates", "live"
    ]
    assert (ledger["written", "live"], ledger["rejected", "live"], ledger["duplicates", "live"]) == (2, 1, 1)
    assert ledger["fetch", "not_modified"] == 1 and ledger["duplicate_reason", "already_seen"] == 1


def test_the_pane_ledger_sums_entries_per_kind_and_value():
    records = [LedgerEntry("inputs", "live", 1), LedgerEntry("inputs", "live", 1), LedgerEntry("inputs", "other", 1)]
    assert pane_ledger(records) == [LedgerEntry("inputs", "live", 2), LedgerEntry("inputs", "other", 1)]
