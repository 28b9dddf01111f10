"""Runnable newsbeam pipelines: the CLI, its options and the pipeline graphs."""
