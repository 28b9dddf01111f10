"""Input limits: configuration with safe defaults, so no single input can exhaust a worker.

Each limit ends in a reject with a reason (or, for over-long sentences, a
split), never in a crash or a silent cut.
"""

from __future__ import annotations

import dataclasses

from transforms.readers.formats import DEFAULT_MAX_DOCUMENT_BYTES
from transforms.sentences import DEFAULT_MAX_SENTENCE_CHARS, DEFAULT_MAX_SENTENCES


@dataclasses.dataclass(frozen=True)
class Limits:
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES  # a file or feed body, after decompression
    max_entries_per_document: int = 10_000  # entries of one feed or lines of one JSON Lines file
    max_article_chars: int = 500_000  # text of one article
    max_sentences: int = DEFAULT_MAX_SENTENCES  # sentences of one article
    max_sentence_chars: int = DEFAULT_MAX_SENTENCE_CHARS  # longer "sentences" are split into pieces this long
