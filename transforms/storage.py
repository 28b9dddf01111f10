"""File operations on any Beam filesystem (local paths, gs://, s3://, ...)."""

from __future__ import annotations

import contextlib
import os

from apache_beam.io.filesystems import FileSystems


def is_local(path: str) -> bool:
    return "://" not in path


def join(root: str, *parts: str) -> str:
    return FileSystems.join(root, *parts) if parts else root


def ensure_parent(path: str) -> None:
    """Object stores have no directories; local files need their folder."""
    if is_local(path):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)


def write_bytes(path: str, data: bytes) -> None:
    ensure_parent(path)
    with FileSystems.create(path) as handle:
        handle.write(data)


def write_bytes_atomic(path: str, data: bytes) -> None:
    """Readers see the old file or the whole new one, never a partial write."""
    temp = join(os.path.dirname(path) if is_local(path) else path.rsplit("/", 1)[0], f".{os.path.basename(path)}.tmp")
    write_bytes(temp, data)
    rename(temp, path)


def rename(source: str, destination: str) -> None:
    """Atomic on POSIX filesystems; a copy-then-delete on object stores, where objects appear whole anyway."""
    ensure_parent(destination)
    if is_local(source) and is_local(destination):
        os.replace(source, destination)
    else:
        if FileSystems.exists(destination):
            FileSystems.delete([destination])
        FileSystems.rename([source], [destination])


def exists(path: str) -> bool:
    return FileSystems.exists(path)


def read_bytes(path: str) -> bytes:
    with FileSystems.open(path) as handle:
        return handle.read()


def match(pattern: str) -> list[str]:
    return [m.path for m in FileSystems.match([pattern])[0].metadata_list]


def delete_tree(path: str) -> None:
    if exists(path):
        FileSystems.delete([path])


def remove_empty_directory(path: str) -> None:
    """Tidy a local folder left empty; a no-op elsewhere or when something is still inside."""
    if is_local(path):
        with contextlib.suppress(OSError):
            os.rmdir(path)


def delete_files(paths: list[str]) -> None:
    if paths:
        FileSystems.delete(paths)
