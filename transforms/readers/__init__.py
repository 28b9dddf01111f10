"""Parsers that turn one raw input document into Article records or rejects.

Each format has its own module with a single entry point
`parse_<format>(document, ingested_at) -> Iterator[Article | Reject]`;
`formats.parse_document` picks the right one.
"""
