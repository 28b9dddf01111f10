"""fetch(): a bounded, well-identified HTTP GET, tested against a real local server."""

import gzip

import pytest

from tests.support.http_server import Route, serve
from transforms.fetch import FetchError, fetch, new_session, user_agent

RSS = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


@pytest.fixture
def session():
    with new_session("https://example.org/contact") as session:
        yield session


def test_fetch_returns_body_and_lowercase_headers(session):
    routes = {"/feed": Route(headers={"Content-Type": "application/rss+xml; charset=utf-8"}, body=RSS)}
    with serve(routes) as (base, requests):
        response = fetch(session, f"{base}/feed")
    assert response.status == 200
    assert response.body == RSS
    assert response.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert requests[0].headers["user-agent"] == user_agent("https://example.org/contact")
    assert "newsbeam/" in requests[0].headers["user-agent"]


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
    with serve(routes) as (base, requests), pytest.raises(FetchError) as raised:
        fetch(session, f"{base}/r0")
    assert raised.value.reason == "too_many_redirects"
    assert len(requests) == 6  # the first request and five redirects


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
