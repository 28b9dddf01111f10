"""Runnable newsbeam pipelines: the CLI, its options and the pipeline graphs."""

import logging


class _DropBeamImportNoise(logging.Filter):
    """Beam warns on import that Google Cloud client libraries are absent; newsbeam does not need them,
    and a user's first run should not start with a misleading warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "apitools not found" not in record.getMessage()


# Installed before anything imports apache_beam (this package's modules do, right after).
logging.getLogger().addFilter(_DropBeamImportNoise())
