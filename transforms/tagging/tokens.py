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


_new_token = tuple.__new__  # skips NamedTuple's argument parsing: tokenising is on the hot path


def tokenize(text: str) -> list[Token]:
    return [_new_token(Token, (m.group(), m.start(), m.end())) for m in _WORD.finditer(text)]


def word_tuple(phrase: str) -> tuple[str, ...]:
    """A phrase as the token sequence it must match: 'EE. UU.' -> ('EE', 'UU')."""
    return tuple(token.text for token in tokenize(phrase))


def casefolded_words(text: str, tokens: list[Token]) -> list[str]:
    """The casefolded text of every token. Casefolding never shortens a character, so when the
    whole text keeps its length every character kept its own: one C-level findall on the folded
    text then gives the same tokens, without a casefold call per token."""
    folded = text.casefold()
    if len(folded) == len(text):
        words = _WORD.findall(folded)
        if len(words) == len(tokens):
            return words
    return [token.text.casefold() for token in tokens]
