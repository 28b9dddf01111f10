"""Compaction keeps the row multiset exactly, reduces files, refuses a bad rewrite, and finishes a killed swap."""

import json
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from transforms import compact as compaction
from transforms.compact import CompactionError, compact, finish_interrupted_compactions, row_checksum
from transforms.schema import SENTENCES
from transforms.write import write_parquet

PARTITION = "topic=sport/date=2026-11-20"


def sentence_rows(article: str, count: int) -> pa.Table:
    rows = {name: [] for name in SENTENCES.names}
    for index in range(count):
        values = {
            "article_id": article,
            "revision": 1,
            "sentence_index": index,
            "text": f"{article} sentence {index}.",
            "char_start": index * 10,
            "char_end": index * 10 + 9,
            "lang": "en",
            "lang_prob": 0.99,
            "topics": ["sport"],
            "topic_scores": [1.0],
            "topic_terms": ["sport:goal"],
            "places": [],
            "entities": [],
            "is_quote": False,
            "quote_start": None,
            "quote_end": None,
            "source": "s",
            "source_kind": "rss",
            "url": "",
            "published_at": None,
            "ingested_at": pa.scalar(0, pa.timestamp("us", tz="UTC")).as_py(),
            "date_source": "ingested",
            "run_id": "r",
        }
        for name in rows:
            rows[name].append(values[name])
    return pa.Table.from_pydict(rows, schema=SENTENCES)


@pytest.fixture
def fragmented(tmp_path):
    directory = tmp_path / "sentences" / PARTITION
    for number, article in enumerate(["a", "b", "c", "d"]):
        write_parquet(sentence_rows(article, 3 + number), str(directory / f"part-{number}.parquet"))
    write_parquet(
        sentence_rows("lonely", 2), str(tmp_path / "sentences" / "topic=sport/date=2026-11-21" / "part-0.parquet")
    )
    return tmp_path


def multiset(directory) -> list:
    tables = [pq.read_table(directory / name) for name in sorted(os.listdir(directory))]
    return sorted(repr(sorted(row.items())) for table in tables for row in table.to_pylist())


def test_checksum_ignores_order_but_not_content():
    table = sentence_rows("a", 5)
    assert row_checksum(table) == row_checksum(table.take([4, 2, 0, 1, 3]))
    assert row_checksum(table) != row_checksum(table.slice(1))


def test_compaction_keeps_every_row_and_leaves_one_file(fragmented):
    directory = fragmented / "sentences" / PARTITION
    before = multiset(directory)
    results = compact(str(fragmented))
    assert [(r.dataset, r.partition, r.files_before, r.files_after, r.rows) for r in results] == [
        ("sentences", PARTITION, 4, 1, 18)
    ]
    assert multiset(directory) == before
    assert len(os.listdir(fragmented / "sentences" / "topic=sport/date=2026-11-21")) == 1  # untouched
    assert not (fragmented / "_staging").exists()
    record = json.loads(next((fragmented / "_runs").glob("compact-*.json")).read_text())
    assert record["kind"] == "compaction" and record["partitions"][0]["rows"] == 18


def test_small_target_size_splits_into_several_files(fragmented):
    compact(str(fragmented), target_bytes=2_000)
    assert len(os.listdir(fragmented / "sentences" / PARTITION)) > 1


def test_a_rewrite_that_loses_a_row_is_refused_and_changes_nothing(fragmented, monkeypatch):
    directory = fragmented / "sentences" / PARTITION
    before = sorted(os.listdir(directory))

    def lossy_write(table, path):
        write_parquet(table.slice(1), path)

    monkeypatch.setattr(compaction, "write_parquet", lossy_write)
    with pytest.raises(CompactionError, match="differ"):
        compact(str(fragmented))
    assert sorted(os.listdir(directory)) == before
    assert not (fragmented / "_staging").exists()


def test_a_swap_killed_half_way_is_finished_later(fragmented):
    directory = fragmented / "sentences" / PARTITION
    before = multiset(directory)
    staged = fragmented / "_staging" / "compact-x" / "new" / "sentences" / PARTITION
    trash = fragmented / "_staging" / "compact-x" / "old" / "sentences" / PARTITION
    write_parquet(pq.read_table(directory), str(staged / "part-compact-x-0.parquet"))
    journal = {"compaction_id": "compact-x", "swaps": [[str(directory), str(staged), str(trash)]]}
    (fragmented / "_runs").mkdir()
    (fragmented / "_runs" / "compact-x.compact.json").write_text(json.dumps(journal))
    trash.parent.mkdir(parents=True)
    os.replace(directory, trash)  # the kill came after the first rename
    assert finish_interrupted_compactions(str(fragmented)) == ["compact-x"]
    assert multiset(directory) == before and len(os.listdir(directory)) == 1
    assert not trash.exists() and not list((fragmented / "_runs").glob("*.compact.json"))
