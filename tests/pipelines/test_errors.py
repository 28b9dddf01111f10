"""Errors a person can act on: one clear line and a non-zero exit code, a traceback only with --debug."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def newsbeam(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300
    )


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("newsbeam:")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "/no/such/input.rss"], "newsbeam: input not found: /no/such/input.rss"),
        (["run", "--sources", "/no/such/sources.yaml"], "cannot read sources"),
        (["run", "seeds", "--runner=NoSuchRunner"], "newsbeam: Unexpected pipeline runner: NoSuchRunner"),
        (["run", "seeds", "--frobnicate=1"], "newsbeam: unknown option '--frobnicate=1'"),
        (["run", "seeds", "--topics", "README.md"], "newsbeam: README.md: cannot read:"),
        (["launch"], "newsbeam: unknown command 'launch'"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(tmp_path, args, message):
    result = newsbeam(*args, *(["--output", str(tmp_path / "out")] if args[0] == "run" else []))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_output_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = newsbeam("run", "seeds", "--output", str(blocker / "out"))
    assert result.returncode == 2
    assert error_lines(result) == [f"newsbeam: cannot write to output {blocker / 'out'}: Not a directory"]


def test_unexpected_errors_are_one_line_and_debug_shows_the_traceback(tmp_path):
    output = tmp_path / "out"
    broken = output / "articles" / "topic=general" / "date=2026-11-27"
    broken.mkdir(parents=True)
    (broken / "part-0.parquet").write_bytes(b"this is not parquet")
    plain = newsbeam("run", "seeds", "--output", str(output))
    assert plain.returncode == 5
    assert "Traceback" not in plain.stderr
    assert len(error_lines(plain)) == 1 and "--debug" in error_lines(plain)[0]
    debug = newsbeam("run", "seeds", "--output", str(output), "--debug")
    assert debug.returncode != 0 and "Traceback" in debug.stderr
