"""The stream's one PCollection: each step acts on its own kind of record and passes the others through."""

import datetime as dt

from tests.conftest import REPO_ROOT
from transforms.accounting import INPUT
from transforms.dedupe import Duplicate
from transforms.readers.document import RawDocument
from transforms.records import Article, Reject
from transforms.sources import SourceSpec
from transforms.steps import ArticleStepFn
from transforms.streaming.record_stream import OnArticlesFn, ParseDocumentsFn
from transforms.streaming.windowed_write import LedgerEntry

DUPLICATE = Duplicate("feed", "x", "already_seen", "seen")


class UpperTitleFn(ArticleStepFn):
    stage = "upper"

    def setup(self) -> None:
        self.ready = True

    def apply(self, article: Article) -> Article:
        if not self.ready or article.title == "boom":
            raise ValueError("cannot")
        article.title = article.title.upper()
        return article


def article(title: str) -> Article:
    return Article(
        article_id=title,
        source="feed",
        source_kind="rss",
        input_ref=f"http://feed#{title}",
        text="Some text.",
        content_hash=f"h-{title}",
        title=title,
        ingested_at=dt.datetime(2026, 11, 27, tzinfo=dt.UTC),
    )


def test_a_step_changes_articles_turns_its_failures_into_rejects_and_passes_other_records():
    step = OnArticlesFn(UpperTitleFn())
    step.setup()  # the wrapped step's heavy objects load in the wrapper's setup()
    (changed,) = step.process(article("calm"))
    (failed,) = step.process(article("boom"))
    assert changed.title == "CALM"
    assert isinstance(failed, Reject) and (failed.stage, failed.reason) == ("upper", "step_failed")
    assert list(step.process(DUPLICATE)) == [DUPLICATE]


def test_parsing_replaces_a_document_by_its_articles_each_counted_as_an_input():
    path = REPO_ROOT / "seeds" / "world-news.rss"
    document = RawDocument(spec=SourceSpec(location=str(path)), location=str(path), content=path.read_bytes())
    parse = ParseDocumentsFn()
    parse.setup()
    before = dt.datetime.now(dt.UTC)
    records = list(parse.process(document))
    articles = [r for r in records if isinstance(r, Article)]
    counts = [r for r in records if isinstance(r, LedgerEntry)]
    assert len(articles) == 4 and len(records) == 8  # no document summary in the stream
    assert counts == [LedgerEntry(INPUT, "world-news.rss", 1)] * 4
    assert all(a.ingested_at >= before for a in articles)  # stamped when parsed, not at launch
    assert list(parse.process(DUPLICATE)) == [DUPLICATE]
