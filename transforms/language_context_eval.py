"""A test of the article-language prior: short texts and foreign quotes set inside articles.

Built from labelled sentences and word pairs by language (lingua-py's test
data: ../shared/data/langid, or the sample in tests/fixtures/langid). For each
language an article is made of its first sentences, and its language is
detected from that text as the pipeline does. Inside it go:

- word pairs and short sentences of the article's own language (headlines,
  captions, "Sí."): the prior should make these right far more often;
- sentences and word pairs of other languages (quotes): a foreign sentence
  must keep its own language; a foreign word pair is where the prior costs.

Used by benchmarks/eval_language_id.py and tests/transforms/test_language_context_eval.py.
"""

from __future__ import annotations

import collections
import dataclasses

from transforms.language_id import LanguageIdentifier, choose_article_language

ARTICLE_BODY_SENTENCES = 5
SHORT_SENTENCE_WORDS = 5

SAME_PAIR = "word pair in an article of its language"
SAME_SHORT = f"sentence of <= {SHORT_SENTENCE_WORDS} words, article's language"
FOREIGN_SENTENCE = "foreign sentence (a quote)"
FOREIGN_PAIR = "foreign word pair"


@dataclasses.dataclass(frozen=True)
class ContextCase:
    kind: str
    article_lang: str  # as detected from the article body
    article_prob: float
    text: str
    lang: str  # the truth


def context_cases(
    sentences: dict[str, list[str]], pairs: dict[str, list[str]], identifier: LanguageIdentifier
) -> list[ContextCase]:
    languages = sorted(set(sentences) & set(pairs))
    cases = []
    for number, language in enumerate(languages):
        body, rest = sentences[language][:ARTICLE_BODY_SENTENCES], sentences[language][ARTICLE_BODY_SENTENCES:]
        article_lang, article_prob = choose_article_language(identifier.probabilities(" ".join(body)), "")
        embedded = [(SAME_PAIR, text, language) for text in pairs[language]]
        embedded += [(SAME_SHORT, text, language) for text in rest if len(text.split()) <= SHORT_SENTENCE_WORDS]
        # Foreign texts rotate through the other languages so each appears about equally.
        others = languages[number + 1 :] + languages[:number]
        for index in range(len(pairs[language])):
            other = others[index % len(others)]
            embedded.append((FOREIGN_SENTENCE, sentences[other][index % len(sentences[other])], other))
            embedded.append((FOREIGN_PAIR, pairs[other][index % len(pairs[other])], other))
        cases += [ContextCase(kind, article_lang, article_prob, text, lang) for kind, text, lang in embedded]
    return cases


def context_scores(identifier: LanguageIdentifier, cases: list[ContextCase]) -> dict[str, tuple[float, float, int]]:
    """kind -> (accuracy detected alone, accuracy with the article language as prior, number of texts)."""
    groups: dict[tuple[str, str, float], list[ContextCase]] = collections.defaultdict(list)
    for case in cases:
        groups[(case.kind, case.article_lang, case.article_prob)].append(case)
    right: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for (kind, article_lang, article_prob), group in groups.items():
        texts = [case.text for case in group]
        alone = identifier.identify_many(texts)
        in_context = identifier.identify_many(texts, article_lang, article_prob)
        for case, (lang_alone, _), (lang_in_context, _) in zip(group, alone, in_context, strict=True):
            right[kind]["n"] += 1
            right[kind]["alone"] += lang_alone == case.lang
            right[kind]["in_context"] += lang_in_context == case.lang
    return {
        kind: (counts["alone"] / counts["n"], counts["in_context"] / counts["n"], counts["n"])
        for kind, counts in right.items()
    }
