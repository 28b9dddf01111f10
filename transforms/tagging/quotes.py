"""Is a sentence a direct quotation? A quoted span of three words or more says so.

Covers the quotation marks of the languages we tag: “…” "…" «…» „…“ ‘…’ ‹…› 「…」 『…』.
Short quoted words ('the so-called "deal"') are scare quotes, not quotations.
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r"“[^”]+”|\"[^\"]+\"|«[^»]+»|„[^“”]+[“”]|‘[^’]+’|‹[^›]+›|「[^」]+」|『[^』]+』|»[^«]+«")
MIN_QUOTED_WORDS = 3
MIN_QUOTED_CJK_CHARS = 6


def is_quote(text: str) -> bool:
    for match in _QUOTED.finditer(text):
        inner = match.group()[1:-1].strip()
        if len(inner.split()) >= MIN_QUOTED_WORDS:
            return True
        if match.group()[0] in "「『" and len(inner) >= MIN_QUOTED_CJK_CHARS:
            return True
    return False
