"""DedupeAcrossPolls: state that spans polls, checked-on-access expiry, ids already stored, other records passed on."""

import datetime as dt

import apache_beam as beam
import pyarrow as pa
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to
from apache_beam.transforms.periodicsequence import PeriodicImpulse

from tests.transforms.streaming.state_doubles import FakeState
from transforms.dedupe import Duplicate
from transforms.records import Article, Reject
from transforms.rows import SCHEMAS, article_row
from transforms.streaming.dedupe_state import DedupeAcrossPolls, KeepNewContentFn, KeepNewIdsFn
from transforms.write import write_parquet


def article(article_id: str, content_hash: str | None = None) -> Article:
    return Article(
        article_id=article_id,
        source="feed",
        source_kind="rss",
        input_ref=f"http://feed#{article_id}",
        text=f"text of {article_id}",
        content_hash=content_hash or f"hash-{article_id}",
        ingested_at=dt.datetime(2026, 11, 27, tzinfo=dt.UTC),
    )


# What each poll of a feed returns: the same items again and again, plus new ones.
POLLS = [["a", "b"], ["a", "b", "c"], ["a", "b", "c"], ["d", "a"]]


def poll_articles(tick_index: int):
    return [article(article_id) for article_id in POLLS[tick_index]]


def test_each_id_passes_once_across_polls_on_the_streaming_fnapi_runner():
    start = dt.datetime.now(dt.UTC).timestamp()
    options = PipelineOptions(["--runner=FnApiRunner", "--streaming"])
    with beam.Pipeline(options=options) as pipeline:
        ticks = pipeline | PeriodicImpulse(start_timestamp=start, stop_timestamp=start + 1.1, fire_interval=0.3)
        articles = ticks | beam.FlatMap(lambda tick: poll_articles(min(3, round((tick - start) / 0.3))))
        deduped = articles | DedupeAcrossPolls(None, ttl_seconds=3600, max_ids=1000, shards=4)
        unique = deduped | beam.Filter(lambda r: isinstance(r, Article)) | beam.Map(lambda a: a.article_id)
        assert_that(unique, equal_to(["a", "b", "c", "d"]))
        reasons = (
            deduped
            | "Duplicates" >> beam.Filter(lambda r: isinstance(r, Duplicate))
            | "Reasons" >> beam.Map(lambda d: (d.article_id, d.reason))
        )
        expected = [("a", "already_seen")] * 3 + [("b", "already_seen")] * 2 + [("c", "already_seen")]
        assert_that(reasons, equal_to(expected), label="CheckDuplicates")


def test_the_cap_expires_old_ids_on_the_streaming_fnapi_runner():
    # One shard holding at most 2 ids, kept across bundles: when 'c' arrives, 'a' is the least recently
    # seen and is forgotten, so the third poll's 'a' passes again. No timer is involved.
    start = dt.datetime.now(dt.UTC).timestamp()
    options = PipelineOptions(["--runner=FnApiRunner", "--streaming"])
    polls = [["a", "b"], ["c"], ["a"]]
    with beam.Pipeline(options=options) as pipeline:
        ticks = pipeline | PeriodicImpulse(start_timestamp=start, stop_timestamp=start + 0.8, fire_interval=0.3)
        articles = ticks | beam.FlatMap(
            lambda tick: [article(i) for i in polls[min(2, round((tick - start) / 0.3))]]
        )
        deduped = articles | DedupeAcrossPolls(None, ttl_seconds=3600, max_ids=2, shards=1)
        unique = deduped | beam.Filter(lambda r: isinstance(r, Article)) | beam.Map(lambda a: a.article_id)
        assert_that(unique, equal_to(["a", "b", "c", "a"]))


def test_ttl_forgets_an_id_not_seen_for_longer_than_the_ttl():
    now = [1000.0]
    dedupe = KeepNewIdsFn(None, ttl_seconds=60, max_per_shard=100, clock=lambda: now[0])
    dedupe.setup()
    state = FakeState()
    assert [a.article_id for a in dedupe.process((0, article("a")), state)] == ["a"]
    now[0] += 59
    assert [out.reason for out in dedupe.process((0, article("a")), state)] == ["already_seen"]
    now[0] += 61  # unseen for 61 s since the last sighting
    assert [a.article_id for a in dedupe.process((0, article("a")), state)] == ["a"]


def test_changed_text_under_a_known_id_is_the_next_revision():
    dedupe = KeepNewIdsFn(None, ttl_seconds=60, max_per_shard=100)
    dedupe.setup()
    state = FakeState()
    list(dedupe.process((0, article("a", "h1")), state))
    (revised,) = dedupe.process((0, article("a", "h2")), state)
    assert revised.revision == 2


def test_same_text_under_a_new_id_is_a_duplicate():
    dedupe = KeepNewContentFn(None, ttl_seconds=60, max_per_shard=100)
    dedupe.setup()
    state = FakeState()
    list(dedupe.process((0, article("a", "same")), state))
    (duplicate,) = dedupe.process((0, article("b", "same")), state)
    assert isinstance(duplicate, Duplicate) and (duplicate.reason, duplicate.kept) == ("same_content", "a")


def test_ids_and_texts_already_stored_in_the_output_are_skipped(tmp_path):
    stored = article("a", "h-a")
    stored.date_source = "ingested"
    row = article_row(stored, "earlier-run")
    table = pa.Table.from_pylist([row], schema=SCHEMAS["articles"])
    write_parquet(table, str(tmp_path / "articles" / "topic=general" / "date=2026-11-27" / "part-x.parquet"))
    by_id = KeepNewIdsFn(str(tmp_path), ttl_seconds=60, max_per_shard=100)
    by_id.setup()
    (duplicate,) = by_id.process((0, article("a", "h-a")), FakeState())
    assert duplicate.reason == "already_stored"
    by_content = KeepNewContentFn(str(tmp_path), ttl_seconds=60, max_per_shard=100)
    by_content.setup()
    (duplicate,) = by_content.process((0, article("z", "h-a")), FakeState())
    assert duplicate.reason == "already_stored_content"


@pytest.mark.parametrize("shards", [1, 16])
def test_the_cap_is_shared_out_between_shards(shards):
    assert DedupeAcrossPolls(None, max_ids=1600, shards=shards)._max_per_shard == 1600 // shards


def test_records_that_are_not_articles_pass_through_without_touching_state():
    reject = Reject(stage="read", reason="http_404", detail="gone", source="feed", input_ref="http://feed")
    for fn in (KeepNewIdsFn, KeepNewContentFn):
        dedupe = fn(None, ttl_seconds=60, max_per_shard=100)
        dedupe.setup()
        state = FakeState()
        assert list(dedupe.process((3, reject), state)) == [reject] and state.read() is None
