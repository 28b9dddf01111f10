"""Topic tagging: IPTC Media Topics lexicons matched on word tokens and their lemmas.

Term syntax (configs/topics.yaml): lowercase words separated by spaces. A
plain word matches a token equal to it or a token with the same lemma
(simplemma dictionaries: 'elección' matches elecciones, 'presidente'
presidenta, 'война' войны); a word ending in '*' matches any token that
starts with it ('elecci*'); a word starting with '=' matches that exact form
only ('=fire' matches fire, not fired). For languages written without spaces
(zh, ja, th) terms match as substrings of the sentence, longest first and
without overlap.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections import defaultdict
from enum import Enum

from transforms.tagging.lemmas import Lemmatizer
from transforms.tagging.patterns import longest_first_pattern
from transforms.tagging.tokens import tokenize

NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my"})
MIN_PREFIX_LETTERS = 3
MAX_CACHED_TOKENS = 200_000  # per language; the cache starts afresh beyond, so memory stays bounded


class Match(Enum):
    LEMMA = "lemma"  # the word itself or any form with its lemma
    PREFIX = "prefix"  # 'stem*'
    EXACT = "exact"  # '=form'


@dataclasses.dataclass(frozen=True, slots=True)
class TermWord:
    text: str
    match: Match
    lemma: str = ""  # filled for Match.LEMMA when the language has a lemmatiser

    def matches(self, token: str, token_lemma: str) -> bool:
        if self.match is Match.PREFIX:
            return token.startswith(self.text)
        if token == self.text:
            return True
        return self.match is Match.LEMMA and bool(self.lemma) and token_lemma == self.lemma


@dataclasses.dataclass(frozen=True, slots=True)
class Term:
    topic: str
    term: str
    words: tuple[TermWord, ...]

    def matches_at(self, tokens: list[str], lemmas: list[str], position: int) -> bool:
        if position + len(self.words) > len(tokens):
            return False
        return all(
            word.matches(tokens[position + offset], lemmas[position + offset]) for offset, word in enumerate(self.words)
        )


def parse_term(topic: str, term: str) -> Term:
    """'relaciones internacional*' -> words to match, tokenised as text is (apostrophes split)."""
    words: list[TermWord] = []
    for word in term.split():
        match = Match.PREFIX if word.endswith("*") else Match.EXACT if word.startswith("=") else Match.LEMMA
        parts = [token.text for token in tokenize(word.strip("*="))]
        # Only the last part of "demandeur*" or "=d'emploi" carries the marker; "d'" parts match exactly.
        words += [
            TermWord(part, match if i == len(parts) - 1 else Match.EXACT if match is Match.PREFIX else match)
            for i, part in enumerate(parts)
        ]
    return Term(topic=topic, term=term, words=tuple(words))


def _term_lemma(word: str, lemmatize) -> str:
    """The lemma a term word stands for: its dictionary lemma when that keeps the word's stem
    ('elecciones' -> 'elección'), else the word itself: dictionaries map some short words to
    unrelated lemmas ('ai' -> 'be' in English), which would make 'was' match 'ai'."""
    lemma = lemmatize(word)
    return lemma if lemma[:2] == word[:2] else word


class _LanguageIndex:
    """Terms of one language, indexed by their first word (surface form, lemma or prefix)."""

    def __init__(self, terms: list[Term], lemmatize) -> None:
        self.surface: dict[str, list[Term]] = defaultdict(list)
        self.by_lemma: dict[str, list[Term]] = defaultdict(list)
        self.prefix: dict[str, list[Term]] = defaultdict(list)
        self.terms = [self._with_lemmas(term, lemmatize) for term in terms]
        for term in self.terms:
            first = term.words[0]
            if first.match is Match.PREFIX:
                self.prefix[first.text].append(term)
                continue
            self.surface[first.text].append(term)
            if first.lemma and first.lemma != first.text:
                self.by_lemma[first.lemma].append(term)
        self.prefix_lengths = sorted({len(p) for p in self.prefix})
        self.uses_lemmas = any(word.lemma for term in self.terms for word in term.words)
        self.entries: dict[str, tuple] = {}  # token -> (lemma, one-word hits, longer terms starting there)
        self.hot: dict[str, tuple] = {}  # the entries of tokens that match a term: a few percent of them
        self.pairs: dict[tuple[str, str], tuple] = {}  # two tokens -> (two-word term hits, longer terms to check)
        # A term as written without spaces -> the (topic, term) hits it makes, for scripts without spaces
        self.substring_terms: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for term in terms:
            self.substring_terms[term.term.replace(" ", "")].append((term.topic, term.term))
        self.substring_pattern = longest_first_pattern(self.substring_terms)

    def compared_lemmas(self) -> set[str]:
        """Everything a token's lemma is ever compared with: the terms' word lemmas, and the first
        words looked up by lemma in `surface` ('elecciones' -> 'elección', itself a term)."""
        return {word.lemma for term in self.terms for word in term.words if word.lemma} | set(self.surface)

    def substring_hits(self, lowered: str) -> list[tuple[str, str]]:
        """(topic, term) of the terms found as substrings, longest first and without overlap, for scripts
        without spaces. The pattern has no groups, so findall gives the matched texts themselves."""
        if self.substring_pattern is None:
            return []
        return [hit for found in self.substring_pattern.findall(lowered) for hit in self.substring_terms[found]]

    def hits(self, words: list[str], distinct: set[str], lemmatize) -> list[tuple[str, str]]:
        """(topic, term) of every term occurrence among `words` (casefolded tokens, `distinct` their set),
        in no particular order. Set operations in C find the few words that match a term, so a word
        that matches none (most of them) costs no Python step once it is known."""
        # A subset test allocates nothing: the usual answer, every word seen before, costs no new set.
        if not self.entries.keys() >= distinct:
            unseen = distinct.difference(self.entries)
            if len(self.entries) + len(unseen) > MAX_CACHED_TOKENS:
                self.entries.clear()
                self.hot.clear()
                self.pairs.clear()
                unseen = distinct
            for word in unseen:
                self._add_entry(word, lemmatize)
        found: list[tuple[str, str]] = []
        for word in self.hot.keys() & distinct:
            singles, longer = self.hot[word]
            count = words.count(word)
            found += singles * count
            if longer:
                found += self._longer_hits(words, word, count, longer)
        return found

    def _longer_hits(self, words: list[str], word: str, count: int, longer: tuple[Term, ...]) -> list[tuple[str, str]]:
        """Hits of the terms of two words or more that start with `word`, at each of its `count` positions."""
        found: list[tuple[str, str]] = []
        lemmas = None
        position = -1
        for _ in range(count):
            position = words.index(word, position + 1)
            if position + 1 == len(words):
                continue  # no room for a second word
            pair_hits, longest = self.pairs.get((word, words[position + 1])) or self._pair(
                word, words[position + 1], longer
            )
            found += pair_hits
            if longest:  # terms of three words or more: rare, checked word by word
                if lemmas is None:
                    lemmas = [self.entries[each][0] for each in words]
                found += [(term.topic, term.term) for term in longest if term.matches_at(words, lemmas, position)]
        return found

    def _pair(self, first: str, second: str, longer: tuple[Term, ...]) -> tuple[tuple, tuple[Term, ...]]:
        """Of the terms of two words or more starting with `first` (`longer`), those whose second word
        matches `second`: (hits of the two-word ones, the longer ones), cached per pair of tokens."""
        key = (first, second)
        found = self.pairs.get(key)
        if found is None:
            if len(self.pairs) >= MAX_CACHED_TOKENS:
                self.pairs.clear()
            second_lemma = self.entries[second][0]
            terms = [term for term in longer if term.words[1].matches(second, second_lemma)]
            found = self.pairs[key] = (
                tuple((term.topic, term.term) for term in terms if len(term.words) == 2),
                tuple(term for term in terms if len(term.words) > 2),
            )
        return found

    def _add_entry(self, token: str, lemmatize) -> None:
        """Cache (lemma, hits of the one-word terms it matches, longer terms it may start) of a token:
        none of them ever changes. Tuples, not lists: nearly every token matches nothing, and the
        empty tuple is one shared object where two empty lists per cached token would be containers
        the cyclic garbage collector keeps traversing (up to MAX_CACHED_TOKENS of them per language)."""
        token_lemma = lemmatize(token) if self.uses_lemmas else token
        candidates = self._find_candidates(token, token_lemma)
        terms = [term for term in candidates if term.words[0].matches(token, token_lemma)]
        singles = tuple((term.topic, term.term) for term in terms if len(term.words) == 1)
        longer = tuple(term for term in terms if len(term.words) > 1)
        self.entries[token] = (token_lemma, singles, longer)
        if singles or longer:
            self.hot[token] = (singles, longer)

    @staticmethod
    def _with_lemmas(term: Term, lemmatize) -> Term:
        if lemmatize is None:
            return term
        words = tuple(
            dataclasses.replace(word, lemma=_term_lemma(word.text, lemmatize)) if word.match is Match.LEMMA else word
            for word in term.words
        )
        return dataclasses.replace(term, words=words)

    def _find_candidates(self, token: str, token_lemma: str) -> list[Term]:
        found = list(self.surface.get(token, ()))
        if token_lemma != token:
            found += self.by_lemma.get(token_lemma, ())
            found += self.surface.get(token_lemma, ())  # 'elecciones' -> lemma 'elección', itself a term
        for length in self.prefix_lengths:
            if length > len(token):
                break
            found += self.prefix.get(token[:length], ())
        return list(dict.fromkeys(found))  # a term reached by surface and lemma is one candidate


class TopicTagger:
    """Scores sentences against the topic lexicons of one or more languages.

    Per-language indexes (and their lemma dictionaries) are built on first use,
    so a worker loads only the languages it sees.
    """

    def __init__(self, topics: list[dict]) -> None:
        self.topic_order = [topic["slug"] for topic in topics]
        self._terms: dict[str, list[Term]] = defaultdict(list)
        for topic in topics:
            for lang, terms in (topic.get("terms") or {}).items():
                self._terms[lang].extend(parse_term(topic["slug"], term) for term in terms)
        self._indexes: dict[str, _LanguageIndex] = {}
        self._lemmatizers: dict[str, object] = {}  # lang -> word -> lemma function, None without spaces
        self._lemmatizer = Lemmatizer(self._terms)
        self._rank = {slug: position for position, slug in enumerate(self.topic_order)}

    @property
    def languages(self) -> set[str]:
        return set(self._terms)

    def _index(self, lang: str) -> _LanguageIndex | None:
        if lang not in self._indexes:
            if lang not in self._terms:
                return None
            lemmatize = None if lang in NO_SPACE_LANGUAGES else (lambda word: self._lemmatizer.lemma(word, lang))
            index = self._indexes[lang] = _LanguageIndex(self._terms[lang], lemmatize)
            # Terms need their words' exact lemmas; a text's words only need lemmas the terms hold.
            self._lemmatizers[lang] = lemmatize and self._lemmatizer.restricted(lang, index.compared_lemmas())
        return self._indexes[lang]

    def match(self, text: str, languages: list[str], words: list[str] | None = None) -> list[tuple[str, str]]:
        """(topic, term) for every term occurrence in `text`, in no particular order; `words` are its
        casefolded tokens, if known."""
        hits: list[tuple[str, str]] = []
        lowered = None
        distinct = None
        for lang in languages:
            index = self._index(lang)
            if index is None:
                continue
            if lang in NO_SPACE_LANGUAGES:
                lowered = lowered or text.casefold()
                hits += index.substring_hits(lowered)
                continue
            if words is None:
                words = tokenize(text.casefold()).words
            if distinct is None:
                distinct = set(words)
            hits += index.hits(words, distinct, self._lemmatizers[lang])
        return hits

    def score(
        self, text: str, languages: list[str], words: list[str] | None = None
    ) -> tuple[list[str], list[float], list[str]]:
        """(topics best first, their scores, 'topic:term' evidence) for one sentence."""
        hits = self.match(text, languages, words)
        if not hits:
            return [], [], []  # most sentences of a news mix match no term
        scores: dict[str, float] = defaultdict(float)
        for topic, _ in hits:
            scores[topic] += 1.0
        ranked = list(scores)
        if len(ranked) > 1:  # one topic, the usual case, needs no ranking
            ranked.sort(key=lambda topic: (-scores[topic], self._rank.get(topic, len(self._rank))))
        evidence = sorted({f"{topic}:{term}" for topic, term in hits})
        return ranked, [scores[topic] for topic in ranked], evidence

    def rank(self, topic: str) -> int:
        return self._rank.get(topic, len(self._rank))


# Taggers already built in this thread, by lexicon digest: see shared_topic_tagger.
_SHARED = threading.local()


def shared_topic_tagger(topics: list[dict]) -> TopicTagger:
    """One TopicTagger per lexicon per thread: TagSentences and AssignTopic, fused in one stage and
    so run by one thread, share its indexes and lemma caches instead of building them twice
    (about a second per worker). Bundles running in other threads get their own, since the
    caches are not locked."""
    digest = hashlib.sha256(json.dumps(topics, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    taggers = _SHARED.__dict__.setdefault("taggers", {})
    if digest not in taggers:
        taggers[digest] = TopicTagger(topics)
    return taggers[digest]
