"""Importing transforms limits glibc's malloc arenas here and for the worker processes it starts."""

import platform

import pytest

from tests.conftest import fresh_python_output

# What a worker started by the launcher sees.
PROBE = """
import subprocess, sys
import transforms
child = subprocess.run([sys.executable, "-c", "import os; print(os.environ.get('MALLOC_ARENA_MAX'))"],
                       capture_output=True, text=True, check=True)
print(child.stdout.strip())
"""


def test_worker_processes_inherit_the_limit():
    assert fresh_python_output(PROBE, "MALLOC_ARENA_MAX") == "2"


def test_a_limit_the_user_chose_is_kept():
    assert fresh_python_output(PROBE, "MALLOC_ARENA_MAX", MALLOC_ARENA_MAX="4") == "4"


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="arenas are glibc's")
def test_glibc_takes_the_limit_in_the_current_process():
    # Importing the package applied the limit already; unset, it is applied again, and mallopt's answer shown.
    probe = (
        "import os; from transforms.malloc_arenas import limit_malloc_arenas; "
        "os.environ.pop('MALLOC_ARENA_MAX'); print(limit_malloc_arenas())"
    )
    assert fresh_python_output(probe, "MALLOC_ARENA_MAX") == "True"
