"""Feed documents: every entry becomes an Article or a Reject saying why; the document itself may be rejected."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from tests.conftest import FIXTURES, SHARED_DATA, make_document, requires_shared_data
from transforms.readers.feeds import parse_feed
from transforms.readers.formats import parse_document
from transforms.records import Article, Reject

INGESTED_AT = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
UTC = dt.UTC
HEX32 = re.compile(r"[0-9a-f]{32}")
FEED_CORPUS = SHARED_DATA / "feeds"
# feedparser's own suite serves its HTTP cases from this address, with text/xml unless a Header: line says otherwise.
CORPUS_SERVER = "http://127.0.0.1:8097/"


def parse(document, ingested_at: dt.datetime = INGESTED_AT) -> list[Article | Reject]:
    return list(parse_feed(document, ingested_at))


def parse_one(document) -> Article | Reject:
    [record] = parse(document)
    return record


# --- RSS 2.0 ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rss2() -> list[Article | Reject]:
    return parse(make_document("readers/rss2.xml"))


def test_rss2_yields_one_record_per_item_in_order(rss2):
    assert [type(record) for record in rss2] == [Article, Article, Reject]
    assert [record.input_ref for record in rss2] == [f"readers/rss2.xml#entry-{n}" for n in range(3)]


def test_rss2_item_fields(rss2):
    article = rss2[0]
    assert article.source == "rss2.xml"
    assert article.source_kind == "rss"
    assert article.title == "Port workers & owners agree on a new contract"
    assert article.url == "https://example.com/news/port-deal?utm_source=rss&utm_medium=feed"
    assert article.guid == "port-deal-2024"
    assert article.categories == ["Labour"]
    assert article.lang_hint == "en"  # channel <language>en-GB</language>
    assert article.ingested_at == INGESTED_AT
    assert HEX32.fullmatch(article.article_id)


def test_html_in_description_becomes_clean_text_with_entities_decoded(rss2):
    expected = "Dock workers voted to accept the offer.\n\nThe union called it “a fair deal” & ended the strike."
    assert rss2[0].text == expected


def test_scripts_in_description_do_not_reach_the_text(rss2):
    assert "trackReader" not in rss2[0].text
    assert "<" not in rss2[0].text


def test_rfc822_pub_date_becomes_utc(rss2):
    # Tue, 05 Mar 2024 23:30:00 -0500 is already the 6th in UTC
    assert rss2[0].published_at == dt.datetime(2024, 3, 6, 4, 30, tzinfo=UTC)
    assert rss2[0].date_source == "published"
    assert rss2[1].published_at == dt.datetime(2024, 3, 4, 8, 0, tzinfo=UTC)


def test_entry_with_only_a_title_keeps_the_title_as_text(rss2):
    assert rss2[1].title == rss2[1].text == "Ferry timetable changes from Monday"


def test_entry_with_nothing_is_rejected_empty_text(rss2):
    reject = rss2[2]
    assert reject.reason == "empty_text"
    assert reject.stage == "parse"
    assert reject.source == "rss2.xml"
    assert "an-item-with-nothing-to-read" in reject.payload


def test_bozo_feed_still_yields_its_entries():
    content = b"<rss version='2.0'><channel><item><title>Fish & Chips</title><description>Good food.</description>"
    content += b"</item></channel></rss>"  # the bare '&' makes it not well-formed XML
    article = parse_one(make_document("bozo.rss", content))
    assert isinstance(article, Article)
    assert (article.title, article.text) == ("Fish & Chips", "Good food.")


# --- Atom 1.0 -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def atom() -> list[Article | Reject]:
    return parse(make_document("readers/atom.xml"))


def test_atom_prefers_full_content_over_summary(atom):
    article = atom[0]
    assert article.source_kind == "atom"
    assert article.text == "Le télescope a photographié une galaxie lointaine.\n\nPremière image\n\nDeuxième image"


def test_atom_html_title_is_decoded(atom):
    assert atom[0].title == "L’espace & nous"


def test_atom_entry_fields(atom):
    article = atom[0]
    assert article.url == "https://example.org/fr/espace"
    assert article.guid == "tag:example.org,2024:1"
    assert article.categories == ["Science"]
    assert article.lang_hint == "fr"  # xml:lang on the feed


def test_atom_published_becomes_utc(atom):
    # 2024-03-05T00:30:00+01:00 is still the 4th in UTC
    assert atom[0].published_at == dt.datetime(2024, 3, 4, 23, 30, tzinfo=UTC)


def test_atom_updated_is_used_when_there_is_no_published(atom):
    assert atom[1].published_at == dt.datetime(2024, 3, 5, 1, 15, tzinfo=UTC)


def test_atom_xhtml_content_becomes_text(atom):
    assert atom[1].text == "Texte en XHTML dans le flux."


# --- RSS 1.0 (RDF) ------------------------------------------------------------------------------


def test_rss1_rdf_item():
    article = parse_one(make_document("readers/rss1.rdf"))
    assert article.source_kind == "rdf"
    assert article.title == "Streik bei der Bahn"
    assert article.text == "Die Gewerkschaft ruft zum Streik auf. Viele Züge fallen aus."
    assert article.url == "https://example.de/streik"
    assert article.published_at == dt.datetime(2024, 3, 5, 5, 0, tzinfo=UTC)  # dc:date, +01:00
    assert article.lang_hint == "de"


# --- JSON Feed ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected_titles"),
    [("readers/jsonfeed.json", ["Version 2 is out"]), ("feeds/example.json", ["post 2", ""])],
)
def test_json_feed_items_become_articles(name, expected_titles):
    records = parse(make_document(name))
    assert all(isinstance(record, Article) for record in records)
    assert [record.title for record in records] == expected_titles
    assert {record.source_kind for record in records} == {"jsonfeed"}


# --- documents that are not usable feeds --------------------------------------------------------


@pytest.mark.parametrize("content", [b"this is not a feed at all, just words", b"\x89PNG\r\n\x1a\n\x00\x00binary"])
def test_bytes_that_are_not_a_feed_are_rejected_malformed_feed(content):
    reject = parse_one(make_document("junk.rss", content))
    assert isinstance(reject, Reject)
    assert reject.reason == "malformed_feed"
    assert reject.input_ref == "junk.rss"
    assert reject.detail


def test_valid_feed_without_entries_is_rejected():
    content = b"<rss version='2.0'><channel><title>Quiet day</title><link>https://example.com/</link></channel></rss>"
    reject = parse_one(make_document("quiet.rss", content))
    assert isinstance(reject, Reject)
    assert reject.reason == "feed_without_entries"
    assert reject.payload == content.decode()


# --- HTTP headers -------------------------------------------------------------------------------


def test_content_type_charset_decides_the_encoding():
    headers = {"content-type": "application/rss+xml; charset=koi8-r"}
    article = parse_one(make_document("readers/koi8r_no_declaration.rss", headers=headers))
    assert article.title == "Погода"
    assert article.text == "Завтра в Москве будет снег."


def test_without_the_charset_header_the_same_bytes_are_misread():
    # The control for the test above: the header, not luck, gets the Cyrillic right.
    article = parse_one(make_document("readers/koi8r_no_declaration.rss"))
    assert article.title != "Погода"


def test_content_location_resolves_relative_links():
    headers = {"content-location": "https://example.com/feeds/"}
    article = parse_one(make_document("readers/relative_links.rss", headers=headers))
    assert article.url == "https://example.com/news/bridge?utm_campaign=spring"


def test_document_url_resolves_relative_links_without_content_location():
    content = (FIXTURES / "readers" / "relative_links.rss").read_bytes()
    article = parse_one(make_document("https://news.example.org/rss", content))
    assert article.url == "https://news.example.org/news/bridge?utm_campaign=spring"
    assert article.source == "news.example.org/rss"


def test_content_location_header_wins_over_the_document_url():
    content = (FIXTURES / "readers" / "relative_links.rss").read_bytes()
    headers = {"content-location": "https://cdn.example.com/feeds/"}
    article = parse_one(make_document("https://news.example.org/rss", content, headers))
    assert article.url == "https://cdn.example.com/news/bridge?utm_campaign=spring"


def test_corpus_content_language_header_sets_the_language_hint():
    # feedparser suite: wellformed/lang/http_content_language_entry_title_inherit.xml, served with Content-Language: en
    name = "feeds/http_content_language_entry_title_inherit.xml"
    with_header = parse_one(make_document(name, headers={"content-language": "en"}))
    without = parse_one(make_document(name))
    assert with_header.text == "foo"
    assert with_header.lang_hint == "en"
    assert without.lang_hint == ""


def test_corpus_content_location_header_resolves_the_entry_link():
    # feedparser suite: wellformed/base/http_entry_link_base_content_location.xml. Its only entry has a link and
    # no text, so it is rejected; the reject keeps the entry (with its resolved link) for debugging.
    headers = {"content-location": "http://example.com/"}
    reject = parse_one(make_document("feeds/http_entry_link_base_content_location.xml", headers=headers))
    assert reject.reason == "empty_text"
    assert "'http://example.com/relative/link'" in reject.payload


def test_corpus_document_uri_resolves_the_item_link():
    # feedparser suite: wellformed/base/http_item_link_base_docuri.xml, fetched from the suite's server.
    content = (FIXTURES / "feeds" / "http_item_link_base_docuri.xml").read_bytes()
    reject = parse_one(make_document(CORPUS_SERVER + "tests/wellformed/base/http_item_link_base_docuri.xml", content))
    assert reject.reason == "empty_text"
    assert "'http://127.0.0.1:8097/relative/uri'" in reject.payload


# --- ids and source settings --------------------------------------------------------------------


def test_article_ids_are_stable_across_parses(rss2):
    again = parse(make_document("readers/rss2.xml"), ingested_at=INGESTED_AT + dt.timedelta(days=3))
    assert [record.article_id for record in again if isinstance(record, Article)] == [
        record.article_id for record in rss2 if isinstance(record, Article)
    ]


def test_same_url_with_tracking_parameters_has_the_same_id(rss2):
    content = (
        b"<rss version='2.0'><channel><item><title>Port deal</title>"
        b"<link>https://EXAMPLE.com/news/port-deal#comments</link></item></channel></rss>"
    )
    elsewhere = parse_one(make_document("https://aggregator.example.net/feed", content))
    assert elsewhere.article_id == rss2[0].article_id


def test_same_guid_in_different_sources_gives_different_ids():
    content = b"<rss version='2.0'><channel><item><guid isPermaLink='false'>42</guid><title>T</title></item>"
    content += b"</channel></rss>"
    first = parse_one(make_document("one.rss", content))
    second = parse_one(make_document("two.rss", content))
    assert first.article_id != second.article_id


def test_source_settings_map_categories_to_topics_and_override_language():
    document = make_document(
        "readers/rss2.xml",
        name="Harbour",
        lang_hint="cy",
        default_topic="general",
        category_topics=(("labour", "labour"),),
    )
    first, second, _ = parse(document)
    assert first.default_topic == "labour"  # category 'Labour' mapped, case-insensitively
    assert second.default_topic == "general"
    assert first.source == second.source == "Harbour"
    assert first.lang_hint == second.lang_hint == "cy"


# --- the whole feedparser corpus (../shared/data/feeds) -----------------------------------------


def _corpus() -> list:
    manifest = FEED_CORPUS / "manifest.jsonl"
    if not manifest.exists():
        return [pytest.param(None, marks=requires_shared_data)]
    entries = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [pytest.param(entry, id=entry["path"]) for entry in entries]


@pytest.mark.parametrize("entry", _corpus())
def test_every_corpus_file_parses_into_articles_or_rejects(entry):
    path = FEED_CORPUS / entry["path"].removeprefix("tests/")
    content = path.read_bytes()
    if entry["served_over_http"]:
        headers = {"content-type": "text/xml"}
        headers.update({name.lower(): value for name, value in (entry["http_headers"] or {}).items()})
        document = make_document(CORPUS_SERVER + entry["path"], content, headers)
    else:
        document = make_document(path, content)
    records = list(parse_document(document, INGESTED_AT))
    assert records, "every input must end somewhere"
    for record in records:
        if isinstance(record, Article):
            assert record.text.strip()
            assert HEX32.fullmatch(record.article_id)
            assert record.published_at is None or record.published_at.utcoffset() == dt.timedelta(0)
        else:
            assert isinstance(record, Reject)
            assert record.reason
