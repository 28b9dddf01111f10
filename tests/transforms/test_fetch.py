"""fetch(): a bounded, well-identified HTTP GET, tested against a real local server."""

import gzip

import pytest

from tests.support.http_server import Route, serve
from transforms.fetch import FetchError, Validators, fetch, new_session, user_agent

RSS = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


@pytest.fixture
def session():
    with new_session("https://example.org/contact") as session:
        yield session


def test_fetch_returns_body_and_lowercase_headers(session):
    routes = {"/feed": Route(headers={"Content-Type": "application/rss+xml; charset=utf-8"}, body=RSS)}
    with serve(routes) as (base, log):
        response = fetch(session, f"{base}/feed")
    assert response.status == 200
    assert response.body == RSS
    assert response.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert log.requests[0].headers["user-agent"] == user_agent("https://example.org/contact")
    assert "newsbeam/" in log.requests[0].headers["user-agent"]


def test_gzip_body_is_decoded_and_encoding_header_dropped(session):
    routes = {"/feed": Route(headers={"Content-Encoding": "gzip"}, body=gzip.compress(RSS))}
    with serve(routes) as (base, _):
        response = fetch(session, f"{base}/feed")
    assert response.body == RSS
    assert "content-encoding" not in response.headers


@pytest.mark.parametrize("status", [404, 410, 500])
def test_http_errors_raise_with_status_reason(session, status):
    with serve({"/feed": Route(status=status)}) as (base, _), pytest.raises(FetchError) as raised:
        fetch(session, f"{base}/feed")
    assert raised.value.reason == f"http_{status}"


def test_body_over_the_cap_is_refused(session):
    with serve({"/big": Route(body=b"x" * 200_000)}) as (base, _), pytest.raises(FetchError) as raised:
        fetch(session, f"{base}/big", max_body_bytes=50_000)
    assert raised.value.reason == "too_large"


def test_slow_server_times_out(session):
    with serve({"/slow": Route(body=RSS, delay_seconds=2.0)}) as (base, _), pytest.raises(FetchError) as raised:
        fetch(session, f"{base}/slow", timeout=(1.0, 0.3))
    assert raised.value.reason == "timeout"


def test_redirect_loop_stops_after_five_hops(session):
    routes = {f"/r{i}": Route(status=302, headers={"Location": f"/r{i + 1}"}) for i in range(10)}
    with serve(routes) as (base, log), pytest.raises(FetchError) as raised:
        fetch(session, f"{base}/r0")
    assert raised.value.reason == "too_many_redirects"
    assert len(log.requests) == 6  # the first request and five redirects


def test_refused_connection_is_a_connection_error(session):
    with serve({}) as (base, _):
        closed = base
    with pytest.raises(FetchError) as raised:
        fetch(session, f"{closed}/feed", timeout=(1.0, 1.0))
    assert raised.value.reason == "connection_error"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed", "gopher://x"])
def test_only_http_and_https_are_fetched(session, url):
    with pytest.raises(FetchError) as raised:
        fetch(session, url)
    assert raised.value.reason == "unsupported_scheme"


def test_conditional_get_sends_validators_and_304_is_not_modified(session):
    routes = {"/feed": Route(body=RSS, etag='"v1"', headers={"Last-Modified": "Wed, 25 Nov 2026 10:00:00 GMT"})}
    with serve(routes) as (base, log):
        first = fetch(session, f"{base}/feed")
        second = fetch(session, f"{base}/feed", first.validators)
    assert first.validators == Validators(etag='"v1"', last_modified="Wed, 25 Nov 2026 10:00:00 GMT")
    assert (second.status, second.not_modified, second.body) == (304, True, b"")
    assert log.requests[1].headers["if-none-match"] == '"v1"'
    assert log.requests[1].headers["if-modified-since"] == "Wed, 25 Nov 2026 10:00:00 GMT"
    assert "if-none-match" not in log.requests[0].headers


def test_redirect_chain_is_followed_to_the_final_url(session):
    routes = {
        "/old": Route(status=301, headers={"Location": "/moved"}),
        "/moved": Route(status=302, headers={"Location": "/feed"}),
        "/feed": Route(body=RSS),
    }
    with serve(routes) as (base, _):
        response = fetch(session, f"{base}/old")
    assert (response.status, response.url, response.body) == (200, f"{base}/feed", RSS)


def test_redirect_to_a_non_http_scheme_is_refused(session):
    routes = {"/feed": Route(status=302, headers={"Location": "file:///etc/passwd"})}
    with serve(routes) as (base, _), pytest.raises(FetchError) as raised:
        fetch(session, f"{base}/feed")
    assert raised.value.reason == "unsupported_scheme"


def test_errors_carry_status_and_headers_for_retry_decisions(session):
    with (
        serve({"/busy": Route(status=429, headers={"Retry-After": "7"})}) as (base, _),
        pytest.raises(FetchError) as raised,
    ):
        fetch(session, f"{base}/busy")
    assert (raised.value.reason, raised.value.status, raised.value.headers["retry-after"]) == ("http_429", 429, "7")
