"""Reusable newsbeam PTransforms and DoFns, one concern a module."""

from transforms.arrow_memory import use_system_allocator
from transforms.malloc_arenas import limit_malloc_arenas

use_system_allocator()
limit_malloc_arenas()
