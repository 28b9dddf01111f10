"""ReadInputs: files, directories, globs and URLs become raw documents or read rejects."""

import gzip

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from tests.support.http_server import Route, serve
from transforms.read import ReadInputs, expand_spec
from transforms.sources import SourceSpec
from transforms.steps import REJECTS

RSS = b"<rss version='2.0'><channel><item><title>t</title></item></channel></rss>"


def test_directory_expands_to_input_files_recursively(tmp_path):
    (tmp_path / "nested").mkdir()
    (tmp_path / "a.rss").write_bytes(RSS)
    (tmp_path / "nested" / "b.txt.gz").write_bytes(gzip.compress(b"text"))
    (tmp_path / "README.md").write_text("not an input")
    (tmp_path / ".hidden.txt").write_text("hidden")
    locations = sorted(location for _, location in expand_spec(SourceSpec(location=str(tmp_path))))
    assert locations == [str(tmp_path / "a.rss"), str(tmp_path / "nested" / "b.txt.gz")]


def test_glob_and_explicit_file_of_any_extension(tmp_path):
    (tmp_path / "one.xml").write_bytes(RSS)
    (tmp_path / "two.xml").write_bytes(RSS)
    (tmp_path / "notes.dat").write_text("article")
    assert len(list(expand_spec(SourceSpec(location=str(tmp_path / "*.xml"))))) == 2
    assert [loc for _, loc in expand_spec(SourceSpec(location=str(tmp_path / "notes.dat")))] == [
        str(tmp_path / "notes.dat")
    ]


def test_missing_path_is_a_not_found_reject(tmp_path):
    [output] = list(expand_spec(SourceSpec(location=str(tmp_path / "nope" / "*.rss"), name="gone")))
    reject = output.value
    assert output.tag == REJECTS
    assert (reject.stage, reject.reason, reject.source) == ("read", "not_found", "gone")


def test_files_and_urls_read_in_one_pipeline(tmp_path):
    (tmp_path / "local.rss").write_bytes(RSS)
    routes = {"/feed.xml": Route(headers={"Content-Type": "application/rss+xml"}, body=RSS)}
    with serve(routes) as (base, _):
        specs = [
            SourceSpec(location=str(tmp_path / "local.rss")),
            SourceSpec(location=f"{base}/feed.xml", name="remote"),
            SourceSpec(location=f"{base}/missing.xml", name="broken"),
        ]
        with TestPipeline(runner="FnApiRunner") as pipeline:
            read = pipeline | ReadInputs(specs)
            documents = read["documents"] | "Describe" >> beam.Map(
                lambda d: (d.source, d.content, d.headers.get("content-type", ""))
            )
            rejects = read[REJECTS] | "Reasons" >> beam.Map(lambda r: (r.source, r.stage, r.reason))
            assert_that(
                documents,
                equal_to([("local.rss", RSS, ""), ("remote", RSS, "application/rss+xml")]),
                label="Documents",
            )
            assert_that(rejects, equal_to([("broken", "read", "http_404")]), label="Rejects")


def test_oversized_file_is_rejected_not_loaded(tmp_path):
    (tmp_path / "huge.txt").write_bytes(b"a" * 10_000)
    with TestPipeline(runner="FnApiRunner") as pipeline:
        read = pipeline | ReadInputs([SourceSpec(location=str(tmp_path / "huge.txt"))], max_bytes=1_000)
        assert_that(read["documents"], equal_to([]), label="NoDocuments")
        assert_that(
            read[REJECTS] | beam.Map(lambda r: (r.stage, r.reason)),
            equal_to([("read", "too_large")]),
            label="Rejected",
        )
