"""ArticleStepFn: a failing record becomes a reject naming the stage; the run goes on."""

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from tests.transforms.factories import make_article
from transforms.steps import REJECTS, ApplyArticleStep, ArticleStepFn


class UppercaseOrExplodeFn(ArticleStepFn):
    stage = "demo"

    def apply(self, article):
        if "boom" in article.text:
            raise ValueError("cannot handle boom")
        article.title = article.text.upper()
        return article


def test_exceptions_become_rejects_and_other_records_pass():
    articles = [make_article("fine text", input_ref="a"), make_article("boom text", input_ref="b")]
    with TestPipeline(runner="FnApiRunner") as pipeline:
        result = pipeline | beam.Create(articles) | ApplyArticleStep(UppercaseOrExplodeFn())
        assert_that(result["articles"] | beam.Map(lambda a: a.title), equal_to(["FINE TEXT"]), label="Passed")
        assert_that(
            result[REJECTS] | beam.Map(lambda r: (r.stage, r.reason, r.input_ref, r.detail.split(" at ")[0])),
            equal_to([("demo", "step_failed", "b", "ValueError: cannot handle boom")]),
            label="Rejected",
        )
