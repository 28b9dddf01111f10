"""SplitSentences: language-aware sentence boundaries with character offsets.

transforms/sentence_splitter.py finds the boundaries (one regex pass plus per-language
abbreviation sets); each Sentence keeps exact offsets so that `article.text[start:end] == text`.
Paragraph breaks and line breaks are boundaries, so a headline never merges with the next line.
"""

from __future__ import annotations

import apache_beam as beam

from transforms import sentence_splitter
from transforms.records import Article, Reject, Sentence
from transforms.steps import ApplyArticleStep, ArticleStepFn

DEFAULT_MAX_SENTENCES = 2000
DEFAULT_MAX_SENTENCE_CHARS = 2000


def _pieces(text: str, start: int, end: int, max_chars: int):
    """(start, end) pieces of at most max_chars, cut at the last whitespace before the limit when there is one."""
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars + 1)
        cut = cut if cut > start else start + max_chars
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def split_sentences(text: str, lang: str, max_chars: int = DEFAULT_MAX_SENTENCE_CHARS) -> list[Sentence]:
    """Sentences of `text` with whitespace trimmed and offsets into `text`.

    A "sentence" longer than `max_chars` (a table, a list without stops, a
    50 MB line) is split at whitespace into pieces of at most that length.
    """
    sentences: list[Sentence] = []
    for start, end in sentence_splitter.split(text, lang):
        for piece_start, piece_end in _pieces(text, start, end, max_chars):
            while piece_end > piece_start and text[piece_end - 1].isspace():
                piece_end -= 1
            sentences.append(
                Sentence(index=len(sentences), text=text[piece_start:piece_end], start=piece_start, end=piece_end)
            )
    return sentences


class SplitSentencesFn(ArticleStepFn):
    stage = "sentences"

    def __init__(self, max_sentences: int = DEFAULT_MAX_SENTENCES, max_chars: int = DEFAULT_MAX_SENTENCE_CHARS) -> None:
        super().__init__()
        self._max_sentences = max_sentences
        self._max_chars = max_chars

    def apply(self, article: Article) -> Article | Reject:
        article.sentences = split_sentences(article.text, article.lang, self._max_chars)
        if not article.sentences:
            return Reject(
                stage=self.stage,
                reason="no_sentences",
                detail="the text holds no sentence (only whitespace or symbols)",
                source=article.source,
                input_ref=article.input_ref,
                payload=article.text,
            )
        if len(article.sentences) > self._max_sentences:
            return Reject(
                stage=self.stage,
                reason="too_many_sentences",
                detail=f"{len(article.sentences)} sentences exceed the limit of {self._max_sentences}",
                source=article.source,
                input_ref=article.input_ref,
                payload=article.text,
            )
        return article


class SplitSentences(beam.PTransform):
    """Articles -> articles with `sentences` filled in."""

    def __init__(self, max_sentences: int = DEFAULT_MAX_SENTENCES, max_chars: int = DEFAULT_MAX_SENTENCE_CHARS) -> None:
        super().__init__()
        self._max_sentences = max_sentences
        self._max_chars = max_chars

    def expand(self, articles):
        return articles | ApplyArticleStep(SplitSentencesFn(self._max_sentences, self._max_chars))
