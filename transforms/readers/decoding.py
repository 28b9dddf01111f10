"""Bytes to text for article files: BOMs first, then UTF-8, then a detected charset."""

from __future__ import annotations

import codecs

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# Characters Western European text in cp1252/ISO-8859-1 is made of, beyond ASCII.
_WESTERN = frozenset([chr(c) for c in range(0xC0, 0x100) if chr(c) not in "×÷"] + list("¡¿«»°ºª€£§©®‘’‚“”„–—…•·\u00a0"))
MAX_WESTERN_ACCENT_SHARE = 0.3


def _looks_western(text: str) -> bool:
    """Western text decoded right: accents are a minority of letters, and all are Latin ones.

    Russian in cp1251 also decodes as cp1252 into Latin-1 letters, but then
    nearly every letter is accented; Polish in cp1250 yields '³' and '¹'.
    """
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not all(ch in _WESTERN for ch in non_ascii):
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters > 0 and len(non_ascii) / letters <= MAX_WESTERN_ACCENT_SHARE


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can establish."""


def decode_text(content: bytes) -> str:
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                return content[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableError(f"invalid {encoding} after its byte-order mark: {error}") from error
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # charset detection on short Western text often lands on cp1250 ('très' -> 'trčs');
    # Western European is by far the commonest legacy encoding in news, so try it first.
    try:
        western = content.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _looks_western(western):
        return western
    best = charset_normalizer.from_bytes(content).best()
    if best is None:
        raise UndecodableError("not UTF-8, and no other text encoding fits the bytes")
    return str(best)
