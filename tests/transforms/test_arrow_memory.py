"""Arrow allocations use the system allocator unless the user chose a pool."""

import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROBE = "import transforms, pyarrow as pa; print(pa.default_memory_pool().backend_name)"


def backend_after_import(**environment) -> str:
    env = {key: value for key, value in os.environ.items() if key != "ARROW_DEFAULT_MEMORY_POOL"}
    env.update(environment)
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_transforms_switches_arrow_to_the_system_allocator():
    assert backend_after_import() == "system"


def test_a_pool_the_user_chose_is_kept():
    assert backend_after_import(ARROW_DEFAULT_MEMORY_POOL="mimalloc") == "mimalloc"
