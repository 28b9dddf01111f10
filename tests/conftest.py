"""Suite-wide paths and a RawDocument builder.

`SHARED_DATA` is the reference data next to the repository (`../shared/data`);
a user's clone does not have it, so tests that read it must skip without it:
mark them with `requires_shared_data`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.readers.document import RawDocument
from transforms.sources import SourceSpec

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"

requires_shared_data = pytest.mark.skipif(
    not SHARED_DATA.exists(), reason="needs ../shared/data next to the repository (not in a user's clone)"
)


def make_document(
    path_or_name: str | Path, content: bytes | None = None, headers: dict[str, str] | None = None, **spec_kwargs
) -> RawDocument:
    """A RawDocument as the readers receive it.

    `path_or_name` is a path, a URL or a bare file name; when `content` is None
    the bytes are read from the path (relative paths are taken under FIXTURES).
    `spec_kwargs` go to SourceSpec (name, lang_hint, default_topic, ...).
    """
    location = str(path_or_name)
    if content is None:
        path = Path(path_or_name)
        content = (path if path.is_absolute() else FIXTURES / path).read_bytes()
    return RawDocument(
        spec=SourceSpec(location=location, **spec_kwargs), location=location, content=content, headers=headers or {}
    )
