"""Reusable newsbeam PTransforms and DoFns, one concern a module."""

from transforms.arrow_memory import use_system_allocator

use_system_allocator()
