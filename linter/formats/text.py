"""Plain text: blocks are separated by blank lines; a block of long lines (a
paragraph per line, as pasted from the web) is split at each line; a short
line with no closing punctuation is a heading."""

from __future__ import annotations

import re

from ..document import HEADING, PARAGRAPH, Document, ProseBuilder

WRAP_WIDTH = 100  # lines longer than this are not hard-wrapped prose
HEADING_MAX_WORDS = 15
_BLOCK = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
_LINE = re.compile(r"[^\n]+")
_SUPPRESSION_LINE = re.compile(r"^\s*<!--\s*copydesk-[^>]*-->\s*$")


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return (
        len(stripped.split()) <= HEADING_MAX_WORDS
        and stripped[-1] not in ".!?:;,\"'”’)…"
        and not stripped.startswith(("<", "-", "*"))
    )


def add_lines(builder: ProseBuilder, source: str, start: int, end: int) -> None:
    """Add the prose blocks of source[start:end] (plain text) to the builder."""
    for block in _BLOCK.finditer(source, start, end):
        # Suppression comments are instructions to copydesk, not prose.
        lines = [
            m
            for m in _LINE.finditer(source, block.start(), block.end())
            if m.group().strip() and not _SUPPRESSION_LINE.match(m.group())
        ]
        if not lines:
            continue
        one_per_line = len(lines) == 1 or any(len(m.group()) > WRAP_WIDTH for m in lines)
        if one_per_line:
            for m in lines:
                builder.open_block(HEADING if _is_heading(m.group()) else PARAGRAPH)
                _add_line(builder, m.group(), m.start())
                builder.close_block()
        else:
            builder.open_block(PARAGRAPH)
            for i, m in enumerate(lines):
                if i:
                    builder.space(m.start() - 1)
                _add_line(builder, m.group(), m.start())
            builder.close_block()


def _add_line(builder: ProseBuilder, line: str, offset: int) -> None:
    lead = len(line) - len(line.lstrip())
    builder.text(line.strip(), offset + lead)


def parse_text(source: str, path: str = "<text>") -> Document:
    builder = ProseBuilder()
    add_lines(builder, source, 0, len(source))
    return builder.build(path, "text", source)
