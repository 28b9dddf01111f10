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
_NEXT = re.compile(r"\s*([^\w\s]*)\s*(\w*)")
_QUOTE_MARKS = re.compile(r"[\"„“”«»()\[\]《》「」『』（）【】]")
_OPENERS = "„“«([《「『（【\""
_CLOSER_OF = {"„": "“”", "“": "”", "«": "»", "(": ")", "[": "]"}
_CLOSER_OF |= {"《": "》", "「": "」", "『": "』", "（": "）", "【": "】"}
_OPENER_OF = {"”": "“„", "»": "«", ")": "(", "]": "[", "》": "《", "」": "「", "』": "『", "）": "（", "】": "【"}
# How far after a candidate the closer of an open quote may be for the candidate to count as
# inside the quotation; a stray opener must not swallow the rest of a long paragraph.
_QUOTE_REACH = 600


def _candidate_pattern(extra_terminators: str) -> re.Pattern[str]:
    every = re.escape(_SPACED + extra_terminators + _TIGHT)
    closers = re.escape(_CLOSERS)
    return re.compile(
        rf"(?P<run>[{every}](?:[{every}{closers}]| \.(?=[\s{closers}.]|$))*)(?=\s|$)"
        rf"|(?P<tight>[{re.escape(_TIGHT)}][{every}{closers}]*)"
        rf"|(?P<newline>\n\s*)"
        rf"|(?<=\s)(?P<bullet>[{_BULLETS}])"
        rf"|(?<![^\s{_BULLETS}])(?P<marker>(?:\d{{1,2}}|[a-z])\))(?=\s)"
    )


@dataclass(frozen=True, slots=True)
class _Profile:
    pattern: re.Pattern[str]
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
    marks = _QUOTE_MARKS.findall(text, sentence_start, end)
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
    start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position), text.rfind("\xa0", 0, position)) + 1
    return start, text[start:position]


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
    for match in profile.pattern.finditer(text):
        kind = match.lastgroup
        if kind == "run":
            run_start, end = match.span()
            run = match.group()
            after = _NEXT.match(text, end)
            prefix, word = after.group(1), after.group(2)
            core = run.rstrip(_CLOSERS)
            if core == ".":
                token_start, token = _token_before(text, run_start)
                item = token.lstrip(_BULLETS)
                if item and len(item) <= 2 and (item.isdigit() or (len(item) == 1 and "a" <= item <= "z")):
                    digit = item.isdigit()
                    value = int(item) if digit else ord(item) - ord("a") + 1
                    markers.append((("d" if digit else "l") + run, value, _item_start(text, token_start), end))
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
            if _inside_open_quote(text, sentence_start, end):
                continue
        elif kind == "tight":
            end = match.end()
            if _inside_open_quote(text, sentence_start, end):
                continue
        elif kind == "newline":
            end = match.start()
            following = match.end()
            if "\n" not in match.group()[1:] and following < len(text) and text[following].islower():
                continue  # a soft-wrapped line continues the sentence
        elif kind == "bullet":
            end = match.start()
        else:  # "1)" / "a)" list marker: only a boundary once a following item confirms the list
            item = match.group()[:-1]
            digit = item.isdigit()
            value = int(item) if digit else ord(item) - ord("a") + 1
            markers.append((("d" if digit else "l") + ")", value, _item_start(text, match.start()), -1))
            continue
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
