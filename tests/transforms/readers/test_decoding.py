"""Bytes to text for article files: byte-order marks, UTF-8, then a detected legacy charset."""

from __future__ import annotations

import codecs

import pytest

from tests.conftest import FIXTURES
from transforms.readers.decoding import UndecodableError, decode_text

TEXT = "Año nuevo: el río creció — 東京"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_mark_selects_the_encoding_and_is_dropped(bom, encoding):
    assert decode_text(bom + TEXT.encode(encoding)) == TEXT


def test_utf32_le_bom_is_not_mistaken_for_utf16_le():
    # FF FE 00 00 starts with the UTF-16-LE mark FF FE; reading it as UTF-16 would yield a leading NUL.
    assert decode_text(codecs.BOM_UTF32_LE + b"A\x00\x00\x00") == "A"


def test_utf8_without_bom():
    assert decode_text(TEXT.encode("utf-8")) == TEXT


def test_empty_bytes_are_empty_text():
    assert decode_text(b"") == ""


def test_invalid_bytes_after_a_bom_are_undecodable():
    with pytest.raises(UndecodableError, match="utf-16-le"):
        decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone high surrogate
    with pytest.raises(UndecodableError, match="utf-8"):
        decode_text(codecs.BOM_UTF8 + b"caf\xe9")


def test_binary_data_is_undecodable():
    with pytest.raises(UndecodableError):
        decode_text(bytes(range(256)) * 4)


def test_latin1_spanish_text_decodes():
    expected = (
        "El río creció durante la noche y la policía cortó el puente. Los vecinos del barrio esperan noticias "
        "del alcalde, que prometió una solución rápida y más inversión en la orilla.\n"
    )
    assert decode_text((FIXTURES / "readers" / "latin1_es.txt").read_bytes()) == expected


def test_latin1_french_text_decodes():
    text = decode_text((FIXTURES / "readers" / "latin1_fr.txt").read_bytes())
    assert "un budget très élevé" in text
    assert "dès l'été prochain" in text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет, как дела? Это тест на русском языке, и он достаточно длинный.", "cp1251"),
        ("Zażółć gęślą jaźń. Wczoraj w Warszawie padał deszcz i wiał silny wiatr.", "cp1250"),
    ],
)
def test_non_western_legacy_encodings_are_not_taken_for_cp1252(text, encoding):
    assert decode_text(text.encode(encoding)) == text
