"""The Document every format becomes: prose, blocks, sentences, and a map back
from every prose offset to the source offset, line and column."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .matcher import fold
from .segment import split_sentences

# Block kinds rules can scope to.
PARAGRAPH = "paragraph"
HEADING = "heading"
LIST_ITEM = "list_item"
QUOTE = "quote"
TABLE_CELL = "table_cell"
TITLE = "title"
BLOCK_KINDS = (PARAGRAPH, HEADING, LIST_ITEM, QUOTE, TABLE_CELL, TITLE)

BLOCK_SEPARATOR = "\n\n"
_WORD = re.compile(r"\S*[^\W_]\S*")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]", re.IGNORECASE)


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Whitespace tokens with at least one letter or digit."""
    return len(_WORD.findall(text, start, len(text) if end is None else end))


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    start: int  # prose offsets
    end: int


@dataclass(frozen=True, slots=True)
class Link:
    start: int  # prose offsets of the link text (may be empty)
    end: int
    target: str


@dataclass(slots=True)
class Document:
    path: str
    format: str
    source: str
    prose: str
    blocks: list[Block]
    links: list[Link]
    # Piecewise map: prose_starts[i] is where segment i starts in prose;
    # it came from source[source_starts[i]:source_ends[i]].
    prose_starts: list[int]
    source_starts: list[int]
    source_ends: list[int]
    prose_lengths: list[int]
    _sentences: list[tuple[int, int]] | None = None
    _line_starts: list[int] | None = None
    _words: int | None = None
    _folded: str | None = None
    _block_starts: list[int] | None = None
    _link_ends: list[int] | None = None
    # Answers of checks that run outside the kernel (LanguageTool), by service
    # name; the runner fills them in before the kernel reads them.
    external: dict | None = None

    # -- derived views, computed on first use --------------------------------
    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            spans: list[tuple[int, int]] = []
            for block in self.blocks:
                spans.extend(split_sentences(self.prose, block.start, block.end))
            self._sentences = spans
        return self._sentences

    @property
    def folded(self) -> str:
        """The prose lower-cased with quotes folded, offsets unchanged."""
        if self._folded is None:
            self._folded = fold(self.prose)
        return self._folded

    @property
    def words(self) -> int:
        if self._words is None:
            self._words = count_words(self.prose)
        return self._words

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            find = self.source.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    # -- offset mapping ---------------------------------------------------------
    def source_offset(self, prose_offset: int) -> int:
        """Source offset of the prose character at `prose_offset`."""
        i = bisect_right(self.prose_starts, prose_offset) - 1
        if i < 0:
            return 0
        delta = prose_offset - self.prose_starts[i]
        if self.prose_lengths[i] != self.source_ends[i] - self.source_starts[i]:
            # A decoded entity or a joined line break: the whole piece maps to
            # its whole source range.
            return self.source_starts[i] if delta < self.prose_lengths[i] else self.source_ends[i]
        return self.source_starts[i] + min(delta, self.prose_lengths[i])

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets (start, end) of the prose span [start, end)."""
        src_start = self.source_offset(start)
        if end <= start:
            return src_start, src_start
        i = bisect_right(self.prose_starts, end - 1) - 1
        delta = end - 1 - self.prose_starts[i]
        if self.prose_lengths[i] != self.source_ends[i] - self.source_starts[i]:
            return src_start, self.source_ends[i]
        return src_start, self.source_starts[i] + delta + 1

    def line_col(self, source_offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a source offset."""
        starts = self.line_starts
        line = bisect_right(starts, source_offset)
        return line, source_offset - starts[line - 1] + 1

    def source_line(self, line: int) -> str:
        starts = self.line_starts
        begin = starts[line - 1]
        finish = starts[line] - 1 if line < len(starts) else len(self.source)
        return self.source[begin:finish].rstrip("\r")

    def has_link(self, start: int, end: int) -> bool:
        """Whether a link (or citation mark) touches the prose span [start, end]."""
        if not self.links:
            return False
        if self._link_ends is None:
            # Links come in source order and do not overlap, so their ends are sorted too.
            self._link_ends = [link.end for link in self.links]
        i = bisect_left(self._link_ends, start)
        return i < len(self.links) and self.links[i].start < end

    def block_at(self, prose_offset: int) -> Block | None:
        if self._block_starts is None:
            self._block_starts = [b.start for b in self.blocks]
        i = bisect_right(self._block_starts, prose_offset) - 1
        if i >= 0 and prose_offset < self.blocks[i].end:
            return self.blocks[i]
        return None


class ProseBuilder:
    """Collects prose pieces with their source ranges, in source order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.prose_starts: list[int] = []
        self.source_starts: list[int] = []
        self.source_ends: list[int] = []
        self.prose_lengths: list[int] = []
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self._block_kind: str | None = None
        self._block_start = 0

    # Pieces ----------------------------------------------------------------
    def _piece(self, text: str, source_start: int, source_end: int) -> None:
        if not text:
            return
        self.prose_starts.append(self.length)
        self.source_starts.append(source_start)
        self.source_ends.append(source_end)
        self.prose_lengths.append(len(text))
        self.parts.append(text)
        self.length += len(text)

    def text(self, text: str, source_start: int) -> None:
        """Literal source text; bare URLs in it are left out of the prose."""
        pos = 0
        for url in _URL.finditer(text):
            self._piece(text[pos : url.start()], source_start + pos, source_start + url.start())
            self.space(source_start + url.start(), source_start + url.end())
            pos = url.end()
        self._piece(text[pos:], source_start + pos, source_start + len(text))

    def replaced(self, text: str, source_start: int, source_end: int) -> None:
        """Prose that stands for a differently-spelt source range (an entity)."""
        self._piece(text, source_start, source_end)

    def space(self, source_start: int, source_end: int | None = None) -> None:
        """A single space standing for skipped source (a line break, code)."""
        if self.length and self.parts[-1][-1:] not in (" ", "\n"):
            self._piece(" ", source_start, source_start + 1 if source_end is None else source_end)

    # Blocks ----------------------------------------------------------------
    def open_block(self, kind: str) -> None:
        if self._block_kind is not None:
            self.close_block()
        if self.length:
            self.parts.append(BLOCK_SEPARATOR)
            self.length += len(BLOCK_SEPARATOR)
        self._block_kind = kind
        self._block_start = self.length

    def close_block(self) -> None:
        if self._block_kind is None:
            return
        end = self.length
        # Trailing spaces are not part of the block.
        while end > self._block_start and self.parts and self._prose_char(end - 1).isspace():
            end -= 1
        start = self._block_start
        while start < end and self._prose_char(start).isspace():
            start += 1
        if end > start:
            self.blocks.append(Block(self._block_kind, start, end))
        self._block_kind = None

    def _prose_char(self, offset: int) -> str:
        # Called only near the tail of the prose; walk back over parts.
        pos = self.length
        for part in reversed(self.parts):
            pos -= len(part)
            if offset >= pos:
                return part[offset - pos]
        return ""

    @property
    def in_block(self) -> bool:
        return self._block_kind is not None

    def link(self, start: int, end: int, target: str) -> None:
        self.links.append(Link(start, end, target))

    def build(self, path: str, fmt: str, source: str) -> Document:
        self.close_block()
        return Document(
            path=path,
            format=fmt,
            source=source,
            prose="".join(self.parts),
            blocks=self.blocks,
            links=self.links,
            prose_starts=self.prose_starts,
            source_starts=self.source_starts,
            source_ends=self.source_ends,
            prose_lengths=self.prose_lengths,
        )
