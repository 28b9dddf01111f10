"""Clean text from HTML fragments: paragraph breaks for blocks, nothing invisible, entities decoded."""

from __future__ import annotations

import pytest

from transforms.readers.html_text import html_to_text, normalise_whitespace


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<ul><li>First</li><li>Second</li></ul>", "First\n\nSecond"),
        ("<h2>Heading</h2>Body text", "Heading\n\nBody text"),
        ("<table><tr><td>cell a</td><td>cell b</td></tr></table>", "cell a\n\ncell b"),
        ("Line<br>break<br/>again", "Line\nbreak\nagain"),
        ("Dock workers <b>voted</b> to <a href='/x'>accept</a>.", "Dock workers voted to accept."),
    ],
)
def test_block_elements_become_paragraph_breaks_and_inline_markup_disappears(fragment, expected):
    assert html_to_text(fragment) == expected


@pytest.mark.parametrize(
    "fragment",
    [
        "<script>var tracking = 1;</script>Visible",
        "<SCRIPT type='text/javascript'>track()</SCRIPT>Visible",
        "<style>p { color: red }</style>Visible",
        "<noscript>Please enable JavaScript</noscript>Visible",
        "<template><p>Hidden template</p></template>Visible",
        "<!-- an editor's comment -->Visible",
        "<script>a()</script><p><script>b()</script>Visible</p>",
    ],
)
def test_scripts_styles_and_comments_are_dropped(fragment):
    assert html_to_text(fragment) == "Visible"


def test_a_stray_closing_tag_does_not_hide_the_rest():
    assert html_to_text("</script>after<script>x()</script> and more") == "after and more"


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>Tom &amp; Jerry &ldquo;live&rdquo; &#8212; &#x2019;</p>", "Tom & Jerry “live” — ’"),
        ("AT&amp;T &lt;b&gt; is text, not a tag", "AT&T <b> is text, not a tag"),  # no markup: plain unescape
        ("caf&eacute;&nbsp;&nbsp;au&nbsp;lait", "café au lait"),
        ("Price < 5 & rising", "Price < 5 & rising"),  # a bare '<' before a space is not markup
    ],
)
def test_entities_are_decoded(fragment, expected):
    assert html_to_text(fragment) == expected


def test_whitespace_is_collapsed_and_blank_lines_limited_to_one():
    fragment = "<p>  lots \t of\u00a0 spaces </p>\n\n\n\n\n<p>next</p>\n"
    assert html_to_text(fragment) == "lots of spaces\n\nnext"


def test_deeply_nested_markup_keeps_its_text():
    # libxml2-based tree parsers silently drop text below depth 256.
    fragment = "<div>" * 1000 + "deep text" + "</div>" * 1000
    assert html_to_text(fragment) == "deep text"


def test_malformed_markup_does_not_lose_text():
    assert html_to_text("<p>unclosed <b>bold <i>and italic") == "unclosed bold and italic"


def test_empty_fragment():
    assert html_to_text("") == ""


def test_normalise_whitespace_strips_lines_and_keeps_single_blank_lines():
    assert normalise_whitespace("  a  b \n\n\n\n c\t\n") == "a b\n\nc"
