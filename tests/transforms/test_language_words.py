"""Word evidence for language ID: wordfreq's lists as hashed arrays, scored for a batch of texts at once."""

import math

import numpy as np
import pytest
import wordfreq

import transforms.language_words as language_words
from transforms.language_profiles import load_profiles
from transforms.language_words import (
    LOG_FLOOR,
    SHARED_WORD_DISCOUNT,
    UNLISTED_BONUS,
    WEIGHT,
    WORDFREQ_CODE,
    WORDFREQ_LIST,
    WordEvidence,
    WordHasher,
    load_word_lists,
    word_characters,
)

LANGUAGES = load_profiles().languages


@pytest.fixture(scope="module")
def lists():
    return load_word_lists(LANGUAGES)


@pytest.fixture(scope="module")
def evidence(lists):
    return WordEvidence(lists, max_chars=2000)


@pytest.fixture(scope="module")
def hasher():
    return WordHasher(word_characters(), max_chars=2000)


def hashes_of(hasher, text):
    return hasher.hash_words([text])[0].tolist()


def test_words_are_runs_of_letters_and_marks_case_folded_as_wordfreq_folds(hasher):
    one_each = [hashes_of(hasher, word)[0] for word in ("l", "homme", "x", "ray", "strasse", "हिन्दी")]
    # Digits, apostrophes, hyphens and emoji separate words; ß folds to ss; Devanagari vowel signs stay inside.
    text = "L'Homme 2024 X-ray\U0001f600 Straße हिन्दी"
    assert hashes_of(hasher, text) == one_each
    assert len(set(one_each)) == len(one_each)


def test_words_keep_to_their_text(hasher):
    hashes, text_of_word = hasher.hash_words(["ab cd", "", "1 2 3", "ab\0cd e"])
    assert text_of_word.tolist() == [0, 0, 3, 3, 3]
    assert hashes[0] == hashes[2] and hashes[1] == hashes[3]


def plain_loop_scores(text):
    """The same evidence computed the obvious way, straight from wordfreq's dictionaries."""
    import unicodedata

    words, word = [], ""
    for char in text.casefold() + " ":
        if unicodedata.category(char)[0] in "LM" and ord(char) <= 0xFFFF:
            word += char
        elif word:
            words.append(word)
            word = ""
    available = set(wordfreq.available_languages(WORDFREQ_LIST))
    names = {
        code: WORDFREQ_CODE.get(code, code)
        for code in LANGUAGES
        if code not in ("zh-cn", "zh-tw", "ja") and WORDFREQ_CODE.get(code, code) in available
    }
    dictionaries = {code: wordfreq.get_frequency_dict(name, WORDFREQ_LIST) for code, name in names.items()}
    scores = dict.fromkeys(LANGUAGES, 0.0)
    for word in words:
        listed = {code: math.log(d[word]) if word in d else LOG_FLOOR for code, d in dictionaries.items()}
        unlisted = max(LOG_FLOOR + UNLISTED_BONUS, max(listed.values()) - SHARED_WORD_DISCOUNT)
        for code in LANGUAGES:
            scores[code] += WEIGHT * listed.get(code, unlisted)
    return scores


def test_scores_equal_a_plain_loop_over_wordfreqs_dictionaries(evidence):
    texts = [
        "O governo não aprovou a reforma da previdência",
        "El gobierno no aprobó la reforma",
        "lesersmark inheemse",  # Afrikaans: no wordfreq list
        "Qwzxv Blorptag",  # in no list at all
        "जिसमें सूर्य",
        "",
    ]
    scores = evidence.scores(texts)
    for text, row in zip(texts, scores, strict=True):
        expected = plain_loop_scores(text)
        assert row.tolist() == pytest.approx([expected[code] for code in LANGUAGES], rel=1e-5), text


def test_a_word_frequent_only_in_one_close_language_points_to_it(evidence):
    column = {code: index for index, code in enumerate(LANGUAGES)}
    portuguese, spanish, danish, norwegian = evidence.scores(["não", "aprobó", "ikke", "ikkje"])
    assert portuguese[column["pt"]] > portuguese[column["es"]] + WEIGHT * 3
    assert spanish[column["es"]] > spanish[column["pt"]] + WEIGHT * 3
    assert danish[column["da"]] > danish[column["sv"]]
    # Nynorsk's "ikkje" is no Danish word; the Bokmål list knows it.
    assert norwegian[column["no"]] > norwegian[column["da"]]


def test_unspaced_languages_and_languages_without_a_list_are_unlisted(lists):
    listed = dict(zip(LANGUAGES, lists.listed.tolist(), strict=True))
    assert not listed["zh-cn"] and not listed["ja"] and not listed["af"]
    assert listed["en"] and listed["no"] and listed["tl"] and listed["hr"]


def test_lists_are_read_back_from_the_cache_without_wordfreq(tmp_path, monkeypatch, lists):
    path = tmp_path / "words.npz"
    built = load_word_lists(LANGUAGES, path)
    assert path.exists()

    def no_rebuild(languages):
        raise AssertionError("rebuilt although cached")

    monkeypatch.setattr(language_words, "build_word_lists", no_rebuild)
    cached = load_word_lists(LANGUAGES, path)
    for name in ("keys", "offsets", "columns", "log_freqs", "listed"):
        assert np.array_equal(getattr(cached, name), getattr(built, name))
        assert np.array_equal(getattr(cached, name), getattr(lists, name))


def test_languages_without_any_list_get_no_word_evidence(tmp_path):
    lists = load_word_lists(("af", "cy", "zh-cn"), tmp_path / "none.npz")
    assert not lists.listed.any() and len(lists.keys) == 0
    scores = WordEvidence(lists, max_chars=100).scores(["lesersmark inheemse", "", "Mae hi'n braf"])
    assert scores.shape == (3, 3) and not scores.any()


def test_prefix_sum_hashes_equal_hashes_by_offset_in_the_word(hasher):
    def by_offset(texts):
        joined = "\0" + "\0".join(text[:2000].replace("\0", " ") for text in texts) + "\0"
        codes = np.frombuffer(joined.casefold().encode("utf-32-le"), dtype=np.uint32)
        in_word = hasher._is_word.take(np.minimum(codes, 0xFFFF)) & (codes <= 0xFFFF)
        return hasher._hash_words_by_offset(codes, in_word)

    batches = [
        ["L'Homme 2024 X-ray\U0001f600 Straße हिन्दी", "", "Привет, мир"],
        ["ß" * 1500 + "x" * 600],  # casefold lengthens it to a word past max_chars + 1: the last power repeats
        ["word " * 8000],  # longer than the powers kept
        ["1 2 3", "..."],
    ]
    for texts in batches:
        hashes, text_of_word = hasher.hash_words(texts)
        expected_hashes, expected_texts = by_offset(texts)
        assert hashes.dtype == np.uint64 and text_of_word.dtype == np.int64
        assert hashes.tolist() == expected_hashes.tolist() and text_of_word.tolist() == expected_texts.tolist()
