"""Spill files: written by the producing step, read back by reference, inside staging, gone after the commit."""

import datetime as dt

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from apache_beam.testing.test_pipeline import TestPipeline

from tests.transforms.factories import INGESTED_AT, make_article
from transforms.dedupe import Dedupe
from transforms.journal import recover_interrupted_commits
from transforms.records import Reject, Sentence
from transforms.rows import SCHEMAS, reject_row
from transforms.spill import (
    BY_LOCATION,
    RecordSpillWriter,
    RowSpillWriter,
    plain_schema,
    read_records,
    read_row_batches,
    spill_codec,
    spill_folder,
)
from transforms.write import WriteDatasets, staging_root

RUN_ID = "20261127T120000Z-spill1"


def reject(number: int, reason: str) -> Reject:
    return Reject(
        stage="parse",
        reason=reason,
        detail=f"line {number}",
        source=f"feed-{number % 3}",
        input_ref=f"f:line-{number:04d}",
        payload="x" * number,
        rejected_at=INGESTED_AT,
    )


def test_rows_come_back_per_key_with_their_dictionary_columns(tmp_path):
    folder = str(tmp_path / "spill")
    writer = RowSpillWriter(folder, SCHEMAS, max_rows_per_batch=7, max_buffered_rows=10)
    expected: dict[str, list[str]] = {"a": [], "b": [], "c": []}
    for number in range(60):
        key = "abc"[number % 3] if number < 45 else "a"
        row = reject_row(reject(number, f"reason-{key}"), RUN_ID)
        writer.append("rejects", key, row)
        expected[key].append(row["input_ref"])
    refs = writer.close()
    assert {key for key, _ in refs} == {"a", "b", "c"}
    files = list((tmp_path / "spill" / "rejects").glob("*.arrow"))
    assert len(files) == 1  # one file per dataset per bundle
    batches = pa.ipc.open_file(pa.memory_map(str(files[0]))).num_record_batches
    assert batches >= 60 // 7  # flushed as it went, never held whole
    for key, inputs in expected.items():
        table = read_row_batches([ref for k, ref in refs if k == key], SCHEMAS["rejects"])
        assert table.schema == plain_schema(SCHEMAS["rejects"])  # write.py encodes dictionaries again, per group
        assert sorted(table.column("input_ref").to_pylist()) == sorted(inputs)
        assert set(table.column("reason").to_pylist()) == {f"reason-{key}"}


def test_a_bundle_never_buffers_more_rows_than_its_budget(tmp_path):
    writer = RowSpillWriter(str(tmp_path), SCHEMAS, max_rows_per_batch=1_000, max_buffered_rows=20)
    for number in range(200):  # 50 partitions of 4 rows: no buffer ever fills, the budget forces flushes
        writer.append("rejects", number % 50, reject_row(reject(number, "r"), RUN_ID))
        assert writer.buffered_rows <= 20
    refs = writer.close()
    total = sum(read_row_batches([ref], SCHEMAS["rejects"]).num_rows for _, ref in refs)
    assert total == 200


def test_rows_added_as_columns_count_towards_the_budget_and_come_back_whole(tmp_path):
    writer = RowSpillWriter(str(tmp_path), SCHEMAS, max_rows_per_batch=7, max_buffered_rows=1_000)
    names = SCHEMAS["rejects"].names
    inputs = []
    for chunk in range(4):
        rows = [reject_row(reject(chunk * 5 + number, "r"), RUN_ID) for number in range(5)]
        writer.extend("rejects", "k", {name: [row[name] for row in rows] for name in names})
        inputs += [row["input_ref"] for row in rows]
        # 5 rows stay buffered, 10 reach the batch size and are flushed: never more than one batch held.
        assert writer.buffered_rows == (5 if chunk % 2 == 0 else 0)
    refs = writer.close()
    table = read_row_batches([ref for _, ref in refs], SCHEMAS["rejects"])
    assert table.column("input_ref").to_pylist() == inputs


def test_plain_schema_drops_only_dictionary_encoding():
    plain = plain_schema(SCHEMAS["sentences"])
    assert plain.names == SCHEMAS["sentences"].names
    assert plain.metadata == SCHEMAS["sentences"].metadata
    assert not any(pa.types.is_dictionary(field.type) for field in plain)
    assert plain.field("lang").type == pa.string()


@pytest.mark.parametrize("codec", [BY_LOCATION, "zstd"])
def test_records_come_back_whole_by_reference_from_several_files(tmp_path, codec):
    articles = [make_article(f"Texto número {n}. " * (n + 1), url=f"https://ex.org/{n}") for n in range(12)]
    refs = []
    for batch in (articles[:5], articles[5:]):  # two bundles, two files
        writer = RecordSpillWriter(str(tmp_path), compression=codec)
        refs += [writer.write(article) for article in batch]
        writer.close()
    assert len(list(tmp_path.glob("*.records"))) == 2
    assert all((ref.length < ref.size) == (codec == "zstd") for ref in refs)  # repetitive texts compress
    wanted = refs[::-1][::2]  # any subset, in any order
    loaded = dict(read_records(str(tmp_path), wanted, compression=codec))
    assert set(loaded) == set(wanted)
    for ref, article in loaded.items():
        assert article == articles[refs.index(ref)]


def test_spill_folder_is_inside_the_runs_staging_folder():
    assert spill_folder("/out", RUN_ID).startswith(staging_root("/out", RUN_ID) + "/")


@pytest.fixture(scope="module")
def staged_only(tmp_path_factory):
    """Dedupe and WriteDatasets without the commit: what a run leaves if it dies just before committing."""
    root = tmp_path_factory.mktemp("out")
    published = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
    articles = [
        make_article(
            f"Artículo {n}. Segunda frase.",
            url=f"https://ex.org/{n}",
            published_at=published,
            sentences=[Sentence(0, f"Artículo {n}.", 0, len(f"Artículo {n}."))],
        )
        for n in range(30)
    ]
    copy = make_article("Artículo 0. Segunda frase.", url="https://ex.org/0", input_ref="memory:2")
    with TestPipeline(runner="FnApiRunner") as pipeline:
        unique = pipeline | beam.Create([*articles, copy]) | Dedupe(str(root), RUN_ID)
        rejects = pipeline | "Rejects" >> beam.Create([reject(1, "invalid_json")])
        (unique["articles"], rejects) | WriteDatasets(str(root), RUN_ID)
    return root


def test_spill_files_are_written_under_staging_and_invisible_to_readers(staged_only):
    spill = staged_only / "_staging" / RUN_ID / "spill"
    assert list(spill.glob("*.records"))  # the parsed articles, before dedupe decided
    for dataset in ("articles", "sentences", "rejects"):
        assert list((spill / dataset).glob("*.arrow")), dataset
    outside = [p for p in staged_only.rglob("*") if p.is_file() and "_staging" not in p.parts]
    assert outside == []  # nothing published: readers of <root>/<dataset>/** find no file


def test_staged_partitions_hold_the_spilled_rows_once(staged_only):
    staged = staged_only / "_staging" / RUN_ID
    articles = pq.read_table(next((staged / "articles").rglob("*.parquet")))
    assert articles.num_rows == 30  # 31 inputs, one same-id copy dropped
    assert articles.column("article_id").to_pylist() == sorted(articles.column("article_id").to_pylist())
    assert articles.schema.remove_metadata().equals(SCHEMAS["articles"].remove_metadata())
    sentences = pq.read_table(next((staged / "sentences").rglob("*.parquet")))
    assert sentences.num_rows == 30


def test_recovery_of_a_run_that_died_before_its_journal_removes_the_spill(staged_only):
    recover_interrupted_commits(str(staged_only))
    assert not (staged_only / "_staging").exists()


def test_local_row_spills_are_plain_and_remote_ones_zstd(tmp_path):
    assert spill_codec(str(tmp_path)) is None
    assert spill_codec("gs://bucket/news/_staging/run/spill") == "zstd"
    sizes = {}
    for name, codec in [("local default", BY_LOCATION), ("zstd", "zstd")]:
        folder = tmp_path / name
        writer = RowSpillWriter(str(folder), SCHEMAS, compression=codec)
        for _ in range(100):  # 100 payloads of 2,000 x (a reject keeps MAX_REJECT_PAYLOAD_CHARS)
            writer.append("rejects", "a", reject_row(reject(3_000, "why"), RUN_ID))
        writer.close()
        (spilled,) = (folder / "rejects").glob("*.arrow")
        sizes[name] = spilled.stat().st_size
    assert sizes["local default"] > 150_000 > 15_000 > sizes["zstd"]


@pytest.mark.parametrize("codec", [None, "zstd", "lz4"])
def test_rows_come_back_whole_with_any_codec(tmp_path, codec):
    writer = RowSpillWriter(str(tmp_path), SCHEMAS, max_rows_per_batch=4, compression=codec)
    rows = [reject_row(reject(number, f"reason-{number % 2}"), RUN_ID) for number in range(10)]
    for row in rows:
        writer.append("rejects", row["reason"], row)
    refs = writer.close()
    for reason in ("reason-0", "reason-1"):
        table = read_row_batches([ref for key, ref in refs if key == reason], SCHEMAS["rejects"])
        assert table.to_pylist() == [row for row in rows if row["reason"] == reason]
