"""End to end: the `newsbeam` command on the bundled seeds, read back as users do."""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from tests.support.http_server import Route, serve
from transforms import schema

REPO_ROOT = Path(__file__).resolve().parents[2]
NEWSBEAM = [sys.executable, "-m", "pipelines.cli"]
SEED_ARTICLE = "es-kim-jong-un-russia.txt"


def newsbeam(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*NEWSBEAM, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def seeded_output(tmp_path_factory):
    """The default run (no inputs: the bundled seeds), then the same run again."""
    output = tmp_path_factory.mktemp("seeded") / "output"
    first = newsbeam("run", "--output", str(output))
    assert first.returncode == 0, first.stderr
    second = newsbeam("run", "--output", str(output))
    assert second.returncode == 0, second.stderr
    return output, first, second


def manifests(output: Path) -> list[dict]:
    runs = sorted((output / "_runs").glob("*.json"))
    return [json.loads(path.read_text()) for path in runs]


def sql(query: str):
    return duckdb.connect().sql(query).fetchall()


def test_seed_article_is_13_spanish_sentences_with_its_places_and_topic(seeded_output):
    output, _, _ = seeded_output
    rows = sql(
        f"select sentence_index, lang, places, topic from read_parquet('{output}/sentences/**/*.parquet',"
        f" hive_partitioning=true) where source = '{SEED_ARTICLE}' order by sentence_index"
    )
    assert [row[0] for row in rows] == list(range(13))
    assert {row[1] for row in rows} == {"es"}
    places = {code for row in rows for code in row[2]}
    assert {"KP", "KR", "RU", "UA", "US"} <= places
    assert {row[3] for row in rows} <= {"politics", "conflict-war-peace"}
    assert len({row[3] for row in rows}) == 1


def test_sentence_offsets_point_into_the_article_text(seeded_output):
    output, _, _ = seeded_output
    mismatches = sql(
        f"select count(*) from read_parquet('{output}/sentences/**/*.parquet') s"
        f" join read_parquet('{output}/articles/**/*.parquet') a using (article_id)"
        " where substring(a.text, s.char_start + 1, s.char_end - s.char_start) <> s.text"
    )
    assert mismatches == [(0,)]


def test_duckdb_and_pyarrow_read_the_same_rows(seeded_output):
    output, _, _ = seeded_output
    by_duckdb = sql(
        f"select topic, date, count(*) from read_parquet('{output}/sentences/**/*.parquet', hive_partitioning=true)"
        " group by all order by all"
    )
    table = ds.dataset(output / "sentences", format="parquet", partitioning=schema.partitioning("sentences")).to_table(
        columns=["topic", "date"]
    )
    assert table.schema.field("date").type == "date32"
    pairs = Counter(zip(table["topic"].to_pylist(), table["date"].to_pylist(), strict=True))
    by_pyarrow = sorted((topic, day, count) for (topic, day), count in pairs.items())
    assert by_duckdb == by_pyarrow
    assert sum(count for _, _, count in by_duckdb) > 50


def test_every_seed_language_is_detected(seeded_output):
    output, _, _ = seeded_output
    languages = {row[0] for row in sql(f"select distinct lang from read_parquet('{output}/articles/**/*.parquet')")}
    assert {"en", "es", "fr", "de", "pt", "it", "nl", "pl", "ru"} <= languages


def test_run_summary_and_manifest_add_up(seeded_output):
    output, first, _ = seeded_output
    manifest = manifests(output)[0]
    totals = manifest["counts"]["totals"]
    assert totals["balanced"]
    assert totals["inputs"] == totals["written"] + totals["rejected"] + totals["duplicates"]
    assert totals["written"] == sql(f"select count(*) from read_parquet('{output}/articles/**/*.parquet')")[0][0]
    assert f"read_parquet('{output}/sentences/**/*.parquet', hive_partitioning=true)" in first.stdout
    assert "articles by topic:" in first.stdout
    assert json.loads((output / "_SUCCESS").read_text())["run_id"] == manifests(output)[-1]["run_id"]


def test_second_run_on_the_same_input_writes_no_duplicates(seeded_output):
    output, _, _ = seeded_output
    first, second = manifests(output)
    assert second["counts"]["totals"]["written"] == 0
    assert second["counts"]["totals"]["duplicates"] == first["counts"]["totals"]["written"]
    ids = sql(f"select count(*), count(distinct article_id) from read_parquet('{output}/articles/**/*.parquet')")
    assert ids[0][0] == ids[0][1] == first["counts"]["totals"]["written"]


def test_invalid_sources_file_fails_fast_naming_the_line(tmp_path):
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - name: ok\n    url: https://example.org/feed\n  - name: bad\n    lang: 12\n")
    result = newsbeam("run", "--sources", str(sources), "--output", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"{sources}:4:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_no_inputs_outside_the_repository_is_a_usage_error(tmp_path):
    result = newsbeam("run", "--output", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2
    assert "no inputs" in result.stderr


def test_feeds_fetched_over_http_and_files_in_one_run(tmp_path):
    rss = (REPO_ROOT / "seeds" / "world-news.rss").read_bytes()
    routes = {
        "/world.rss": Route(headers={"Content-Type": "application/rss+xml; charset=utf-8"}, body=rss),
        "/gone.rss": Route(status=410),
    }
    output = tmp_path / "out"
    with serve(routes) as (base, log):
        result = newsbeam(
            "run",
            f"{base}/world.rss",
            f"{base}/gone.rss",
            str(REPO_ROOT / "seeds" / SEED_ARTICLE),
            "--output",
            str(output),
        )
    assert result.returncode == 0, result.stderr
    assert sorted(log.paths()) == ["/gone.rss", "/world.rss"]
    sources = sql(
        f"select source, count(*) from read_parquet('{output}/articles/**/*.parquet') group by all order by 1"
    )
    assert sorted(sources) == sorted([(SEED_ARTICLE, 1), (f"{base.split('://')[1]}/world.rss", 4)])
    rejects = sql(f"select stage, reason from read_parquet('{output}/rejects/**/*.parquet')")
    assert rejects == [("read", "http_410")]
