"""is_quote: a quoted span of three words or more, in any language's quotation marks."""

import pytest

from transforms.tagging.quotes import _word_before, is_quote, quote_span


@pytest.mark.parametrize(
    "text",
    [
        "“We will not back down,” the minister said.",
        'He said "this is the future of farming" on Monday.',
        "«Nous ne reculerons pas», a déclaré le ministre.",
        "„Wir werden nicht nachgeben“, sagte sie.",
        "Er sagte: »Das ist nicht wahr«.",
        "他说：「我们不会放弃这个计划」。",
        "“Yes,” she said.",  # short, but with a reported-speech verb
        "«Non», a déclaré le ministre.",
        # Partial quotations: a few words lifted from speech, in lowercase (the dev set's convention).
        'The White House called it "outrageous".',
        "Los líderes acusaron al partido de «robar» las elecciones.",
        "Государственные СМИ назвали их «героями».",
        "“加沙地带已经没有安全的地方”，一名官员表示。",  # Chinese in “ ”: counted in characters
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
        "The “Yes” campaign won.",
        # Titles of works and names in quotation marks are not speech.
        "La película «La sociedad de la nieve» arrasó en los premios.",
        "Il premio è andato a «Father Mother Sister Brother» di Jim Jarmusch.",
        "Акции ПАО «Лукойл» выросли.",
        "Der so-called \"deal\" scheiterte.",
    ],
)
def test_not_quotations(text):
    assert not is_quote(text)


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("“We will not back down,” the minister said.", "“We will not back down,”"),
        ("Sie sagte: „Wir werden nicht nachgeben“.", "„Wir werden nicht nachgeben“"),
        (
            'The so-called "deal" failed, and he said "this is the future of farming".',
            '"this is the future of farming"',
        ),
        ("他说：「我们不会放弃这个计划」。", "「我们不会放弃这个计划」"),
        ("No quotation here.", None),
    ],
)
def test_quote_span_offsets(text, quoted):
    span = quote_span(text)
    assert (text[span[0] : span[1]] if span else None) == quoted


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("la película «La sociedad»", "película"),
        ("the so-called \u00a0\n“deal”", "so-called"),  # whitespace of any kind between
        ("He said: “Yes”", ""),  # punctuation stands before the quotation
        ("“Yes”", ""),  # nothing does
        ("x.film «Y»", "film"),  # the word only, not what punctuation joins to it
    ],
)
def test_word_before_a_quotation(text, word):
    start = min(text.index(mark) for mark in "«“" if mark in text)
    assert _word_before(text, start) == word
