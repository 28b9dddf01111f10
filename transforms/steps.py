"""The shape shared by per-article steps: a main output and a dead-letter output.

A step implements `apply(article) -> Article | Reject`. Whatever goes wrong
with one record, a Reject naming the stage and the error, or an exception the
step did not foresee, goes to the REJECTS output; the run never dies of one
bad article and nothing disappears silently. A step with a vectorised form
also implements `apply_batch`; when that raises, the batch is applied again
one article at a time, so that only the article at fault is rejected.

A step takes single articles or batches of them (BatchArticles). Beam runs a
fused chain of steps element by element, so with single articles every step
runs once and hands over to the next: each step's tables (n-gram scores,
abbreviation sets, lexicons) are pushed out of the CPU cache by the other
steps' tables before the step's next article. A batch runs through one step
whole before the next step sees it, so each step reads its tables warm: the
in-process pipeline on 3,000 benchmark articles took 12% less CPU with batches
of 64 than with batches of one (three alternating pairs in one process).
"""

from __future__ import annotations

import pickle
import traceback
from itertools import islice

import apache_beam as beam

from transforms.records import Article, Reject
from transforms.worker_gc import collect_young_objects_less_often

ARTICLES = "articles"
REJECTS = "rejects"
# Enough articles for a step's tables to stay warm over most of a batch; few enough that
# a batch (about 64 x 20 sentences, tagged) is a few megabytes at most.
ARTICLES_PER_BATCH = 64


def batches_of(items, size: int):
    """Lists of `size` items from any iterable, the last one shorter if need be."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def failure_reject(stage: str, article: Article, error: BaseException) -> Reject:
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    location = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return Reject(
        stage=stage,
        reason="step_failed",
        detail=f"{type(error).__name__}: {error}{location}"[:1000],
        source=article.source,
        input_ref=article.input_ref,
        payload=article.text,
    )


class ArticleStepFn(beam.DoFn):
    """Base DoFn: subclasses set `stage` and implement `apply`."""

    stage = "step"

    def setup(self) -> None:
        """Subclasses that load tables call this first."""
        # Each article makes thousands of short-lived objects: see worker_gc.
        collect_young_objects_less_often()

    def apply(self, article: Article) -> Article | Reject:
        raise NotImplementedError

    def apply_batch(self, articles: list[Article]) -> list[Article | Reject]:
        """`apply` on each article. Steps with a vectorised form override it with one that gives the
        same results and changes no article before it has computed them all (it may be run again)."""
        return self._apply_each(articles)

    def _apply_each(self, articles) -> list[Article | Reject]:
        results = []
        for article in articles:
            try:
                results.append(self.apply(article))
            except Exception as error:  # noqa: BLE001 - one record's failure becomes a reject, not a dead run
                results.append(failure_reject(self.stage, article, error))
        return results

    def process(self, element):
        """An Article, or an ArticleBatch: what passes goes on in the same shape, rejects one by one."""
        batched = isinstance(element, ArticleBatch)
        if not batched:
            results = self._apply_each((element,))
        else:
            try:
                results = self.apply_batch(element)
            except Exception:  # noqa: BLE001 - a vectorised pass failed: one at a time finds the article at fault
                results = self._apply_each(element)
        passed = []
        for result in results:
            if isinstance(result, Reject):
                yield beam.pvalue.TaggedOutput(REJECTS, result)
            else:
                passed.append(result)
        if not batched:
            yield from passed
        elif passed:
            yield ArticleBatch(passed)


class ApplyArticleStep(beam.PTransform):
    """Run an ArticleStepFn on articles or batches of them; returns {'articles': ..., 'rejects': ...}."""

    def __init__(self, fn: ArticleStepFn) -> None:
        super().__init__()
        self._fn = fn

    def expand(self, articles):
        step = beam.ParDo(self._fn)
        if articles.element_type is ArticleBatch:  # batches stay batches, with their coder
            step = step.with_output_types(ArticleBatch)
        outputs = articles | step.with_outputs(REJECTS, main=ARTICLES)
        return {ARTICLES: outputs[ARTICLES], REJECTS: outputs[REJECTS]}


class ArticleBatch(list):
    """Articles going through the per-article steps together (BatchArticles)."""


class ArticleBatchCoder(beam.coders.Coder):
    """A batch pickled whole, whose size Beam estimates from its texts' lengths.

    Beam samples the size of elements on every edge of a fused stage (the
    first ten, then about ten more each time the count doubles), by encoding
    them unless the coder estimates: a batch of 64 tagged articles takes about
    7 ms to pickle, and a batch crosses six such edges on its way through the steps.
    """

    def encode(self, batch: ArticleBatch) -> bytes:
        return pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)  # unpickles as an ArticleBatch

    def decode(self, encoded: bytes) -> ArticleBatch:
        return pickle.loads(encoded)

    def is_deterministic(self) -> bool:
        return False

    def estimate_size(self, batch: ArticleBatch) -> int:
        # Pickled, a tagged article is about three times its text: the text, its sentences, their tags.
        return 3 * sum(len(article.text) for article in batch)


beam.coders.registry.register_coder(ArticleBatch, ArticleBatchCoder)


def _articles_of(batch: ArticleBatch) -> ArticleBatch:
    return batch


class BatchArticles(beam.PTransform):
    """Articles -> ArticleBatches of up to `size` articles, for a chain of steps to run a batch at a time."""

    def __init__(self, size: int = ARTICLES_PER_BATCH) -> None:
        super().__init__()
        self._size = size

    def expand(self, articles):
        # Fixed size: BatchElements would otherwise tune it by timing, and batches would vary run to run.
        return (
            articles
            | beam.BatchElements(min_batch_size=self._size, max_batch_size=self._size)
            | beam.Map(ArticleBatch).with_output_types(ArticleBatch)
        )


class UnbatchArticles(beam.PTransform):
    """ArticleBatches (BatchArticles) -> the articles."""

    def expand(self, batches):
        return batches | beam.FlatMap(_articles_of)
