"""ReadChangedSources: one keyed step reads changed feeds (conditional GET) and new files, into one PCollection."""

from tests.support.http_server import serve
from tests.transforms.streaming.live_feed import LiveFeed, drop_text
from tests.transforms.streaming.state_doubles import FakeState
from transforms.fetch_feeds import FetchSettings
from transforms.fetch_log import FetchLogRecord
from transforms.readers.document import RawDocument
from transforms.records import Reject
from transforms.sources import SourceSpec
from transforms.streaming.poll import feed_shards
from transforms.streaming.read_changed import ListSourcesFn, ReadChangedSourcesFn


def reader(now: list[float]) -> ReadChangedSourcesFn:
    fn = ReadChangedSourcesFn(
        FetchSettings(), {}, max_bytes=1_000_000, ttl_seconds=3600, max_files_per_shard=100, min_age_seconds=0,
        clock=lambda: now[0],
    )
    fn.setup()
    return fn


def test_a_tick_lists_feed_shards_and_files_under_separate_keys(tmp_path):
    drop_text(tmp_path, 1)
    feeds = [SourceSpec("http://a.example/rss"), SourceSpec("http://b.example/rss")]
    listed = list(ListSourcesFn(feed_shards(feeds, 1), [SourceSpec(str(tmp_path))], 4).process(0))
    feed_keys = [key for key, _ in listed if key.startswith("feeds-")]
    file_items = [item for key, item in listed if key.startswith("files-")]
    assert sorted(feed_keys) == ["feeds-0", "feeds-1"]
    assert [path.rsplit("/", 1)[-1] for _, path, _, _ in file_items] == ["note-1.txt"]


def test_a_new_file_is_read_once_and_an_unreadable_one_is_a_reject(tmp_path):
    now = [2e9]
    fn, state = reader(now), FakeState()
    path = drop_text(tmp_path, 7)
    stat = path.stat()
    element = ("files-0", (SourceSpec(str(tmp_path)), str(path), stat.st_size, stat.st_mtime))
    (document,) = fn.process(element, FakeState(), state)
    assert isinstance(document, RawDocument) and b"Report number 7" in document.content
    assert list(fn.process(element, FakeState(), state)) == []  # listed again, unchanged: not read again
    gone = ("files-0", (SourceSpec(str(tmp_path)), str(tmp_path / "gone.txt"), 3, 1.0))
    (reject,) = fn.process(gone, FakeState(), state)
    assert isinstance(reject, Reject) and reject.reason == "unreadable_file"
    fn.teardown()


def test_a_feed_shard_is_fetched_then_costs_a_304_with_the_validators_in_state():
    routes: dict = {}
    feed = LiveFeed(routes)
    feed.add(1)
    fn, validators = reader([2e9]), FakeState()
    with serve(routes) as (base, log):
        shard = ("feeds-0", (SourceSpec(f"{base}/live.rss"),))
        first = list(fn.process(shard, validators, FakeState()))
        second = list(fn.process(shard, validators, FakeState()))
    assert sorted(type(r).__name__ for r in first) == ["FetchLogRecord", "RawDocument"]
    (not_modified,) = second  # an unchanged feed: one fetch-log record, no document
    assert isinstance(not_modified, FetchLogRecord) and not_modified.attempt.status == 304
    assert "if-none-match" in log.requests[-1].headers
    fn.teardown()
