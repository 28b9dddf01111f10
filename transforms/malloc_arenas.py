"""At most two glibc malloc arenas in newsbeam's processes, so memory stays flat as a run grows.

glibc gives each thread that allocates concurrently an arena of its own, up
to eight per core, and an arena keeps what it once held. The runner's
threads (bundle pools, gRPC's data plane, state samplers) each grew one: on
the 100k-article run the launcher reached 545 MiB and the tree 2,110 MiB,
1.49x the 10k peak against a 1.5x budget. With two arenas the same run
peaked at 390-399 MiB and 1,748-1,803 MiB (1.29-1.32x, two runs), and ran
no slower: 13,507-13,687 sentences/s against 12,662
(benchmarks/memory_scaling.py). Python holds the GIL while it allocates, so
fewer arenas cost little contention.

Importing the `transforms` package applies the limit to the current process
(mallopt, for arenas made from then on) and exports MALLOC_ARENA_MAX, which
glibc reads when a process starts, so local worker processes started by the
runner inherit it. A value the user set is kept. Elsewhere than glibc
(macOS, musl) nothing changes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

ARENA_VARIABLE = "MALLOC_ARENA_MAX"
MAX_ARENAS = 2
_M_ARENA_MAX = -8  # mallopt's parameter number for the arena limit, from glibc's malloc.h


def limit_malloc_arenas() -> bool:
    """Apply the limit here and export it to child processes; True when glibc took it."""
    if ARENA_VARIABLE in os.environ:
        return False  # the user's choice stands, and glibc has read it already
    os.environ[ARENA_VARIABLE] = str(MAX_ARENAS)
    library = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(library).mallopt if library else None
    except (OSError, AttributeError):
        mallopt = None  # not glibc: no mallopt, and no arenas to limit
    return bool(mallopt and mallopt(_M_ARENA_MAX, MAX_ARENAS) == 1)
