"""What incremental runs remember about feeds: their HTTP validators, under <root>/_state/.

Loaded on the launching machine before a run and passed to the fetch step;
saved by CommitRun only after the run's data is published, so a crash can
never leave validators that claim articles were stored when they were not.
"""

from __future__ import annotations

import json

from transforms import storage
from transforms.fetch import Validators

STATE_VERSION = 1


class FeedStateError(ValueError):
    """The stored feed state cannot be read."""


def validators_path(root: str) -> str:
    return storage.join(root, "_state", "feed_validators.json")


def load_validators(root: str) -> dict[str, Validators]:
    path = validators_path(root)
    if not storage.exists(path):
        return {}
    try:
        state = json.loads(storage.read_bytes(path))
        return {url: Validators(**fields) for url, fields in state["feeds"].items()}
    except (ValueError, KeyError, TypeError) as error:
        detail = f"{path}: unreadable feed state ({error}); delete it to fetch every feed in full"
        raise FeedStateError(detail) from error


def save_validators(root: str, validators: dict[str, Validators]) -> None:
    feeds = {url: {"etag": v.etag, "last_modified": v.last_modified} for url, v in sorted(validators.items())}
    data = json.dumps({"version": STATE_VERSION, "feeds": feeds}, indent=1).encode("utf-8")
    storage.write_bytes_atomic(validators_path(root), data)
