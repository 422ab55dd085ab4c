"""Paragraphs duplicated or nearly duplicated between files in one run.

Each paragraph becomes the set of hashes of its 5-word shingles; the hashes
divisible by SAMPLE are its fingerprints. Paragraphs sharing fingerprints are
candidates, and only candidates are compared (Jaccard over all shingles), so
the cost follows the number of near-duplicates, not the square of the number
of paragraphs. Each pair is reported once, on the later file of the run."""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from dataclasses import replace

from .check import to_finding
from .document import PARAGRAPH, QUOTE
from .finding import Hit
from .formats import format_for, parse

SHINGLE = 5
SAMPLE = 4  # keep hashes divisible by this: a quarter of the shingles
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def _shingles(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    return {zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}


def find_duplicates(result, rule, min_words: int = 25, threshold: float = 0.6) -> None:
    """Add a finding of `rule` to every later file that repeats a paragraph."""
    paragraphs = []  # (file index, doc, block, shingles)
    for index, file in enumerate(result.files):
        doc = parse(file.source, file.format or format_for(file.path) or "text", file.path)
        for block in doc.blocks:
            text = doc.prose[block.start : block.end]
            if block.kind in (PARAGRAPH, QUOTE) and len(text.split()) >= min_words:
                paragraphs.append((index, doc, block, _shingles(text)))
    postings: dict[int, list[int]] = defaultdict(list)
    for p, (_, _, _, shingles) in enumerate(paragraphs):
        for h in shingles:
            if h % SAMPLE == 0:
                postings[h].append(p)
    reported: set[tuple[int, int]] = set()
    for p, (file_index, doc, block, shingles) in enumerate(paragraphs):
        candidates = {q for h in shingles if h % SAMPLE == 0 for q in postings[h] if q < p}
        best = None
        for q in candidates:
            other = paragraphs[q]
            if other[0] == file_index or (q, p) in reported:
                continue
            score = len(shingles & other[3]) / len(shingles | other[3])
            if score >= threshold and (best is None or score > best[0]):
                best = (score, q)
        if best is None:
            continue
        score, q = best
        reported.add((q, p))
        _, other_doc, other_block, _ = paragraphs[q]
        other_line = other_doc.line_col(other_doc.source_span(other_block.start, other_block.end)[0])[0]
        text = doc.prose[block.start : block.end]
        message = rule.render(
            line=f"{other_doc.path}:{other_line}",
            similarity=f"{score:.2f}",
            match=" ".join(text.split()[:8]) + "…",
        )
        finding = to_finding(doc, Hit(rule, block.start, block.end, message, confidence=min(0.99, score)))
        target = result.files[file_index]
        target.findings = sorted(target.findings + [finding], key=lambda f: (f.start, f.rule))
        target.all_findings = target.all_findings + [finding]


def cross_file_rule(packs):
    for pack in packs.values():
        for rule in pack.rules:
            if rule.kind == "repetition" and rule.options.get("find") == "cross-file":
                return replace(rule)
    return None
