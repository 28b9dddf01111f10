"""Reusable newsbeam PTransforms and DoFns, one concern a module."""
