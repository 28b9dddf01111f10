"""Publication dates from the many shapes sources write them in, as UTC datetimes."""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
import time

from dateutil import parser as dateutil_parser

UTC = dt.UTC
# dateutil fills missing parts from today; demand a year so '5' is not 'the 5th',
# and default the rest to the start of that year ('2003-12' is 2003-12-01).
_HAS_YEAR = re.compile(r"\d{4}")
_DEFAULT_PARTS = dt.datetime(2000, 1, 1)
# email.utils accepts '10:00 PM' and drops the PM; such text goes to dateutil.
_TWELVE_HOUR_CLOCK = re.compile(r"\d\s*[AaPp]\.?[Mm]\b")


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
    if not _TWELVE_HOUR_CLOCK.search(text):
        try:
            return to_utc(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    if not _HAS_YEAR.search(text):
        return None
    try:
        return to_utc(dateutil_parser.parse(text, default=_DEFAULT_PARTS))
    except (ValueError, OverflowError, TypeError, ArithmeticError):  # decimal errors on absurd seconds (fuzzing)
        return None
