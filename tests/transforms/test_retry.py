"""Retry decisions: what is retried, how long to wait, when to give up."""

import datetime as dt
import random

import pytest

from transforms.retry import RetryPolicy, is_retryable, parse_retry_after, retry_delay

NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("reason", "retried"),
    [
        ("connection_error", True),
        ("timeout", True),
        ("http_429", True),
        ("http_500", True),
        ("http_503", True),
        ("http_404", False),
        ("http_410", False),
        ("http_403", False),
        ("too_large", False),
        ("too_many_redirects", False),
        ("unsupported_scheme", False),
    ],
)
def test_only_transient_failures_are_retried(reason, retried):
    assert is_retryable(reason) is retried


def test_retry_after_in_seconds_or_as_an_http_date():
    assert parse_retry_after("120", NOW) == 120.0
    assert parse_retry_after("Fri, 27 Nov 2026 12:00:30 GMT", NOW) == 30.0
    assert parse_retry_after("Fri, 27 Nov 2026 11:00:00 GMT", NOW) == 0.0  # already past
    assert parse_retry_after("soon", NOW) is None


def test_backoff_is_exponential_with_full_jitter():
    policy = RetryPolicy(max_attempts=10, base_delay=1.0, max_delay=8.0)
    rng = random.Random(1)
    for attempt, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (6, 8.0)]:
        delays = [retry_delay(policy, attempt, "", rng, NOW) for _ in range(200)]
        assert all(0.0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8  # jitter spreads over the whole interval


def test_retry_after_is_honoured_up_to_the_cap_and_attempts_are_bounded():
    policy = RetryPolicy(max_attempts=3, max_retry_after=60.0)
    rng = random.Random(0)
    assert retry_delay(policy, 1, "5", rng, NOW) == 5.0
    assert retry_delay(policy, 1, "3600", rng, NOW) is None  # asks too much: stop for this run
    assert retry_delay(policy, 3, "", rng, NOW) is None  # attempts used up
