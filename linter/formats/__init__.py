"""Format adapters: each turns one source format into a Document."""

from __future__ import annotations

from ..document import Document

EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}
FORMATS = ("markdown", "html", "text")


def format_for(path: str) -> str | None:
    """The format of a path by its extension, or None when it is not a draft."""
    dot = path.rfind(".")
    return EXTENSIONS.get(path[dot:].lower()) if dot != -1 else None


def parse(source: str, fmt: str, path: str = "<text>") -> Document:
    """Parse source text of a known format into a Document."""
    if fmt == "markdown":
        from .markdown import parse_markdown

        return parse_markdown(source, path)
    if fmt == "html":
        from .html import parse_html

        return parse_html(source, path)
    from .text import parse_text

    return parse_text(source, path)
