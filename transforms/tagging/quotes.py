"""Direct quotations: is a sentence one, and where is the quoted span?

Covers the quotation marks of the languages we tag: “…” "…" «…» „…“ ‘…’ ‹…› 「…」 『…』 »…«.
A quoted span of three words or more (six characters in CJK brackets) is a
quotation. A shorter one counts only next to a reported-speech verb ('“Yes,”
she said', '«Non», a-t-il dit'); otherwise short quoted words ('the so-called
"deal"') are scare quotes. Reported speech without quotation marks ('The
minister said the plan would go ahead') is not a quotation.
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r"“[^”]+”|\"[^\"]+\"|«[^»]+»|„[^“”]+[“”]|‘[^’]+’|‹[^›]+›|「[^」]+」|『[^』]+』|»[^«]+«")
MIN_QUOTED_WORDS = 3
MIN_QUOTED_CJK_CHARS = 6
_CJK_OPENERS = "「『"

# Reported-speech verbs (lowercase word starts), in the languages we tag. Only used to accept
# a short quoted span: on their own they mark indirect speech, which is not a quotation.
_SPEECH_VERBS = re.compile(
    r"\b(?:said|says|say|told|tells|asked|added|declared|stated|insisted|warned|replied|wrote|"
    r"dijo|dice|afirmó|afirma|declaró|añadió|agregó|aseguró|señaló|advirtió|respondió|preguntó|"
    r"a déclaré|déclare|a dit|dit|a affirmé|affirme|a ajouté|ajoute|a averti|a répondu|a-t-il|a-t-elle|"
    r"sagte|sagt|erklärte|erklärt|betonte|fügte|warnte|antwortete|fragte|"
    r"disse|diz|afirmou|declarou|acrescentou|alertou|respondeu|"
    r"ha detto|detto|dice|ha dichiarato|ha aggiunto|ha affermato|ha avvertito|"
    r"zei|zegt|verklaarde|"
    r"powiedział|powiedziała|"
    r"сказал|сказала|заявил|заявила|отметил|отметила)",
    re.IGNORECASE,
)
# Chinese and Japanese have no word boundaries to anchor on.
_CJK_SPEECH_VERBS = re.compile(r"说|說|表示|称|稱|指出|强调|強調|述べた|語った|話した")


def quote_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the first quotation in `text`, quotation marks included; None if there is none.

    A long quoted span wins over an earlier short one ('the "deal" ... said "this is the future"').
    """
    short: tuple[int, int] | None = None
    for match in _QUOTED.finditer(text):
        inner = match.group()[1:-1].strip()
        if len(inner.split()) >= MIN_QUOTED_WORDS:
            return match.span()
        if match.group()[0] in _CJK_OPENERS and len(inner) >= MIN_QUOTED_CJK_CHARS:
            return match.span()
        if short is None and any(char.isalpha() for char in inner):
            short = match.span()
    if short is None:
        return None
    outside = text[: short[0]] + " " + text[short[1] :]
    return short if _SPEECH_VERBS.search(outside) or _CJK_SPEECH_VERBS.search(outside) else None


def is_quote(text: str) -> bool:
    return quote_span(text) is not None
