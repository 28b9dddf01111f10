"""`newsbeam inspect`: its numbers checked against DuckDB on real outputs of `newsbeam run`.

One output is the default run on the bundled seeds; a second adds hostile
inputs (for rejects), small files and a compaction (for a second manifest kind).
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipelines.inspect_output import HEADINGS, format_inspection, inspect_command, inspect_output
from transforms import schema
from transforms.run_lock import run_lock

REPO_ROOT = Path(__file__).resolve().parents[2]
HOSTILE = REPO_ROOT / "tests" / "fixtures" / "hostile" / "corpus"
NEWSBEAM = [sys.executable, "-m", "pipelines.cli"]


def newsbeam(*args: str) -> None:
    result = subprocess.run([*NEWSBEAM, *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def seed_output(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("inspect") / "output"
    newsbeam("run", "--output", str(output), "--quiet")
    return output


@pytest.fixture(scope="module")
def report(seed_output) -> dict:
    return inspect_output(str(seed_output))


@pytest.fixture(scope="module")
def compacted_output(tmp_path_factory) -> Path:
    """Seeds plus broken inputs, two rows per file, then compacted: rejects and two kinds of manifest."""
    output = tmp_path_factory.mktemp("inspect-compacted") / "output"
    inputs = [str(REPO_ROOT / "seeds"), str(HOSTILE / "broken_json.jsonl"), str(HOSTILE / "not_a_feed.xml")]
    newsbeam("run", *inputs, "--output", str(output), "--quiet", "--max-rows-per-file", "2")
    newsbeam("compact", str(output))
    return output


def scalar(query: str):
    return duckdb.sql(query).fetchall()[0][0]


def grouped(query: str) -> dict:
    return {str(key): count for key, count in duckdb.sql(query).fetchall()}


@pytest.mark.parametrize("dataset", ["sentences", "articles"])
def test_sizes_and_row_totals_match_the_files_and_duckdb(seed_output, report, dataset):
    files = sorted((seed_output / dataset).rglob("*.parquet"))
    stats = report["datasets"][dataset]
    assert stats["rows"] == scalar(f"select count(*) from read_parquet('{seed_output}/{dataset}/**/*.parquet')") > 0
    assert stats["files"] == len(files)
    assert stats["bytes"] == sum(path.stat().st_size for path in files)
    assert stats["partitions"] == len({path.parent for path in files})


@pytest.mark.parametrize("dataset", ["sentences", "articles"])
def test_breakdowns_sum_to_the_totals_and_match_duckdb(seed_output, report, dataset):
    stats = report["datasets"][dataset]
    source = f"read_parquet('{seed_output}/{dataset}/**/*.parquet', hive_partitioning=true)"
    for key in ("rows_by_topic", "rows_by_date", "rows_by_lang"):
        assert sum(stats[key].values()) == stats["rows"], key
    assert stats["rows_by_topic"] == grouped(f"select topic, count(*) from {source} group by all")
    assert stats["rows_by_date"] == grouped(f"select date, count(*) from {source} group by all")
    assert stats["rows_by_lang"] == grouped(f"select lang, count(*) from {source} group by all")


def test_places_count_sentences_per_code_and_include_the_seed_article(seed_output, report):
    sentences = report["datasets"]["sentences"]
    expected = grouped(
        "select code, count(*) from (select unnest(list_distinct(places)) as code"
        f" from read_parquet('{seed_output}/sentences/**/*.parquet')) group by all"
    )
    assert sentences["sentences_by_place"] == expected
    assert {"KP", "KR", "RU", "UA", "US"} <= set(sentences["sentences_by_place"])
    top = list(sentences["sentences_by_place"].items())[:10]
    assert [(p["code"], p["sentences"]) for p in sentences["top_places"]] == top


def test_top_entities_count_mentions_by_text_and_type(seed_output, report):
    expected = duckdb.sql(
        "select e.text, e.type, count(*) as n from (select unnest(entities) as e"
        f" from read_parquet('{seed_output}/sentences/**/*.parquet')) group by all order by n desc, 1, 2 limit 10"
    ).fetchall()
    assert [(e["text"], e["type"], e["mentions"]) for e in report["datasets"]["sentences"]["top_entities"]] == expected


def test_the_latest_run_is_reported_balanced_and_matches_success(seed_output, report):
    success = json.loads((seed_output / "_SUCCESS").read_text())
    latest = report["runs"]["latest"][0]
    assert report["success"] == {"present": True, **success}
    assert latest["run_id"] == success["run_id"]
    assert latest["kind"] == "run"
    assert latest["duration_seconds"] > 0
    totals = latest["totals"]
    assert totals["balanced"] is True
    assert totals["inputs"] == totals["written"] + totals["rejected"] + totals["duplicates"]
    assert totals["written"] == report["datasets"]["articles"]["rows"]


def test_schema_version_is_the_current_one_and_no_lock_is_held(seed_output, report):
    files = len(list(seed_output.rglob("*.parquet")))
    assert report["schema"] == {
        "current": schema.SCHEMA_VERSION,
        "found": {schema.SCHEMA_VERSION: files},
        "up_to_date": True,
    }
    assert report["lock"] == {"present": False}


def test_json_output_parses_to_the_report(seed_output, report, capsys):
    assert inspect_command([str(seed_output), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == report


def test_text_output_has_every_section(seed_output, report, capsys):
    assert inspect_command([str(seed_output)]) == 0
    text = capsys.readouterr().out
    assert text == format_inspection(report) + "\n"
    for heading in HEADINGS.values():
        assert f"\n{heading}\n" in text
    assert report["success"]["run_id"] in text
    assert "\n  KP " in text


@pytest.mark.parametrize("make", [lambda tmp: tmp / "nowhere", lambda tmp: tmp])
def test_a_path_without_output_exits_2_with_one_line(tmp_path, capsys, make):
    path = make(tmp_path)
    assert inspect_command([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"newsbeam: no newsbeam output at {path}\n"


def test_rejects_by_stage_and_reason_match_duckdb(compacted_output):
    rejects = inspect_output(str(compacted_output))["datasets"]["rejects"]
    expected = duckdb.sql(
        f"select stage, reason, count(*) as n from read_parquet('{compacted_output}/rejects/**/*.parquet')"
        " group by all order by n desc, 1, 2"
    ).fetchall()
    assert [(r["stage"], r["reason"], r["rows"]) for r in rejects["rejects_by_stage_reason"]] == expected
    assert sum(r["rows"] for r in rejects["rejects_by_stage_reason"]) == rejects["rows"] > 0
    assert sum(rejects["rows_by_date"].values()) == rejects["rows"]


def test_compaction_manifests_are_listed_with_their_kind(compacted_output, capsys):
    runs = inspect_output(str(compacted_output))["runs"]
    assert runs["manifests"] == 2  # the run and the compaction, not the commit journals
    assert [run["kind"] for run in runs["latest"]] == ["compaction", "run"]
    assert runs["latest"][0]["partitions"] > 0
    assert runs["latest"][1]["totals"]["rejected"] > 0
    assert inspect_command([str(compacted_output)]) == 0
    assert " compaction " in capsys.readouterr().out


def test_a_held_lock_is_reported(compacted_output, capsys):
    with run_lock(str(compacted_output), "inspect-test"):
        assert inspect_output(str(compacted_output))["lock"]["run_id"] == "inspect-test"
        assert inspect_command([str(compacted_output)]) == 0
    assert "_lock     HELD by inspect-test" in capsys.readouterr().out
    assert inspect_output(str(compacted_output))["lock"] == {"present": False}


def test_files_of_an_older_schema_version_are_counted(seed_output, tmp_path):
    """A 1.0 file (no `revision` column), first in path order, next to 1.1 files."""
    output = tmp_path / "output"
    shutil.copytree(seed_output, output)
    oldest = min((output / "sentences").rglob("*.parquet"))
    table = pq.read_table(oldest, partitioning=None).drop_columns(["revision"])
    pq.write_table(table.replace_schema_metadata({schema.SCHEMA_VERSION_KEY: b"1.0"}), oldest)
    report = inspect_output(str(output))
    sentences = report["datasets"]["sentences"]
    files = len(list((output / "sentences").rglob("*.parquet")))
    assert sentences["schema_versions"] == {"1.0": 1, schema.SCHEMA_VERSION: files - 1}
    assert report["schema"]["up_to_date"] is False
    assert sentences["rows"] == scalar(
        f"select count(*) from read_parquet('{output}/sentences/**/*.parquet', union_by_name=true)"
    )
    assert sum(sentences["rows_by_lang"].values()) == sentences["rows"]
    assert "1.0 (1 files)" in format_inspection(report)
