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


def test_indic_and_thai_words_keep_their_vowel_signs():
    # Python's \w leaves combining marks out: without them Hindi words fell apart at every vowel sign.
    assert tokenize("भारत की राजधानी नई दिल्ली है।").words == ["भारत", "की", "राजधानी", "नई", "दिल्ली", "है"]
    assert tokenize("భారతదేశం రాజధాని").words == ["భారతదేశం", "రాజధాని"]


def test_hindi_country_names_are_places_and_telugu_fragments_are_not_niue():
    from transforms.records import Sentence
    from transforms.tag_sentences import SentenceTagger
    from transforms.tagging.config import load_tagging_config

    tagger = SentenceTagger(load_tagging_config())
    hindi = Sentence(index=0, text="भारत और पाकिस्तान के विदेश मंत्री मिले।", start=0, end=38)
    hindi.lang = "hi"
    tagger.tag(hindi, "hi")
    assert hindi.places == ["IN", "PK"]
    telugu_text = "ఈ రోజు వర్షం కురిసింది మరియు రైతులు సంతోషంగా ఉన్నారు."
    telugu = Sentence(index=0, text=telugu_text, start=0, end=len(telugu_text))
    telugu.lang = "te"
    tagger.tag(telugu, "te")
    assert telugu.places == []
