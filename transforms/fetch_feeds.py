"""Fetching feeds: URLs -> raw documents, with retries, politeness and one FetchAttempt per try.

ReadInputs fetches URLs with FetchFeedsFn (read.py); the streaming poller
builds on ConcurrentFetchFn (streaming/poll.py).

Each worker fetches its bundle's URLs concurrently on a thread pool (feeds
are I/O-bound), with at most `per_host` requests in flight to any one host.
Conditional GET uses the validators the last committed run stored; a 304 is
"nothing new": no document, no reject, one fetch-log row. Every attempt,
failed or not, becomes a FetchAttempt for the fetch log.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
import random
import threading
import time
from collections import defaultdict
from urllib.parse import urlsplit

import apache_beam as beam

from transforms.fetch import (
    DEFAULT_CONTACT_URL,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_TIMEOUT,
    DEFAULT_TOTAL_TIMEOUT,
    FetchError,
    FetchResponse,
    Validators,
    fetch,
    new_session,
)
from transforms.readers.document import RawDocument, read_reject
from transforms.retry import RetryPolicy, is_retryable, retry_delay
from transforms.sources import SourceSpec
from transforms.steps import REJECTS

ATTEMPTS = "fetch_attempts"
FLUSH_EVERY = 256  # URLs gathered before a concurrent round, bounding memory per bundle


@dataclasses.dataclass(frozen=True)
class FetchSettings:
    concurrency: int = 16
    per_host: int = 2
    retry: RetryPolicy = dataclasses.field(default_factory=RetryPolicy)
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    contact_url: str = DEFAULT_CONTACT_URL


@dataclasses.dataclass(slots=True)
class FetchAttempt:
    source: str
    url: str
    attempt: int
    final: bool  # the last attempt for this URL in this run
    started_at: dt.datetime
    elapsed_ms: float
    status: int | None = None
    not_modified: bool = False
    bytes: int = 0
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""
    final_url: str = ""
    error_reason: str = ""  # '' when the attempt succeeded (200 or 304)
    error_message: str = ""


class HostLimiter:
    """At most `per_host` concurrent requests to one host, across threads."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    def slot(self, url: str) -> threading.BoundedSemaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            if host not in self._slots:
                self._slots[host] = threading.BoundedSemaphore(self._per_host)
            return self._slots[host]


_LIMITERS_LOCK = threading.Lock()
_LIMITERS: dict[int, HostLimiter] = {}


def shared_host_limiter(per_host: int) -> HostLimiter:
    """The worker process's limiter: a runner may process several bundles at once, each with its
    own DoFn instance, and a limiter per instance let each of them send `per_host` requests."""
    with _LIMITERS_LOCK:
        if per_host not in _LIMITERS:
            _LIMITERS[per_host] = HostLimiter(per_host)
        return _LIMITERS[per_host]


def fetch_with_retries(
    fetch_once,
    source: str,
    url: str,
    policy: RetryPolicy,
    *,
    limiter: HostLimiter | None = None,
    sleep=time.sleep,
    rng: random.Random | None = None,
) -> tuple[FetchResponse | FetchError, list[FetchAttempt]]:
    """Try `fetch_once(url)` until it succeeds or the policy says stop; every try is recorded."""
    rng = rng or random.Random()
    attempts: list[FetchAttempt] = []
    attempt = 0
    while True:
        attempt += 1
        started_at = dt.datetime.now(dt.UTC)
        clock = time.perf_counter()
        slot = limiter.slot(url) if limiter else None
        try:
            if slot:
                slot.acquire()
            try:
                outcome: FetchResponse | FetchError = fetch_once(url)
            finally:
                if slot:
                    slot.release()
        except FetchError as error:
            outcome = error
        record = FetchAttempt(
            source=source,
            url=url,
            attempt=attempt,
            final=True,
            started_at=started_at,
            elapsed_ms=(time.perf_counter() - clock) * 1000,
        )
        attempts.append(record)
        if isinstance(outcome, FetchResponse):
            record.status, record.not_modified, record.bytes = outcome.status, outcome.not_modified, len(outcome.body)
            record.final_url = outcome.url
            _copy_headers(record, outcome.headers)
            return outcome, attempts
        record.status, record.error_reason, record.error_message = outcome.status, outcome.reason, str(outcome)[:1000]
        _copy_headers(record, outcome.headers)
        delay = None
        if is_retryable(outcome.reason):
            delay = retry_delay(policy, attempt, outcome.headers.get("retry-after", ""), rng, started_at)
        if delay is None:
            return outcome, attempts
        record.final = False
        sleep(delay)


def _copy_headers(record: FetchAttempt, headers: dict[str, str]) -> None:
    record.etag = headers.get("etag", "")
    record.last_modified = headers.get("last-modified", "")
    record.content_type = headers.get("content-type", "")[:200]


class ConcurrentFetchFn(beam.DoFn):
    """What every fetching DoFn shares: a thread pool, a per-host limit and one HTTP session per thread.

    Batch (FetchFeedsFn) and streaming (FetchShardFn) fetchers build on it.
    """

    def __init__(self, settings: FetchSettings) -> None:
        super().__init__()
        self._settings = settings

    def setup(self) -> None:
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=self._settings.concurrency)
        self._limiter = shared_host_limiter(self._settings.per_host)
        self._local = threading.local()  # one requests.Session per thread: sessions are not thread-safe

    def teardown(self) -> None:
        self._executor.shutdown(wait=True)

    def _session(self):
        if not hasattr(self._local, "session"):
            self._local.session = new_session(self._settings.contact_url)
        return self._local.session


class FetchFeedsFn(ConcurrentFetchFn):
    """(spec, url) -> RawDocument on the main output, Reject on REJECTS, FetchAttempt on ATTEMPTS."""

    def __init__(self, settings: FetchSettings, validators: dict[str, Validators]) -> None:
        super().__init__(settings)
        self._validators = validators

    def start_bundle(self) -> None:
        self._pending: list[tuple[SourceSpec, str, beam.utils.windowed_value.WindowedValue]] = []

    def process(self, element, windowed=beam.DoFn.WindowedValueParam):
        spec, url = element
        self._pending.append((spec, url, windowed))
        if len(self._pending) >= FLUSH_EVERY:
            yield from self._flush()

    def finish_bundle(self):
        yield from self._flush()

    def _fetch_one(self, spec: SourceSpec, url: str):
        settings = self._settings

        def fetch_once(target: str) -> FetchResponse:
            return fetch(
                self._session(),
                target,
                self._validators.get(url, Validators()),
                timeout=settings.timeout,
                max_body_bytes=settings.max_body_bytes,
                total_timeout=settings.total_timeout,
            )

        return fetch_with_retries(fetch_once, spec.source_for(url), url, settings.retry, limiter=self._limiter)

    def _flush(self):
        pending, self._pending = self._pending, []
        futures = [
            (spec, url, windowed, self._executor.submit(self._fetch_one, spec, url)) for spec, url, windowed in pending
        ]
        for spec, url, windowed, future in futures:
            outcome, attempts = future.result()
            for attempt in attempts:
                yield beam.pvalue.TaggedOutput(ATTEMPTS, windowed.with_value(attempt))
            if isinstance(outcome, FetchError):
                detail = f"{outcome} (after {len(attempts)} attempt{'s' if len(attempts) > 1 else ''})"
                reject = read_reject(spec, url, outcome.reason, detail)
                yield beam.pvalue.TaggedOutput(REJECTS, windowed.with_value(reject))
            elif not outcome.not_modified:
                yield windowed.with_value(
                    RawDocument(spec=spec, location=url, content=outcome.body, headers=outcome.headers)
                )


def latest_validators(previous: dict[str, Validators], attempts: list[FetchAttempt]) -> dict[str, Validators]:
    """Validators to store after this run: a 200 replaces them, a 304 may refresh them, failures keep them."""
    updated = dict(previous)
    finals = defaultdict(list)
    for attempt in attempts:
        if attempt.final:
            finals[attempt.url].append(attempt)
    for url, records in finals.items():
        record = records[-1]
        if record.error_reason:
            continue
        if record.status == 304:
            old = updated.get(url, Validators())
            updated[url] = Validators(record.etag or old.etag, record.last_modified or old.last_modified)
        else:
            updated[url] = Validators(etag=record.etag, last_modified=record.last_modified)
    return updated
