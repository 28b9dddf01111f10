"""The raw input document handed from reading/fetching to parsing, and the reject for one never read."""

from __future__ import annotations

import dataclasses

from transforms.records import Reject
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
        return self.spec.source_for(self.location)


def read_reject(spec: SourceSpec, location: str, reason: str, detail: str) -> Reject:
    """A reject for an input that could not be read or fetched at all."""
    return Reject(stage="read", reason=reason, detail=detail, source=spec.source_for(location), input_ref=location)
