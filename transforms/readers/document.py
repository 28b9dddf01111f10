"""The raw input document handed from reading/fetching to parsing."""

from __future__ import annotations

import dataclasses

from transforms.sources import SourceSpec


@dataclasses.dataclass(slots=True)
class RawDocument:
    spec: SourceSpec
    location: str  # the concrete file path or URL that was read
    content: bytes
    # HTTP response headers (lower-case names) when fetched; feedparser uses
    # Content-Type charset, Content-Location and Content-Language.
    headers: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def source(self) -> str:
        return self.spec.name or source_name(self.location)


def source_name(location: str) -> str:
    """Default source name: the file name, or host + path for a URL."""
    if "://" in location:
        rest = location.split("://", 1)[1]
        return rest.split("?", 1)[0].rstrip("/")[:200] or location
    return location.replace("\\", "/").rsplit("/", 1)[-1]
