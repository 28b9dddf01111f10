"""Publication dates from the many shapes sources write them in, as UTC datetimes."""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
import time

from dateutil import parser as dateutil_parser

UTC = dt.UTC
# dateutil fills missing parts from today; demand a year so '5' is not 'the 5th'.
_HAS_YEAR = re.compile(r"\d{4}")


def to_utc(value: dt.datetime) -> dt.datetime:
    """Aware UTC datetime; naive values are taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def from_struct_time(value: time.struct_time | None) -> dt.datetime | None:
    """feedparser's *_parsed fields are UTC struct_times."""
    if value is None:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def parse_date(text: str | None) -> dt.datetime | None:
    """Parse ISO 8601 / W3CDTF or RFC 822 dates; None when it is not a date.

    Out-of-range values (year 0, month 13, offsets beyond a day) give None
    rather than an exception: a bad date never rejects an otherwise good article.
    """
    if not text or not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > 100:
        return None
    try:
        return to_utc(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
    except (ValueError, OverflowError):
        pass
    try:
        return to_utc(email.utils.parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    if not _HAS_YEAR.search(text):
        return None
    try:
        return to_utc(dateutil_parser.parse(text))
    except (ValueError, OverflowError, TypeError):
        return None
