"""The article-language prior on the lingua-py sample: short texts gain, foreign sentences keep their language."""

import collections
import json
from pathlib import Path

import pytest

from transforms.language_context_eval import (
    FOREIGN_PAIR,
    FOREIGN_SENTENCE,
    SAME_PAIR,
    context_cases,
    context_scores,
)
from transforms.language_id import LanguageIdentifier

SAMPLE = Path(__file__).parents[1] / "fixtures" / "langid" / "sample.jsonl"


@pytest.fixture(scope="module")
def identifier():
    return LanguageIdentifier()


@pytest.fixture(scope="module")
def cases(identifier):
    by_set: dict[str, dict[str, list[str]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    for line in SAMPLE.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            item = json.loads(line)
            by_set[item["set"]]["no" if item["lang"] == "nb" else item["lang"]].append(item["text"])
    return context_cases(by_set["sentences"], by_set["word_pairs"], identifier)


def test_cases_put_each_text_in_an_article_of_the_right_language(cases):
    kinds = collections.Counter(case.kind for case in cases)
    assert kinds[SAME_PAIR] == kinds[FOREIGN_SENTENCE] == kinds[FOREIGN_PAIR] == 20 * 20
    assert all(case.lang == case.article_lang for case in cases if case.kind == SAME_PAIR)
    assert all(case.lang != case.article_lang for case in cases if case.kind == FOREIGN_SENTENCE)


def test_the_article_prior_gains_on_short_text_and_spares_foreign_sentences(identifier, cases):
    scores = context_scores(identifier, cases)
    alone, in_context, _ = scores[SAME_PAIR]
    assert in_context >= 0.97
    # Word evidence already gets most pairs right alone; the prior removes most of what is left.
    assert 1 - in_context <= (1 - alone) / 4
    alone, in_context, _ = scores[FOREIGN_SENTENCE]
    assert in_context >= alone - 0.01
