"""Progress: counting steps report to a file, the display sums it; --log-format json gives machine lines."""

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline

from tests.transforms.factories import make_article
from transforms.progress import ProgressDisplay, ReportProgressFn, format_progress, read_counts
from transforms.records import Sentence

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_counting_steps_add_up_in_the_progress_file(tmp_path):
    path = str(tmp_path / "progress.jsonl")
    articles = [make_article(f"Text {i}.", url=f"https://ex.org/{i}") for i in range(5)]
    for article in articles:
        article.sentences = [Sentence(0, "a", 0, 1), Sentence(1, "b", 2, 3)]
    with TestPipeline(runner="FnApiRunner") as pipeline:
        created = pipeline | beam.Create(articles)
        created | "Parsed" >> beam.ParDo(ReportProgressFn(path, "articles_parsed"))
        created | "Written" >> beam.ParDo(ReportProgressFn(path, "articles_written"))
    counts = read_counts(path)
    assert counts == {"articles_parsed": 5, "articles_written": 5, "sentences_written": 10}
    assert "written 5 articles, 10 sentences" in format_progress(counts, 1.0)


def test_display_prints_log_lines_when_not_a_terminal(tmp_path):
    path = tmp_path / "progress.jsonl"
    stream = io.StringIO()
    with ProgressDisplay(str(path), stream=stream, log_every=0.2):
        path.write_text(json.dumps({"documents": 3}) + "\n")
        time.sleep(1.0)
        with path.open("a") as handle:
            handle.write(json.dumps({"documents": 2, "articles_parsed": 7}) + "\n")
        time.sleep(1.0)
        path.unlink()  # a vanished file (a cleaned temp folder) leaves the last reading standing
    lines = stream.getvalue().splitlines()
    assert "read 3 documents" in lines[0]
    assert "read 5 documents | parsed 7 articles" in lines[-1]
    assert "\r" not in stream.getvalue()


def test_json_log_format_prints_progress_and_summary_events(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "run",
            "seeds",
            "--output",
            str(tmp_path / "out"),
            "--log-format",
            "json",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["event"] == "summary" and summary["totals"]["written"] == 20
    progress = [json.loads(line) for line in result.stderr.splitlines()]
    assert {event["event"] for event in progress} == {"progress"}
    assert progress and progress[-1]["articles_written"] == 20 and progress[-1]["documents"] == 7


def test_quiet_prints_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "run", "seeds", "--output", str(tmp_path / "out"), "--quiet"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
