"""Fault injection for crash tests: `NEWSBEAM_CRASH_AT=<point>` makes the process kill -9 itself there.

The crash tests use it to stop a real run at exact moments of its commit
(after the journal is written, half-way through publishing, before _SUCCESS);
nothing happens when the variable is unset.
"""

from __future__ import annotations

import os
import signal

CRASH_ENV = "NEWSBEAM_CRASH_AT"


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
