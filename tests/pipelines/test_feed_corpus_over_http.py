"""The feed corpus served over HTTP with its own response headers: ingested whole, and as its Expect lines say.

Each corpus file's `Header:` lines become real HTTP response headers from a
local server; the pipeline fetches all 304 documents, and for the files whose
`Expect:` states an entry's title, link, date or language, our article agrees.
"""

import ast
import datetime as dt
import json
import re
from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions

from pipelines.batch import build_batch_pipeline
from pipelines.run import prepare_batch_job
from tests.support.http_server import Route, serve
from transforms.fetch import fetch, new_session
from transforms.readers.document import RawDocument
from transforms.readers.formats import parse_document
from transforms.readers.html_text import html_to_text
from transforms.records import Article
from transforms.sources import SourceSpec

REPO_ROOT = Path(__file__).resolve().parents[2]
FEEDS = REPO_ROOT.parent / "shared" / "data" / "feeds"
pytestmark = pytest.mark.skipif(not FEEDS.exists(), reason="needs ../shared/data/feeds (not in a user's clone)")

EXPECT = re.compile(
    r"^(?:not bozo and )?entries\[0\]\['(title|link|published_parsed|updated_parsed|title_detail)'\]"
    r"(?:\['(language|value)'\])? == (.+)$"
)


def corpus() -> list[dict]:
    if not FEEDS.exists():
        return []
    return [json.loads(line) for line in (FEEDS / "manifest.jsonl").read_text().splitlines()]


def local_path(case: dict) -> str:
    return case["path"].removeprefix("tests/")


def corpus_routes() -> dict[str, Route]:
    return {
        "/" + local_path(case): Route(body=(FEEDS / local_path(case)).read_bytes(), headers=case["http_headers"] or {})
        for case in corpus()
    }


def test_whole_corpus_over_http_is_ingested_and_balances(tmp_path):
    cases = corpus()
    with serve(corpus_routes()) as (base, log):
        urls = [f"{base}/{local_path(case)}" for case in cases]
        options = PipelineOptions(["--runner=FnApiRunner", f"--output={tmp_path}"])
        job = prepare_batch_job(urls, options)
        with beam.Pipeline(options=options) as pipeline:
            build_batch_pipeline(pipeline, job)
    assert len(log.requests) == len(cases) == 304
    manifest = json.loads((tmp_path / "_runs" / f"{job.run_id}.json").read_text())
    counts = manifest["counts"]
    assert counts["totals"]["balanced"], counts["by_source"]
    assert counts["fetches"] == {"feeds": 304, "attempts": 304, "fetched": 304, "not_modified": 0, "failed": 0}
    assert not [r for r in counts["rejects_by_reason"] if r.endswith(("step_failed", "parser_failed"))]
    assert counts["totals"]["written"] > 30


def expectation_cases() -> list:
    cases = []
    for case in corpus():
        match = EXPECT.match(case["expect"])
        if not match:
            continue
        field, detail, value = match.groups()
        try:
            expected = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            continue  # a compound expectation ('... and ...'): not a single stated value
        cases.append(pytest.param(case, field, detail, expected, id=local_path(case)))
    return cases or [pytest.param(None, None, None, None, marks=pytest.mark.skip(reason="no corpus"))]


@pytest.fixture(scope="module")
def corpus_server():
    with serve(corpus_routes()) as (base, _), new_session() as session:
        yield base, session


@pytest.mark.parametrize(("case", "field", "detail", "expected"), expectation_cases())
def test_first_entry_agrees_with_the_corpus_expectation(corpus_server, case, field, detail, expected):
    base, session = corpus_server
    url = f"{base}/{local_path(case)}"
    response = fetch(session, url)
    records = list(
        parse_document(
            RawDocument(SourceSpec(location=url), url, response.body, response.headers), dt.datetime.now(dt.UTC)
        )
    )
    if isinstance(expected, str):
        # The corpus was recorded from a server on port 8097; links resolve against ours.
        expected = expected.replace("http://127.0.0.1:8097", base)
    article = records[0]
    if not isinstance(article, Article):
        # An entry with neither text nor title is no article; it must be rejected as such, its data kept.
        assert article.reason == "empty_text", article
        if isinstance(expected, str):
            assert expected in article.payload
        return
    if field == "link":
        assert article.url == expected
    elif field in ("published_parsed", "updated_parsed"):
        assert article.published_at == dt.datetime(*expected[:6], tzinfo=dt.UTC)
    elif detail == "language":
        assert article.lang_hint == expected.split("-")[0].lower()
    else:  # the title: literal for text titles, rendered to clean text for HTML ones
        assert article.title in (expected, html_to_text(expected))
