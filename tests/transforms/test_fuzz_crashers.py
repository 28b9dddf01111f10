"""Replay every input the fuzzer ever found: each once broke a reader and must stay fixed."""

import importlib.util
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CRASHERS = REPO_ROOT / "tests" / "fixtures" / "fuzz_crashers"


def fuzz_targets():
    pytest.importorskip("atheris")
    spec = importlib.util.spec_from_file_location("fuzz_readers", REPO_ROOT / "tests" / "fuzz" / "fuzz_readers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz_readers", module)
    spec.loader.exec_module(module)
    return module.TARGETS


CASES = sorted(path for path in CRASHERS.glob("*/*") if path.is_file())


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_crasher_stays_fixed(path):
    fuzz_targets()[path.parent.name](path.read_bytes())


def test_every_crasher_folder_names_a_target():
    targets = fuzz_targets()
    assert {p.parent.name for p in CASES} <= set(targets)
