"""Where newsbeam keeps data it derives from its dependencies, and how it writes there safely.

Some resources cost seconds to derive from what a library ships (langdetect's
profiles as arrays, simplemma's dictionary indexes), and every worker of every
run would pay that again. They are written once to the temp folder, or to
$NEWSBEAM_CACHE_DIR, named after the library version and the format that
produced them, and read back in milliseconds. Only numpy arrays (loaded
without pickle) are stored, so a cache file another user planted in a shared
temp folder can at worst give wrong answers, never run code. Nothing
generated lives in the repository, and an unwritable folder costs speed,
never correctness.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import numpy as np

# What a missing, truncated or foreign cache file raises when read.
UNREADABLE = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile)


def cache_dir() -> Path:
    return Path(os.environ.get("NEWSBEAM_CACHE_DIR") or Path(tempfile.gettempdir(), "newsbeam-cache"))


def package_version(name: str) -> str:
    """A library's installed version, which its derived files are named after ('unknown' when vendored)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def save_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write `arrays` as one .npz, beside the target then renamed, so a concurrent worker never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    with partial.open("wb") as handle:
        np.savez(handle, **arrays)
    os.replace(partial, path)


def load_arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as stored:
        return {name: stored[name] for name in stored.files}


def cached_arrays(path: Path, build: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The arrays stored at `path`, or `build()`'s, written there for next time when the folder allows."""
    try:
        return load_arrays(path)
    except UNREADABLE:
        pass  # absent, truncated or from another format: rebuild
    arrays = build()
    with contextlib.suppress(OSError):
        save_arrays(path, arrays)
    return arrays


def pack_bytes(items: list[bytes]) -> dict[str, np.ndarray]:
    """A list of byte strings as two arrays (the bytes end to end, and where each ends), for `save_arrays`."""
    return {
        "bytes": np.frombuffer(b"".join(items), dtype=np.uint8),
        "ends": np.cumsum([len(item) for item in items], dtype=np.int64),
    }


def unpack_bytes(joined: np.ndarray, ends: np.ndarray) -> list[bytes]:
    data = joined.tobytes()
    starts = [0, *ends[:-1].tolist()]
    return [data[start:end] for start, end in zip(starts, ends.tolist(), strict=True)]
