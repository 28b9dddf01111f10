"""Person, organisation and event names in Chinese text, found by substring rules.

Chinese has no capitals and no spaces, so the cues of the `cjk:` section of
configs/entities.yaml are matched as substrings of the sentence:

- `person_titles`: a title right before a name ('国家主席习近平', '发言人毛宁',
  '總統賴清德') makes the next 2 to 4 Han characters a PER, ending earlier at a
  character of `name_stops` (the verbs and particles that follow a name: 在,
  表示, 宣布, 的, ...). Titles are also honoured after the name when listed in
  `person_titles_after` ('习近平主席').
- `org_suffixes`: a name ending with one of them is an ORG ('中国人民银行',
  '俄罗斯国防部', '華為技術有限公司'); the name reaches back from the suffix to
  the previous punctuation, non-Han character or character of `span_stops`
  (的, 和, 在, ...), at most `MAX_NAME_CHARS` characters. A suffix followed by a
  character of its `not_before` list is a word, not a suffix ('部长', '部分').
- `misc_suffixes`: the same for events and competitions ('巴黎奥运会', '中超联赛').
- `misc_names`: holidays and other fixed names ('春节', '国庆').
- Titles of works in 《》 are MISC.
Country names inside a span belong to it: the place tagger still counts them,
and the entity tagger does not add them again as LOC.
"""

from __future__ import annotations

import re

from transforms.records import Entity
from transforms.tagging.patterns import longest_first_pattern as _alternation

MAX_NAME_CHARS = 12
MIN_PERSON_CHARS = 2
MAX_PERSON_CHARS = 4
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORK_TITLE = re.compile(r"《([^》]{1,40})》")


class CjkEntityFinder:
    """Substring rules for the languages of the `cjk` config section (zh: Simplified and Traditional)."""

    def __init__(self, config: dict) -> None:
        self._rules = {lang: _LanguageRules(rules or {}) for lang, rules in config.items()}

    def find(self, text: str, languages: list[str]) -> list[Entity]:
        entities: list[Entity] = []
        for lang in languages:
            rules = self._rules.get(lang)
            if rules is not None:
                for entity in rules.find(text):
                    if not any(e.start < entity.end and entity.start < e.end for e in entities):
                        entities.append(entity)
        return entities


class _LanguageRules:
    def __init__(self, rules: dict) -> None:
        self.titles = _alternation(rules.get("person_titles") or [])
        self.titles_after = _alternation(rules.get("person_titles_after") or [])
        self.name_stops = frozenset("".join(rules.get("name_stops") or []))
        self.not_name_starts = frozenset("".join(rules.get("not_name_starts") or []))
        self.span_stops = frozenset("".join(rules.get("span_stops") or []))
        self.not_before = {suffix: frozenset(chars) for suffix, chars in (rules.get("not_before") or {}).items()}
        self.org_suffixes = _alternation(rules.get("org_suffixes") or [])
        self.misc_suffixes = _alternation(rules.get("misc_suffixes") or [])
        self.misc_names = _alternation(rules.get("misc_names") or [])

    def find(self, text: str) -> list[Entity]:
        found: list[Entity] = []

        def add(start: int, end: int, kind: str) -> None:
            if end - start >= 1 and not any(e.start < end and start < e.end for e in found):
                found.append(Entity(text=text[start:end], type=kind, start=start, end=end))

        for match in _WORK_TITLE.finditer(text):
            add(match.start(1), match.end(1), "MISC")
        for pattern, kind in ((self.org_suffixes, "ORG"), (self.misc_suffixes, "MISC")):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                if text[match.end() : match.end() + 1] in self.not_before.get(match.group(), ()):
                    continue
                start = self._name_start(text, match.start())
                if start < match.start():  # a bare suffix ('部', '党') names nothing
                    add(start, match.end(), kind)
        if self.titles is not None:
            for match in self.titles.finditer(text):
                end = self._person_end(text, match.end())
                if end - match.end() >= MIN_PERSON_CHARS:
                    add(match.end(), end, "PER")
        if self.titles_after is not None:
            for match in self.titles_after.finditer(text):
                start = match.start()
                while start > 0 and match.start() - start < MAX_PERSON_CHARS and self._is_name_char(text[start - 1]):
                    start -= 1
                if match.start() - start >= MIN_PERSON_CHARS:
                    add(start, match.start(), "PER")
        if self.misc_names is not None:
            for match in self.misc_names.finditer(text):
                add(match.start(), match.end(), "MISC")
        return found

    def _is_name_char(self, char: str) -> bool:
        return bool(_HAN.match(char)) and char not in self.name_stops

    def _person_end(self, text: str, start: int) -> int:
        """End of the name after a title: up to MAX_PERSON_CHARS Han characters, stopping at a name stop."""
        if start >= len(text) or text[start] in self.not_name_starts:
            return start
        end = start
        while end < len(text) and end - start < MAX_PERSON_CHARS and self._is_name_char(text[end]):
            end += 1
        if end < len(text) and self._is_name_char(text[end]):
            return start  # more than MAX_PERSON_CHARS name characters: not a name after all
        return end

    def _name_start(self, text: str, suffix_start: int) -> int:
        """Where an organisation or event name ending at `suffix_start` begins."""
        start = suffix_start
        while (
            start > 0
            and suffix_start - start < MAX_NAME_CHARS
            and (_HAN.match(text[start - 1]) or text[start - 1].isdigit())
            and text[start - 1] not in self.span_stops
        ):
            start -= 1
        return start
