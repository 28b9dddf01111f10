"""Stable ids: the same article gets the same id however it is reached."""

import re

from transforms.ids import article_id, canonical_url, content_hash


def test_canonical_url_ignores_case_default_port_fragment_tracking_and_query_order():
    assert canonical_url("HTTPS://Example.ORG:443/a/b?z=1&utm_source=rss&a=2#top") == "https://example.org/a/b?a=2&z=1"
    assert canonical_url("http://example.org") == "http://example.org/"
    assert canonical_url("http://example.org:8080/x") == "http://example.org:8080/x"


def test_non_http_or_broken_urls_have_no_canonical_form():
    for url in ["", "javascript:alert(1)", "file:///etc/passwd", "tag:example.org,2026:1", "http://[::1"]:
        assert canonical_url(url) == ""


def test_article_id_prefers_url_then_guid_then_content():
    text_hash = content_hash("Some text")
    by_url = article_id(url="https://ex.org/a?utm_medium=x", guid="g1", source="s1", text_hash=text_hash)
    assert by_url == article_id(url="https://EX.org/a", guid="other", source="s2", text_hash="x")
    by_guid = article_id(url="", guid="g1", source="s1", text_hash=text_hash)
    assert by_guid != article_id(url="", guid="g1", source="s2", text_hash=text_hash)  # GUIDs are per feed
    assert article_id(url="", guid="https://ex.org/a", source="s9", text_hash="y") == by_url  # URL-shaped GUID
    assert article_id(url="", guid="", source="s1", text_hash=text_hash) != by_guid
    assert re.fullmatch(r"[0-9a-f]{32}", by_url)


def test_content_hash_ignores_whitespace_case_and_unicode_form():
    assert content_hash("Café  au\nlait") == content_hash("cafe\u0301 AU lait")
    assert content_hash("one text") != content_hash("another text")


def test_content_hashes_stay_what_earlier_versions_stored():
    # Dedupe compares new hashes with stored ones: any change to the normalisation breaks every
    # output written before it. Unicode spaces, separators, a ligature and a lone combining mark.
    assert content_hash("\u3000 Café\u00a0 au\u2028LAIT \x1c\tﬁn \u0301 ") == "2066ec2a6b8ee6871f6cb9cbf1258eaf"
    assert content_hash("xxxxxxxxxx \u00a0 Y") == "c035ef18fbea63b61a0615c5d888d941"
