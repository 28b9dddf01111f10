"""When and how long to wait before fetching a feed again.

Retried: connection errors, timeouts, 429 and 5xx. Not retried: other 4xx,
oversized bodies, bad schemes, redirect loops. The wait is exponential
backoff with full jitter, unless the server said Retry-After (seconds or an
HTTP date), which is honoured up to `max_retry_after`; a longer demand ends
the retries for this run rather than stalling it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import random

RETRYABLE_REASONS = frozenset({"connection_error", "timeout", "http_429"})


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 3
    base_delay: float = 1.0
    max_delay: float = 30.0
    max_retry_after: float = 60.0


def is_retryable(reason: str) -> bool:
    return reason in RETRYABLE_REASONS or (reason.startswith("http_5") and len(reason) == 8)


def parse_retry_after(value: str, now: dt.datetime) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def retry_delay(
    policy: RetryPolicy, attempt: int, retry_after: str, rng: random.Random, now: dt.datetime
) -> float | None:
    """Seconds to wait before attempt `attempt + 1`, or None to stop retrying."""
    if attempt >= policy.max_attempts:
        return None
    if retry_after and (asked := parse_retry_after(retry_after, now)) is not None:
        return asked if asked <= policy.max_retry_after else None
    return rng.uniform(0.0, min(policy.max_delay, policy.base_delay * 2 ** (attempt - 1)))
