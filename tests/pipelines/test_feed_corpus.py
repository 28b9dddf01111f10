"""Every file of the feed corpus in ../shared goes through the pipeline; every entry ends somewhere."""

import json
from pathlib import Path

import apache_beam as beam
import feedparser
import pytest
from apache_beam.options.pipeline_options import PipelineOptions

from pipelines.batch import build_batch_pipeline
from pipelines.run import prepare_batch_job

REPO_ROOT = Path(__file__).resolve().parents[2]
FEEDS = REPO_ROOT.parent / "shared" / "data" / "feeds"

pytestmark = pytest.mark.skipif(not FEEDS.exists(), reason="needs ../shared/data/feeds (not in a user's clone)")


def entries_in(path: Path) -> int:
    """Entries as an independent reader counts them: feedparser for XML, the items list for JSON Feed."""
    if path.suffix == ".json":
        items = json.loads(path.read_bytes()).get("items")
        return len(items) if isinstance(items, list) else 0
    return len(feedparser.parse(path.read_bytes()).entries)


def expected_inputs(paths: list[Path]) -> int:
    """Every entry, or one document-level record for a document without entries."""
    return sum(max(1, entries_in(path)) for path in paths)


def test_whole_feed_corpus_balances(tmp_path):
    paths = sorted(p for p in FEEDS.rglob("*") if p.suffix in (".xml", ".json"))
    assert len(paths) == 304
    output = tmp_path / "out"
    options = PipelineOptions(["--runner=FnApiRunner", f"--output={output}"])
    job = prepare_batch_job([str(FEEDS / "**" / "*.xml"), str(FEEDS / "**" / "*.json")], options)
    with beam.Pipeline(options=options) as pipeline:
        build_batch_pipeline(pipeline, job)
    manifest = json.loads((output / "_runs" / f"{job.run_id}.json").read_text())
    totals = manifest["counts"]["totals"]
    assert totals["balanced"], manifest["counts"]["by_source"]
    assert totals["inputs"] == expected_inputs(paths)
    assert totals["written"] > 30
    assert "parse:step_failed" not in manifest["counts"]["rejects_by_reason"]
    assert not any(
        reason.endswith(("step_failed", "parser_failed")) for reason in manifest["counts"]["rejects_by_reason"]
    )
