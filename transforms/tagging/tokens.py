"""Word tokens with character offsets, shared by every tagger."""

from __future__ import annotations

import re
from typing import NamedTuple

# Letters/digits, keeping internal hyphens (Jong-un, Hewlett-Packard). Apostrophes
# split: elisions and possessives expose the word (l'Italia -> l, Italia;
# Georgia's -> Georgia, s), which is what gazetteers and lexicons hold.
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Unbound methods, mapped over all matches at once: `map` runs the loop in C, where a list
# comprehension would run one Python iteration per token (tokenising is on the hot path).
_group, _start, _end = re.Match.group, re.Match.start, re.Match.end


class Token(NamedTuple):
    text: str
    start: int
    end: int


class Tokens:
    """The tokens of one text as parallel lists: surface words, casefolded words, start and end offsets.

    Parallel lists rather than one object per token: they are built by C loops, and the taggers
    mostly read one of them at a time (topics the casefolded words, places the surface words).
    """

    __slots__ = ("ends", "lowered", "starts", "words")

    def __init__(self, words: list[str], lowered: list[str], starts: list[int], ends: list[int]) -> None:
        self.words = words
        self.lowered = lowered
        self.starts = starts
        self.ends = ends

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, index: int) -> Token:
        return Token(self.words[index], self.starts[index], self.ends[index])

    def __iter__(self):
        return map(Token, self.words, self.starts, self.ends)

    def with_words(self, words: list[str]) -> Tokens:
        """The same tokens with other surface words (German nouns read in lowercase); `lowered` is kept."""
        return Tokens(words, self.lowered, self.starts, self.ends)


def tokenize(text: str) -> Tokens:
    matches = list(_WORD.finditer(text))
    words = list(map(_group, matches))
    # Casefolding word by word (rather than the whole text) keeps every token whole: a few
    # characters fold into two ('ß' -> 'ss') or into a letter from a mark.
    return Tokens(words, list(map(str.casefold, words)), list(map(_start, matches)), list(map(_end, matches)))


def word_tuple(phrase: str) -> tuple[str, ...]:
    """A phrase as the token sequence it must match: 'EE. UU.' -> ('EE', 'UU')."""
    return tuple(_WORD.findall(phrase))


def casefolded_words(text: str, tokens: Tokens) -> list[str]:
    """The casefolded text of every token (kept for callers that tokenised `text` themselves)."""
    return tokens.lowered
