"""`newsbeam stream`: settle a stream on the launching machine, run it under the output's lock, stop it cleanly.

    newsbeam stream --sources configs/sources.yaml [--watch DIR ...] [URL|DIR ...] --output OUT
                    [--poll-interval 60s] [--window 60s] [--duration 30s] [--max-polls N]
                    [--profile NAME] [Beam flags]

Feeds (http/https) are polled, folders and globs watched. Without --duration
or --max-polls the stream runs until SIGTERM/SIGINT. Locally it runs on the
FnApiRunner in streaming mode (named explicitly); any other --runner and its
flags pass through to Beam. --profile NAME takes the Beam flags of
configs/profiles/NAME.yaml (e.g. flink), as `newsbeam run` does; flags on the
command line override the profile's, and --streaming is always added.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import re
import signal
import sys
from pathlib import Path

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from pipelines.errors import EXIT_LOCKED, EXIT_OK, EXIT_SCHEMA, EXIT_UNBALANCED, RunRefused, UsageError
from pipelines.options import NewsbeamOptions, fetch_settings, limits_from, with_local_runner
from pipelines.run import (
    check_output_writable,
    describe_run,
    new_run_id,
    output_root,
    recover_output,
    split_inputs,
    with_profile,
)
from pipelines.stream import DEFAULT_PACE_SECONDS, DEFAULT_STOP_GRACE_SECONDS, StreamJob, build_stream_pipeline
from pipelines.summary import format_summary
from transforms import storage
from transforms.commit import build_manifest
from transforms.feed_state import FeedStateError, load_validators
from transforms.journal import manifest_path
from transforms.run_lock import LockHeldError, run_lock
from transforms.schema_guard import IncompatibleSchemaError, check_output_schema
from transforms.sources import SourcesConfigError, load_sources, spec_from_argument
from transforms.streaming.dedupe_state import DEFAULT_MAX_IDS
from transforms.streaming.stop import request_stop, stop_file
from transforms.tagging.config import TaggingConfigError, load_tagging_config
from transforms.write import StagedFile, staging_root

USAGE = __doc__.split("\n\n")[1]
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


def parse_duration(text: str) -> float:
    """'60s', '5m', '1.5h', '2d', '500ms' or a bare number of seconds -> seconds (> 0)."""
    match = _DURATION.match(str(text))
    if not match or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"invalid duration {text!r}: use e.g. 30s, 5m, 1h")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def stream_arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbeam stream", add_help=False)
    add = parser.add_argument
    add("--watch", action="append", default=[], help="folder or glob to watch for new files (repeatable)")
    add("--poll-interval", "--poll_interval", dest="poll_interval", type=parse_duration, default=60.0)
    add("--window", type=parse_duration, default=60.0, help="fixed window length")
    add("--duration", type=parse_duration, default=None, help="stop by itself after this long")
    add("--max-polls", "--max_polls", dest="max_polls", type=int, default=None, help="stop after N polls")
    add("--dedup-ttl", "--dedup_ttl", dest="dedup_ttl", type=parse_duration, default=7 * 86400.0)
    add("--dedup-max-ids", "--dedup_max_ids", dest="dedup_max_ids", type=int, default=DEFAULT_MAX_IDS)
    add("--stop-grace", "--stop_grace", dest="stop_grace", type=parse_duration, default=DEFAULT_STOP_GRACE_SECONDS)
    add("--pace", type=parse_duration, default=DEFAULT_PACE_SECONDS, help=argparse.SUPPRESS)
    return parser


def stop_after_seconds(args: argparse.Namespace) -> float | None:
    """How long a bounded stream runs: until just after its last poll, or --duration, whichever is first."""
    limits = []
    if args.duration is not None:
        limits.append(args.duration)
    if args.max_polls is not None:
        if args.max_polls < 1:
            raise UsageError("--max-polls must be at least 1")
        # PeriodicImpulse's stop is exclusive: half an interval after the last tick lets exactly N through.
        limits.append((args.max_polls - 0.5) * args.poll_interval)
    return min(limits) if limits else None


def with_streaming(pipeline_args: list[str]) -> list[str]:
    args = with_local_runner(pipeline_args)
    return args if "--streaming" in args else [*args, "--streaming"]


def prepare_stream_job(inputs: list[str], args: argparse.Namespace, options: PipelineOptions) -> StreamJob:
    newsbeam = options.view_as(NewsbeamOptions)
    try:
        tagging = load_tagging_config(
            *(
                Path(value) if value else None
                for value in (newsbeam.topics, newsbeam.extra_topics, newsbeam.places, newsbeam.entities)
            )
        )
        specs = [spec_from_argument(argument) for argument in [*inputs, *args.watch]]
        if newsbeam.sources:
            specs += load_sources(newsbeam.sources, tagging.topic_slugs)
    except (SourcesConfigError, TaggingConfigError) as error:
        raise UsageError(str(error)) from error
    if not specs:
        raise UsageError("nothing to stream: give --sources FILE, --watch DIR or feed URLs")
    for spec in specs:
        is_local_path = not spec.is_url and "://" not in spec.location and not any(c in spec.location for c in "*?[")
        if is_local_path and not os.path.exists(spec.location):
            raise UsageError(f"watched folder not found: {spec.location}")
    started_at = dt.datetime.now(dt.UTC)
    stream_id = "stream-" + new_run_id(started_at)
    output = output_root(newsbeam)
    run_info = describe_run(
        stream_id,
        started_at,
        "stream",
        specs,
        options,
        stream={"poll_seconds": args.poll_interval, "window_seconds": args.window},
    )
    return StreamJob(
        feeds=[spec for spec in specs if spec.is_url],
        folders=[spec for spec in specs if not spec.is_url],
        output=output,
        stream_id=stream_id,
        started_at=started_at,
        poll_seconds=args.poll_interval,
        window_seconds=args.window,
        stop_after_seconds=stop_after_seconds(args),
        tagging=tagging,
        limits=limits_from(newsbeam),
        run_info=run_info,
        fetch=fetch_settings(newsbeam),
        dedup_ttl_seconds=args.dedup_ttl,
        dedup_max_ids=args.dedup_max_ids,
        skip_stored=newsbeam.mode == "append",
        pace_seconds=args.pace,
        stop_grace_seconds=args.stop_grace,
    )


def pane_summaries(root: str, stream_id: str) -> list[dict]:
    """Every pane the stream has published so far (readable while it runs)."""
    try:
        paths = storage.match(storage.join(root, "_streams", stream_id, "*.json"))
    except OSError:
        return []
    return [json.loads(storage.read_bytes(path)) for path in sorted(paths)]


def stream_manifest(job: StreamJob, stopped_by: str) -> dict:
    """The stream's manifest, batch-shaped: counts summed over its published panes, and their files."""
    panes = pane_summaries(job.output, job.stream_id)
    ledger = [((kind, value), count) for pane in panes for kind, value, count in pane["ledger"]]
    files = [
        StagedFile(f["dataset"], f["partition"], staged_path="", final_path=f["path"], rows=f["rows"])
        for pane in panes
        for f in pane["files"]
    ]
    manifest = build_manifest(job.run_info, files, ledger, dt.datetime.now(dt.UTC))
    manifest["stream"] = {**job.run_info["stream"], "panes": len(panes), "stopped_by": stopped_by}
    return manifest


@contextlib.contextmanager
def stop_on_signals(job: StreamJob):
    """SIGTERM/SIGINT ask the stream to stop after its grace period; a second signal stops it at once."""
    received = []

    def on_signal(signum, _frame):
        received.append(signum)
        if len(received) > 1:
            raise KeyboardInterrupt
        logging.warning("%s: finishing the polls in flight, then stopping", signal.Signals(signum).name)
        request_stop(job.output, job.stream_id)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield received
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_pipeline(job: StreamJob, options: PipelineOptions) -> str:
    """Run the stream until it ends by itself ('bounded') or is stopped ('signal')."""
    try:
        pipeline = beam.Pipeline(options=options)
    except ValueError as error:  # an unknown --runner
        raise UsageError(str(error).split(". ")[0]) from error
    build_stream_pipeline(pipeline, job)
    with stop_on_signals(job) as received:
        try:
            pipeline.run().wait_until_finish()
        except (Exception, KeyboardInterrupt):
            # The runner wraps the StreamStopRequested the tick gate raises; a signal received tells it apart.
            if received:
                return "signal"
            raise
    return "signal" if received else "bounded"


def clean_up(job: StreamJob) -> None:
    """Staged files of a pane cut short are never published: delete them, and the stop file."""
    storage.delete_tree(staging_root(job.output, job.stream_id))
    storage.remove_empty_directory(storage.join(job.output, "_staging"))
    path = stop_file(job.output, job.stream_id)
    if storage.exists(path):
        storage.delete_files([path])


def run_stream(argv: list[str]) -> dict:
    """Run a stream under the output's lock; returns its manifest."""
    if any(arg in ("-h", "--help") for arg in argv):
        print(USAGE)
        return {}
    parser = stream_arguments()
    try:
        args, rest = parser.parse_known_args(argv)
    except SystemExit as error:
        raise UsageError("invalid stream option; see 'newsbeam stream --help'") from error
    inputs, pipeline_args = split_inputs(with_profile(rest))
    options = PipelineOptions(with_streaming(pipeline_args))
    storage.configure(options)  # the launcher's own file operations on s3:// and gs:// outputs
    newsbeam = options.view_as(NewsbeamOptions)
    job = prepare_stream_job(inputs, args, options)
    check_output_writable(job.output)
    try:
        with run_lock(job.output, job.stream_id, newsbeam.wait_for_lock):
            recover_output(job.output)
            check_output_schema(job.output)
            job = dataclasses.replace(job, validators={**load_validators(job.output), **job.validators})
            try:
                stopped_by = run_pipeline(job, options)
            finally:
                clean_up(job)
            manifest = stream_manifest(job, stopped_by)
            storage.write_bytes_atomic(
                manifest_path(job.output, job.stream_id), json.dumps(manifest, indent=2).encode("utf-8")
            )
    except LockHeldError as error:
        raise RunRefused(EXIT_LOCKED, str(error)) from error
    except IncompatibleSchemaError as error:
        raise RunRefused(EXIT_SCHEMA, str(error)) from error
    except FeedStateError as error:
        raise UsageError(str(error)) from error
    if newsbeam.quiet:
        pass
    elif newsbeam.log_format == "json":
        print(json.dumps({"event": "summary", "run_id": job.stream_id, "output": job.output, **manifest["counts"]}))
    else:
        print(format_summary(manifest, job.output).replace("newsbeam run", "newsbeam stream", 1))
    return manifest


def stream_command(argv: list[str]) -> int:
    try:
        manifest = run_stream(argv)
    except RunRefused as error:
        print(f"newsbeam: {error}", file=sys.stderr)
        return error.exit_code
    if not manifest:
        return EXIT_OK
    # A stream stopped by a signal may have cut its last poll short: those inputs were never written
    # (the next stream reads them again), so only a stream that ended by itself must balance.
    balanced = manifest["counts"]["totals"]["balanced"] or manifest["stream"]["stopped_by"] == "signal"
    return EXIT_OK if balanced else EXIT_UNBALANCED
