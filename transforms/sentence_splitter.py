"""Fast rule-based sentence boundaries: `split(text, lang) -> [(start, end), ...]`.

One compiled regex pass (`finditer`) finds candidate boundaries -- runs of terminators with the
closing quotes/brackets that follow them and whitespace after, terminators of scripts written
without spaces (。！？ ። ။ । ؟ ۔), line breaks, bullets and "1)" list markers -- and each candidate
is settled with a few cheap checks: the token before the period against per-language frozensets
(transforms/sentence_abbreviations.py), the case of the next word, whether an opened quote or
bracket is still waiting for its closer. No Python loop runs over characters.

Spans are offsets into `text` with surrounding whitespace trimmed, so `text[start:end]` is the
sentence. Accuracy and speed against pySBD and sentencex: benchmarks/eval_sentence_splitter.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms import sentence_abbreviations as data

# Closing quotes and brackets that belong to the sentence they follow: `He said "Stop." Then`.
_CLOSERS = "\"'“”‘’»›)\\]}」』》）】〉"
# Terminators that end a sentence only when whitespace (or the end) follows.
_SPACED = ".!?…\u037e"
# Terminators of scripts written without spaces between sentences: CJK, Ethiopic, Myanmar,
# Devanagari danda, Arabic question mark and Urdu full stop, Armenian full stop.
_TIGHT = "。！？｡።፧፨။।॥؟۔։"
_BULLETS = "•⁃▪◦‣"
_DASHES = "-–—"
# A list marker ("2.", "b.", "•10.") is a token of one or two characters: what may precede it.
_PRECEDERS = frozenset(" \t\n\xa0" + _BULLETS)

# Extra terminators by language: the Greek question mark is usually typed as ";", Armenian text
# often uses ":" for its full stop "։", and Arabic uses the colon as a sentence break.
_EXTRA_TERMINATORS = {"el": ";", "hy": ":", "ar": ":"}

# Languages that write ordinals with a period ("am 12. Juni", "10. pokus"), where a number or a
# roman numeral followed by a period is not a sentence end before a month name or a lowercase word.
_ORDINAL_DOT_LANGS = frozenset("de da no nb nn sk cs pl fi hu hr sl sr et lv lt is fo tr".split())
# Languages whose abbreviations keep a capitalised word in the same sentence ("napr. XYZCorp").
_ABBREVIATIONS_JOIN_LANGS = frozenset("sk cs".split())
_LANG_ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "zh-hant": "zh", "zh-hans": "zh"}

_ROMAN = re.compile(r"[IVXLCDM]{2,}")
# Letters only: "u.s", "z.b", "т.б" -- "3.4" or "351.123.465.4" are numbers and end sentences.
_MULTI_PERIOD = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,4}")
# After a candidate: whitespace, the punctuation that opens the next sentence, and its first word.
_SPACES = re.compile(r"\s*")
_NEXT = re.compile(r"\s{0,80}([^\w\s]{0,8})\s{0,80}(\w{0,40})")  # bounded: linear time on any input
_TOKEN_REACH = 80
_QUOTE_MARKS = re.compile(r"[\"„“”«»()\[\]《》「」『』（）【】]")
_OPENERS = "„“«([《「『（【\""
_CLOSER_OF = {"„": "“”", "“": "”", "«": "»", "(": ")", "[": "]"}
_CLOSER_OF |= {"《": "》", "「": "」", "『": "』", "（": "）", "【": "】"}
_OPENER_OF = {"”": "“„", "»": "«", ")": "(", "]": "[", "》": "《", "」": "「", "』": "『", "）": "（", "】": "【"}
# How far after a candidate the closer of an open quote may be for the candidate to count as
# inside the quotation; a stray opener must not swallow the rest of a long paragraph.
_QUOTE_REACH = 600


def _candidate_pattern(extra_terminators: str) -> re.Pattern[str]:
    """Every candidate starts with one character of a single class, so `re` scans for it in C.

    A match is a terminator run with its closers and spaced-out periods (". . ."), a line break,
    a bullet, or a ")" that may close a list marker; `split` settles each one.
    """
    every = re.escape(_SPACED + extra_terminators + _TIGHT)
    closers = re.escape(_CLOSERS)
    return re.compile(rf"[{every}\n{_BULLETS})](?:[{every}{closers}]| \.(?=[\s{closers}]|$))*")


@dataclass(frozen=True, slots=True)
class _Profile:
    pattern: re.Pattern[str]
    tight: frozenset[str]
    abbreviations: frozenset[str]
    prepositive: frozenset[str]
    number_prefixes: frozenset[str]
    starters: frozenset[str]
    months: frozenset[str]
    ordinal_dots: bool
    abbreviations_join: bool


_GENERIC_NUMBER_PREFIXES = frozenset("no nos nr nº n° № p pp art vol".split())


def _build_profiles() -> tuple[dict[str, _Profile], _Profile]:
    patterns = {extra: _candidate_pattern(extra) for extra in {"", *_EXTRA_TERMINATORS.values()}}
    generic_abbreviations = data.ABBREVIATIONS["en"]
    generic_prepositive = data.PREPOSITIVE["en"]

    def profile(lang: str) -> _Profile:
        return _Profile(
            pattern=patterns[_EXTRA_TERMINATORS.get(lang, "")],
            tight=frozenset(_TIGHT),
            abbreviations=data.ABBREVIATIONS.get(lang, generic_abbreviations),
            prepositive=data.PREPOSITIVE.get(lang, generic_prepositive),
            number_prefixes=data.NUMBER_PREFIXES.get(lang, frozenset()) | _GENERIC_NUMBER_PREFIXES,
            starters=data.STARTERS.get(lang, frozenset()),
            months=data.MONTHS.get(lang, frozenset()),
            ordinal_dots=lang in _ORDINAL_DOT_LANGS,
            abbreviations_join=lang in _ABBREVIATIONS_JOIN_LANGS,
        )

    langs = {*data.ABBREVIATIONS, *data.MONTHS, *_EXTRA_TERMINATORS, *_ORDINAL_DOT_LANGS}
    return {lang: profile(lang) for lang in langs}, profile("und")


# Built once at import: a handful of regexes and frozensets, read-only afterwards.
_PROFILES, _GENERIC = _build_profiles()


def _profile_for(lang: str) -> _Profile:
    code = (lang or "").lower()
    code = _LANG_ALIASES.get(code, code)
    profile = _PROFILES.get(code)
    if profile is None:
        base = code.replace("_", "-").split("-")[0]
        profile = _PROFILES.get(_LANG_ALIASES.get(base, base), _GENERIC)
    return profile


def _inside_open_quote(text: str, sentence_start: int, end: int) -> bool:
    """Whether a quote or bracket opened in this sentence is still open at `end` and closes soon after."""
    marks = _QUOTE_MARKS.findall(text, max(sentence_start, end - _QUOTE_REACH), end)
    if not marks:
        return False
    stack: list[str] = []
    for mark in marks:
        if mark == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append(mark)
        elif mark == "“" and stack and stack[-1] == "„":
            stack.pop()
        elif mark in _OPENERS:
            stack.append(mark)
        elif stack and stack[-1] in _OPENER_OF.get(mark, ""):
            stack.pop()
    if not stack:
        return False
    paragraph_end = text.find("\n", end)
    limit = min(len(text) if paragraph_end == -1 else paragraph_end, end + _QUOTE_REACH)
    closers = _CLOSER_OF.get(stack[-1], stack[-1])
    return any(text.find(closer, end, limit) != -1 for closer in closers)


def _token_before(text: str, position: int) -> tuple[int, str]:
    """Start and text of the whitespace-delimited token that ends at `position`."""
    # Bounded look-back: no abbreviation or list marker is this long, and a hostile text without
    # spaces must not make every candidate rescan it from the start.
    window = max(0, position - _TOKEN_REACH)
    start = text.rfind(" ", window, position) + 1 or window
    token = text[start:position]
    if not token.isprintable():  # a tab, a line break or a no-break space inside: cut there instead
        tail = token.split()[-1] if token.split() else ""
        start, token = position - len(tail), tail
    return start, token


def _period_ends_sentence(profile: _Profile, text: str, run_start: int, prefix: str, word: str, word_end: int) -> bool:
    """A single period followed by whitespace: does it end the sentence?"""
    if not word and not prefix:
        return True
    if prefix[:1] in (".", "…"):  # the next sentence opens with an ellipsis
        return True
    first = word[:1]
    if first.islower():
        return False
    _, token = _token_before(text, run_start)
    token = token.lstrip("\"'“‘«„¿¡([{" + _BULLETS)
    key = token.lower()
    if first.isdigit():
        abbreviated = key in profile.number_prefixes or key in profile.abbreviations or key in profile.prepositive
        return not (abbreviated or _MULTI_PERIOD.fullmatch(key))
    if not key:
        return True
    if key in profile.prepositive:
        return False
    if profile.ordinal_dots and (key.isdigit() or _ROMAN.fullmatch(token)):
        # "am 12. Juni", "XII. Pluku": an ordinal, unless a plain number ends the sentence
        return word.lower() not in profile.months and not _ROMAN.fullmatch(token)
    if len(token) >= 3 and token.isupper() and "." not in token:
        return True  # an acronym (NATO, BBC), not an abbreviation
    if (len(key) == 1 and key.isalpha()) or _MULTI_PERIOD.fullmatch(key):
        # initials (J. K. Rowling), p. m., U.S., z. B.: a sentence end only before a typical sentence start,
        # and not when that "starter" is itself the next initial ("А. И. Семенов")
        return word in profile.starters and not (len(word) == 1 and text.startswith(".", word_end))
    if key in profile.abbreviations:
        return not profile.abbreviations_join and (not profile.starters or word in profile.starters)
    return True


def _ellipsis_boundary(text: str, run_start: int, run: str, prefix: str, word: str) -> int | None:
    """Where a run of several periods ends the sentence: its end, just after its first period, or nowhere."""
    if run_start and text[run_start - 1] in "[(":
        return None  # an editorial omission "[...]"
    if not word and not prefix:
        return run_start + len(run)
    if word[:1].islower() and not prefix:
        return None
    if " ." in run:
        dots = run.count(".")
        if dots < 4:
            return None  # ". . ." inside a sentence
        if run_start and not text[run_start - 1].isspace():
            return run_start + 1  # "compounds. . . . The": the period ends it, ". . ." opens the next
    return run_start + len(run)


def _note_period_marker(text: str, period: int, run: str, end: int, markers: list[tuple[str, int, int, int]]) -> None:
    """Record "1." or "a." (or "1.)") before `period` as a possible list marker."""
    token_start, token = _token_before(text, period)
    item = token.lstrip(_BULLETS)
    if item.isdigit() and len(item) <= 2:
        markers.append(("d" + run, int(item), _item_start(text, token_start), end))
    elif len(item) == 1 and "a" <= item <= "z":
        markers.append(("l" + run, ord(item) - ord("a") + 1, _item_start(text, token_start), end))


def _note_paren_marker(text: str, paren: int, end: int, markers: list[tuple[str, int, int, int]]) -> None:
    """Record "1)" or "a)" at `paren` as a possible list marker; a following item confirms the list."""
    if end != paren + 1 or end == len(text) or not text[end].isspace():
        return
    token_start, token = _token_before(text, paren)
    item = token.lstrip(_BULLETS)
    if item.isdigit() and len(item) <= 2:
        markers.append(("d)", int(item), _item_start(text, token_start), -1))
    elif len(item) == 1 and "a" <= item <= "z":
        markers.append(("l)", ord(item) - ord("a") + 1, _item_start(text, token_start), -1))


def _item_start(text: str, marker_start: int) -> int:
    """A list item starts at its bullet when one precedes its marker ("• 9. The first item")."""
    if marker_start >= 2 and text[marker_start - 1] == " " and text[marker_start - 2] in _BULLETS:
        return marker_start - 2
    return marker_start


def _list_fixups(markers: list[tuple[str, int, int, int]], boundaries: list[int]) -> list[int]:
    """Numbered or lettered lists ("1. a 2. b", "a) x b) y"): break before each item, never after its marker."""
    chains: list[list[tuple[str, int, int, int]]] = []
    last_of_style: dict[str, list[tuple[str, int, int, int]]] = {}
    for marker in markers:
        style, value = marker[0], marker[1]
        chain = last_of_style.get(style)
        if chain is not None and chain[-1][1] + 1 == value:
            chain.append(marker)
        else:
            chain = [marker]
            chains.append(chain)
            last_of_style[style] = chain
    # Lettered lists must start at "a": a lone "b." or "c)" is far more often an initial or a typo.
    items = [m for chain in chains if len(chain) >= 2 and (chain[0][0][0] == "d" or chain[0][1] == 1) for m in chain]
    if not items:
        return boundaries
    updated = set(boundaries)
    for _, _, marker_start, marker_end in items:
        updated.discard(marker_end)
        updated.add(marker_start)
    return sorted(updated)


def split(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of `text` as (start, end) offsets, whitespace trimmed, in order."""
    profile = _profile_for(lang)
    boundaries: list[int] = []
    markers: list[tuple[str, int, int, int]] = []  # (style, value, item start, end of the marker)
    sentence_start = 0
    tight = profile.tight
    length = len(text)
    # One C-speed scan tells whether any quote or bracket exists; most texts then skip the quote checks.
    quoted = _QUOTE_MARKS.search(text) is not None
    following = 0  # end of the whitespace after the last line break
    for match in profile.pattern.finditer(text):
        run_start, end = match.span()
        first = text[run_start]
        if first == "\n":
            if run_start < following:
                continue  # inside the blank lines already settled
            end = run_start
            following = _SPACES.match(text, run_start + 1).end()
            if following < length and text[following].islower() and "\n" not in text[run_start + 1 : following]:
                continue  # a soft-wrapped line continues the sentence
        elif first in _BULLETS:
            if not run_start or not text[run_start - 1].isspace():
                continue
            end = run_start
        elif first == ")":
            _note_paren_marker(text, run_start, end, markers)
            continue
        elif end == length or text[end].isspace():
            run = match.group()
            after = _NEXT.match(text, end)
            prefix, word = after.group(1), after.group(2)
            core = run.rstrip(_CLOSERS)
            if core == ".":
                if run_start < 3 or text[run_start - 2] in _PRECEDERS or text[run_start - 3] in _PRECEDERS:
                    _note_period_marker(text, run_start, run, end, markers)
                if not _period_ends_sentence(profile, text, run_start, prefix, word, after.end()):
                    continue
            elif core.count(".") >= 2 or "…" in core:
                boundary = _ellipsis_boundary(text, run_start, core, prefix, word)
                if boundary is None:
                    continue
                if boundary != run_start + len(core):
                    end = boundary
            elif not word and not prefix:
                pass
            elif (word[:1].islower() and not prefix) or (prefix and prefix[0] in _DASHES):
                continue  # "Yahoo! in the", "бар? — деді"
            if quoted and _inside_open_quote(text, sentence_start, end):
                continue
        elif not tight.intersection(match.group()) or (quoted and _inside_open_quote(text, sentence_start, end)):
            continue  # "3.5", "example.com": no space after; 。！？ need none
        boundaries.append(end)
        sentence_start = end
    if len(markers) >= 2:
        boundaries = _list_fixups(markers, boundaries)
    return _trimmed_spans(text, boundaries)


def _trimmed_spans(text: str, boundaries: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for end in (*boundaries, len(text)):
        if end <= start:
            continue
        segment = text[start:end]
        stripped = segment.lstrip()
        if stripped:
            left = start + len(segment) - len(stripped)
            spans.append((left, left + len(stripped.rstrip())))
        start = end
    return spans
