"""HTML article pages: main text without boilerplate, plus title, date and canonical URL."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from tests.conftest import REPO_ROOT, make_document
from transforms.readers.html_pages import parse_html
from transforms.records import Article, Reject

INGESTED_AT = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
SEED = REPO_ROOT / "seeds" / "city-council.html"


def parse_one(document) -> Article | Reject:
    [record] = list(parse_html(document, INGESTED_AT))
    return record


@pytest.fixture(scope="module")
def seed_article() -> Article:
    article = parse_one(make_document(SEED))
    assert isinstance(article, Article)
    return article


def test_seed_page_metadata(seed_article):
    assert seed_article.title == "City council approves record budget for schools and public transport"
    assert seed_article.url == "https://example.org/news/city-council-budget"
    assert seed_article.published_at.date() == dt.date(2026, 11, 21)
    assert seed_article.published_at.tzinfo is not None
    assert seed_article.date_source == "published"
    assert seed_article.source_kind == "html"
    assert seed_article.source == "city-council.html"
    assert seed_article.input_ref == str(SEED)


def test_seed_page_keeps_the_main_text_in_paragraphs(seed_article):
    paragraphs = seed_article.text.split("\n\n")
    assert len(paragraphs) == 6
    # the headline is the title, not repeated as the first paragraph
    assert paragraphs[0].startswith("The city council on Friday approved a budget of 1.4 billion")
    assert "“Families told us that the cost of getting to school and to work is their biggest worry" in paragraphs[3]
    assert paragraphs[-1].endswith("will review progress at the end of the year.")


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Subscribe",  # main navigation
        "Log in",
        "Related stories",  # aside
        "Tram line extension: have your say",
        "Privacy policy",  # footer navigation
        "All rights reserved",  # copyright line
        "We use cookies",  # cookie notice
        "Accept all",
    ],
)
def test_seed_page_drops_navigation_and_footer_boilerplate(seed_article, boilerplate):
    assert boilerplate not in seed_article.text


def test_article_id_is_derived_from_the_canonical_url(seed_article):
    moved = parse_one(make_document("/mirror/elsewhere/copy.html", SEED.read_bytes()))
    assert moved.article_id == seed_article.article_id


def test_page_without_text_is_rejected():
    reject = parse_one(make_document("readers/empty_body.html"))
    assert isinstance(reject, Reject)
    assert reject.reason == "no_main_text"
    assert reject.stage == "parse"
    assert reject.input_ref == "readers/empty_body.html"
    assert reject.payload.startswith("<!doctype html>")


def test_undecodable_page_is_rejected():
    reject = parse_one(make_document("bad.html", codecs.BOM_UTF16_LE + b"<\x00p\x00>\x00\x00\xd8"))
    assert isinstance(reject, Reject)
    assert reject.reason == "invalid_encoding"


def test_page_with_only_navigation_and_footer_is_rejected():
    reject = parse_one(make_document("readers/nav_only.html"))
    assert isinstance(reject, Reject)
    assert reject.reason == "no_main_text"


def test_published_time_and_offset_are_kept():
    article = parse_one(make_document("readers/late_evening.html"))
    assert article.published_at == dt.datetime(2026, 11, 22, 4, 30, tzinfo=dt.UTC)


def test_copyright_year_is_not_a_publication_date():
    article = parse_one(make_document("readers/undated_with_copyright.html"))
    assert article.published_at is None
    assert article.date_source == "ingested"


def test_undated_page_keeps_its_text_and_title():
    article = parse_one(make_document("readers/undated_with_copyright.html"))
    assert article.title == "Library extends its opening hours"
    assert article.url == "https://example.com/news/library-hours"
    assert article.text.startswith("The central library will stay open until nine o'clock")
    assert "All rights reserved" not in article.text


def test_the_pipeline_loads_trafilatura_only_when_a_page_arrives():
    # Every worker imports the readers; trafilatura and lxml are loaded by the first HTML page instead.
    import subprocess
    import sys

    probe = "import sys, pipelines.batch; print('trafilatura' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
