"""Tokens: words with offsets and casefolded forms; word positions."""

import re

from transforms.tagging.tokens import Token, positions, tokenize, word_tuple


def test_words_offsets_and_casefolded_forms():
    text = "Kim Jong-un's visit_to l'Italia: STRASSE, Straße 2025."
    tokens = tokenize(text)
    assert tokens.words == ["Kim", "Jong-un", "s", "visit", "to", "l", "Italia", "STRASSE", "Straße", "2025"]
    assert [text[start:end] for start, end in zip(tokens.starts, tokens.ends, strict=True)] == tokens.words
    assert tokens.lowered[-3:] == ["strasse", "strasse", "2025"]
    assert tokens[1] == Token("Jong-un", 4, 11) and len(tokens) == 10


def test_offsets_match_the_regex_spans_on_unicode_text():
    text = "«Господин Зеленский», 国家主席习近平 — Ursula von der Leyen\u2028said_so"
    spans = [m.span() for m in re.finditer(r"[^\W_]+(?:-[^\W_]+)*", text)]
    tokens = tokenize(text)
    assert list(zip(tokens.starts, tokens.ends, strict=True)) == spans


def test_empty_text_has_no_tokens():
    tokens = tokenize("  ... ")
    assert tokens.words == [] and tokens.starts == [] and tokens.ends == []


def test_word_tuple():
    assert word_tuple("EE. UU.") == ("EE", "UU")


def test_positions_of_wanted_words_in_order():
    words = ["la", "guerra", "y", "la", "paz", "la"]
    assert positions(words, {"la", "paz"}) == [0, 3, 4, 5]
    assert positions(words, set()) == []
