"""Word tokens with character offsets, shared by every tagger."""

from __future__ import annotations

import re
from typing import NamedTuple

# Letters/digits, keeping internal hyphens and apostrophes: Jong-un, l'Istat, don't.
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def word_tuple(phrase: str) -> tuple[str, ...]:
    """A phrase as the token sequence it must match: 'EE. UU.' -> ('EE', 'UU')."""
    return tuple(token.text for token in tokenize(phrase))
