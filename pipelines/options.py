"""newsbeam's pipeline options; every standard Beam flag keeps working beside them."""

from __future__ import annotations

from apache_beam.options.pipeline_options import PipelineOptions

from transforms.fetch import DEFAULT_CONTACT_URL, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT
from transforms.fetch_feeds import FetchSettings
from transforms.limits import Limits
from transforms.readers.formats import DEFAULT_MAX_DOCUMENT_BYTES
from transforms.retry import RetryPolicy
from transforms.sentences import DEFAULT_MAX_SENTENCES
from transforms.write import DEFAULT_MAX_ROWS_PER_FILE

# Beam's DirectRunner first tries to download the Prism runner from the
# internet; the FnApiRunner is the local engine we mean, named explicitly.
DEFAULT_LOCAL_RUNNER = "FnApiRunner"


class NewsbeamOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")
        parser.add_argument(
            "--log_format",
            "--log-format",
            dest="log_format",
            choices=["text", "json"],
            default="text",
            help="Progress and summary as text, or as JSON lines for machines.",
        )
        parser.add_argument(
            "--mode",
            choices=["append", "overwrite"],
            default="append",
            help="append: add only articles not stored yet; overwrite: replace the partitions this run writes.",
        )
        parser.add_argument(
            "--wait_for_lock",
            "--wait-for-lock",
            dest="wait_for_lock",
            type=float,
            default=0.0,
            help="Seconds to wait for another run on the same output to finish (default: fail at once).",
        )
        parser.add_argument("--output", default="output", help="Output root: a local path or any Beam filesystem URI.")
        parser.add_argument("--sources", default=None, help="YAML list of sources (see configs/sources.yaml).")
        parser.add_argument("--topics", default=None, help="Topic taxonomy and lexicons (default: bundled).")
        parser.add_argument(
            "--extra_topics",
            "--extra-topics",
            dest="extra_topics",
            default=None,
            help="A user topics file that extends the taxonomy.",
        )
        parser.add_argument("--places", default=None, help="Place aliases and demonyms (default: bundled).")
        parser.add_argument("--entities", default=None, help="Entity typing cues (default: bundled).")
        parser.add_argument(
            "--max_document_bytes",
            "--max-document-bytes",
            dest="max_document_bytes",
            type=int,
            default=DEFAULT_MAX_DOCUMENT_BYTES,
            help="Largest input document, after decompression.",
        )
        parser.add_argument(
            "--max_sentences",
            "--max-sentences",
            dest="max_sentences",
            type=int,
            default=DEFAULT_MAX_SENTENCES,
            help="Articles with more sentences are rejected.",
        )
        parser.add_argument(
            "--max_entries_per_feed",
            "--max-entries-per-feed",
            dest="max_entries_per_document",
            type=int,
            default=Limits.max_entries_per_document,
            help="Entries read from one feed or JSON Lines file; the rest are rejected (too_many_entries).",
        )
        parser.add_argument(
            "--max_article_chars",
            "--max-article-chars",
            dest="max_article_chars",
            type=int,
            default=Limits.max_article_chars,
            help="Longer articles are rejected (too_long).",
        )
        parser.add_argument(
            "--max_sentence_chars",
            "--max-sentence-chars",
            dest="max_sentence_chars",
            type=int,
            default=Limits.max_sentence_chars,
            help="Longer sentences are split at whitespace into pieces this long.",
        )
        parser.add_argument(
            "--max_rows_per_file",
            "--max-rows-per-file",
            dest="max_rows_per_file",
            type=int,
            default=DEFAULT_MAX_ROWS_PER_FILE,
            help="Split partition files above this many rows.",
        )
        parser.add_argument(
            "--fetch_concurrency",
            "--fetch-concurrency",
            dest="fetch_concurrency",
            type=int,
            default=16,
            help="Feeds fetched at once by each worker.",
        )
        parser.add_argument(
            "--fetch_per_host",
            "--fetch-per-host",
            dest="fetch_per_host",
            type=int,
            default=2,
            help="Requests in flight to one host at most, per worker.",
        )
        parser.add_argument(
            "--fetch_attempts",
            "--fetch-attempts",
            dest="fetch_attempts",
            type=int,
            default=3,
            help="Tries per feed for connection errors, timeouts, 429 and 5xx.",
        )
        parser.add_argument(
            "--fetch_timeout",
            "--fetch-timeout",
            dest="fetch_timeout",
            type=float,
            default=20.0,
            help="Read timeout in seconds (connect timeout is 5 s; a whole fetch at most 60 s).",
        )
        parser.add_argument(
            "--max_fetch_bytes",
            "--max-fetch-bytes",
            dest="max_fetch_bytes",
            type=int,
            default=DEFAULT_MAX_BODY_BYTES,
            help="Largest feed body fetched; the download stops at the cap.",
        )
        parser.add_argument(
            "--contact_url",
            "--contact-url",
            dest="contact_url",
            default=DEFAULT_CONTACT_URL,
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
        timeout=(DEFAULT_TIMEOUT[0], options.fetch_timeout),
        max_body_bytes=options.max_fetch_bytes,
        contact_url=options.contact_url,
    )
