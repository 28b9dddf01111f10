"""Property-based tests of every reader entry point: any input yields valid records or reasoned rejects.

The property: whatever the bytes, parsing returns Articles that fit the
schema (non-empty text, a 32-hex id, UTC dates) or Rejects that name a stage
and a reason; no exception escapes, and each input finishes within the
hypothesis deadline.
"""

import datetime as dt
import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_document
from tests.support.record_checks import check_records
from transforms import ids
from transforms.readers.dates import parse_date
from transforms.readers.formats import parse_document
from transforms.readers.html_text import html_to_text
from transforms.sources import SourcesConfigError, load_sources

INGESTED_AT = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
EXTENSIONS = ["feed.xml", "feed.rss", "page.html", "notes.txt", "lines.jsonl", "feed.json", "data.bin", "x.txt.gz"]
PROPERTY_SETTINGS = settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.too_slow])


def parse(name: str, content: bytes, headers: dict | None = None) -> list:
    return list(parse_document(make_document(name, content, headers), INGESTED_AT))


@PROPERTY_SETTINGS
@given(name=st.sampled_from(EXTENSIONS), content=st.binary(max_size=4096))
def test_any_bytes_under_any_name(name, content):
    check_records(parse(name, content))


xml_fragments = st.lists(
    st.sampled_from(
        [
            "<rss version='2.0'>",
            "<channel>",
            "<item>",
            "<title>",
            "</title>",
            "<description>",
            "</description>",
            "</item>",
            "</channel>",
            "</rss>",
            "<feed xmlns='http://www.w3.org/2005/Atom'>",
            "<entry>",
            "</entry>",
            "<![CDATA[",
            "]]>",
            "&amp;",
            "&bogus;",
            "<!DOCTYPE x [<!ENTITY e 'v'>]>",
            "&e;",
            "<link>http://x/</link>",
            "<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>",
            "<?xml version='1.0' encoding='latin-1'?>",
        ]
    )
    | st.text(max_size=40),
    max_size=40,
)


@PROPERTY_SETTINGS
@given(fragments=xml_fragments, content_type=st.sampled_from(["", "text/html", "application/rss+xml; charset=utf-16"]))
def test_feed_like_documents(fragments, content_type):
    headers = {"content-type": content_type} if content_type else {}
    check_records(parse("http://feeds.example/f", "".join(fragments).encode("utf-8", "surrogatepass"), headers))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
article_records = st.fixed_dictionaries(
    {},
    optional={
        key: json_values | st.text(max_size=200)
        for key in ("text", "title", "url", "published", "source", "lang", "id")
    },
)


@PROPERTY_SETTINGS
@given(lines=st.lists(article_records | json_values, max_size=20))
def test_json_lines(lines):
    content = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode("utf-8", "surrogatepass")
    records = parse("lines.jsonl", content)
    if any(line is not None or True for line in lines) and content.strip():
        check_records(records)
    assert len(records) <= max(1, len(lines))


@PROPERTY_SETTINGS
@given(
    markup=st.lists(
        st.sampled_from(["<p>", "</p>", "<div>", "<script>", "</script>", "<br>", "&nbsp;", "<!--", "-->"])
        | st.text(max_size=30),
        max_size=60,
    )
)
def test_html_fragments_to_text(markup):
    text = html_to_text("".join(markup))
    assert "\n\n\n" not in text and text == text.strip()


@PROPERTY_SETTINGS
@given(text=st.text(max_size=80))
def test_dates_are_none_or_aware_utc(text):
    parsed = parse_date(text)
    assert parsed is None or parsed.utcoffset() == dt.timedelta(0)


@PROPERTY_SETTINGS
@given(text=st.text(max_size=400), piece_chars=st.integers(min_value=1, max_value=50))
def test_content_hash_in_pieces_equals_the_whole(text, piece_chars):
    original = ids._PIECE_CHARS
    ids._PIECE_CHARS = piece_chars  # pieces as small as a character, to find every seam
    try:
        assert "".join(ids._normalised_pieces(text)) == ids.normalised_text(text)
    finally:
        ids._PIECE_CHARS = original


@pytest.fixture(scope="module")
def sources_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("sources")


yaml_lines = st.lists(
    st.sampled_from(
        [
            "sources:",
            "  - name: a",
            "    url: https://x.example/f",
            "    path: data",
            "    lang: en",
            "    lang: 12",
            "    topic: sport",
            "    topic: nope",
            "    enabled: maybe",
            "    categories: {A: sport}",
            "  - just text",
            "  -",
            "feeds: []",
            "sources: [",
            "  - {url: ftp://x}",
            "\t- tab",
        ]
    )
    | st.text(alphabet=string.printable, max_size=30),
    max_size=12,
)


@PROPERTY_SETTINGS
@given(lines=yaml_lines)
def test_sources_config_loads_or_says_which_line(sources_dir, lines):
    path = sources_dir / "sources.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        specs = load_sources(path, {"sport", "general"})
    except SourcesConfigError as error:
        assert str(error).startswith(str(path))
    else:
        assert all(spec.location for spec in specs)
