"""WriteDatasets + CommitRun: Parquet round trip, partitions, schema, atomic publication, manifest."""

import datetime as dt
import json

import apache_beam as beam
import duckdb
import pyarrow.dataset as ds
import pytest
from apache_beam.testing.test_pipeline import TestPipeline

from tests.transforms.factories import INGESTED_AT, make_article
from transforms import accounting, schema, storage
from transforms.commit import CommitRun
from transforms.journal import recover_interrupted_commits
from transforms.records import Entity, Reject, Sentence
from transforms.rows import SCHEMAS
from transforms.write import WriteDatasets, dictionary_columns

UTC = dt.UTC
RUN_ID = "20261127T120000Z-test01"


def sentence(index, text, start, **fields):
    return Sentence(index=index, text=text, start=start, end=start + len(text), lang="es", lang_prob=0.99, **fields)


def sample_records():
    politics = make_article(
        "El presidente habló. Kim viajó.",
        url="https://ex.org/1",
        published_at=dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        sentences=[
            sentence(0, "El presidente habló.", 0, topics=["politics"], topic_scores=[1.0], places=["KP"]),
            sentence(1, "Kim viajó.", 21, entities=[Entity("Kim", "MISC", 0, 3)]),
        ],
        topic="politics",
        topic_scores={"politics": 1.0},
        lang="es",
        lang_prob=0.99,
    )
    hostile = make_article(
        "Ancient text.",
        url="https://ex.org/2",
        published_at=dt.datetime(1, 1, 1, tzinfo=UTC),
        sentences=[sentence(0, "Ancient text.", 0)],
        topic="../../etc/passwd",
    )
    future = make_article(
        "Far future.",
        url="https://ex.org/3",
        published_at=dt.datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
        sentences=[sentence(0, "Far future.", 0)],
    )
    reject = Reject(
        stage="parse", reason="invalid_json", detail="line 3", source="s", input_ref="f:line-3", payload="{"
    )
    return [politics, hostile, future, reject]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    root = tmp_path_factory.mktemp("out")
    records = sample_records()
    run_info = {"run_id": RUN_ID, "started_at": INGESTED_AT.isoformat()}
    with TestPipeline(runner="FnApiRunner") as pipeline:
        created = pipeline | beam.Create(records)
        articles = created | "Articles" >> beam.Filter(lambda r: not isinstance(r, Reject))
        rejects = created | "Rejects" >> beam.Filter(lambda r: isinstance(r, Reject))
        ledger = (
            articles | "In" >> beam.FlatMap(accounting.parsed_entries),
            articles | "Out" >> beam.FlatMap(accounting.written_entries),
            rejects | "Rej" >> beam.FlatMap(accounting.rejected_entries),
        ) | beam.Flatten()
        staged = created | WriteDatasets(str(root), RUN_ID)
        staged | CommitRun(str(root), run_info, ledger)
    return root


def test_sentences_read_back_with_pyarrow_typed_partitions(written):
    dataset = ds.dataset(written / "sentences", format="parquet", partitioning=schema.partitioning("sentences"))
    table = dataset.to_table()
    assert table.num_rows == 4
    assert table.schema.field("date").type == "date32"
    assert table.schema.field("published_at").type == schema.SENTENCES.field("published_at").type
    for name in schema.SENTENCES.names:
        assert table.schema.field(name).type == schema.SENTENCES.field(name).type, name
    rows = {r["text"]: r for r in table.to_pylist()}
    # 23:30 at UTC-5 is the next day in UTC: the partition date is the UTC date.
    assert rows["El presidente habló."]["date"] == dt.date(2026, 11, 21)
    assert rows["Kim viajó."]["entities"] == [{"text": "Kim", "type": "MISC", "start": 0, "end": 3}]


def test_every_file_carries_the_exact_schema_and_version(written):
    import pyarrow.parquet as pq

    files = list((written / "sentences").rglob("*.parquet"))
    assert files
    for path in files:
        file_schema = pq.read_schema(path)
        assert file_schema.metadata[schema.SCHEMA_VERSION_KEY] == schema.SCHEMA_VERSION.encode()
        assert file_schema.remove_metadata().equals(schema.SENTENCES.remove_metadata())
        assert pq.ParquetFile(path).metadata.row_group(0).column(0).compression == "ZSTD"


def test_extreme_dates_and_hostile_topic_stay_inside_their_partitions(written):
    partitions = sorted(str(p.relative_to(written)) for p in (written / "articles").glob("topic=*/date=*"))
    assert partitions == [
        "articles/topic=etc-passwd/date=0001-01-01",
        "articles/topic=general/date=9999-12-31",
        "articles/topic=politics/date=2026-11-21",
    ]
    for path in written.rglob("*"):
        assert path.resolve().is_relative_to(written.resolve())


def test_duckdb_reads_all_datasets_as_tables(written):
    con = duckdb.connect()
    counts = con.sql(
        f"select topic, date, count(*) from read_parquet('{written}/sentences/**/*.parquet', hive_partitioning=true)"
        " group by all order by all"
    ).fetchall()
    assert counts == [
        ("etc-passwd", dt.date(1, 1, 1), 1),
        ("general", dt.date(9999, 12, 31), 1),
        ("politics", dt.date(2026, 11, 21), 2),
    ]
    rejects = con.sql(f"select stage, reason from read_parquet('{written}/rejects/**/*.parquet')").fetchall()
    assert rejects == [("parse", "invalid_json")]


def test_commit_publishes_manifest_and_success_and_clears_staging(written):
    assert not (written / "_staging").exists()  # this run's folder, and the emptied parent
    manifest = json.loads((written / "_runs" / f"{RUN_ID}.json").read_text())
    assert json.loads((written / "_SUCCESS").read_text())["run_id"] == RUN_ID
    assert manifest["rows_by_dataset"] == {"articles": 3, "rejects": 1, "sentences": 4}
    totals = manifest["counts"]["totals"]
    assert (totals["inputs"], totals["written"], totals["rejected"], totals["balanced"]) == (4, 3, 1, True)
    listed = sorted(entry["path"] for entry in manifest["files"])
    on_disk = sorted(str(path) for path in written.rglob("*.parquet"))
    assert listed == on_disk


def test_recovery_without_listable_folders_deletes_what_a_dead_run_staged_and_spilled(tmp_path, monkeypatch):
    """The object-store path (gs://, s3://: no folders, objects matched by prefix), run on local files."""
    left = [
        tmp_path / "_staging" / "run-dead" / "spill" / "sentences" / "a.arrow",
        tmp_path / "_staging" / "run-dead" / "spill" / "b.records",
        tmp_path / "_staging" / "run-dead" / "articles" / "topic=general" / "date=2026-11-27" / "part-1.parquet",
    ]
    kept = tmp_path / "articles" / "topic=general" / "date=2026-11-27" / "part-0.parquet"
    for path in [*left, kept]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    monkeypatch.setattr(storage, "is_local", lambda path: False)
    recover_interrupted_commits(str(tmp_path))
    assert [path for path in left if path.exists()] == []
    assert kept.exists()


def test_a_large_partition_is_written_sorted_a_row_group_at_a_time(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    import transforms.write as write

    monkeypatch.setattr(write, "ROWS_PER_GROUP", 4)
    # 9 articles of 3 sentences in one partition, created out of order, 10 rows per file at most.
    articles = [
        make_article(
            f"Artículo {number}.",
            url=f"https://ex.org/big/{number}",
            published_at=dt.datetime(2026, 11, 20, 12, tzinfo=UTC),
            sentences=[sentence(index, f"Frase {number}-{index}.", 20 * index) for index in range(3)],
        )
        for number in (5, 2, 8, 0, 7, 3, 6, 1, 4)
    ]
    with TestPipeline(runner="FnApiRunner") as pipeline:
        _ = pipeline | beam.Create(articles) | WriteDatasets(str(tmp_path), RUN_ID, max_rows_per_file=10)
    files = sorted((tmp_path / "_staging" / RUN_ID / "sentences").rglob("*.parquet"))
    tables = [pq.read_table(path) for path in files]
    assert sorted(table.num_rows for table in tables) == [7, 10, 10]
    per_file = [[(row["article_id"], row["sentence_index"]) for row in table.to_pylist()] for table in tables]
    assert len({key for keys in per_file for key in keys}) == 27
    # Each file is sorted, and the files continue one another: end to end, one sorted sequence.
    end_to_end = [key for keys in sorted(per_file) for key in keys]
    assert end_to_end == sorted(end_to_end)
    for path in files:  # in row groups of at most 4 rows, dictionary columns encoded as the schema says
        metadata = pq.ParquetFile(path).metadata
        assert metadata.num_row_groups == -(-metadata.num_rows // 4)
        assert pq.read_schema(path).remove_metadata().equals(schema.SENTENCES.remove_metadata())


def test_run_files_dictionary_encode_only_the_few_valued_columns(written):
    import pyarrow.parquet as pq

    for dataset in ("sentences", "articles", "rejects"):
        files = list((written / dataset).rglob("*.parquet"))
        assert files, dataset
        metadata = pq.ParquetFile(files[0]).metadata
        columns = [metadata.row_group(0).column(index) for index in range(metadata.num_columns)]
        encoded = {column.path_in_schema for column in columns if "RLE_DICTIONARY" in column.encodings}
        wanted = set(dictionary_columns(SCHEMAS[dataset]))
        # Every policy entry names a real column (pyarrow ignores names it does not know).
        assert wanted <= {column.path_in_schema for column in columns}, dataset
        assert encoded == wanted, dataset
    assert "text" not in dictionary_columns(SCHEMAS["sentences"])
    assert "entities.list.element.type" in dictionary_columns(SCHEMAS["sentences"])


def test_files_carry_statistics_on_what_queries_filter_by_not_on_free_text(written):
    import pyarrow.parquet as pq

    for dataset, free_text in (("articles", {"text", "title"}), ("sentences", {"text"}), ("rejects", {"payload"})):
        path = next((written / dataset).rglob("*.parquet"))
        metadata = pq.ParquetFile(path).metadata.row_group(0)
        with_statistics = {
            metadata.column(index).path_in_schema
            for index in range(metadata.num_columns)
            if metadata.column(index).is_stats_set
        }
        assert free_text.isdisjoint(with_statistics), dataset
        assert {"source", "run_id"} <= with_statistics, dataset
    group = pq.ParquetFile(next((written / "sentences").rglob("*.parquet"))).metadata.row_group(0)
    columns = {group.column(index).path_in_schema: group.column(index) for index in range(group.num_columns)}
    assert columns["published_at"].statistics.has_min_max
    assert columns["article_id"].statistics.has_min_max
