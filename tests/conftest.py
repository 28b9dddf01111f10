"""Suite-wide paths and a RawDocument builder.

`SHARED_DATA` is the reference data next to the repository (`../shared/data`);
a user's clone does not have it, so tests that read it must skip without it:
mark them with `requires_shared_data`.
"""

from __future__ import annotations

import os
import subprocess
import sys
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


def fresh_python_output(code: str, unset: str, **environment: str) -> str:
    """What `code` prints in a fresh interpreter run from the repository, with the variable `unset` removed
    from this process's environment and `environment` added: how importing newsbeam sets up a process."""
    env = {key: value for key, value in os.environ.items() if key != unset}
    env.update(environment)
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


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
