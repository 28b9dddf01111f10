"""newsbeam's pipeline options; every standard Beam flag keeps working beside them."""

from __future__ import annotations

from apache_beam.options.pipeline_options import PipelineOptions

from transforms.fetch_feeds import FetchSettings
from transforms.limits import Limits
from transforms.retry import RetryPolicy
from transforms.write import DEFAULT_MAX_ROWS_PER_FILE

# Beam's DirectRunner first tries to download the Prism runner from the
# internet; the FnApiRunner is the local engine we mean, named explicitly.
DEFAULT_LOCAL_RUNNER = "FnApiRunner"


def _flag(parser, name: str, **settings) -> None:
    """Add --name in Beam's spelling (underscores) and, where it differs, with dashes; one destination."""
    spellings = [f"--{name}"] + ([f"--{name.replace('_', '-')}"] if "_" in name else [])
    parser.add_argument(*spellings, dest=settings.pop("dest", name), **settings)


class NewsbeamOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser) -> None:
        # Defaults come from the classes that use them, so each number lives in one place.
        limits, fetching = Limits(), FetchSettings()
        _flag(parser, "quiet", action="store_true", help="Print nothing but errors.")
        _flag(
            parser,
            "log_format",
            choices=["text", "json"],
            default="text",
            help="Progress and summary as text, or as JSON lines for machines.",
        )
        _flag(
            parser,
            "mode",
            choices=["append", "overwrite"],
            default="append",
            help="append: add only articles not stored yet; overwrite: replace the partitions this run writes.",
        )
        _flag(
            parser,
            "wait_for_lock",
            type=float,
            default=0.0,
            help="Seconds to wait for another run on the same output to finish (default: fail at once).",
        )
        _flag(parser, "output", default="output", help="Output root: a local path or any Beam filesystem URI.")
        _flag(parser, "sources", default=None, help="YAML list of sources (see configs/sources.yaml).")
        _flag(parser, "topics", default=None, help="Topic taxonomy and lexicons (default: bundled).")
        _flag(parser, "extra_topics", default=None, help="A user topics file that extends the taxonomy.")
        _flag(parser, "places", default=None, help="Place aliases and demonyms (default: bundled).")
        _flag(parser, "entities", default=None, help="Entity typing cues (default: bundled).")
        _flag(
            parser,
            "max_document_bytes",
            type=int,
            default=limits.max_document_bytes,
            help="Largest input document, after decompression.",
        )
        _flag(
            parser,
            "max_sentences",
            type=int,
            default=limits.max_sentences,
            help="Articles with more sentences are rejected.",
        )
        _flag(
            parser,
            "max_entries_per_feed",
            dest="max_entries_per_document",
            type=int,
            default=limits.max_entries_per_document,
            help="Entries read from one feed or JSON Lines file; the rest are rejected (too_many_entries).",
        )
        _flag(
            parser,
            "max_article_chars",
            type=int,
            default=limits.max_article_chars,
            help="Longer articles are rejected (too_long).",
        )
        _flag(
            parser,
            "max_sentence_chars",
            type=int,
            default=limits.max_sentence_chars,
            help="Longer sentences are split at whitespace into pieces this long.",
        )
        _flag(
            parser,
            "max_rows_per_file",
            type=int,
            default=DEFAULT_MAX_ROWS_PER_FILE,
            help="Split partition files above this many rows.",
        )
        _flag(
            parser,
            "fetch_concurrency",
            type=int,
            default=fetching.concurrency,
            help="Feeds fetched at once by each worker.",
        )
        _flag(
            parser,
            "fetch_per_host",
            type=int,
            default=fetching.per_host,
            help="Requests in flight to one host at most, per worker.",
        )
        _flag(
            parser,
            "fetch_attempts",
            type=int,
            default=fetching.retry.max_attempts,
            help="Tries per feed for connection errors, timeouts, 429 and 5xx.",
        )
        _flag(
            parser,
            "fetch_timeout",
            type=float,
            default=fetching.timeout[1],
            help="Read timeout in seconds (connect timeout is 5 s; a whole fetch at most 60 s).",
        )
        _flag(
            parser,
            "max_fetch_bytes",
            type=int,
            default=fetching.max_body_bytes,
            help="Largest feed body fetched; the download stops at the cap.",
        )
        _flag(
            parser,
            "contact_url",
            default=fetching.contact_url,
            help="URL put in the User-Agent of HTTP fetches so publishers can reach you.",
        )


def with_local_runner(pipeline_args: list[str]) -> list[str]:
    """Name the local runner explicitly unless the user chose one."""
    if any(arg == "--runner" or arg.startswith("--runner=") for arg in pipeline_args):
        return pipeline_args
    return [*pipeline_args, f"--runner={DEFAULT_LOCAL_RUNNER}"]


def fetch_settings(options: NewsbeamOptions) -> FetchSettings:
    return FetchSettings(
        concurrency=max(1, options.fetch_concurrency),
        per_host=max(1, options.fetch_per_host),
        retry=RetryPolicy(max_attempts=max(1, options.fetch_attempts)),
        timeout=(FetchSettings().timeout[0], options.fetch_timeout),
        max_body_bytes=options.max_fetch_bytes,
        contact_url=options.contact_url,
    )


def limits_from(options: NewsbeamOptions) -> Limits:
    """The input limits of a run or a stream, from its options."""
    return Limits(
        max_document_bytes=options.max_document_bytes,
        max_entries_per_document=options.max_entries_per_document,
        max_article_chars=options.max_article_chars,
        max_sentences=options.max_sentences,
        max_sentence_chars=options.max_sentence_chars,
    )
