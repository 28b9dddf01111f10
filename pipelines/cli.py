"""The `newsbeam` command.

    newsbeam run [INPUT ...] [--sources configs/sources.yaml] [--output output] [Beam flags]
    newsbeam stream [--sources FILE] [--watch DIR ...] [--output OUT] [--poll-interval 60s] [--window 60s]
                    [--duration 30s | --max-polls N] [Beam flags]
    newsbeam inspect [OUTPUT] [--format text|json]
    newsbeam report [OUTPUT] [-o report.html]
    newsbeam feeds status [OUTPUT] [--format table|json]
    newsbeam compact OUTPUT [--partition sentences/topic=sport ...] [--target-mb 128]

INPUTs are files, directories, globs or http(s) feed URLs; with none and no
--sources, the bundled seeds/ folder is read. Flags newsbeam does not know
(--runner, --direct_num_workers, ...) go to Beam unchanged. Add --debug to any
command for a traceback instead of a one-line error.
"""

from __future__ import annotations

import argparse
import logging
import sys

from pipelines.errors import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, EXIT_USAGE, UsageError
from pipelines.feeds_status import feeds_status
from pipelines.inspect_output import inspect_command
from pipelines.report import report_command
from pipelines.run import recover_output, run_command
from pipelines.stream_run import stream_command
from transforms.compact import DEFAULT_TARGET_BYTES, CompactionError, compact
from transforms.run_lock import LockHeldError, run_lock
from transforms.version import __version__


def compact_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="newsbeam compact", description="Merge small files within partitions.")
    parser.add_argument("output", help="output root")
    parser.add_argument("--partition", action="append", help="only this dataset/partition prefix (repeatable)")
    parser.add_argument("--target-mb", type=float, default=DEFAULT_TARGET_BYTES / 2**20, help="target file size")
    parser.add_argument("--wait-for-lock", type=float, default=0.0, help="seconds to wait for a running job")
    args = parser.parse_args(argv)
    try:
        with run_lock(args.output, "compaction", args.wait_for_lock):
            recover_output(args.output)
            results = compact(args.output, args.partition, int(args.target_mb * 2**20))
    except LockHeldError as error:
        print(f"newsbeam: {error}", file=sys.stderr)
        return EXIT_LOCKED
    except CompactionError as error:
        print(f"newsbeam: compaction refused: {error}", file=sys.stderr)
        return EXIT_USAGE
    for result in results:
        print(
            f"{result.dataset}/{result.partition}: {result.files_before} -> {result.files_after} files, "
            f"{result.rows} rows, checksum {result.checksum}"
        )
    print(f"compacted {len(results)} partition(s)" if results else "nothing to compact")
    return EXIT_OK


def feeds_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="newsbeam feeds", description="Feed health from the fetch log.")
    parser.add_argument("action", choices=["status"])
    parser.add_argument("output", nargs="?", default="output", help="output root of earlier runs")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    args = parser.parse_args(argv)
    print(feeds_status(args.output, args.format))
    return 0


COMMANDS = {
    "run": run_command,
    "stream": stream_command,
    "feeds": feeds_command,
    "compact": compact_command,
    "inspect": inspect_command,
    "report": report_command,
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    argv = [arg for arg in argv if arg != "--debug"]
    logging.basicConfig(level=logging.INFO if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return EXIT_OK
    command, rest = argv[0], argv[1:]
    if command == "--version":
        print(f"newsbeam {__version__}")
        return EXIT_OK
    if command not in COMMANDS:
        print(f"newsbeam: unknown command {command!r}; try 'newsbeam --help'", file=sys.stderr)
        return EXIT_USAGE
    try:
        return COMMANDS[command](rest)
    except UsageError as error:
        print(f"newsbeam: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:
        if debug:
            raise
        print(f"newsbeam: {type(error).__name__}: {error} (run again with --debug for the traceback)", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
