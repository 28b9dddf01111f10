"""Publication dates: every shape parse_date accepts ends up as an aware UTC datetime, or None."""

from __future__ import annotations

import datetime as dt
import json
import time
import types

import pytest
from dateutil.parser import _parser as dateutil_internals

from tests.conftest import SHARED_DATA, requires_shared_data
from transforms.readers.dates import from_struct_time, parse_date, to_utc

UTC = dt.UTC
DATE_CASES = SHARED_DATA / "feeds" / "date_parser_cases.jsonl"


class _June15(dt.datetime):
    """A clock stopped on 2020-06-15 (dateutil fills missing date parts from 'now')."""

    @classmethod
    def now(cls, tz=None):
        return cls(2020, 6, 15, 12, 0, tzinfo=tz)


@pytest.fixture
def pinned_today(monkeypatch):
    """Make results independent of the day the suite runs on."""
    monkeypatch.setattr(dateutil_internals, "datetime", types.SimpleNamespace(**{**vars(dt), "datetime": _June15}))


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)


# --- to_utc / from_struct_time ------------------------------------------------------------------


def test_to_utc_takes_naive_values_as_utc():
    assert to_utc(dt.datetime(2024, 3, 5, 10, 0)) == utc(2024, 3, 5, 10, 0)
    assert to_utc(dt.datetime(2024, 3, 5, 10, 0)).tzinfo is UTC


def test_to_utc_converts_aware_values():
    paris_winter = dt.timezone(dt.timedelta(hours=1))
    converted = to_utc(dt.datetime(2024, 3, 5, 0, 30, tzinfo=paris_winter))
    assert converted == utc(2024, 3, 4, 23, 30)
    assert converted.utcoffset() == dt.timedelta(0)


def test_from_struct_time_reads_feedparser_utc_struct():
    assert from_struct_time(time.gmtime(1_709_632_800)) == utc(2024, 3, 5, 10, 0)
    assert from_struct_time(time.gmtime(1_709_632_800)).tzinfo is UTC


def test_from_struct_time_none_and_out_of_range_give_none():
    assert from_struct_time(None) is None
    year_10000 = time.struct_time((10000, 1, 1, 0, 0, 0, 0, 1, 0))
    assert from_struct_time(year_10000) is None


# --- parse_date: shapes it is meant to read ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO 8601 / W3CDTF
        ("2024-03-05T10:00:00+02:00", utc(2024, 3, 5, 8, 0)),
        ("2024-03-05T10:00:00Z", utc(2024, 3, 5, 10, 0)),
        ("2024-03-05T23:30:00-05:00", utc(2024, 3, 6, 4, 30)),  # the UTC date is the next day
        ("2024-03-05T10:00:00.250+00:00", utc(2024, 3, 5, 10, 0, 0, 250_000)),
        ("  2024-03-05T10:00:00Z\n", utc(2024, 3, 5, 10, 0)),
        # RFC 822 / RFC 2822
        ("Tue, 05 Mar 2024 10:00:00 +0200", utc(2024, 3, 5, 8, 0)),
        ("Tue, 05 Mar 2024 10:00:00 GMT", utc(2024, 3, 5, 10, 0)),
        ("Tue, 05 Mar 2024 10:00:00 EST", utc(2024, 3, 5, 15, 0)),
        ("Tue, 05 Mar 2024 10:00:00 -0000", utc(2024, 3, 5, 10, 0)),
        # free-form shapes left to dateutil
        ("5 March 2024 10:00 +0100", utc(2024, 3, 5, 9, 0)),
    ],
)
def test_parse_date_returns_aware_utc(text, expected):
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(
    "text",
    ["2024-03-05T10:00:00", "2024-03-05 10:00:00", "Tue, 05 Mar 2024 10:00:00"],
)
def test_naive_dates_are_taken_as_utc(text):
    assert parse_date(text) == utc(2024, 3, 5, 10, 0)


def test_date_without_time_is_midnight_utc():
    assert parse_date("2024-03-05") == utc(2024, 3, 5)


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", 20240305, "5", "yesterday", "not a date at all"],
)
def test_non_dates_give_none(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "text",
    [
        "0000-01-01",  # year 0
        "2024-13-01",  # month 13
        "2024-02-30T10:00:00Z",  # no such day
        "2024-03-05T25:00:00Z",  # hour 25
        "2024-03-05T10:00:00+25:00",  # offset beyond a day
        "Tue, 05 Mar 2024 10:00:00 +2500",
        "Tue, 32 Mar 2024 10:00:00 GMT",
        "9999-12-31T23:30:00-01:00",  # valid locally, past datetime.max in UTC
        "0001-01-01T00:30:00+01:00",  # valid locally, before datetime.min in UTC
    ],
)
def test_out_of_range_dates_give_none_instead_of_raising(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("March 5, 2024 10:00 PM", utc(2024, 3, 5, 22, 0)), ("5 March 2024 9:15 pm", utc(2024, 3, 5, 21, 15))],
)
def test_twelve_hour_clock_pm_is_afternoon(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("2003", utc(2003, 1, 1)), ("2003-12", utc(2003, 12, 1))])
def test_reduced_precision_w3cdtf_is_the_start_of_the_period(pinned_today, text, expected):
    assert parse_date(text) == expected


# --- the feedparser date corpus (../shared/data/feeds/date_parser_cases.jsonl) ------------------

# Shapes only feedparser's own date handlers read; inside feeds feedparser parses these itself,
# and parse_date (used for JSON Lines and HTML pages) does not claim them.
FEEDPARSER_ONLY_HANDLERS = {
    "_parse_date_greek",
    "_parse_date_hungarian",
    "_parse_date_nate",
    "_parse_date_onblog",
    "_parse_date_perforce",
}
FEEDPARSER_ONLY_INPUTS = {
    # ISO 8601 truncated, 2-digit-year and ordinal forms
    "-0312",
    "031231",
    "03-12-31",
    "-03-12",
    "03335",
    "2003-012-31T10:14:55+00:00",
    # zone names RFC 822 does not define, and offsets written with a colon
    "Thu, 30 Apr 2015 08:57:00 MET",
    "Thu, 30 Apr 2015 08:57:00 MEST",
    "Mon, 26 January 2004 16:31:00 AT",
    "Mon, 26 January 2004 16:31:00 ET",
    "Mon, 26 January 2004 16:31:00 CT",
    "Mon, 26 January 2004 16:31:00 MT",
    "Mon, 26 January 2004 16:31:00 PT",
    "Wed, 19 Feb 2012 22:40:00 GMT-01:01",
    "Wed, 19 Feb 2012 22:40:00 -01:01",
}
KNOWN_WRONG = {
    "2013-01-27-01": "malformed W3CDTF accepted by the dateutil fallback as 01:00",
    "Sun, 16 Dec 2012 11:47:32 +zz:00": "invalid zone silently read as UTC by email.utils",
    "Sun, 16 Dec 2012 11:47:32 +00:zz": "invalid zone silently read as UTC by email.utils",
}


def _date_cases() -> list:
    if not DATE_CASES.exists():
        return [pytest.param(None, marks=requires_shared_data)]
    cases = []
    for number, line in enumerate(DATE_CASES.read_text(encoding="utf-8").splitlines(), start=1):
        case = json.loads(line)
        text = case["input_value"]
        if text and (case["parse_date"] in FEEDPARSER_ONLY_HANDLERS or text in FEEDPARSER_ONLY_INPUTS):
            continue
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[text])] if text in KNOWN_WRONG else []
        cases.append(pytest.param(case, id=f"{number}-{case['parse_date']}-{text or 'empty'}", marks=marks))
    return cases


@pytest.mark.parametrize("case", _date_cases())
def test_feedparser_date_corpus(pinned_today, case):
    expected = case["expected_value"]
    parsed = parse_date(case["input_value"])
    if expected is None:
        assert parsed is None
    else:
        # feedparser's struct_time has whole seconds; parse_date keeps fractions.
        assert parsed is not None
        assert parsed.replace(microsecond=0) == utc(*expected[:6])
