"""Feed polling for a stream: fetch each feed with a conditional GET, validators kept in keyed state.

Feeds are dealt into shards of at most `concurrency` feeds; each shard is one
key whose state maps feed URL -> Validators (ETag, Last-Modified). Every tick
sends every shard to FetchShardFn (run by read_changed.py), which fetches the shard's feeds at once on
a thread pool (the batch fetcher's retries, host limiter and per-thread
sessions), then stores what the servers answered with `latest_validators`, so
the next poll sends If-None-Match / If-Modified-Since and an unchanged feed
costs a 304: one fetch-log row, no document. State is the runner's: it
survives worker restarts on a real streaming runner; on the FnApiRunner it
lives as long as the process, seeded from `<output>/_state/feed_validators.json`.
"""

from __future__ import annotations

import apache_beam as beam
from apache_beam.coders import PickleCoder
from apache_beam.transforms.userstate import ReadModifyWriteStateSpec

from transforms.fetch import FetchError, FetchResponse, Validators, fetch
from transforms.fetch_feeds import ATTEMPTS, ConcurrentFetchFn, FetchSettings, fetch_with_retries, latest_validators
from transforms.readers.document import RawDocument, read_reject
from transforms.sources import SourceSpec
from transforms.steps import REJECTS

VALIDATORS_SPEC = ReadModifyWriteStateSpec("validators", PickleCoder())
VALIDATORS_STATE = beam.DoFn.StateParam(VALIDATORS_SPEC)


def feed_shards(specs: list[SourceSpec], per_shard: int) -> list[tuple[int, tuple[SourceSpec, ...]]]:
    """The feeds dealt round-robin into shards of at most `per_shard`, each with a stable shard number."""
    count = max(1, -(-len(specs) // max(1, per_shard)))
    return [(shard, tuple(specs[shard::count])) for shard in range(count) if specs[shard::count]]


class FetchShardFn(ConcurrentFetchFn):
    """(shard, feeds) -> RawDocument per changed feed, Reject per failed feed, FetchAttempt per try."""

    def __init__(self, settings: FetchSettings, initial_validators: dict[str, Validators]) -> None:
        super().__init__(settings)
        self._initial_validators = initial_validators

    def _fetch_one(self, spec: SourceSpec, validators: Validators):
        settings = self._settings

        def fetch_once(target: str) -> FetchResponse:
            return fetch(
                self._session(),
                target,
                validators,
                timeout=settings.timeout,
                max_body_bytes=settings.max_body_bytes,
                total_timeout=settings.total_timeout,
            )

        source = spec.source_for(spec.location)
        return fetch_with_retries(fetch_once, source, spec.location, settings.retry, limiter=self._limiter)

    def process(self, element, state=VALIDATORS_STATE):
        _, specs = element
        known: dict[str, Validators] = state.read()
        if known is None:
            initial = self._initial_validators
            known = {spec.location: initial[spec.location] for spec in specs if spec.location in initial}
        futures = [
            (spec, self._executor.submit(self._fetch_one, spec, known.get(spec.location, Validators())))
            for spec in specs
        ]
        every_attempt = []
        for spec, future in futures:
            outcome, attempts = future.result()
            every_attempt += attempts
            for attempt in attempts:
                yield beam.pvalue.TaggedOutput(ATTEMPTS, attempt)
            if isinstance(outcome, FetchError):
                detail = f"{outcome} (after {len(attempts)} attempt{'s' if len(attempts) > 1 else ''})"
                yield beam.pvalue.TaggedOutput(REJECTS, read_reject(spec, spec.location, outcome.reason, detail))
            elif not outcome.not_modified:
                yield RawDocument(spec=spec, location=spec.location, content=outcome.body, headers=outcome.headers)
        state.write(latest_validators(known, every_attempt))
