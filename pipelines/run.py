"""`newsbeam run`: settle a batch job on the launching machine, then run it under the output's lock.

Before the pipeline starts: inputs are checked, configs validated, the output
proven writable, the lock taken, interrupted commits and compactions finished,
the schema guard passed and the feeds' validators loaded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import sys
import uuid
from pathlib import Path

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from pipelines.batch import BatchJob, build_batch_pipeline
from pipelines.errors import (
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_SCHEMA,
    EXIT_UNBALANCED,
    RunRefused,
    UsageError,
)
from pipelines.options import NewsbeamOptions, fetch_settings, limits_from, with_local_runner
from pipelines.profiles import ProfileError, apply_profile, load_profile, take_profile_flag
from pipelines.summary import format_summary
from transforms import storage
from transforms.compact import finish_interrupted_compactions
from transforms.feed_state import FeedStateError, load_validators
from transforms.journal import manifest_path, recover_interrupted_commits
from transforms.progress import ProgressDisplay, progress_path
from transforms.run_lock import LockHeldError, run_lock
from transforms.schema import SCHEMA_VERSION
from transforms.schema_guard import IncompatibleSchemaError, check_output_schema
from transforms.sources import SourcesConfigError, load_sources, spec_from_argument
from transforms.tagging.config import TaggingConfigError, load_tagging_config
from transforms.version import __version__

DEFAULT_SEEDS = "seeds"
USAGE = """newsbeam run [INPUT ...] [--sources FILE] [--output DIR] [--mode append|overwrite]
             [--profile NAME] [Beam flags]

INPUTs are files, directories, globs or http(s) feed URLs (default: seeds/).
--profile NAME takes the Beam flags of configs/profiles/NAME.yaml (local, flink, spark, dataflow) or of a
YAML file given by path; flags on the command line override the profile's.
newsbeam's own flags are listed in the README ("Running"); any other flag must be a Beam pipeline option."""


def new_run_id(started_at: dt.datetime) -> str:
    return f"{started_at:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


def _optional_path(value: str | None) -> Path | None:
    return Path(value) if value else None


def prepare_batch_job(inputs: list[str], options: PipelineOptions) -> BatchJob:
    newsbeam = options.view_as(NewsbeamOptions)
    try:
        tagging = load_tagging_config(
            _optional_path(newsbeam.topics),
            _optional_path(newsbeam.extra_topics),
            _optional_path(newsbeam.places),
            _optional_path(newsbeam.entities),
        )
        specs = [spec_from_argument(argument) for argument in inputs]
        if newsbeam.sources:
            specs += load_sources(newsbeam.sources, tagging.topic_slugs)
    except (SourcesConfigError, TaggingConfigError) as error:
        raise UsageError(str(error)) from error
    if not specs:
        if not inputs and not newsbeam.sources and os.path.isdir(DEFAULT_SEEDS):
            specs = [spec_from_argument(DEFAULT_SEEDS)]
        else:
            raise UsageError("no inputs: give files, directories, globs or URLs, or --sources FILE")
    started_at = dt.datetime.now(dt.UTC)
    run_id = new_run_id(started_at)
    output = output_root(newsbeam)
    run_info = describe_run(run_id, started_at, newsbeam.mode, specs, options)
    return BatchJob(
        specs=specs,
        output=output,
        run_id=run_id,
        started_at=started_at,
        tagging=tagging,
        limits=limits_from(newsbeam),
        max_rows_per_file=newsbeam.max_rows_per_file,
        run_info=run_info,
        fetch=fetch_settings(newsbeam),
        mode=newsbeam.mode,
    )


def split_inputs(argv: list[str]) -> tuple[list[str], list[str]]:
    """(positional inputs, the flags for Beam) from `newsbeam run` arguments.

    Parsed with every registered Beam option known, so that `--runner FlinkRunner`
    keeps its value and only true positionals are taken as inputs. A flag that
    neither newsbeam nor Beam knows is a usage error, not something to ignore.
    """
    parsers = []

    def add_inputs(parser) -> None:
        parser.add_argument("inputs", nargs="*")
        parsers.append(parser)

    options_logger = logging.getLogger("apache_beam.options.pipeline_options")
    level = options_logger.level
    options_logger.setLevel(logging.ERROR)  # unknown flags are reported below, as one error, not as Beam warnings
    try:
        parsed = PipelineOptions(argv).get_all_options(add_extra_args_fn=add_inputs)
    finally:
        options_logger.setLevel(level)
    _, unknown = parsers[0].parse_known_args(argv)
    if flags := [arg for arg in unknown if arg.startswith("-")]:
        raise UsageError(f"unknown option {flags[0]!r}; see 'newsbeam run --help' and Beam's pipeline options")
    inputs = list(parsed.get("inputs") or [])
    remaining, pending = [], list(inputs)
    for argument in argv:
        if pending and argument == pending[0]:
            pending.pop(0)
        else:
            remaining.append(argument)
    return inputs, remaining


def output_root(newsbeam: NewsbeamOptions) -> str:
    """The output root as workers must see it: no trailing slash, local paths absolute."""
    return storage.absolute(newsbeam.output.rstrip("/") or ".")


def describe_run(run_id: str, started_at: dt.datetime, mode: str, specs, options: PipelineOptions, **extra) -> dict:
    """What the manifest records about a run or stream: versions, inputs and the options given (JSON-safe)."""
    info = {
        "run_id": run_id,
        "newsbeam_version": __version__,
        "beam_version": beam.__version__,
        "schema_version": SCHEMA_VERSION,
        "started_at": started_at.isoformat(),
        "mode": mode,
        "inputs": [spec.location for spec in specs],
        "options": {k: v for k, v in options.get_all_options(drop_default=True).items() if v is not None},
        **extra,
    }
    return json.loads(json.dumps(info, default=str))


def check_inputs_exist(inputs: list[str]) -> None:
    """A named local file or folder that does not exist is a typo to report now, not a reject later.

    Globs may match nothing (an empty drop folder is normal) and URLs are checked when fetched.
    """
    for argument in inputs:
        if "://" not in argument and not any(ch in argument for ch in "*?[") and not os.path.exists(argument):
            raise UsageError(f"input not found: {argument}")


def check_output_writable(output: str) -> None:
    """Write and delete a probe file, so that a bad path, bucket or credentials fail now, not after the pipeline ran.

    On object stores the filesystem options (endpoint, credentials) must have been given: storage.configure.
    """
    probe = storage.join(output, f".newsbeam-write-test-{os.getpid()}")
    try:
        if storage.is_local(output):
            os.makedirs(output, exist_ok=True)
        storage.write_bytes(probe, b"probe\n")  # not empty: Beam's S3 writer fails on a 0-byte object (no parts)
        storage.delete_files([probe])
    except Exception as error:  # each filesystem has its own errors (S3ClientError, HttpError, ...)
        raise UsageError(f"cannot write to output {output}: {_gist(error)}") from error


def _gist(error: Exception) -> str:
    """An OSError's strerror, else the first line of the error's message (Beam's and boto's run long)."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    message = error.args[0] if error.args and isinstance(error.args[0], str) else str(error)
    first_line = (message.strip().splitlines() or [""])[0][:300]
    return f"{type(error).__name__}: {first_line}" if first_line else type(error).__name__


def with_profile(argv: list[str]) -> list[str]:
    """`argv` with the flags of the profile it names by --profile; the user's own flags come last and win."""
    try:
        name, argv = take_profile_flag(argv)
        return apply_profile(load_profile(name), argv) if name else argv
    except ProfileError as error:
        raise UsageError(str(error)) from error


def run_batch(argv: list[str]) -> dict:
    """Run the batch pipeline under the output's lock; returns the run manifest."""
    if any(arg in ("-h", "--help") for arg in argv):
        print(USAGE)
        return {}
    inputs, pipeline_args = split_inputs(with_profile(argv))
    options = PipelineOptions(with_local_runner(pipeline_args))
    newsbeam = options.view_as(NewsbeamOptions)
    storage.configure(options)
    check_inputs_exist(inputs)
    job = prepare_batch_job(inputs, options)
    check_output_writable(job.output)
    try:
        with run_lock(job.output, job.run_id, newsbeam.wait_for_lock):
            recover_output(job.output)
            check_output_schema(job.output)
            job = dataclasses.replace(
                job,
                validators=load_validators(job.output),
                progress_path=None if newsbeam.quiet else progress_path(job.output, job.run_id),
            )
            try:
                pipeline = beam.Pipeline(options=options)
            except ValueError as error:  # an unknown --runner
                raise UsageError(str(error).split(". ")[0]) from error
            with ProgressDisplay(job.progress_path, newsbeam.log_format), pipeline:
                build_batch_pipeline(pipeline, job)
    except LockHeldError as error:
        raise RunRefused(EXIT_LOCKED, str(error)) from error
    except IncompatibleSchemaError as error:
        raise RunRefused(EXIT_SCHEMA, str(error)) from error
    except FeedStateError as error:
        raise UsageError(str(error)) from error
    manifest = json.loads(storage.read_bytes(manifest_path(job.output, job.run_id)))
    if newsbeam.quiet:
        pass
    elif newsbeam.log_format == "json":
        print(
            json.dumps({"event": "summary", "run_id": manifest["run_id"], "output": job.output, **manifest["counts"]})
        )
    else:
        print(format_summary(manifest, job.output))
    return manifest


def recover_output(root: str) -> None:
    """Finish what a killed run or compaction left journaled, before anything reads what is stored."""
    for run_id in recover_interrupted_commits(root):
        logging.warning("finished the interrupted commit of run %s", run_id)
    if storage.is_local(root):
        for compaction_id in finish_interrupted_compactions(root):
            logging.warning("finished the interrupted compaction %s", compaction_id)


def run_command(argv: list[str]) -> int:
    try:
        manifest = run_batch(argv)
    except RunRefused as error:
        print(f"newsbeam: {error}", file=sys.stderr)
        return error.exit_code
    return EXIT_OK if not manifest or manifest["counts"]["totals"]["balanced"] else EXIT_UNBALANCED
