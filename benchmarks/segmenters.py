#!/usr/bin/env python3
"""Compare sentence segmenters: accuracy on the gold set, throughput on a corpus.

Candidates:
  copydesk   linter.segment.split_sentences (ours)
  pysbd      pysbd.Segmenter(language="en", clean=False, char_span=True)
  blingfire  blingfire.text_to_sentences_and_offsets
  regex      split on (?<=[.!?])\\s+(?=[A-Z])
  punkt      nltk's pretrained English Punkt model, only if its data is installed

Accuracy: each gold paragraph (its lines joined with one space) is segmented on
its own. A boundary is the start offset of every sentence but the first one in
a paragraph (white space trimmed), so paragraph ends, which are given, do not
count. Precision, recall and F1 are over boundaries, pooled over paragraphs;
exact-sentence accuracy is the share of gold sentences whose (start, end) span,
trimmed of white space, is also a predicted span.

Throughput: every .md/.txt/.html file under --corpus, read as UTF-8 as-is (no
markup stripping), is passed whole to the candidate; the clock covers the calls
only. MB/s is UTF-8 megabytes (10**6 bytes) per second, median of --repeat runs.

Example:
  python benchmarks/segmenters.py --corpus ../shared/eval/rust-blog/content
  python benchmarks/segmenters.py --errors copydesk
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import statistics
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "tests" / "data" / "sentences-gold.txt"
CORPUS_SUFFIXES = (".md", ".txt", ".html")

Spans = list[tuple[int, int]]
Segmenter = Callable[[str], Spans]


# --------------------------------------------------------------------------
# Gold set


def read_gold(path: Path) -> list[tuple[str, Spans]]:
    """Paragraphs as (text, gold sentence spans); blank lines separate paragraphs."""
    paragraphs: list[tuple[str, Spans]] = []
    block: list[str] = []
    lines = path.read_text(encoding="utf-8").splitlines() + [""]
    for line in lines:
        line = line.strip()
        if line:
            block.append(line)
            continue
        if block:
            spans, pos = [], 0
            for sentence in block:
                spans.append((pos, pos + len(sentence)))
                pos += len(sentence) + 1
            paragraphs.append((" ".join(block), spans))
            block = []
    return paragraphs


# --------------------------------------------------------------------------
# Candidates: each takes a text and returns (start, end) character spans.


def _copydesk() -> Segmenter:
    sys.path.insert(0, str(ROOT))
    import linter.segment
    from linter.segment import split_sentences

    source = Path(linter.segment.__file__).read_bytes()
    print(
        f"note: copydesk is {linter.segment.__file__} (sha1 {hashlib.sha1(source).hexdigest()[:12]})",
        file=sys.stderr,
    )
    return split_sentences


def _pysbd() -> Segmenter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def run(text: str) -> Spans:
        return [(s.start, s.end) for s in seg.segment(text)]

    return run


def _blingfire() -> Segmenter:
    try:
        import blingfire
    except ModuleNotFoundError as exc:
        if exc.name != "numpy":
            raise
        # blingfire imports numpy at module level but its sentence functions
        # only use ctypes; stand in an empty module rather than fail.
        print(
            "note: numpy is not installed; blingfire loaded with a numpy stub "
            "(text_to_sentences_and_offsets does not use numpy)",
            file=sys.stderr,
        )
        sys.modules["numpy"] = types.ModuleType("numpy")
        try:
            import blingfire
        finally:
            del sys.modules["numpy"]

    def run(text: str) -> Spans:
        return list(blingfire.text_to_sentences_and_offsets(text)[1])

    return run


_REGEX = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _regex() -> Segmenter:
    def run(text: str) -> Spans:
        spans, start = [], 0
        for m in _REGEX.finditer(text):
            spans.append((start, m.start()))
            start = m.end()
        spans.append((start, len(text)))
        return spans

    return run


def _punkt() -> Segmenter:
    import nltk

    for resource in ("tokenizers/punkt_tab/english/", "tokenizers/punkt/english.pickle"):
        try:
            nltk.data.find(resource)
        except LookupError:
            continue
        tokenizer = nltk.load(resource) if resource.endswith(".pickle") else None
        if tokenizer is None:
            from nltk.tokenize.punkt import PunktTokenizer

            tokenizer = PunktTokenizer("english")
        return lambda text: list(tokenizer.span_tokenize(text))
    raise LookupError("no NLTK punkt data installed")


CANDIDATES: dict[str, Callable[[], Segmenter]] = {
    "copydesk": _copydesk,
    "pysbd": _pysbd,
    "blingfire": _blingfire,
    "regex": _regex,
    "punkt": _punkt,
}


# --------------------------------------------------------------------------
# Scoring


def trim(text: str, spans: Spans) -> Spans:
    """Spans with surrounding white space removed; empty spans dropped.

    Deliberately not linter.segment.trim_spans: the scorer must not depend on
    the code it scores."""
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def boundaries(text: str, spans: Spans) -> set[int]:
    return {s for s, _ in trim(text, spans)} - {len(text) - len(text.lstrip())}


def score(segment: Segmenter, gold: list[tuple[str, Spans]]) -> dict[str, float]:
    tp = n_pred = n_gold = exact = n_sent = 0
    for text, gold_spans in gold:
        pred = segment(text)
        g, p = boundaries(text, gold_spans), boundaries(text, pred)
        tp += len(g & p)
        n_pred += len(p)
        n_gold += len(g)
        exact += len(set(gold_spans) & set(trim(text, pred)))
        n_sent += len(gold_spans)
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "exact": exact / n_sent,
        "tp": tp,
        "pred": n_pred,
        "gold": n_gold,
    }


def errors(segment: Segmenter, gold: list[tuple[str, Spans]]) -> list[str]:
    """One line per wrong boundary: missed (gold split not made) or spurious."""
    out = []
    for text, gold_spans in gold:
        g, p = boundaries(text, gold_spans), boundaries(text, segment(text))
        for kind, offsets in (("missed", g - p), ("spurious", p - g)):
            for off in sorted(offsets):
                left = text[max(0, off - 50) : off].rstrip()
                right = text[off : off + 40]
                out.append(f"{kind:8}  …{left} ‖ {right}…")
    return out


# --------------------------------------------------------------------------
# Throughput


def read_corpus(path: Path) -> list[str]:
    if path.is_file():
        return [path.read_text(encoding="utf-8", errors="replace")]
    texts = []
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(CORPUS_SUFFIXES):
                texts.append((Path(dirpath) / name).read_text(encoding="utf-8", errors="replace"))
    return texts


def throughput(segment: Segmenter, texts: list[str], repeat: int) -> tuple[float, int]:
    """(median MB/s, sentences found in one run)."""
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    timings, count = [], 0
    for _ in range(repeat):
        count = 0
        t0 = time.perf_counter()
        for text in texts:
            count += len(segment(text))
        timings.append(time.perf_counter() - t0)
    return size / statistics.median(timings), count


# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score sentence segmenters on a gold set and time them on a corpus.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument(
        "--gold",
        type=Path,
        default=DEFAULT_GOLD,
        help="gold file: one sentence a line, blank line between paragraphs (default: %(default)s)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="file or directory (walked for .md/.txt/.html) to time on (default: the gold file)",
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="timing runs per candidate; the median is reported (default: 5)"
    )
    parser.add_argument(
        "--candidates",
        default=",".join(CANDIDATES),
        help="comma-separated subset of: " + ", ".join(CANDIDATES),
    )
    parser.add_argument(
        "--errors",
        metavar="NAME",
        action="append",
        default=[],
        help="also list the gold-set boundary errors of candidate NAME (repeatable)",
    )
    parser.add_argument("--no-timing", action="store_true", help="skip the throughput runs")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    names = [n.strip() for n in args.candidates.split(",") if n.strip()]
    unknown = [n for n in names + args.errors if n not in CANDIDATES]
    if unknown:
        parser.error(f"unknown candidate(s): {', '.join(unknown)}")

    gold = read_gold(args.gold)
    corpus_path = args.corpus or args.gold
    texts = [] if args.no_timing else read_corpus(corpus_path)
    if not args.no_timing and not texts:
        parser.error(f"no .md/.txt/.html files under {corpus_path}")
    n_sent = sum(len(s) for _, s in gold)
    print(f"gold: {args.gold} ({len(gold)} paragraphs, {n_sent} sentences, {n_sent - len(gold)} boundaries)")
    if texts:
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"corpus: {corpus_path} ({len(texts)} files, {mb:.2f} MB), median of {args.repeat} runs")
    print()

    header = f"{'segmenter':<10} {'P':>6} {'R':>6} {'F1':>6} {'exact':>6}"
    if texts:
        header += f" {'MB/s':>8} {'sentences':>10}"
    print(header)
    print("-" * len(header))
    loaded: dict[str, Segmenter] = {}
    for name in names:
        try:
            segment = loaded[name] = CANDIDATES[name]()
        except (ImportError, LookupError, OSError) as exc:
            print(f"{name:<10} skipped: {exc}")
            continue
        s = score(segment, gold)
        row = f"{name:<10} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['exact']:6.3f}"
        if texts:
            mbps, count = throughput(segment, texts, args.repeat)
            row += f" {mbps:8.2f} {count:10d}"
        print(row, flush=True)

    for name in args.errors:
        segment = loaded.get(name) or CANDIDATES[name]()
        errs = errors(segment, gold)
        print(f"\n{name}: {len(errs)} boundary errors on the gold set")
        for line in errs:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
