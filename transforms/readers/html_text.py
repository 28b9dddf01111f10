"""Clean text from HTML fragments (feed summaries and content).

Block elements become paragraph breaks so the sentence splitter sees them;
scripts, styles and comments disappear; entities are decoded. The standard
library's streaming HTML tokenizer is used rather than a tree: it has no
nesting limit (libxml2 silently drops text below depth 256) and never fails
on malformed markup.
"""

from __future__ import annotations

import html
import html.parser
import re

_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_INVISIBLE_TAGS = frozenset("script style noscript template".split())
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_LOOKS_LIKE_MARKUP = re.compile(r"<[A-Za-z!/?]")


def normalise_whitespace(text: str) -> str:
    """Collapse spaces within lines, strip lines, keep at most one blank line."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


class _TextCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _INVISIBLE_TAGS:
            self._hidden_depth += 1
        elif tag in _BLOCK_TAGS:
            self.pieces.append("\n\n")
        elif tag == "br":
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.pieces.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.pieces.append(data)


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, with paragraph breaks between blocks."""
    if not _LOOKS_LIKE_MARKUP.search(fragment):
        return normalise_whitespace(html.unescape(fragment))
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return normalise_whitespace("".join(collector.pieces))
