"""ParseArticles: every document ends as articles or rejects, whatever the format, and a parser bug is contained."""

import datetime as dt
import json

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from tests.conftest import REPO_ROOT
from transforms.limits import Limits
from transforms.parse import ParseArticles, ParseDocumentFn
from transforms.readers import formats
from transforms.readers.document import RawDocument
from transforms.sources import SourceSpec

INGESTED_AT = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)


def document(name: str, content: bytes | None = None) -> RawDocument:
    path = REPO_ROOT / "seeds" / name
    return RawDocument(spec=SourceSpec(location=str(path)), location=str(path), content=content or path.read_bytes())


def test_seed_documents_become_articles_and_bad_lines_rejects():
    documents = [
        document("world-news.rss"),
        document("briefs.txt.gz"),
        document("broken.jsonl", b'{"text": "Fine article text."}\n{not json}\n'),
    ]
    with TestPipeline(runner="FnApiRunner") as pipeline:
        parsed = pipeline | beam.Create(documents) | ParseArticles(INGESTED_AT)
        assert_that(
            parsed["articles"] | beam.Map(lambda a: (a.source, a.source_kind)),
            equal_to([("world-news.rss", "rss")] * 4 + [("briefs.txt.gz", "txt"), ("broken.jsonl", "jsonl")]),
            label="Articles",
        )
        assert_that(
            parsed["rejects"] | beam.Map(lambda r: (r.stage, r.reason, r.input_ref.rsplit("/", 1)[-1])),
            equal_to([("parse", "invalid_json", "broken.jsonl:line-2")]),
            label="Rejects",
        )


def test_a_parser_crash_keeps_earlier_entries_and_rejects_the_rest(monkeypatch):
    def explode_after_first(doc, ingested_at):
        yield from list(formats.parse_text(doc, ingested_at))
        raise RuntimeError("parser bug")

    monkeypatch.setitem(formats.PARSERS, "txt", explode_after_first)
    with TestPipeline(runner="FnApiRunner") as pipeline:
        parsed = pipeline | beam.Create([document("es-kim-jong-un-russia.txt")]) | ParseArticles(INGESTED_AT)
        assert_that(parsed["articles"] | beam.Map(lambda a: a.source_kind), equal_to(["txt"]), label="Kept")
        assert_that(
            parsed["rejects"] | beam.Map(lambda r: (r.reason, r.detail)),
            equal_to([("parser_failed", "RuntimeError: parser bug")]),
            label="Contained",
        )


def test_limits_reject_entries_past_the_cap_and_overlong_articles():
    lines = [{"text": f"Article number {i} with enough words."} for i in range(5)]
    lines[1]["text"] = "x " * 600
    content = "".join(json.dumps(line) + "\n" for line in lines).encode()
    limits = Limits(max_entries_per_document=3, max_article_chars=1000)
    with TestPipeline(runner="FnApiRunner") as pipeline:
        parsed = pipeline | beam.Create([document("many.jsonl", content)]) | ParseArticles(INGESTED_AT, limits)
        assert_that(
            parsed["articles"] | beam.Map(lambda a: a.input_ref.rsplit(":", 1)[1]),
            equal_to(["line-1", "line-3"]),
            label="Kept",
        )
        assert_that(
            parsed["rejects"] | beam.Map(lambda r: (r.input_ref.rsplit(":", 1)[1], r.reason)),
            equal_to([("line-2", "too_long"), ("line-4", "too_many_entries"), ("line-5", "too_many_entries")]),
            label="Limited",
        )
        assert_that(parsed["summaries"] | beam.Map(lambda s: s.entries), equal_to([5]), label="Counted")


def stamps(fn: ParseDocumentFn, doc: RawDocument) -> tuple[dt.datetime, set[dt.datetime], dt.datetime]:
    before = dt.datetime.now(dt.UTC)
    records = list(fn.process(doc))
    after = dt.datetime.now(dt.UTC)
    return before, {r.ingested_at for r in records if hasattr(r, "ingested_at")}, after


def test_without_an_ingestion_time_each_document_is_stamped_when_parsed():
    fn = ParseDocumentFn(ingested_at=None)
    fn.setup()
    first_before, first, first_after = stamps(fn, document("world-news.rss"))
    second_before, second, _ = stamps(fn, document("briefs.txt.gz"))
    assert len(first) == 1 and first_before <= min(first) <= first_after  # one stamp for the whole document
    assert len(second) == 1 and min(second) >= second_before >= max(first)


def test_a_given_ingestion_time_is_stamped_on_every_document():
    fn = ParseDocumentFn(INGESTED_AT)
    fn.setup()
    assert stamps(fn, document("world-news.rss"))[1] == stamps(fn, document("briefs.txt.gz"))[1] == {INGESTED_AT}
