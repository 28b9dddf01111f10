"""is_quote: a quoted span of three words or more, in any language's quotation marks."""

import pytest

from transforms.tagging.quotes import is_quote


@pytest.mark.parametrize(
    "text",
    [
        "“We will not back down,” the minister said.",
        'He said "this is the future of farming" on Monday.',
        "«Nous ne reculerons pas», a déclaré le ministre.",
        "„Wir werden nicht nachgeben“, sagte sie.",
        "Er sagte: »Das ist nicht wahr«.",
        "他说：「我们不会放弃这个计划」。",
    ],
)
def test_quotations(text):
    assert is_quote(text)


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "deal" collapsed.',
        "The minister said the plan would go ahead.",
        "It's the company's plan, isn't it?",
        "“Yes,” she said.",
    ],
)
def test_not_quotations(text):
    assert not is_quote(text)
