"""langdetect's profiles as arrays: keys, log-probabilities, character tables, and their cache."""

import numpy as np
import pytest
from langdetect.utils.ngram import NGram

from transforms.language_profiles import SMOOTHING, build_profiles, load_profiles, ngram_key


@pytest.fixture(scope="module")
def built():
    return build_profiles()


def test_keys_of_different_orders_never_collide():
    assert ngram_key("a") < 1 << 16 <= ngram_key(" a") < 1 << 32 <= ngram_key(" ab")
    assert ngram_key("ab") != ngram_key("ba")


def test_arrays_hold_langdetects_probabilities(built):
    assert len(built.languages) == 55 and "zh-tw" in built.languages
    assert np.all(np.diff(built.keys) > 0)
    row = int(np.searchsorted(built.keys, ngram_key("the")))
    english = built.languages.index("en")
    assert built.orders[row] == 3
    # 'the' is far likelier in English than the smoothing floor, and absent from Russian.
    assert built.log_probs[row, english] > np.log(0.01)
    assert built.log_probs[row, built.languages.index("ru")] == pytest.approx(np.log(SMOOTHING), rel=1e-5)


def test_character_tables_follow_ngram_normalize(built):
    for char in "a,9é«あアカ한中\u0219":
        assert built.normalised[ord(char)] == ord(NGram.normalize(char))
    assert built.uppercase[ord("Ä")] and not built.uppercase[ord("ä")]


def test_cache_is_written_then_read_back_identical(built, tmp_path):
    path = tmp_path / "profiles.npz"
    first = load_profiles(path)
    assert path.is_file()
    second = load_profiles(path)
    assert second.languages == built.languages
    for field in ("keys", "orders", "log_probs", "normalised", "uppercase"):
        assert np.array_equal(getattr(second, field), getattr(built, field))
        assert np.array_equal(getattr(first, field), getattr(built, field))


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_an_unreadable_cache_is_rebuilt(built, tmp_path, damage):
    path = tmp_path / "profiles.npz"
    load_profiles(path)
    good = path.read_bytes()
    path.write_bytes(b"not a numpy archive" if damage == "garbage" else good[: len(good) // 2])
    assert np.array_equal(load_profiles(path).keys, built.keys)
    with np.load(path) as rewritten:  # and was replaced by a good one
        assert np.array_equal(rewritten["keys"], built.keys)


def test_script_shares_say_which_script_each_language_is_written_in(built):
    def share(language: str, char: str) -> float:
        return float(built.script_shares[built.scripts[ord(char)], built.languages.index(language)])

    assert share("en", "a") == pytest.approx(1.0, abs=0.01)
    assert share("vi", "ế") == share("vi", "a")  # Latin blocks count as one script
    assert share("ru", "д") > 0.9 and share("en", "д") == 0.0
    assert share("zh-tw", "中") > 0.8 and share("ja", "あ") > 0.2
    assert built.scripts[ord(" ")] == 0
