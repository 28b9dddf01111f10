"""Arrow's allocations in newsbeam's processes go to the system allocator, which gives memory back.

pyarrow's default pool (mimalloc here, jemalloc on some builds) keeps freed
memory for reuse. A worker builds and drops record batches for as long as it
runs (spill buffers, partitions read back and written a row group at a time),
and with mimalloc each of two workers held about 110 MB more at 30,000
articles than with glibc's malloc, at the same speed
(benchmarks/memory_scaling.py). Importing the `transforms` package makes the
switch, so every process that runs newsbeam's DoFns (the launcher, local
workers, a cluster's workers unpickling them) gets it. A user who chose a pool
with ARROW_DEFAULT_MEMORY_POOL keeps it.
"""

from __future__ import annotations

import os

import pyarrow as pa

CHOICE_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"


def use_system_allocator() -> None:
    if CHOICE_VARIABLE not in os.environ:
        pa.set_memory_pool(pa.system_memory_pool())
