"""Test helpers shared across the suite (real servers, pipeline runners)."""
