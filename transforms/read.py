"""ReadInputs: source specs -> raw documents, from files (any Beam filesystem) or HTTP.

Globs and directories are expanded first, and the concrete documents are
spread across workers before they are read: files at once, URLs fetched
concurrently (FetchFeedsFn). Both are read by one step, so the documents
never cross a stage boundary: they are parsed and spilled in the stage that
reads them (a Flatten of a file branch and a URL branch held every document of
the run in the runner's memory). Anything that cannot be read (missing path,
HTTP error, oversized body) becomes a Reject of stage 'read'; every HTTP
attempt becomes a FetchAttempt.
"""

from __future__ import annotations

import os

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from transforms import storage
from transforms.fetch import DEFAULT_MAX_BODY_BYTES, Validators
from transforms.fetch_feeds import ATTEMPTS, FetchFeedsFn, FetchSettings
from transforms.readers.document import RawDocument, read_reject
from transforms.sources import SourceSpec
from transforms.steps import REJECTS

DOCUMENTS = "documents"
LOCATIONS = "locations"
# Files picked up when a directory is given; explicit paths may have any name.
INPUT_EXTENSIONS = (
    ".txt",
    ".text",
    ".jsonl",
    ".ndjson",
    ".html",
    ".htm",
    ".xml",
    ".rss",
    ".atom",
    ".rdf",
    ".json",
    ".feed",
)


class FileTooLargeError(ValueError):
    pass


def _is_input_file(path: str) -> bool:
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if name.startswith((".", "_")):
        return False
    name = name[:-3] if name.endswith(".gz") else name
    return name.endswith(INPUT_EXTENSIONS)


def expand_spec(spec: SourceSpec):
    """(spec, location) for each concrete document a spec names; a Reject on REJECTS if none."""
    if spec.is_url:
        yield spec, spec.location
        return
    location = spec.location
    is_directory = location.endswith("/") or (storage.is_local(location) and os.path.isdir(location))
    try:
        matched = [] if is_directory else storage.match(location)
        if not matched and not is_directory and not storage.is_local(location) and not storage.has_glob(location):
            # Object stores have no folders: s3://bucket/in names no object, but the prefix in/ may hold many.
            is_directory = True
        if is_directory:
            matched = storage.match(location.rstrip("/") + "/**")
    except (OSError, ValueError) as error:  # BeamIOError is an OSError
        yield beam.pvalue.TaggedOutput(
            REJECTS, read_reject(spec, location, "unreadable_path", f"{type(error).__name__}: {error}")
        )
        return
    if is_directory:
        matched = [path for path in matched if _is_input_file(path)]
    if not matched:
        yield beam.pvalue.TaggedOutput(
            REJECTS, read_reject(spec, location, "not_found", f"no input file matches {location!r}")
        )
        return
    for path in sorted(matched):
        yield spec, path


class ReadDocumentFn(beam.DoFn):
    """(spec, path) -> RawDocument; failures go to REJECTS."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        super().__init__()
        self._max_bytes = max_bytes

    def process(self, element):
        spec, location = element
        try:
            yield RawDocument(spec=spec, location=location, content=self._read_file(location))
        except FileTooLargeError as error:
            yield beam.pvalue.TaggedOutput(REJECTS, read_reject(spec, location, "too_large", str(error)))
        except (OSError, ValueError) as error:
            detail = f"{type(error).__name__}: {error}"
            yield beam.pvalue.TaggedOutput(REJECTS, read_reject(spec, location, "unreadable_file", detail))

    def _read_file(self, path: str) -> bytes:
        # Compressed files are read raw: the parser undoes gzip with a size cap.
        with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
            content = handle.read(self._max_bytes + 1)
        if len(content) > self._max_bytes:
            raise FileTooLargeError(f"file exceeds the {self._max_bytes:,}-byte limit")
        return content


class ReadSourcesFn(FetchFeedsFn):
    """(spec, location) -> RawDocument on the main output, Reject on REJECTS, FetchAttempt on ATTEMPTS.

    A file is read as it comes; a URL is fetched with FetchFeedsFn's pool, per-host limit and retries.
    """

    def __init__(self, max_bytes: int, settings: FetchSettings, validators: dict[str, Validators]) -> None:
        super().__init__(settings, validators)
        self._files = ReadDocumentFn(max_bytes)

    def process(self, element, windowed=beam.DoFn.WindowedValueParam):
        spec, _ = element
        if spec.is_url:
            yield from super().process(element, windowed)
        else:
            yield from self._files.process(element)


class ReadInputs(beam.PTransform):
    """Source specs -> {'documents': RawDocument, 'rejects': Reject, 'fetch_attempts': FetchAttempt}."""

    def __init__(
        self,
        specs: list[SourceSpec],
        max_bytes: int = DEFAULT_MAX_BODY_BYTES,
        fetch_settings: FetchSettings | None = None,
        validators: dict[str, Validators] | None = None,
    ) -> None:
        super().__init__()
        self._specs = specs
        self._max_bytes = max_bytes
        self._fetch_settings = fetch_settings or FetchSettings()
        self._validators = validators or {}

    def expand(self, pipeline):
        expanded = (
            pipeline
            | "CreateSources" >> beam.Create(self._specs)
            | "ExpandSources" >> beam.FlatMap(expand_spec).with_outputs(REJECTS, main=LOCATIONS)
        )
        read = (
            expanded[LOCATIONS]
            | "SpreadLocations" >> beam.Reshuffle()
            | "ReadSources"
            >> beam.ParDo(ReadSourcesFn(self._max_bytes, self._fetch_settings, self._validators)).with_outputs(
                REJECTS, ATTEMPTS, main=DOCUMENTS
            )
        )
        documents = read[DOCUMENTS]
        rejects = (expanded[REJECTS], read[REJECTS]) | "FlattenReadRejects" >> beam.Flatten()
        return {DOCUMENTS: documents, REJECTS: rejects, ATTEMPTS: read[ATTEMPTS]}
