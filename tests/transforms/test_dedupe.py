"""Dedupe: one copy per article id and per content, and nothing already stored is written again."""

import pickle

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from tests.transforms.factories import make_article
from transforms.dedupe import DUPLICATES, ArticleKey, Dedupe
from transforms.spill import RecordRef

RUN_ID = "20261127T120000Z-dedupe"


def run_dedupe(articles, root, expected_kept, expected_duplicates):
    with TestPipeline(runner="FnApiRunner") as pipeline:
        result = pipeline | beam.Create(articles) | Dedupe(str(root), RUN_ID)
        assert_that(result["articles"] | beam.Map(lambda a: a.input_ref), equal_to(expected_kept), label="Kept")
        assert_that(
            result[DUPLICATES] | beam.Map(lambda d: (d.article_id, d.reason)),
            equal_to(expected_duplicates),
            label="Duplicates",
        )


def test_same_url_through_two_feeds_is_kept_once_longest_text_wins(tmp_path):
    short = make_article("Short text.", url="https://ex.org/a?utm_source=x", input_ref="feed-a#0", source="a")
    long = make_article("Short text, but longer.", url="https://EX.org/a", input_ref="feed-b#3", source="b")
    assert short.article_id == long.article_id
    run_dedupe([short, long], tmp_path, ["feed-b#3"], [(short.article_id, "same_id")])


def test_same_content_under_two_ids_is_a_duplicate(tmp_path):
    first = make_article("Same words  here.", url="https://ex.org/1", input_ref="a")
    second = make_article("same words here.", url="https://ex.org/2", input_ref="b")
    assert first.article_id != second.article_id and first.content_hash == second.content_hash
    run_dedupe([first, second], tmp_path, ["a"], [(second.article_id, "same_content")])


def test_articles_already_in_the_output_are_skipped(tmp_path):
    stored = make_article("Stored earlier.", url="https://ex.org/stored", input_ref="old")
    stored_content = make_article("Stored content.", url="https://ex.org/c1", input_ref="old2")
    partition = tmp_path / "articles" / "topic=general" / "date=2026-11-27"
    partition.mkdir(parents=True)
    table = pa.table(
        {
            "article_id": [stored.article_id, stored_content.article_id],
            "content_hash": [stored.content_hash, stored_content.content_hash],
        }
    )
    pq.write_table(table, partition / "part-1.parquet")
    again = make_article("Stored earlier.", url="https://ex.org/stored", input_ref="again")
    moved = make_article("Stored content.", url="https://ex.org/moved", input_ref="moved")
    fresh = make_article("Brand new.", url="https://ex.org/new", input_ref="new")
    run_dedupe(
        [again, moved, fresh],
        tmp_path,
        ["new"],
        [(again.article_id, "already_stored"), (moved.article_id, "already_stored_content")],
    )


def test_changed_text_under_a_stored_id_becomes_the_next_revision(tmp_path):
    partition = tmp_path / "articles" / "topic=general" / "date=2026-11-27"
    partition.mkdir(parents=True)
    first = make_article("First version.", url="https://ex.org/story")
    second = make_article("Second version.", url="https://ex.org/story")
    table = pa.table(
        {
            "article_id": [first.article_id, second.article_id],
            "content_hash": [first.content_hash, second.content_hash],
            "revision": pa.array([1, 2], pa.int32()),
        }
    )
    pq.write_table(table, partition / "part-1.parquet")
    edited = make_article("Third, edited version.", url="https://ex.org/story", input_ref="edited")
    with TestPipeline(runner="FnApiRunner") as pipeline:
        result = pipeline | beam.Create([edited]) | Dedupe(str(tmp_path), RUN_ID)
        assert_that(result["articles"] | beam.Map(lambda a: (a.input_ref, a.revision)), equal_to([("edited", 3)]))


def test_overwrite_mode_ignores_what_is_stored(tmp_path):
    stored = make_article("Stored earlier.", url="https://ex.org/stored")
    partition = tmp_path / "articles" / "topic=general" / "date=2026-11-27"
    partition.mkdir(parents=True)
    pq.write_table(
        pa.table({"article_id": [stored.article_id], "content_hash": [stored.content_hash]}), partition / "p.parquet"
    )
    again = make_article("Stored earlier.", url="https://ex.org/stored", input_ref="again")
    with TestPipeline(runner="FnApiRunner") as pipeline:
        result = pipeline | beam.Create([again]) | Dedupe(str(tmp_path), RUN_ID, skip_stored=False)
        assert_that(result["articles"] | beam.Map(lambda a: (a.input_ref, a.revision)), equal_to([("again", 1)]))


def test_a_key_crosses_shuffles_packed_and_comes_back_whole():
    key = ArticleKey(
        article_id="0" * 32,
        content_hash="f" * 32,
        source="périodiques-ελληνικά",  # any text: sources and refs are user-named
        input_ref="https://news.example/feed?x=1:17",
        text_length=2**40,  # beyond 32 bits
        ref=RecordRef("abc.records", offset=2**33, length=7, size=0),
        revision=12,
    )
    packed = key.pack()
    assert isinstance(packed, bytes) and len(packed) < len(pickle.dumps(key))  # what Beam would send otherwise
    assert ArticleKey.unpack(packed) == key
