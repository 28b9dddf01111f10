"""NgramText: the n-grams of a batch of texts, read exactly as langdetect reads one text."""

import collections

import pytest
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from transforms.language_ngrams import NgramText
from transforms.language_profiles import load_profiles, ngram_key

TEXTS = [
    "The NASA probe reached Mars on Tuesday, officials said.",
    "Владимир Путин встретился с Kim Jong-un во Владивостоке",
    "Xem thêm: https://vnexpress.net/a-b và liên hệ tin@vnexpress.net",
    "Tie\u0302\u0301ng Vie\u0323\u0302t",  # Vietnamese written with combining marks
    "",
    "   ",
    "台灣的總統今天在台北發表了重要的講話。",
    "emoji \U0001f600 inside",
    "l'été à Paris — « très chaud »",
]


@pytest.fixture(scope="module")
def profiles():
    return load_profiles()


@pytest.fixture(scope="module")
def factory():
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def decode(key: int) -> str:
    chars = []
    while key:
        chars.append(chr(key & 0xFFFF))
        key >>= 16
    return "".join(reversed(chars))


def found_ngrams(profiles, ngrams, text_number: int) -> collections.Counter:
    """Every profile n-gram of one text: each position's longest n-gram and its known suffixes."""
    known = set(profiles.keys.tolist())
    grams = collections.Counter()
    start = int(ngrams.found[:text_number].sum())
    for row in ngrams.rows[start : start + ngrams.found[text_number]]:
        gram = decode(int(profiles.keys[row]))
        grams.update(suffix for suffix in (gram, gram[1:], gram[2:]) if suffix and ngram_key(suffix) in known)
    return grams


def langdetect_ngrams(factory, text: str) -> collections.Counter:
    detector = factory.create()
    detector.append(text + " ")  # every text ends with a word end
    detector.cleaning_text()
    return collections.Counter(detector._extract_ngrams())


def test_batch_reads_every_text_as_langdetect_does(profiles, factory):
    ngrams = NgramText(profiles, max_chars=2000).extract(TEXTS)
    assert ngrams.texts == len(TEXTS)
    for number, text in enumerate(TEXTS):
        assert found_ngrams(profiles, ngrams, number) == langdetect_ngrams(factory, text), text


def test_rows_are_grouped_by_text_in_order(profiles):
    texts = ["abc def", "", "ghi"]
    ngrams = NgramText(profiles, max_chars=2000).extract(texts)
    alone = [NgramText(profiles, max_chars=2000).extract([text]) for text in texts]
    # The batch's rows are each text's own rows, text after text, and `found` says how many each has.
    assert ngrams.found.tolist() == [len(single.rows) for single in alone] and ngrams.found[1] == 0
    assert ngrams.rows.tolist() == [row for single in alone for row in single.rows.tolist()]
    assert list(ngrams.letters) == [6, 0, 3]
    # One script for the whole batch; a text without letters has none, as when scripts are counted.
    assert list(ngrams.script) == [profiles.scripts[ord("a")], 0, profiles.scripts[ord("a")]]


def test_script_counts_and_text_length_limit(profiles):
    ngrams = NgramText(profiles, max_chars=5).extract(["한국어 텍스트", "ひらがな漢字", "abcdefghij"])
    assert list(ngrams.hangul) == [4, 0, 0]
    assert list(ngrams.kana) == [0, 4, 0]
    assert list(ngrams.han) == [0, 1, 0]  # the limit cut 字
    assert list(ngrams.letters) == [4, 5, 5]


def test_each_text_gets_the_script_most_of_its_letters_are_in(profiles):
    texts = ["Путин и Kim", "Kim and Putin Путин", "", "東京都庁タワー"]
    batch = NgramText(profiles, max_chars=2000).extract(texts)
    script_of = {char: int(profiles.scripts[ord(char)]) for char in "aд東"}
    assert list(batch.script) == [script_of["д"], script_of["a"], 0, script_of["東"]]
    for number, text in enumerate(texts):  # one text alone reads the same as in a batch
        assert NgramText(profiles, max_chars=2000).extract([text]).script[0] == batch.script[number]


def test_after_a_space_one_table_gives_the_longest_known_ngram(profiles):
    text = NgramText(profiles, max_chars=2000)
    known = {int(key): row for row, key in enumerate(profiles.keys.tolist())}
    for char in "atßжあ漢 ,\uffff":
        with_space, alone = known.get(ngram_key(" " + char), -1), known.get(ngram_key(char), -1)
        expected = with_space if with_space >= 0 else alone if alone >= 0 else -2
        assert text._row_after_space[ord(char)] == expected, char
    assert text._row_after_space[ord(" ")] == -2  # nothing, and nothing shorter to look up


def test_separators_punctuation_runs_and_capital_words_add_no_ngram(profiles):
    extract = NgramText(profiles, max_chars=2000).extract
    # Runs of spaces (punctuation normalises to one) hold no n-gram, nor do the separators between texts.
    assert extract(["ab ,; cd"]).rows.tolist() == extract(["ab cd"]).rows.tolist()
    batch = extract(["ab", "cd"])
    assert batch.rows.tolist() == extract(["ab"]).rows.tolist() + extract(["cd"]).rows.tolist()
    # In 'NASA' a capital after a capital holds nothing (langdetect's capitalword): the longest
    # n-grams read are ' N' at its first letter and 'SA ' at the space after it.
    nasa = [decode(int(profiles.keys[row])) for row in extract(["NASA"]).rows]
    assert nasa == [" N", "SA "]
