"""The trie regex finds what the longest-first alternation of the same words finds, at the same places."""

import random
import re

import pytest

from transforms.tagging.patterns import longest_first_pattern


def _alternation(words: set[str]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _found(pattern: re.Pattern, text: str) -> list[tuple[str, tuple[int, int]]]:
    return [(match.group(), match.span()) for match in pattern.finditer(text)]


def test_longest_word_wins_and_falls_back_to_a_shorter_one():
    pattern = longest_first_pattern(["战争", "战争罪", "战斗", "a.b"])
    assert _found(pattern, "战争罪行和战争与战斗") == [("战争罪", (0, 3)), ("战争", (5, 7)), ("战斗", (8, 10))]
    assert _found(pattern, "a.b axb") == [("a.b", (0, 3))]  # regex characters are literal


def test_no_words_is_no_pattern():
    assert longest_first_pattern([]) is None
    assert longest_first_pattern([""]) is None


@pytest.mark.parametrize("seed", range(5))
def test_same_matches_as_the_sorted_alternation(seed):
    rng = random.Random(seed)
    alphabet = "abcé.*战争罪"
    for _ in range(300):
        words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 10))}
        text = "".join(rng.choice(alphabet + " x") for _ in range(rng.randint(0, 40)))
        assert _found(longest_first_pattern(words), text) == _found(_alternation(words), text), (words, text)
