"""Word tokens with character offsets, shared by every tagger."""

from __future__ import annotations

import re
from typing import NamedTuple

# Letters/digits, keeping internal hyphens (Jong-un, Hewlett-Packard). Apostrophes
# split: elisions and possessives expose the word (l'Italia -> l, Italia;
# Georgia's -> Georgia, s), which is what gazetteers and lexicons hold.
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def word_tuple(phrase: str) -> tuple[str, ...]:
    """A phrase as the token sequence it must match: 'EE. UU.' -> ('EE', 'UU')."""
    return tuple(token.text for token in tokenize(phrase))
