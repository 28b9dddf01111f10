"""ArticleStepFn: a failing record becomes a reject naming the stage; the run goes on."""

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from tests.transforms.factories import make_article
from transforms.steps import (
    REJECTS,
    ApplyArticleStep,
    ArticleBatch,
    ArticleBatchCoder,
    ArticleStepFn,
    BatchArticles,
    UnbatchArticles,
)


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


def test_a_batch_goes_on_without_its_rejects_and_each_reject_is_its_own_record():
    fn = UppercaseOrExplodeFn()
    batch = ArticleBatch(
        [make_article("one", input_ref="a"), make_article("boom", input_ref="b"), make_article("two", input_ref="c")]
    )
    outputs = list(fn.process(batch))
    rejects = [output.value for output in outputs if isinstance(output, beam.pvalue.TaggedOutput)]
    passed = [output for output in outputs if not isinstance(output, beam.pvalue.TaggedOutput)]
    assert [reject.input_ref for reject in rejects] == ["b"]
    assert [[article.title for article in batch] for batch in passed] == [["ONE", "TWO"]]
    # A batch with nothing left sends no empty batch on.
    assert all(
        isinstance(output, beam.pvalue.TaggedOutput) for output in fn.process(ArticleBatch([make_article("boom")]))
    )


def test_batched_steps_give_every_article_once_and_count_every_reject():
    articles = [make_article(f"text {n}" + (" boom" if n % 7 == 0 else ""), input_ref=f"r{n}") for n in range(150)]
    with TestPipeline(runner="FnApiRunner") as pipeline:
        batches = pipeline | beam.Create(articles) | BatchArticles(size=16)
        sizes = batches | "Sizes" >> beam.Map(len)
        first = batches | "First" >> ApplyArticleStep(UppercaseOrExplodeFn())
        second = first["articles"] | "Second" >> ApplyArticleStep(UppercaseOrExplodeFn())
        unbatched = second["articles"] | UnbatchArticles()
        expected = [f"TEXT {n}" for n in range(150) if n % 7]
        assert_that(unbatched | beam.Map(lambda a: a.title), equal_to(expected), label="Passed")
        rejected = (first[REJECTS], second[REJECTS]) | beam.Flatten()
        refs = [f"r{n}" for n in range(150) if n % 7 == 0]
        assert_that(rejected | beam.Map(lambda r: r.input_ref), equal_to(refs), label="Rejected")
        # Batches are formed, and never larger than asked.
        assert_that(sizes | "Largest" >> beam.CombineGlobally(max), equal_to([16]), label="AtMost")


def test_batches_keep_their_coder_through_the_steps_and_it_estimates_without_encoding():
    with TestPipeline(runner="FnApiRunner") as pipeline:
        batches = pipeline | beam.Create([make_article("x")]) | BatchArticles(size=4)
        stepped = batches | ApplyArticleStep(UppercaseOrExplodeFn())
        assert batches.element_type is ArticleBatch and stepped["articles"].element_type is ArticleBatch
    coder = ArticleBatchCoder()
    batch = ArticleBatch([make_article("über " * 20, input_ref="a"), make_article("two", input_ref="b")])
    decoded = coder.decode(coder.encode(batch))
    assert isinstance(decoded, ArticleBatch) and [a.input_ref for a in decoded] == ["a", "b"]
    assert coder.estimate_size(batch) == 3 * (len("über " * 20) + len("two"))


class VectorisedUppercaseFn(UppercaseOrExplodeFn):
    """A step with a vectorised form that fails as a whole when one article is bad."""

    def __init__(self):
        super().__init__()
        self.passes = 0

    def apply_batch(self, articles):
        self.passes += 1
        if any("boom" in article.text for article in articles):
            raise ValueError("one bad article fails the vectorised pass")
        titles = [article.text.upper() for article in articles]
        for article, title in zip(articles, titles, strict=True):
            article.title = title
        return articles


def test_a_failed_vectorised_pass_falls_back_to_one_article_at_a_time():
    fn = VectorisedUppercaseFn()
    good = ArticleBatch([make_article("one", input_ref="a"), make_article("two", input_ref="b")])
    assert [[article.title for article in batch] for batch in fn.process(good)] == [["ONE", "TWO"]]
    assert fn.passes == 1
    mixed = ArticleBatch([make_article("three", input_ref="c"), make_article("boom", input_ref="d")])
    outputs = list(fn.process(mixed))
    rejects = [output.value for output in outputs if isinstance(output, beam.pvalue.TaggedOutput)]
    passed = [output for output in outputs if not isinstance(output, beam.pvalue.TaggedOutput)]
    assert [(reject.input_ref, reject.detail.split(" at ")[0]) for reject in rejects] == [
        ("d", "ValueError: cannot handle boom")  # the article's own failure, from `apply`, not the pass's
    ]
    assert [[article.title for article in batch] for batch in passed] == [["THREE"]]
