"""Coverage-guided fuzzing of newsbeam's reader entry points with atheris (libFuzzer).

    python tests/fuzz/fuzz_readers.py TARGET [-max_total_time=60] [-atheris_runs=N] [CORPUS_DIR ...]

TARGET is one of: feed, text, jsonl, html, json_feed, sources, dates.
Each input must yield valid records or reasoned rejects (tests/support/record_checks.py);
an escaping exception is a finding: libFuzzer saves it as crash-<sha1>. Copy that file
into tests/fixtures/fuzz_crashers/TARGET/, where tests/transforms/test_fuzz_crashers.py
replays it forever after. `make fuzz-smoke` runs each target a few seconds (CI),
`make fuzz` for minutes.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

with atheris.instrument_imports(include=["transforms"]):
    from transforms.readers.dates import parse_date
    from transforms.readers.document import RawDocument
    from transforms.readers.formats import parse_document
    from transforms.sources import SourcesConfigError, SourceSpec, load_sources

from tests.support.record_checks import check_records

INGESTED_AT = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
MAX_DOCUMENT_BYTES = 1 << 20


def _document_target(name: str, headers: dict[str, str] | None = None):
    def target(data: bytes) -> None:
        document = RawDocument(SourceSpec(location=name), name, data, headers or {})
        check_records(list(parse_document(document, INGESTED_AT, MAX_DOCUMENT_BYTES)))

    return target


def _dates(data: bytes) -> None:
    parsed = parse_date(data.decode("utf-8", "replace"))
    assert parsed is None or parsed.utcoffset() == dt.timedelta(0)


_SOURCES_FILE = Path(tempfile.gettempdir()) / f"newsbeam-fuzz-sources-{os.getpid()}.yaml"


def _sources(data: bytes) -> None:
    _SOURCES_FILE.write_bytes(data)
    try:
        specs = load_sources(_SOURCES_FILE, {"sport", "politics", "general"})
    except SourcesConfigError:
        return
    assert all(spec.location for spec in specs)


TARGETS = {
    "feed": _document_target("feed.xml"),
    "json_feed": _document_target("feed.json"),
    "text": _document_target("article.txt"),
    "jsonl": _document_target("articles.jsonl"),
    "html": _document_target("page.html"),
    "http_feed": _document_target("https://feeds.example/feed", {"content-type": "application/rss+xml; charset=utf-8"}),
    "sources": _sources,
    "dates": _dates,
}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer flags]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
