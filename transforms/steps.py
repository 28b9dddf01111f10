"""The shape shared by per-article steps: a main output and a dead-letter output.

A step implements `apply(article) -> Article | Reject`. Whatever goes wrong
with one record, a Reject naming the stage and the error, or an exception the
step did not foresee, goes to the REJECTS output; the run never dies of one
bad article and nothing disappears silently.
"""

from __future__ import annotations

import traceback

import apache_beam as beam

from transforms.records import Article, Reject
from transforms.worker_gc import collect_young_objects_less_often

ARTICLES = "articles"
REJECTS = "rejects"


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

    def process(self, article: Article):
        try:
            result = self.apply(article)
        except Exception as error:  # noqa: BLE001 - one record's failure becomes a reject, not a dead run
            result = failure_reject(self.stage, article, error)
        if isinstance(result, Reject):
            yield beam.pvalue.TaggedOutput(REJECTS, result)
        else:
            yield result


class ApplyArticleStep(beam.PTransform):
    """Run an ArticleStepFn; returns {'articles': ..., 'rejects': ...}."""

    def __init__(self, fn: ArticleStepFn) -> None:
        super().__init__()
        self._fn = fn

    def expand(self, articles):
        outputs = articles | beam.ParDo(self._fn).with_outputs(REJECTS, main=ARTICLES)
        return {ARTICLES: outputs[ARTICLES], REJECTS: outputs[REJECTS]}
