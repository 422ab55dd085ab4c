"""HTML: the visible text, by the standard library's HTML parser (it reports
source positions). script, style, pre, code and the head (but for its title)
are not prose; tags and attributes never are."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from ..document import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE_CELL, TITLE, Document, ProseBuilder

SKIPPED = frozenset("script style pre code template noscript svg math textarea select button".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
BLOCK_KIND = {
    "p": PARAGRAPH,
    "div": PARAGRAPH,
    "section": PARAGRAPH,
    "article": PARAGRAPH,
    "main": PARAGRAPH,
    "header": PARAGRAPH,
    "footer": PARAGRAPH,
    "aside": PARAGRAPH,
    "nav": PARAGRAPH,
    "figure": PARAGRAPH,
    "figcaption": PARAGRAPH,
    "caption": PARAGRAPH,
    "dt": PARAGRAPH,
    "dd": PARAGRAPH,
    "body": PARAGRAPH,
    "form": PARAGRAPH,
    "h1": HEADING,
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
    "h5": HEADING,
    "h6": HEADING,
    "li": LIST_ITEM,
    "blockquote": QUOTE,
    "td": TABLE_CELL,
    "th": TABLE_CELL,
    "title": TITLE,
    "ul": PARAGRAPH,
    "ol": PARAGRAPH,
    "dl": PARAGRAPH,
    "table": PARAGRAPH,
    "tr": PARAGRAPH,
}


class _ProseExtractor(HTMLParser):
    def __init__(self, builder: ProseBuilder, source: str, start: int, end: int):
        super().__init__(convert_charrefs=False)
        self.builder = builder
        self.source = source
        self.base = start
        self.end = end
        self.fragment_lines = [start]
        pos = source.find("\n", start, end)
        while pos != -1:
            self.fragment_lines.append(pos + 1)
            pos = source.find("\n", pos + 1, end)
        self.skip_depth = 0
        self.in_head = False
        self.in_title = False
        self.open_links: list[tuple[int, str]] = []
        self.quote_depth = 0

    def _here(self) -> int:
        line, col = self.getpos()
        return self.fragment_lines[line - 1] + col

    def _block(self, tag: str) -> None:
        kind = BLOCK_KIND[tag]
        # A paragraph inside a block quote is quoted text, as in Markdown.
        self.builder.open_block(QUOTE if self.quote_depth and kind == PARAGRAPH else kind)

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            if tag not in VOID:
                self.skip_depth += 1
            return
        if tag == "head":
            self.in_head = True
        elif tag == "title":
            self.in_title = True
            self._block(tag)
        elif tag in BLOCK_KIND:
            if tag == "blockquote":
                self.quote_depth += 1
            self._block(tag)
        elif tag == "br":
            self.builder.space(self._here())
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.open_links.append((self.builder.length, href))

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.builder.space(self._here())

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False
            self.builder.close_block()
        elif tag in BLOCK_KIND:
            if tag == "blockquote":
                self.quote_depth = max(0, self.quote_depth - 1)
            self.builder.close_block()
        elif tag == "a" and self.open_links:
            start, href = self.open_links.pop()
            self.builder.link(start, self.builder.length, href)

    def _visible(self) -> bool:
        return not self.skip_depth and (not self.in_head or self.in_title)

    def handle_data(self, data):
        if not self._visible():
            return
        if not self.builder.in_block:
            if not data.strip():
                return
            self.builder.open_block(PARAGRAPH)
        self.builder.text(data, self._here())

    def _reference(self, raw_name: str, start: int) -> None:
        if not self._visible():
            return
        end = start + 1 + len(raw_name)
        if self.source.startswith(";", end):
            end += 1
        text = html.unescape(self.source[start:end])
        if not self.builder.in_block:
            self.builder.open_block(PARAGRAPH)
        self.builder.replaced(text, start, end)

    def handle_entityref(self, name):
        self._reference(name, self._here())

    def handle_charref(self, name):
        self._reference("#" + name, self._here())


def add_html(builder: ProseBuilder, source: str, start: int, end: int) -> None:
    """Add the visible prose of source[start:end] (HTML) to the builder."""
    extractor = _ProseExtractor(builder, source, start, end)
    extractor.feed(source[start:end])
    extractor.close()
    builder.close_block()


def parse_html(source: str, path: str = "<html>") -> Document:
    builder = ProseBuilder()
    add_html(builder, source, 0, len(source))
    return builder.build(path, "html", source)
