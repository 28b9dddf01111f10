"""The README's example queries run, as written, against a real output of the bundled seeds."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def example(name: str) -> str:
    match = re.search(rf"<!-- query:{name} -->\n```\w+\n(.*?)```", README, re.S)
    assert match, f"README lacks the {name} example"
    return match.group(1)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder whose ./output holds a run of the seeds, as after the README's quick start."""
    folder = tmp_path_factory.mktemp("readme")
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "run", str(REPO_ROOT / "seeds"), "--output", "output", "--quiet"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return folder


def run_python(code: str, workdir: Path, monkeypatch) -> dict:
    monkeypatch.chdir(workdir)
    namespace: dict = {}
    exec(compile(code, "README example", "exec"), namespace)
    return namespace


def test_duckdb_examples(workdir, monkeypatch):
    monkeypatch.chdir(workdir)
    con = duckdb.connect()
    per_topic_day, mentioning_kp, language_mix = [
        con.sql(statement).fetchall() for statement in example("duckdb").split(";") if statement.strip()
    ]
    assert sum(row[2] for row in per_topic_day) > 50
    assert [row[1] for row in mentioning_kp] == [""]  # the seed article: a text file has no URL
    assert ("es-kim-jong-un-russia.txt", "es", 1) in language_mix


def test_pandas_example(workdir, monkeypatch):
    pytest.importorskip("pandas")
    result = run_python(example("pandas"), workdir, monkeypatch)
    assert result["per_topic_day"].sum() > 50
    assert len(result["mentioning_kp"]) == 1
    assert result["language_mix"].sum() == 20


def test_polars_example(workdir, monkeypatch):
    pytest.importorskip("polars")
    result = run_python(example("polars"), workdir, monkeypatch)
    assert result["per_topic_day"]["len"].sum() > 50
    assert result["mentioning_kp"].height == 1
    assert result["language_mix"]["len"].sum() == 20


def test_spark_example(workdir, monkeypatch):
    pytest.importorskip("pyspark")
    if not shutil.which("java"):
        pytest.skip("Spark needs a Java runtime")
    result = run_python(example("spark"), workdir, monkeypatch)
    try:
        assert sum(row["count"] for row in result["per_topic_day"]) > 50
        assert len(result["mentioning_kp"]) == 1
        assert sum(row["count"] for row in result["language_mix"]) == 20
    finally:
        result["spark"].stop()
