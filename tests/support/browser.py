"""Headless Chromium for tests: open a local page offline, read its DOM after its scripts ran, and its console.

Debian's `chromium` package (/usr/bin/chromium); tests that need it skip when it
is absent. Chromium runs as root here, hence --no-sandbox, with a fresh profile
each time and every background service off (without them it hangs or fails on
a closed network); host names resolve to nothing, so the page cannot reach the
network even if it tried.

Chromium's --enable-logging=stderr writes every console message of the page, and
every uncaught error, as one line, `[...:INFO:CONSOLE:12] "message", source: file:///... (12)`
(older builds: `CONSOLE(12)`). It prints console.error, console.warn and
console.log alike (all at INFO), so the level cannot be told apart: a page under
test must log nothing at all.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # a small /dev/shm (containers) would crash the renderer
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: the page must work offline
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=10000",  # let scripts, timers and promises finish before the DOM is read
]
CONSOLE_LINE = re.compile(r":CONSOLE(?::\d+|\(\d+\))\] (?P<message>.*)$", re.M)


@dataclasses.dataclass
class PageLoad:
    dom: str  # the DOM after the page's scripts ran, serialised
    console: list[str]  # every console message and uncaught error of the page, in order
    stderr: str


def available() -> bool:
    return CHROMIUM.exists()


def _run(arguments: list[str], timeout: float) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        return subprocess.run(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *arguments],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )


def load(page: Path, timeout: float = 180) -> PageLoad:
    """Open `page` and return its DOM once scripts have run, with what it wrote to the console."""
    result = _run(["--dump-dom", page.resolve().as_uri()], timeout)
    if result.returncode != 0:
        raise RuntimeError(f"chromium exited {result.returncode}: {result.stderr[-3000:]}")
    messages = [match["message"] for match in CONSOLE_LINE.finditer(result.stderr)]
    return PageLoad(dom=result.stdout, console=messages, stderr=result.stderr)


def screenshot(page: Path, destination: Path, width: int = 1280, height: int = 2400, timeout: float = 180) -> None:
    """A PNG of the first `width` x `height` pixels of `page`, once its scripts have run."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    result = _run([f"--screenshot={destination}", f"--window-size={width},{height}", page.resolve().as_uri()], timeout)
    if result.returncode != 0 or not destination.exists():
        raise RuntimeError(f"chromium exited {result.returncode} without a screenshot: {result.stderr[-3000:]}")
