"""Arrow allocations use the system allocator unless the user chose a pool."""

from tests.conftest import fresh_python_output

PROBE = "import transforms, pyarrow as pa; print(pa.default_memory_pool().backend_name)"


def backend_after_import(**environment) -> str:
    return fresh_python_output(PROBE, "ARROW_DEFAULT_MEMORY_POOL", **environment)


def test_importing_transforms_switches_arrow_to_the_system_allocator():
    assert backend_after_import() == "system"


def test_a_pool_the_user_chose_is_kept():
    assert backend_after_import(ARROW_DEFAULT_MEMORY_POOL="mimalloc") == "mimalloc"
