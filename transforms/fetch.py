"""HTTP fetching of feed URLs: bounded in time and size, with our own User-Agent.

Fetching is kept apart from parsing (feedparser fetches nothing itself here):
the client decides timeouts, redirects and the body cap, then hands the bytes
and headers to the parser.
"""

from __future__ import annotations

import dataclasses

import requests

from transforms.version import __version__

DEFAULT_CONTACT_URL = "https://github.com/newsbeam/newsbeam"
DEFAULT_TIMEOUT = (5.0, 20.0)  # (connect, read) seconds
DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A fetch that produced no usable body; `reason` is a short code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


@dataclasses.dataclass(slots=True)
class FetchResponse:
    url: str  # final URL after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


def user_agent(contact_url: str = DEFAULT_CONTACT_URL) -> str:
    return f"newsbeam/{__version__} (+{contact_url})"


def new_session(contact_url: str = DEFAULT_CONTACT_URL) -> requests.Session:
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    session.headers.update(
        {
            "User-Agent": user_agent(contact_url),
            "Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
            "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        }
    )
    return session


def fetch(
    session: requests.Session,
    url: str,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> FetchResponse:
    """GET `url`; raises FetchError for network errors, HTTP errors and oversized bodies."""
    if not url.startswith(("http://", "https://")):
        raise FetchError("unsupported_scheme", f"only http and https URLs are fetched: {url!r}")
    try:
        with session.get(url, timeout=timeout, stream=True) as response:
            if response.status_code >= 400:
                raise FetchError(f"http_{response.status_code}", f"HTTP {response.status_code} {response.reason}")
            chunks, size = [], 0
            for chunk in response.iter_content(chunk_size=64 * 1024):
                size += len(chunk)
                if size > max_body_bytes:
                    raise FetchError("too_large", f"body exceeds the {max_body_bytes:,}-byte limit")
                chunks.append(chunk)
            headers = {name.lower(): value for name, value in response.headers.items()}
            # requests already undid Content-Encoding; the parser must not try again.
            headers.pop("content-encoding", None)
            return FetchResponse(url=response.url, status=response.status_code, headers=headers, body=b"".join(chunks))
    except requests.TooManyRedirects as error:
        raise FetchError("too_many_redirects", str(error)) from error
    except requests.Timeout as error:
        raise FetchError("timeout", str(error)) from error
    except requests.ConnectionError as error:
        raise FetchError("connection_error", str(error)) from error
    except requests.RequestException as error:
        raise FetchError("request_failed", str(error)) from error
