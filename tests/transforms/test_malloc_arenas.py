"""Importing transforms limits glibc's malloc arenas here and for the worker processes it starts."""

import os
import platform
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# What a worker started by the launcher sees, and whether glibc took the limit in the launcher.
PROBE = """
import os, subprocess, sys
import transforms
child = subprocess.run([sys.executable, "-c", "import os; print(os.environ.get('MALLOC_ARENA_MAX'))"],
                       capture_output=True, text=True, check=True)
print(child.stdout.strip())
"""


def child_sees(**environment) -> str:
    env = {key: value for key, value in os.environ.items() if key != "MALLOC_ARENA_MAX"}
    env.update(environment)
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_worker_processes_inherit_the_limit():
    assert child_sees() == "2"


def test_a_limit_the_user_chose_is_kept():
    assert child_sees(MALLOC_ARENA_MAX="4") == "4"


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="arenas are glibc's")
def test_glibc_takes_the_limit_in_the_current_process():
    # Importing the package applied the limit already; unset, it is applied again, and mallopt's answer shown.
    probe = (
        "import os; from transforms.malloc_arenas import limit_malloc_arenas; "
        "os.environ.pop('MALLOC_ARENA_MAX'); print(limit_malloc_arenas())"
    )
    env = {key: value for key, value in os.environ.items() if key != "MALLOC_ARENA_MAX"}
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
