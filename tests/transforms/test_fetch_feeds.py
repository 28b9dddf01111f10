"""Fetching feeds: retries against a real server, politeness per host, attempts recorded, validators kept."""

import datetime as dt
import random

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from tests.support.http_server import Route, serve
from transforms.fetch import FetchError, FetchResponse, Validators, fetch, new_session
from transforms.fetch_feeds import (
    ATTEMPTS,
    FetchAttempt,
    FetchFeedsFn,
    FetchSettings,
    HostLimiter,
    fetch_with_retries,
    latest_validators,
)
from transforms.read import ReadInputs
from transforms.retry import RetryPolicy
from transforms.sources import SourceSpec
from transforms.steps import REJECTS

RSS = b"<rss version='2.0'><channel><item><title>t</title><description>d</description></item></channel></rss>"


def run_with_retries(url, policy=None):
    policy = policy or RetryPolicy(max_attempts=3)
    waits = []
    with new_session() as session:
        outcome, attempts = fetch_with_retries(
            lambda target: fetch(session, target, timeout=(1.0, 0.5)),
            "feed",
            url,
            policy,
            sleep=waits.append,
            rng=random.Random(0),
        )
    return outcome, attempts, waits


def test_server_error_then_success_is_retried():
    with serve({"/feed": [Route(status=500), Route(status=503), Route(body=RSS)]}) as (base, log):
        outcome, attempts, waits = run_with_retries(f"{base}/feed")
    assert isinstance(outcome, FetchResponse) and outcome.body == RSS
    assert [(a.attempt, a.status, a.error_reason, a.final) for a in attempts] == [
        (1, 500, "http_500", False),
        (2, 503, "http_503", False),
        (3, 200, "", True),
    ]
    assert len(waits) == 2 and len(log.requests) == 3


def test_429_waits_as_long_as_retry_after_says():
    with serve({"/feed": [Route(status=429, headers={"Retry-After": "2"}), Route(body=RSS)]}) as (base, _):
        outcome, attempts, waits = run_with_retries(f"{base}/feed")
    assert isinstance(outcome, FetchResponse)
    assert waits == [2.0]
    assert attempts[0].status == 429


def test_client_errors_are_not_retried():
    with serve({"/gone": Route(status=410)}) as (base, log):
        outcome, attempts, waits = run_with_retries(f"{base}/gone")
    assert isinstance(outcome, FetchError) and outcome.reason == "http_410"
    assert len(attempts) == 1 and attempts[0].final and waits == [] and len(log.requests) == 1


def test_stalled_server_times_out_on_every_attempt_then_gives_up():
    with serve({"/stall": Route(body=RSS, delay_seconds=1.5)}) as (base, _):
        outcome, attempts, _ = run_with_retries(f"{base}/stall", RetryPolicy(max_attempts=2))
    assert isinstance(outcome, FetchError) and outcome.reason == "timeout"
    assert [a.error_reason for a in attempts] == ["timeout", "timeout"]
    assert all(a.elapsed_ms < 1400 for a in attempts)  # the read timeout (0.5 s) cut each one short


def test_host_limiter_shares_one_semaphore_per_host():
    limiter = HostLimiter(per_host=2)
    assert limiter.slot("http://a.example/x") is limiter.slot("http://A.example:80/y")
    assert limiter.slot("http://a.example/x") is not limiter.slot("http://b.example/x")


def test_fetch_feeds_is_concurrent_but_polite_per_host():
    routes = {f"/feed{i}": Route(body=RSS, delay_seconds=0.3) for i in range(8)}
    with serve(routes) as (base, log):
        specs = [SourceSpec(location=f"{base}/feed{i}") for i in range(8)]
        settings = FetchSettings(concurrency=8, per_host=2)
        with TestPipeline(runner="FnApiRunner") as pipeline:
            fetched = pipeline | ReadInputs(specs, fetch_settings=settings)
            assert_that(fetched["documents"] | beam.Map(lambda d: d.content), equal_to([RSS] * 8), label="Docs")
    assert log.max_in_flight == 2, f"{log.max_in_flight} requests were in flight at once"


def test_bundles_processed_at_once_share_the_per_host_limit():
    """A runner may run several bundles of one step at a time, each with its own DoFn instance."""
    import threading

    from apache_beam.utils.windowed_value import WindowedValue

    routes = {f"/feed{i}": Route(body=RSS, delay_seconds=0.3) for i in range(8)}
    with serve(routes) as (base, log):
        settings = FetchSettings(concurrency=8, per_host=2)
        bundles = [FetchFeedsFn(settings, {}) for _ in range(2)]
        fetched = []

        def run_bundle(step, numbers):
            step.setup()
            step.start_bundle()
            for i in numbers:
                url = f"{base}/feed{i}"
                list(step.process((SourceSpec(location=url), url), WindowedValue(None, 0, ())))
            fetched.extend(output for output in step.finish_bundle() if not hasattr(output, "tag"))
            step.teardown()

        threads = [threading.Thread(target=run_bundle, args=(step, range(n, 8, 2))) for n, step in enumerate(bundles)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(fetched) == 8
    assert log.max_in_flight == 2, f"{log.max_in_flight} requests were in flight at once"


def test_not_modified_feeds_yield_no_document_and_failures_a_reject():
    routes = {"/same": Route(body=RSS, etag='"abc"'), "/missing": Route(status=404)}
    with serve(routes) as (base, _):
        specs = [SourceSpec(location=f"{base}/same"), SourceSpec(location=f"{base}/missing")]
        validators = {f"{base}/same": Validators(etag='"abc"')}
        with TestPipeline(runner="FnApiRunner") as pipeline:
            fetched = pipeline | ReadInputs(specs, validators=validators)
            assert_that(fetched["documents"], equal_to([]), label="NoDocuments")
            assert_that(
                fetched[REJECTS] | beam.Map(lambda r: (r.stage, r.reason)),
                equal_to([("read", "http_404")]),
                label="Rej",
            )
            assert_that(
                fetched[ATTEMPTS] | beam.Map(lambda a: (a.url.rsplit("/", 1)[1], a.status, a.not_modified)),
                equal_to([("same", 304, True), ("missing", 404, False)]),
                label="Attempts",
            )


def attempt(url, **fields):
    base = {
        "source": "s",
        "url": url,
        "attempt": 1,
        "final": True,
        "started_at": dt.datetime.now(dt.UTC),
        "elapsed_ms": 1.0,
    }
    return FetchAttempt(**{**base, **fields})


def test_latest_validators_replace_on_200_refresh_on_304_keep_on_failure():
    previous = {
        "u200": Validators("old", "Mon"),
        "u304": Validators("e1", "Mon"),
        "ufail": Validators("keep", "Tue"),
    }
    attempts = [
        attempt("u200", status=200, etag="new", last_modified=""),
        attempt("u304", status=304, not_modified=True, etag="e2"),
        attempt("ufail", status=500, error_reason="http_500"),
        attempt("unew", status=200, etag="", last_modified="Wed"),
        attempt("retried", status=200, etag="x", final=False),
    ]
    assert latest_validators(previous, attempts) == {
        "u200": Validators("new", ""),
        "u304": Validators("e2", "Mon"),
        "ufail": Validators("keep", "Tue"),
        "unew": Validators("", "Wed"),
    }
