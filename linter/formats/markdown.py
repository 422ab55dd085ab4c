"""Markdown (CommonMark + GFM tables) through markdown-it-py.

markdown-it gives block tokens line maps but no columns, so each inline text
token is found in the source by a forward search from a cursor; escapes and
entities stay separate tokens (text_join is off) so their source spelling is
known. Front matter is blanked out before parsing, keeping every offset; its
`title` and `description` become prose."""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE_CELL, TITLE, Document, ProseBuilder
from .html import add_html

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?\r?\n)?\1[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# `title: "Quoted"  # comment` or `title = 'x'` (TOML) or `title: bare words`
_FRONT_FIELD = re.compile(
    r"^(title|description)[ \t]*[:=][ \t]*"
    r"(?:(?P<q>[\"'])(?P<quoted>.*?)(?P=q)|(?P<bare>[^#\r\n]*?))[ \t]*(?:#[^\n]*)?\r?$",
    re.MULTILINE,
)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    # Footnotes: definitions become their own paragraphs, `[^1]` is not prose.
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)
    md.disable("text_join")
    return md


def _front_matter(source: str, builder: ProseBuilder) -> str:
    """Add front matter prose; return the source with front matter blanked."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return source
    for field in _FRONT_FIELD.finditer(source, match.start(), match.end()):
        group = "quoted" if field.group("q") else "bare"
        value = field.group(group)
        if value.strip():
            # The description is page metadata like the title: the same kind.
            builder.open_block(TITLE)
            builder.text(value, field.start(group))
            builder.close_block()
    blank = re.sub(r"[^\n]", " ", match.group())
    return blank + source[match.end() :]


class _InlineWalker:
    """Adds the prose of inline tokens, tracking where each sits in the source."""

    def __init__(self, source: str, builder: ProseBuilder):
        self.source = source
        self.builder = builder
        self.cursor = 0

    def _find(self, needle: str, limit: int) -> int:
        pos = self.source.find(needle, self.cursor, limit)
        return pos

    def walk(self, children, region_start: int, region_end: int) -> None:
        self.cursor = max(self.cursor, region_start)
        b = self.builder
        links: list[tuple[int, str, bool]] = []
        for tok in children:
            kind = tok.type
            if kind == "text":
                if links and links[-1][2]:  # autolink text is the URL itself
                    self._skip(tok.content, region_end)
                    continue
                pos = self._find(tok.content, region_end)
                if pos == -1:
                    continue
                b.text(tok.content, pos)
                self.cursor = pos + len(tok.content)
            elif kind == "text_special":
                pos = self._find(tok.markup, region_end)
                if pos != -1:
                    b.replaced(tok.content, pos, pos + len(tok.markup))
                    self.cursor = pos + len(tok.markup)
            elif kind in ("softbreak", "hardbreak"):
                pos = self._find("\n", region_end)
                if pos != -1:
                    b.space(pos)
                    self.cursor = pos + 1
            elif kind == "code_inline":
                start = self._find(tok.markup, region_end)
                self._skip(tok.content, region_end)
                if start != -1:
                    b.space(start, self.cursor)
                    self._skip(tok.markup, region_end)
            elif kind == "html_inline":
                self._skip(tok.content, region_end)
                if tok.content.lower().startswith("<sup"):
                    b.link(b.length, b.length, "#citation")  # a footnote mark: a citation
            elif kind == "footnote_ref":
                self._skip("]", region_end)
                b.link(b.length, b.length, "#footnote")
            elif kind == "image":
                self._skip("](", region_end)
                self._skip_link_target(tok.attrs.get("src", ""), region_end)
            elif kind == "link_open":
                links.append((b.length, str(tok.attrs.get("href", "")), tok.markup == "autolink"))
            elif kind == "link_close" and links:
                start, href, autolink = links.pop()
                b.link(start, b.length, href)
                if autolink:
                    self._skip(">", region_end)
                elif self.source.startswith("](", self.cursor):
                    self.cursor += 2
                    self._skip_link_target(href, region_end)

    def _skip(self, needle: str, limit: int) -> None:
        pos = self._find(needle, limit)
        if pos != -1:
            self.cursor = pos + len(needle)

    def _skip_link_target(self, href: str, limit: int) -> None:
        # The target may contain ")" (Wikipedia), so pass the target first.
        if href and self.source.startswith(href, self.cursor):
            self.cursor += len(href)
        close = self.source.find(")", self.cursor, limit)
        if close != -1:
            self.cursor = close + 1


def parse_markdown(source: str, path: str = "<markdown>") -> Document:
    builder = ProseBuilder()
    text = _front_matter(source, builder)
    tokens = _parser().parse(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def region(line_map) -> tuple[int, int]:
        first, last = line_map
        end = line_starts[last] if last < len(line_starts) else len(text)
        return line_starts[first], end

    walker = _InlineWalker(text, builder)
    containers: list[str] = []
    row_region = (0, len(text))
    for tok in tokens:
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open", "blockquote_open", "list_item_open"):
            containers.append(kind)
        elif kind in ("bullet_list_close", "ordered_list_close", "blockquote_close", "list_item_close"):
            containers.pop()
        elif kind == "heading_open":
            builder.open_block(HEADING)
        elif kind == "paragraph_open":
            if "list_item_open" in containers:
                builder.open_block(LIST_ITEM)
            elif "blockquote_open" in containers:
                builder.open_block(QUOTE)
            else:
                builder.open_block(PARAGRAPH)
        elif kind == "tr_open" and tok.map:
            row_region = region(tok.map)
        elif kind in ("th_open", "td_open"):
            builder.open_block(TABLE_CELL)
        elif kind in ("heading_close", "paragraph_close", "th_close", "td_close"):
            builder.close_block()
        elif kind == "inline":
            start, end = region(tok.map) if tok.map else row_region
            walker.walk(tok.children or [], start, end)
        elif kind == "html_block" and tok.map:
            start, end = region(tok.map)
            add_html(builder, text, start, end)
            walker.cursor = max(walker.cursor, end)
    return builder.build(path, "markdown", source)
