"""The record types that flow through the pipeline.

One record, `Article`, travels from parsing to writing and collects what each
step adds (language, sentences, tags, topic). `Reject` is what a step emits,
on its dead-letter output, for input it cannot handle. Both are slotted
dataclasses: cheap to build, cheap to pickle between Beam stages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

# Payloads kept on reject rows are truncated: enough to debug, never a 50 MB cell.
MAX_REJECT_PAYLOAD_CHARS = 2000


@dataclasses.dataclass(slots=True)
class Entity:
    text: str
    type: str  # PER, ORG, LOC or MISC
    start: int  # character offsets into the sentence text
    end: int


@dataclasses.dataclass(slots=True)
class Sentence:
    index: int
    text: str
    start: int  # character offsets into Article.text
    end: int
    lang: str = "und"
    lang_prob: float = 0.0
    topics: list[str] = dataclasses.field(default_factory=list)
    topic_scores: list[float] = dataclasses.field(default_factory=list)
    topic_terms: list[str] = dataclasses.field(default_factory=list)
    places: list[str] = dataclasses.field(default_factory=list)
    entities: list[Entity] = dataclasses.field(default_factory=list)
    is_quote: bool = False
    quote: tuple[int, int] | None = None  # the quotation's (start, end) in `text`, marks included


@dataclasses.dataclass(slots=True)
class Article:
    article_id: str
    source: str  # feed or file name the article came from
    source_kind: str  # rss, atom, jsonfeed, txt, jsonl, html
    input_ref: str  # where exactly: path or URL, plus '#entry-N' / ':line-N'
    text: str
    title: str = ""
    url: str = ""
    guid: str = ""
    published_at: dt.datetime | None = None  # timezone-aware UTC
    ingested_at: dt.datetime | None = None
    date_source: str = "ingested"  # 'published' when the source gave a date
    lang_hint: str = ""  # language declared by the source, if any
    default_topic: str = ""  # topic configured for the source, if any
    categories: list[str] = dataclasses.field(default_factory=list)
    content_hash: str = ""
    lang: str = "und"
    lang_prob: float = 0.0
    sentences: list[Sentence] = dataclasses.field(default_factory=list)
    topic: str = "general"
    topic_scores: dict[str, float] = dataclasses.field(default_factory=dict)
    revision: int = 1  # > 1 when the text changed since an earlier run stored this id

    @property
    def partition_date(self) -> dt.date:
        """The UTC date the article is filed under (publication, else ingestion)."""
        when = self.published_at or self.ingested_at
        assert when is not None, "an article is always stamped with ingested_at"
        return when.astimezone(dt.UTC).date()


@dataclasses.dataclass(slots=True)
class Reject:
    stage: str  # read, parse, dedupe, language, sentences, tag, topic, write
    reason: str  # short machine-friendly code, e.g. 'invalid_json'
    detail: str  # human-readable explanation
    source: str
    input_ref: str
    payload: str = ""
    rejected_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        if len(self.payload) > MAX_REJECT_PAYLOAD_CHARS:
            self.payload = self.payload[:MAX_REJECT_PAYLOAD_CHARS]
        if self.rejected_at is None:
            self.rejected_at = dt.datetime.now(dt.UTC)
