"""One regex for a list of literal words, longest first: what substring matching in zh and ja runs on.

`re.compile("|".join(sorted(words, key=len, reverse=True)))` finds, at the first position where any
word starts, the longest word there; but the regex engine tries every alternative at every
position, so its cost grows with the number of words (~30 µs a sentence for a few hundred). The
same words as a trie ('战争|战争罪|战斗' -> '战(?:争罪?|斗)') branch on one character at a time, and
greedy optional groups with backtracking still prefer the longest word at a position: the words
that match at one position all lie on one path of the trie.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # trie key marking that a word ends at this node


def longest_first_pattern(words: Iterable[str]) -> re.Pattern | None:
    """A compiled regex matching any of `words`, the longest at a position; None for no words."""
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return re.compile(_pattern(trie)) if trie else None


def _pattern(node: dict) -> str:
    """The regex of a trie node: its branches, optional when a word ends here."""
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        # A word ends here: longer words are tried first (greedy), this one if they fail.
        return ("(?:" + body + ")?") if len(branches) == 1 and len(body) > 1 else body + "?"
    return body
