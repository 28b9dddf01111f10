"""Hive partition paths whose values can never escape their partition."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_UNSAFE = re.compile(r"[^a-z0-9_-]+")
MAX_VALUE_LENGTH = 64


def safe_partition_value(value: str, fallback: str = "unknown") -> str:
    """Lowercase letters, digits, '-' and '_' only: no '/', '..', '=', NUL or absolute path."""
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE.sub("-", ascii_value.casefold()).strip("-_")[:MAX_VALUE_LENGTH].strip("-_")
    return cleaned or fallback


def format_date(day: dt.date) -> str:
    """ISO date with a 4-digit year even for year 1 (strftime gives '1-01-01' on Linux)."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def partition_path(values: tuple[tuple[str, str], ...]) -> str:
    """'topic=politics/date=2026-11-20' from (('topic', 'politics'), ('date', '2026-11-20'))."""
    return "/".join(f"{name}={value}" for name, value in values)
