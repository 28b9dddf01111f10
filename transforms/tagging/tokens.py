"""Word tokens with character offsets, shared by every tagger."""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

# Letters/digits, keeping internal hyphens (Jong-un, Hewlett-Packard). Apostrophes
# split: elisions and possessives expose the word (l'Italia -> l, Italia;
# Georgia's -> Georgia, s), which is what gazetteers and lexicons hold.
# Python's \w leaves out combining marks, which would cut every Indic, Thai or
# Burmese word at its vowel signs (भारत -> भ, रत) and let the fragments match
# short names (a Telugu sentence tagged Niue): the marks of the common blocks
# are added, the dandas (।॥, sentence punctuation) are not. One character class
# scans 2.5x faster than an alternation, but it admits '_', which is a gap
# between words: texts holding one (rare in news) take the alternation.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0963\u0966-\u0dff\u0e00-\u0e3a\u0e40-\u0e4e\u0e50-\u0e59\u0e80-\u0eff"
    "\u0f00-\u0f3f\u1000-\u104a\u104c-\u109f\u1780-\u17d3\u17e0-\u17e9"
)
_WORD_CHAR = f"[\\w{_MARKS}]"
_WORD_CHAR_NO_UNDERSCORE = f"(?:[^\\W_]|[{_MARKS}])"
# The quantifiers are possessive (++, *+): nothing in the pattern follows a word, so giving characters
# back never changes a match, and not keeping track of them makes the split ~10% faster.
_WORD = re.compile(f"{_WORD_CHAR}++(?:-{_WORD_CHAR}++)*+")
_WORD_NO_UNDERSCORE = re.compile(f"{_WORD_CHAR_NO_UNDERSCORE}++(?:-{_WORD_CHAR_NO_UNDERSCORE}++)*+")
_WORD_OR_GAP = re.compile(f"({_WORD.pattern})")
_WORD_OR_GAP_NO_UNDERSCORE = re.compile(f"({_WORD_NO_UNDERSCORE.pattern})")


class Token(NamedTuple):
    text: str
    start: int
    end: int


class Tokens:
    """The tokens of one text as parallel lists: surface words, casefolded words, start and end offsets.

    Parallel lists rather than one object per token: they are built by C loops (`map`, slices)
    where objects would cost a Python step per token, and the taggers mostly read one of them at
    a time (topics the casefolded words, places the surface words).
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
    # split() with the word pattern captured alternates gaps and words, gap first and last:
    # ['', 'Joe', ' ', 'Biden', '.']. Running sums of their lengths are where each part ends,
    # so offsets come from C loops, without a match object per token.
    parts = (_WORD_OR_GAP_NO_UNDERSCORE if "_" in text else _WORD_OR_GAP).split(text)
    words = parts[1::2]
    part_ends = list(itertools.accumulate(map(len, parts)))
    # Casefolding word by word (rather than the whole text) keeps every token whole: a few
    # characters fold into two ('ß' -> 'ss') or into a letter from a mark.
    return Tokens(words, list(map(str.casefold, words)), part_ends[0:-1:2], part_ends[1::2])


def word_tuple(phrase: str) -> tuple[str, ...]:
    """A phrase as the token sequence it must match: 'EE. UU.' -> ('EE', 'UU')."""
    return tuple(_WORD_NO_UNDERSCORE.findall(phrase))


def positions(words: list[str], wanted: set[str]) -> list[int]:
    """Sorted indexes of the words that are in `wanted`, found by C searches (list.index) rather than
    a Python step per word: callers look up the few words of a sentence that matter to them."""
    found = []
    for word in wanted:
        index = words.index(word)
        found.append(index)
        for _ in range(words.count(word) - 1):
            index = words.index(word, index + 1)
            found.append(index)
    found.sort()
    return found
