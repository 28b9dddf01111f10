"""Direct quotations: is a sentence one, and where is the quoted span?

Covers the quotation marks of the languages we tag: “…” "…" «…» „…“ ‘…’ ‹…› 「…」 『…』 »…«.

The convention is the dev set's (tests/fixtures/tagging/dev/README.md): `is_quote` is true for
speech in quotation marks, and only then.
- A quoted span of three words or more (six characters in Chinese or Japanese) is a quotation.
- A shorter span is a partial quotation when it starts in lowercase: words lifted from someone's
  speech ('calling it "outrageous"', 'acusaron al partido de «robar»', 'назвали их «героями»'),
  unless a scare-quote cue stands before it ('the so-called "deal"').
- A short span starting with a capital is a name ('ПАО «Лукойл»', 'the “Yes” campaign') unless a
  reported-speech verb stands outside it ('“Yes,” she said').
- A title of a work is not a quotation, however long: a span right after a work noun ('la película
  «La sociedad de la nieve»', 'o filme “Ainda Estou Aqui”') or followed by its author ('«Father
  Mother Sister Brother» di Jim Jarmusch').
Reported speech without quotation marks ('The minister said the plan would go ahead') is never a
quotation, whatever its verb.
"""

from __future__ import annotations

import re

from transforms.tagging.patterns import longest_first_pattern

_QUOTED = re.compile(r"“[^”]+”|\"[^\"]+\"|«[^»]+»|„[^“”]+[“”]|‘[^’]+’|‹[^›]+›|「[^」]+」|『[^』]+』|»[^«]+«")
MIN_QUOTED_WORDS = 3
MIN_QUOTED_CJK_CHARS = 6

# Reported-speech verbs (lowercase word starts), in the languages we tag. Only used to accept
# a short quoted span: on their own they mark indirect speech, which is not a quotation.
_SPEECH_VERB_WORDS = (
    "said|says|say|told|tells|asked|added|declared|stated|insisted|warned|replied|wrote|"
    "dijo|dice|afirmó|afirma|declaró|añadió|agregó|aseguró|señaló|advirtió|respondió|preguntó|"
    "a déclaré|déclare|a dit|dit|a affirmé|affirme|a ajouté|ajoute|a averti|a répondu|a-t-il|a-t-elle|"
    "sagte|sagt|erklärte|erklärt|betonte|fügte|warnte|antwortete|fragte|"
    "disse|diz|afirmou|declarou|acrescentou|alertou|respondeu|"
    "ha detto|detto|dice|ha dichiarato|ha aggiunto|ha affermato|ha avvertito|"
    "zei|zegt|verklaarde|"
    "powiedział|powiedziała|"
    "сказал|сказала|заявил|заявила|отметил|отметила"
).split("|")
# One trie-shaped alternation (see transforms.tagging.patterns): at every word start the engine
# follows one branch per letter instead of trying the verbs one by one, 3x faster. Only whether
# any verb occurs matters, which the shape does not change.
_SPEECH_VERBS = re.compile(rf"\b(?:{longest_first_pattern(_SPEECH_VERB_WORDS).pattern})", re.IGNORECASE)
# Chinese and Japanese have no word boundaries to anchor on.
_CJK_SPEECH_VERBS = re.compile(r"说|說|表示|称|稱|指出|强调|強調|述べた|語った|話した")


# Words that announce a title of a work in quotation marks (lowercase, the word right before the quote).
_WORK_NOUNS = frozenset(
    """film movie book novel album song series show play documentary painting exhibition opera
    película filme libro novela disco canción serie obra documental exposición cuadro
    roman livre chanson série pièce documentaire exposition tableau
    buch lied serie stück ausstellung sendung
    filme livro romance álbum canção novela peça exposição
    libro romanzo canzone serie opera documentario mostra spettacolo quadro
    фильм книга книги роман альбом песня сериал спектакль выставка картина""".split()
)
# Words before a short quoted word that make it a scare quote, not speech ('the so-called "deal"').
_SCARE_CUES = frozenset("so-called supposed alleged llamado llamada supuesto supuesta dit dite prétendu sogenannte "
                        "sogenannten sogenannter chamado chamada suposto cosiddetto cosiddetta presunto "
                        "называемый называемая называемые называемого".split())
# The word before a quotation, whitespace aside, read backwards: the text before the quotation is
# reversed and matched from its start. A forward search for r"([\w-]+)\s*$" would try every
# position of the sentence (~15 µs a quotation).
_REVERSED_WORD_BEFORE = re.compile(r"[\s\u00a0]*([\w-]+)")
_AUTHOR_AFTER = re.compile(r"^,?\s*(?:de|di|by|von|of|do|da|du)\s+[A-ZÀ-ÖØ-Þ\u0400-\u042f]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _word_before(text: str, start: int) -> str:
    """The word ending right before `start`, whitespace aside ('the film “...”' -> 'film'); '' when
    punctuation or nothing stands there."""
    if start == 0:
        return ""
    match = _REVERSED_WORD_BEFORE.match(text[start - 1 :: -1])
    return match.group(1)[::-1] if match else ""


def _is_work_title(text: str, start: int, end: int) -> bool:
    if _word_before(text, start).casefold() in _WORK_NOUNS:
        return True
    return bool(_AUTHOR_AFTER.match(text[end : end + 40]))


def _is_long(inner: str) -> bool:
    if _CJK.search(inner):
        return len(inner) >= MIN_QUOTED_CJK_CHARS
    return len(inner.split()) >= MIN_QUOTED_WORDS


def quote_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the first quotation in `text`, quotation marks included; None if there is none.

    A long quoted span wins over an earlier short one ('the "deal" ... said "this is the future"').
    """
    if _QUOTED.search(text) is None:
        return None  # most sentences quote nothing: one C scan, without the loop below
    short: tuple[int, int] | None = None
    named: tuple[int, int] | None = None  # short, capitalised: a name unless a speech verb is outside
    for match in _QUOTED.finditer(text):
        inner = match.group()[1:-1].strip()
        if not any(char.isalpha() for char in inner) or _is_work_title(text, match.start(), match.end()):
            continue
        if _is_long(inner):
            return match.span()
        if inner[:1].islower():
            if short is None and _word_before(text, match.start()).casefold() not in _SCARE_CUES:
                short = match.span()
        elif named is None:
            named = match.span()
    if short is not None:
        return short
    if named is None:
        return None
    outside = text[: named[0]] + " " + text[named[1] :]
    return named if _SPEECH_VERBS.search(outside) or _CJK_SPEECH_VERBS.search(outside) else None


def is_quote(text: str) -> bool:
    return quote_span(text) is not None
