#!/usr/bin/env python3
"""The sourcing rules on labelled sentences of a real corpus that may not be
copied into the project (../shared/eval/rust-blog): the labels refer to
sentences by file, line and text, and the corpus is passed by path.

    scripts/eval_sourcing_corpus.py --labels LABELS.jsonl --corpus DIR

LABELS.jsonl: one {"path", "line", "sha1", "expect": [rule ids]} per line,
decided by reading: the sentence starting on that line whose text (the
paragraph's lines stripped and joined by spaces, list and quote markers
removed, split after . ! or ? before a capital) has that SHA-1. The corpus's
text stays out of the project. Prints sentence-level tp/fp/fn per rule and
every false alarm and miss.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.config import ConfigFinder  # noqa: E402
from linter.expectations import Tally, table  # noqa: E402
from linter.runner import Linter, Selection  # noqa: E402

RULES = ("sourcing.unattributed-figure", "sourcing.vague-attribution", "sourcing.hedged-claim")


_SPLIT = re.compile(r"(?<=[.!?])[\"')\]*_]*\s+(?=[A-Z\[*_\"`])")
_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+|^\s*>\s?")


def sentence_text(source: str, line: int, sha1: str) -> str | None:
    """The labelled sentence: it starts on `line`, and its text has `sha1`."""
    lines = source.split("\n")[line - 1 : line + 30]
    parts = []
    for number, raw in enumerate(lines):
        if not raw.strip() or (number and _MARKER.match(raw) and not raw.lstrip().startswith(">")):
            break
        parts.append(_MARKER.sub("", raw).strip())
    joined = " ".join(parts)
    cuts = [0] + [m.end() for m in _SPLIT.finditer(joined)]
    ends = [m.start() for m in _SPLIT.finditer(joined)] + [len(joined)]
    first_line_end = len(parts[0]) if parts else 0
    for start in (c for c in cuts if c <= first_line_end):
        for end in ends:
            if end > start:
                text = joined[start:end].strip()
                if hashlib.sha1(text.encode("utf-8")).hexdigest() == sha1:
                    return text
    return None


def sentence_span(source: str, line: int, text: str) -> tuple[int, int] | None:
    """Where `text` starts at or after `line`, whitespace-insensitively."""
    start = 0
    for _ in range(line - 1):
        start = source.index("\n", start) + 1
    words = text.split()
    if not words:
        return None
    pos = source.find(words[0], start)
    while pos != -1:
        i, ok = pos, True
        for word in words:
            while i < len(source) and source[i].isspace():
                i += 1
            if not source.startswith(word, i):
                ok = False
                break
            i += len(word)
        if ok:
            return pos, i
        pos = source.find(words[0], pos + 1)
        if pos - start > 5000:
            break
    return None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--labels", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    args = parser.parse_args()

    labels = [json.loads(line) for line in args.labels.read_text("utf-8").splitlines() if line.strip()]
    by_file = defaultdict(list)
    for label in labels:
        by_file[label["path"]].append(label)
    linter = Linter(ConfigFinder(None), Selection(select=("sourcing",), keep_source=True))
    tallies = {rule: Tally() for rule in RULES}
    unplaced = 0
    for path, items in sorted(by_file.items()):
        result = linter.check_file(args.corpus / path)
        for label in items:
            text = label.get("text") or sentence_text(result.source, label["line"], label["sha1"])
            span = sentence_span(result.source, label["line"], text) if text else None
            if span is None:
                unplaced += 1
                continue
            found = {f.rule for f in result.all_findings if span[0] <= f.start < span[1]}
            expected = set(label.get("expect") or [])
            where = f"{path}:{label['line']}: {text[:100]}"
            for rule in RULES:
                tallies[rule].add(rule in found, rule in expected, where)
    placed = len(labels) - unplaced
    flagged = sum(t.fp + t.tp for t in tallies.values())
    print(f"{placed} of {len(labels)} labelled sentences found in {args.corpus}; {flagged} findings on them")
    print(table(tallies))
    for rule, tally in tallies.items():
        for where in tally.false_alarms:
            print(f"  false alarm {rule}: {where}")
        for where in tally.misses:
            print(f"  missed      {rule}: {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
