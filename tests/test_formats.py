"""Every format becomes prose with exact offsets back into the source."""

from __future__ import annotations

import pytest

from linter.formats import parse

MARKDOWN = """---
title: Buckle up for the budget
description: "What the council decided"
tags: [guys]
---
# Heading with *emphasis*

Guys, read `buckle up` and [the report](https://example.com/tip-of-the-iceberg) now &amp; then.
A second line with https://example.com/guys in it.

```python
print("buckle up guys")
```

> A quote from the mayor.

| Name | Role |
|------|------|
| Ann  | Chair |

- first item
- second item
"""


def prose_of(source, fmt):
    return parse(source, fmt).prose


def test_markdown_keeps_prose_and_drops_code_urls_and_front_matter():
    doc = parse(MARKDOWN, "markdown")
    prose = doc.prose
    assert "Buckle up for the budget" in prose  # title is prose
    assert "What the council decided" in prose  # description is prose
    assert "tags" not in prose and "[guys]" not in prose  # other front matter is not
    assert "print" not in prose  # fenced code
    assert "buckle up" not in prose  # inline code
    assert "example.com" not in prose and "iceberg" not in prose  # link target, bare URL
    assert "the report" in prose  # link text is prose
    assert "now & then" in prose  # entity decoded
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [
        "title",
        "title",  # the description is page metadata too
        "heading",
        "paragraph",
        "quote",
        "table_cell",
        "table_cell",
        "table_cell",
        "table_cell",
        "list_item",
        "list_item",
    ]
    assert doc.links and doc.links[0].target == "https://example.com/tip-of-the-iceberg"


@pytest.mark.parametrize(
    "needle",
    [
        "Guys",
        "the report",
        "then",
        "second line",
        "mayor",
        "Chair",
        "second item",
        "emphasis",
        "What the council",
        "budget",
    ],
)
def test_markdown_offsets_map_back_to_source(needle):
    doc = parse(MARKDOWN, "markdown")
    start = doc.prose.index(needle)
    src_start, src_end = doc.source_span(start, start + len(needle))
    assert MARKDOWN[src_start:src_end] == needle


def test_markdown_entity_maps_to_its_source_spelling():
    doc = parse(MARKDOWN, "markdown")
    start = doc.prose.index("&")
    assert doc.source_span(start, start + 1) == (MARKDOWN.index("&amp;"), MARKDOWN.index("&amp;") + 5)


def test_line_and_column_are_one_based_characters():
    source = "Intro line\n\nÉtienne said guys, twice.\n"
    doc = parse(source, "text")
    start = doc.prose.index("guys")
    src, _ = doc.source_span(start, start + 4)
    assert doc.line_col(src) == (3, 14)


HTML = """<!doctype html>
<html><head><title>Budget &amp; guys</title>
<style>.guys { color: red }</style><script>var buckleUp = "guys";</script></head>
<body><h1 class="tip-of-the-iceberg">The budget</h1>
<p>The council met on <a href="https://example.com/guys">Tuesday</a> &mdash; late.<br>It voted.</p>
<pre>buckle up</pre><p>Use <code>guys()</code> here.</p>
<ul><li>One</li><li>Two</li></ul>
</body></html>"""


def test_html_visible_text_only():
    doc = parse(HTML, "html")
    prose = doc.prose
    assert "Budget & guys" in prose  # the title is visible
    for hidden in ("color", "buckleUp", "iceberg", "example.com", "buckle up", "guys()"):
        assert hidden not in prose
    assert "The council met on Tuesday — late." in prose
    assert [b.kind for b in doc.blocks] == [
        "title",
        "heading",
        "paragraph",
        "paragraph",
        "list_item",
        "list_item",
    ]
    start = prose.index("Tuesday")
    s, e = doc.source_span(start, start + len("Tuesday"))
    assert HTML[s:e] == "Tuesday"
    dash = prose.index("—")
    assert HTML[slice(*doc.source_span(dash, dash + 1))] == "&mdash;"
    assert doc.links[0].target == "https://example.com/guys"


def test_plain_text_paragraph_per_long_line_and_headings():
    long = "word " * 30
    source = f"A Heading Here\n{long.strip()}.\n{long.strip()}.\n\nWrapped line one\nline two ends.\n"
    doc = parse(source, "text")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "paragraph", "paragraph"]
    assert doc.prose.endswith("Wrapped line one line two ends.")


def test_sentences_stay_inside_blocks():
    doc = parse("# Title without stop\n\nFirst one. Second one.\n", "markdown")
    assert [doc.prose[s:e] for s, e in doc.sentences] == ["Title without stop", "First one.", "Second one."]


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
@pytest.mark.parametrize(
    "source",
    ["", "\n\n", "<", "```", "---\n", "+++\ntitle = 'x'\n+++\n", "&", "\x0c", "<!--", "[a](", "|a|\n|-|"],
)
def test_odd_sources_never_crash(fmt, source):
    doc = parse(source, fmt)
    for b in doc.blocks:
        doc.source_span(b.start, b.end)


def test_toml_front_matter_title_is_prose():
    doc = parse('+++\ntitle = "Rust 1.0"\nauthors = ["x"]\n+++\n\nBody text.\n', "markdown")
    assert doc.prose.startswith("Rust 1.0")
    assert "authors" not in doc.prose


def test_has_link_matches_a_linear_scan():
    import random

    source = "\n\n".join(
        f"Para {i} with [a link](https://example.org/{i}) and text."
        if i % 3
        else f"Plain paragraph {i}, no link here at all."
        for i in range(60)
    )
    doc = parse(source, "markdown")
    rng = random.Random(7)
    for _ in range(2000):
        a = rng.randrange(len(doc.prose))
        b = a + rng.randrange(200)
        assert doc.has_link(a, b) == any(link.start < b and a <= link.end for link in doc.links)
