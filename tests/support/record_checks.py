"""What every reader output must satisfy, shared by the property tests and the fuzzer."""

from __future__ import annotations

import datetime as dt
import re

from transforms.records import MAX_REJECT_PAYLOAD_CHARS, Article, Reject

HEX_ID = re.compile(r"^[0-9a-f]{32}$")


def check_records(records: list) -> None:
    """Raise AssertionError unless `records` are valid Articles and reasoned Rejects, at least one."""
    assert records, "every document yields at least one record"
    for record in records:
        if isinstance(record, Article):
            assert record.text.strip(), "an article has text"
            assert HEX_ID.match(record.article_id) and HEX_ID.match(record.content_hash), "ids are 32 hex digits"
            assert record.published_at is None or record.published_at.utcoffset() == dt.timedelta(0), "dates are UTC"
            assert record.date_source in ("published", "ingested")
        else:
            assert isinstance(record, Reject), f"unexpected record {type(record).__name__}"
            assert record.stage and record.reason and record.detail, "a reject names stage, reason and detail"
            assert len(record.payload) <= MAX_REJECT_PAYLOAD_CHARS
