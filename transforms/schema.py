"""The output contract: Arrow schemas of every dataset newsbeam writes.

This module is the single source of truth for column names, types and
documentation; the README's data dictionary is generated from it
(`python -m transforms.schema`). Bump SCHEMA_VERSION on any change a reader
could notice.

Partition columns (`topic`, `date`) are not stored inside the files: they
live in the Hive-style directory names and are typed by `PARTITIONING`.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1.2"
# What each version changed. Same major version: additive, so newer code may append to older output
# (readers then use DuckDB's union_by_name=true or pyarrow with this module's schema).
SCHEMA_HISTORY = {
    "1.0": "first version",
    "1.1": "added `revision` to articles and sentences",
}
SCHEMA_VERSION_KEY = b"newsbeam.schema_version"

_UTC_MICROS = pa.timestamp("us", tz="UTC")
# Strings with few distinct values are dictionary-encoded in memory and in Parquet.
_LOW_CARDINALITY = pa.dictionary(pa.int32(), pa.string())

ENTITY_TYPE = pa.struct(
    [
        pa.field("text", pa.string()),
        pa.field("type", pa.string()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
    ]
)
TOPIC_SCORE_TYPE = pa.struct([pa.field("topic", pa.string()), pa.field("score", pa.float32())])


def _field(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"doc": doc})


_PROVENANCE = [
    _field("source", _LOW_CARDINALITY, "Name of the feed or file the article came from.", False),
    _field("source_kind", _LOW_CARDINALITY, "Input format: rss, atom, rdf, jsonfeed, txt, jsonl or html.", False),
    _field("url", pa.string(), "Article URL as given by the source ('' when none)."),
    _field("published_at", _UTC_MICROS, "Publication time in UTC; null when the source gave none."),
    _field("ingested_at", _UTC_MICROS, "When this run parsed the article (UTC).", False),
    _field(
        "date_source",
        _LOW_CARDINALITY,
        "What the `date` partition is: 'published' (publication date) or 'ingested' (ingestion date).",
        False,
    ),
    _field("run_id", _LOW_CARDINALITY, "Id of the run that wrote the row; see _runs/<run_id>.json.", False),
]

SENTENCES = pa.schema(
    [
        _field("article_id", pa.string(), "Stable article id: hash of canonical URL, feed GUID or content.", False),
        _field("revision", pa.int32(), "Revision of the article the sentence belongs to (1, 2, ...).", False),
        _field("sentence_index", pa.int32(), "0-based position of the sentence in its article.", False),
        _field("text", pa.string(), "The sentence text, exactly article.text[char_start:char_end].", False),
        _field("char_start", pa.int32(), "Start offset (characters) in the article text.", False),
        _field("char_end", pa.int32(), "End offset (characters, exclusive) in the article text.", False),
        _field("lang", _LOW_CARDINALITY, "ISO 639-1 language of the sentence ('und' when unknown).", False),
        _field("lang_prob", pa.float32(), "Probability of `lang` given by the detector (0-1).", False),
        _field("topics", pa.list_(pa.string()), "Topic slugs the sentence matched, best first."),
        _field("topic_scores", pa.list_(pa.float32()), "Score of each entry of `topics` (same order)."),
        _field("topic_terms", pa.list_(pa.string()), "Lexicon terms that matched, as 'topic:term'."),
        _field("places", pa.list_(pa.string()), "ISO 3166-1 alpha-2 codes of countries mentioned."),
        _field("entities", pa.list_(ENTITY_TYPE), "Proper-noun spans: text, type (PER/ORG/LOC/MISC), offsets."),
        _field("is_quote", pa.bool_(), "True when the sentence is or contains a direct quotation.", False),
        _field(
            "quote_start",
            pa.int32(),
            "Start offset (characters) in the sentence text of its quotation, marks included; null if none.",
        ),
        _field("quote_end", pa.int32(), "End offset (characters, exclusive) of the quotation; null if none."),
        *_PROVENANCE,
    ],
    metadata={SCHEMA_VERSION_KEY: SCHEMA_VERSION.encode()},
)

ARTICLES = pa.schema(
    [
        _field("article_id", pa.string(), "Stable article id: hash of canonical URL, feed GUID or content.", False),
        _field(
            "revision",
            pa.int32(),
            "1 for the first version stored; a changed text under the same id is stored as the next revision.",
            False,
        ),
        _field("title", pa.string(), "Headline ('' when the source gave none)."),
        _field("text", pa.string(), "Clean article text that sentence offsets refer to.", False),
        _field("guid", pa.string(), "Feed entry id as given by the source ('' when none)."),
        _field("lang", _LOW_CARDINALITY, "ISO 639-1 language of the article ('und' when unknown).", False),
        _field("lang_prob", pa.float32(), "Probability of `lang` given by the detector (0-1).", False),
        _field("topic_scores", pa.list_(TOPIC_SCORE_TYPE), "Every topic with evidence, best first."),
        _field("places", pa.list_(pa.string()), "ISO 3166-1 codes mentioned anywhere in the article."),
        _field("categories", pa.list_(pa.string()), "Categories or tags given by the source."),
        _field("sentence_count", pa.int32(), "Number of sentence rows written for the article.", False),
        _field("content_hash", pa.string(), "Hash of the normalised text; equal text, equal hash.", False),
        _field("input_ref", pa.string(), "Where the article was read: path or URL plus entry/line.", False),
        *_PROVENANCE,
    ],
    metadata={SCHEMA_VERSION_KEY: SCHEMA_VERSION.encode()},
)

REJECTS = pa.schema(
    [
        _field("stage", _LOW_CARDINALITY, "Pipeline step that rejected the input (read, parse, ...).", False),
        _field("reason", _LOW_CARDINALITY, "Machine-friendly reason code, e.g. invalid_json.", False),
        _field("detail", pa.string(), "Human-readable explanation.", False),
        _field("source", _LOW_CARDINALITY, "Feed or file the input came from.", False),
        _field("input_ref", pa.string(), "Where the input was read: path or URL plus entry/line.", False),
        _field("payload", pa.string(), "The offending input, truncated to 2,000 characters."),
        _field("rejected_at", _UTC_MICROS, "When the input was rejected (UTC).", False),
        _field("run_id", _LOW_CARDINALITY, "Id of the run that wrote the row.", False),
    ],
    metadata={SCHEMA_VERSION_KEY: SCHEMA_VERSION.encode()},
)

FETCH_LOG = pa.schema(
    [
        _field("source", _LOW_CARDINALITY, "Name of the feed.", False),
        _field("url", pa.string(), "Feed URL as configured.", False),
        _field("final_url", pa.string(), "URL after redirects ('' when no response)."),
        _field("attempt", pa.int32(), "1 for the first try, 2 for the first retry, ...", False),
        _field("final", pa.bool_(), "True for the last attempt of the feed in this run.", False),
        _field("started_at", _UTC_MICROS, "When the attempt started (UTC).", False),
        _field("elapsed_ms", pa.float32(), "Duration of the attempt in milliseconds.", False),
        _field("status", pa.int32(), "HTTP status; null when no response arrived."),
        _field("not_modified", pa.bool_(), "True for a 304: the feed did not change since the last run.", False),
        _field("bytes", pa.int64(), "Body size in bytes after content decoding.", False),
        _field("etag", pa.string(), "ETag the server sent."),
        _field("last_modified", pa.string(), "Last-Modified the server sent."),
        _field("content_type", _LOW_CARDINALITY, "Content-Type the server sent."),
        _field(
            "error_class", _LOW_CARDINALITY, "Reason code of a failed attempt ('' on success): timeout, http_404, ..."
        ),
        _field("error_message", pa.string(), "Human-readable error of a failed attempt."),
        _field("bozo", pa.bool_(), "Final attempts: whether feedparser found the feed not well-formed."),
        _field("bozo_reason", pa.string(), "Final attempts: feedparser's complaint, when bozo."),
        _field("entries_seen", pa.int32(), "Final attempts with a body: entries the feed held."),
        _field("new_entries", pa.int32(), "Final attempts with a body: articles written from it by this run."),
        _field("run_id", _LOW_CARDINALITY, "Id of the run that fetched.", False),
    ],
    metadata={SCHEMA_VERSION_KEY: SCHEMA_VERSION.encode()},
)

# Dataset name -> (schema, partition columns). Partition values live in paths.
DATASETS: dict[str, tuple[pa.Schema, tuple[str, ...]]] = {
    "sentences": (SENTENCES, ("topic", "date")),
    "articles": (ARTICLES, ("topic", "date")),
    "rejects": (REJECTS, ("date",)),
    "fetch_log": (FETCH_LOG, ("date",)),
}

PARTITION_TYPES = {"topic": pa.string(), "date": pa.date32()}
PARTITION_DOCS = {
    "topic": "Article topic: an IPTC Media Topics slug from configs/topics.yaml, or 'general'.",
    "date": "UTC publication date of the article, else its ingestion date (see date_source); "
    "for rejects, the UTC date of rejection; for the fetch log, the UTC date of the attempt.",
}


def partitioning(dataset: str):
    """The typed Hive partitioning for reading `dataset` with pyarrow.dataset."""
    import pyarrow.dataset as ds

    columns = DATASETS[dataset][1]
    return ds.partitioning(pa.schema([(c, PARTITION_TYPES[c]) for c in columns]), flavor="hive")


def _type_name(type_: pa.DataType) -> str:
    if pa.types.is_dictionary(type_):
        return "string (dictionary-encoded)"
    return str(type_).replace("<item: ", "<").replace("date32[day]", "date")


def data_dictionary_markdown() -> str:
    """Markdown tables documenting every column of every dataset."""
    lines = [f"Schema version {SCHEMA_VERSION}.", ""]
    for name, (schema, partition_columns) in DATASETS.items():
        lines += [f"### {name}", "", "| column | type | description |", "| --- | --- | --- |"]
        for column in partition_columns:
            lines.append(f"| {column} | {_type_name(PARTITION_TYPES[column])}, partition | {PARTITION_DOCS[column]} |")
        for f in schema:
            doc = f.metadata[b"doc"].decode() if f.metadata else ""
            lines.append(f"| {f.name} | {_type_name(f.type)} | {doc} |")
        lines.append("")
    return "\n".join(lines)


def update_readme(path: str) -> None:
    """Rewrite the README section between the data-dictionary markers."""
    import re
    from pathlib import Path

    readme = Path(path)
    section = f"<!-- data-dictionary:start -->\n{data_dictionary_markdown()}\n<!-- data-dictionary:end -->"
    text = re.sub(
        r"<!-- data-dictionary:start -->.*<!-- data-dictionary:end -->",
        lambda _: section,
        readme.read_text(),
        flags=re.S,
    )
    readme.write_text(text)


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--update-readme"]:
        update_readme(sys.argv[2] if len(sys.argv) > 2 else "README.md")
    else:
        print(data_dictionary_markdown())
