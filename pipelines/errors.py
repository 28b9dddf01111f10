"""Exit codes and the errors the `newsbeam` command reports as one line."""

from __future__ import annotations

# Exit codes, documented in the README for schedulers.
EXIT_OK, EXIT_UNBALANCED, EXIT_USAGE, EXIT_LOCKED, EXIT_SCHEMA = 0, 1, 2, 3, 4
EXIT_FAILED = 5  # an unexpected error; --debug shows its traceback


class UsageError(Exception):
    """A problem with what the user asked for, reported without a traceback."""


class RunRefused(Exception):
    """The run could not start safely (output locked, incompatible schema)."""

    def __init__(self, exit_code: int, message: str) -> None:
        super().__init__(message)
        self.exit_code = exit_code
