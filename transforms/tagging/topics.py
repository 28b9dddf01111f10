"""Topic tagging: IPTC Media Topics lexicons matched on word tokens.

Term syntax (configs/topics.yaml): lowercase words separated by spaces; a
word ending in '*' matches any token that starts with it (stems survive
inflection: 'elecci*' -> elección, elecciones). For languages written
without spaces (zh, ja, th) terms match as substrings.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from transforms.tagging.tokens import tokenize

NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my"})
MIN_PREFIX_LETTERS = 3


@dataclasses.dataclass(frozen=True, slots=True)
class Term:
    topic: str
    term: str
    words: tuple[tuple[str, bool], ...]  # (text, is_prefix)

    def matches_at(self, tokens: list[str], position: int) -> bool:
        if position + len(self.words) > len(tokens):
            return False
        for (word, is_prefix), token in zip(self.words, tokens[position:], strict=False):
            if not (token.startswith(word) if is_prefix else token == word):
                return False
        return True


def parse_term(topic: str, term: str) -> Term:
    """'relaciones internacional*' -> words to match, tokenised as text is (apostrophes split)."""
    words: list[tuple[str, bool]] = []
    for word in term.split():
        is_prefix = word.endswith("*")
        parts = [token.text for token in tokenize(word.rstrip("*"))]
        words += [(part, is_prefix and i == len(parts) - 1) for i, part in enumerate(parts)]
    return Term(topic=topic, term=term, words=tuple(words))


class _LanguageIndex:
    """Terms of one language, indexed by their first word (exact or prefix)."""

    def __init__(self, terms: list[Term]) -> None:
        self.exact: dict[str, list[Term]] = defaultdict(list)
        self.prefix: dict[str, list[Term]] = defaultdict(list)
        self.substrings: list[Term] = terms
        for term in terms:
            first, is_prefix = term.words[0]
            (self.prefix if is_prefix else self.exact)[first].append(term)
        self.prefix_lengths = sorted({len(p) for p in self.prefix})

    def candidates(self, token: str):
        yield from self.exact.get(token, ())
        for length in self.prefix_lengths:
            if length > len(token):
                break
            yield from self.prefix.get(token[:length], ())


class TopicTagger:
    """Scores sentences against the topic lexicons of one or more languages."""

    def __init__(self, topics: list[dict]) -> None:
        self.topic_order = [topic["slug"] for topic in topics]
        by_language: dict[str, list[Term]] = defaultdict(list)
        for topic in topics:
            for lang, terms in (topic.get("terms") or {}).items():
                by_language[lang].extend(parse_term(topic["slug"], term) for term in terms)
        self._indexes = {lang: _LanguageIndex(terms) for lang, terms in by_language.items()}
        self._rank = {slug: position for position, slug in enumerate(self.topic_order)}

    @property
    def languages(self) -> set[str]:
        return set(self._indexes)

    def match(self, text: str, languages: list[str]) -> list[tuple[str, str]]:
        """(topic, term) for every term occurrence in `text`."""
        hits: list[tuple[str, str]] = []
        lowered = text.casefold()
        tokens = [token.text for token in tokenize(lowered)]
        for lang in languages:
            index = self._indexes.get(lang)
            if index is None:
                continue
            if lang in NO_SPACE_LANGUAGES:
                hits += [(t.topic, t.term) for t in index.substrings if t.term.replace(" ", "") in lowered]
                continue
            for position, token in enumerate(tokens):
                hits += [(t.topic, t.term) for t in index.candidates(token) if t.matches_at(tokens, position)]
        return hits

    def score(self, text: str, languages: list[str]) -> tuple[list[str], list[float], list[str]]:
        """(topics best first, their scores, 'topic:term' evidence) for one sentence."""
        hits = self.match(text, languages)
        scores: dict[str, float] = defaultdict(float)
        for topic, _ in hits:
            scores[topic] += 1.0
        ranked = sorted(scores, key=lambda topic: (-scores[topic], self._rank.get(topic, len(self._rank))))
        evidence = sorted({f"{topic}:{term}" for topic, term in hits})
        return ranked, [scores[topic] for topic in ranked], evidence

    def rank(self, topic: str) -> int:
        return self._rank.get(topic, len(self._rank))
