"""One HTTP GET of a feed: bounded in time and size, conditional, with our own User-Agent.

Fetching is kept apart from parsing (feedparser fetches nothing itself here):
this module decides timeouts, redirects, the body cap and validators, then
hands bytes and headers on. Retries and politeness live in fetch_feeds.py.
"""

from __future__ import annotations

import dataclasses
import time

import requests

from transforms.version import __version__

DEFAULT_CONTACT_URL = "https://github.com/newsbeam/newsbeam"
DEFAULT_TIMEOUT = (5.0, 20.0)  # (connect, read) seconds, per socket operation
DEFAULT_TOTAL_TIMEOUT = 60.0  # a server trickling bytes cannot hold a fetch longer than this
DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A fetch attempt that produced no usable body; `reason` is a short code."""

    def __init__(self, reason: str, detail: str, status: int | None = None, headers: dict | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.status = status
        self.headers = headers or {}


@dataclasses.dataclass(frozen=True, slots=True)
class Validators:
    """What a server told us last time, to ask 'has it changed?' (RFC 9110 conditional GET)."""

    etag: str = ""
    last_modified: str = ""

    def request_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclasses.dataclass(slots=True)
class FetchResponse:
    url: str  # final URL after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    not_modified: bool = False

    @property
    def validators(self) -> Validators:
        return Validators(etag=self.headers.get("etag", ""), last_modified=self.headers.get("last-modified", ""))


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


def _lower(headers) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def fetch(
    session: requests.Session,
    url: str,
    validators: Validators = Validators(),
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT,
) -> FetchResponse:
    """GET `url` once. 304 is a response (not_modified); errors raise FetchError."""
    if not url.startswith(("http://", "https://")):
        raise FetchError("unsupported_scheme", f"only http and https URLs are fetched: {url!r}")
    deadline = time.monotonic() + total_timeout
    try:
        with session.get(url, headers=validators.request_headers(), timeout=timeout, stream=True) as response:
            headers = _lower(response.headers)
            if response.status_code == 304:
                return FetchResponse(url=response.url, status=304, headers=headers, body=b"", not_modified=True)
            if response.status_code >= 400:
                detail = f"HTTP {response.status_code} {response.reason}"
                raise FetchError(f"http_{response.status_code}", detail, response.status_code, headers)
            chunks, size = [], 0
            for chunk in response.iter_content(chunk_size=64 * 1024):
                size += len(chunk)
                if size > max_body_bytes:
                    raise FetchError("too_large", f"body exceeds the {max_body_bytes:,}-byte limit", 200, headers)
                if time.monotonic() > deadline:
                    raise FetchError("timeout", f"body not complete after {total_timeout:.0f} s", 200, headers)
                chunks.append(chunk)
            # requests already undid Content-Encoding; the parser must not try again.
            headers.pop("content-encoding", None)
            return FetchResponse(url=response.url, status=response.status_code, headers=headers, body=b"".join(chunks))
    except requests.TooManyRedirects as error:
        raise FetchError("too_many_redirects", f"more than {MAX_REDIRECTS} redirects: {error}") from error
    except requests.exceptions.InvalidSchema as error:
        raise FetchError("unsupported_scheme", f"redirected to a scheme other than http(s): {error}") from error
    except requests.Timeout as error:
        raise FetchError("timeout", str(error)) from error
    except requests.ConnectionError as error:
        # A read timeout while streaming the body surfaces as a ConnectionError.
        reason = "timeout" if "timed out" in str(error).lower() else "connection_error"
        raise FetchError(reason, str(error)) from error
    except requests.RequestException as error:
        raise FetchError("request_failed", f"{type(error).__name__}: {error}") from error
