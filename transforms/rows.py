"""Records to dataset rows, and rows to Arrow record batches.

Rows are gathered column by column in a `ColumnBuffer` and become Arrow
record batches (spilled by write.py, or written directly by the streaming
writer): never per-row Python dicts through a shuffle.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from transforms.partitions import format_date, safe_partition_value
from transforms.records import Article, Entity, Reject
from transforms.schema import ARTICLES, FETCH_LOG, REJECTS, SENTENCES
from transforms.tagging.quotes import quote_span

PartitionKey = tuple[str, tuple[tuple[str, str], ...]]  # (dataset, (("topic", v), ("date", v)))


def article_partition(article: Article) -> tuple[tuple[str, str], ...]:
    return (("topic", safe_partition_value(article.topic, "general")), ("date", format_date(article.partition_date)))


def _date_partition(when: dt.datetime) -> tuple[tuple[str, str], ...]:
    return (("date", format_date(when.astimezone(dt.UTC).date())),)


def reject_partition(reject: Reject) -> tuple[tuple[str, str], ...]:
    return _date_partition(reject.rejected_at)


def fetch_log_partition(record) -> tuple[tuple[str, str], ...]:
    return _date_partition(record.attempt.started_at)


def _provenance(article: Article, run_id: str) -> dict:
    return {
        "source": article.source,
        "source_kind": article.source_kind,
        "url": article.url,
        "published_at": article.published_at,
        "ingested_at": article.ingested_at,
        "date_source": article.date_source,
        "run_id": run_id,
    }


def article_row(article: Article, run_id: str) -> dict:
    places = list(dict.fromkeys(code for sentence in article.sentences for code in sentence.places))
    return {
        "article_id": article.article_id,
        "revision": article.revision,
        "title": article.title,
        "text": article.text,
        "guid": article.guid,
        "lang": article.lang,
        "lang_prob": article.lang_prob,
        "topic_scores": [{"topic": topic, "score": score} for topic, score in article.topic_scores.items()],
        "places": places,
        "categories": article.categories,
        "sentence_count": len(article.sentences),
        "content_hash": article.content_hash,
        "input_ref": article.input_ref,
        **_provenance(article, run_id),
    }


def entity_row(entity: Entity) -> dict:
    # Spelled out: dataclasses.asdict deep-copies field by field, ~20 µs an entity.
    return {"text": entity.text, "type": entity.type, "start": entity.start, "end": entity.end}


def sentence_columns(article: Article, run_id: str) -> dict[str, list]:
    """The article's sentence rows as one list per column: a comprehension a column,
    not a dict a row, since articles have about twenty sentences and rows 23 columns."""
    sentences = article.sentences
    count = len(sentences)
    # The tagger carries the span; a sentence marked as a quote some other way gets it found here.
    quotes = [sentence.quote or (quote_span(sentence.text) if sentence.is_quote else None) for sentence in sentences]
    columns = {
        "article_id": [article.article_id] * count,
        "revision": [article.revision] * count,
        "sentence_index": [sentence.index for sentence in sentences],
        "text": [sentence.text for sentence in sentences],
        "char_start": [sentence.start for sentence in sentences],
        "char_end": [sentence.end for sentence in sentences],
        "lang": [sentence.lang for sentence in sentences],
        "lang_prob": [sentence.lang_prob for sentence in sentences],
        "topics": [sentence.topics for sentence in sentences],
        "topic_scores": [sentence.topic_scores for sentence in sentences],
        "topic_terms": [sentence.topic_terms for sentence in sentences],
        "places": [sentence.places for sentence in sentences],
        "entities": [[entity_row(entity) for entity in sentence.entities] for sentence in sentences],
        "is_quote": [sentence.is_quote for sentence in sentences],
        "quote_start": [quote[0] if quote else None for quote in quotes],
        "quote_end": [quote[1] if quote else None for quote in quotes],
    }
    for name, value in _provenance(article, run_id).items():
        columns[name] = [value] * count
    return columns


def reject_row(reject: Reject, run_id: str) -> dict:
    return {
        "stage": reject.stage,
        "reason": reject.reason,
        "detail": reject.detail,
        "source": reject.source,
        "input_ref": reject.input_ref,
        "payload": reject.payload,
        "rejected_at": reject.rejected_at,
        "run_id": run_id,
    }


def fetch_log_row(record, run_id: str) -> dict:
    attempt = record.attempt
    return {
        "source": attempt.source,
        "url": attempt.url,
        "final_url": attempt.final_url,
        "attempt": attempt.attempt,
        "final": attempt.final,
        "started_at": attempt.started_at,
        "elapsed_ms": attempt.elapsed_ms,
        "status": attempt.status,
        "not_modified": attempt.not_modified,
        "bytes": attempt.bytes,
        "etag": attempt.etag,
        "last_modified": attempt.last_modified,
        "content_type": attempt.content_type,
        "error_class": attempt.error_reason,
        "error_message": attempt.error_message,
        "bozo": record.bozo,
        "bozo_reason": record.bozo_reason,
        "entries_seen": record.entries_seen,
        "new_entries": record.new_entries,
        "run_id": run_id,
    }


SCHEMAS = {"sentences": SENTENCES, "articles": ARTICLES, "rejects": REJECTS, "fetch_log": FETCH_LOG}


class ColumnBuffer:
    """Rows of one schema, stored as column lists until they become a RecordBatch."""

    def __init__(self, schema: pa.Schema) -> None:
        self.schema = schema
        self.columns: dict[str, list] = {name: [] for name in schema.names}
        self.rows = 0

    def append(self, row: dict) -> None:
        for name, values in self.columns.items():
            values.append(row[name])
        self.rows += 1

    def extend(self, columns: dict[str, list]) -> None:
        """Many rows at once, given as equally long lists per column (`sentence_columns`)."""
        added = {len(values) for values in columns.values()}
        if len(added) != 1 or columns.keys() != self.columns.keys():
            raise ValueError(f"columns do not fit the schema or differ in length: {sorted(columns)}")
        for name, values in self.columns.items():
            values.extend(columns[name])
        self.rows += added.pop()

    def to_batch(self) -> pa.RecordBatch:
        return pa.RecordBatch.from_pydict(self.columns, schema=self.schema)
