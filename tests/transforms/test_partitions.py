"""Partition values never leave their partition, dates always have four-digit years."""

import datetime as dt

import pytest

from transforms.partitions import format_date, partition_path, safe_partition_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("politics", "politics"),
        ("../../etc", "etc"),
        ("topic=x/date=y", "topic-x-date-y"),
        ("/abs/path", "abs-path"),
        ("nul\x00byte", "nul-byte"),
        ("..", "unknown"),
        ("", "unknown"),
        ("Économie", "economie"),
        ("x" * 500, "x" * 64),
    ],
)
def test_safe_partition_value(value, expected):
    assert safe_partition_value(value) == expected


def test_dates_keep_four_digit_years():
    assert format_date(dt.date(1, 1, 1)) == "0001-01-01"
    assert format_date(dt.date(9999, 12, 31)) == "9999-12-31"


def test_partition_path_is_hive_style():
    assert partition_path((("topic", "sport"), ("date", "2026-11-27"))) == "topic=sport/date=2026-11-27"
