#!/usr/bin/env python3
"""Evaluate the hedging pack on sentence-labelled data (e.g. CoNLL-2010 Wikipedia weasels).

The corpus is JSONL, one `{"text": ..., "uncertain": 0|1}` per line, Penn-Treebank
tokenised (`-LRB-`, `it 's`, `` `` ``/`''`). A sentence is "flagged" when any rule of the
pack fires on it, checked on its own as a plain-text document. Precision, recall and F1
are for the uncertain class; they are reported on the raw tokenised text and on the
detokenised text. Throughput counts parse + check only.

Error analysis (detokenised run): the cues behind false positives, and the n-grams of
missed sentences (false negatives) over-represented against certain sentences the pack
also leaves alone (true negatives), each with what adding it alone as a cue would do.

Example:
  python scripts/eval_hedging.py --corpus ../shared/eval/conll2010-wikiweasel/train.jsonl
  python scripts/eval_hedging.py --corpus ... --add-cues "may,might,could" --errors 10
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter.check import RuleSet, check  # noqa: E402
from linter.formats import parse  # noqa: E402
from linter.packs import builtin_rules_dir, load_packs  # noqa: E402

BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_DETOK = [
    (re.compile(r"\s*\\ n\s*"), "\n"),  # literal "\ n" line breaks
    (re.compile(r"-([LR][RSC]B)-"), lambda m: BRACKETS[m.group()]),
    (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'),  # PTB double quotes
    (re.compile(r"(^|\s)`\s*"), r"\1'"),  # opening single quote
    (re.compile(r"([(\[{])\s+"), r"\1"),
    (re.compile(r"\s+([)\]}])"), r"\1"),
    (re.compile(r"(?i)\s+(n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),  # split clitics
    (re.compile(r"(?i)\b(gon|wan|got) (na|ta)\b"), r"\1\2"),
    (re.compile(r"\s+([.,;:%!?])"), r"\1"),
    (re.compile(r"\$\s+(?=\d)"), "$"),
]
WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def detokenise(text: str) -> str:
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def build_ruleset(rules_dir: Path, pack: str, extra: dict[str, list[str]]):
    """The rules named by `pack` (comma-separated pack names or rule ids) and the ids
    of those that name a cue. Extra tokens, patterns and exceptions go into the
    first existence rule, so they match exactly as copydesk would."""
    names = {n.strip() for n in pack.split(",") if n.strip()}
    rules = [r for p in load_packs([rules_dir]).values() for r in p.rules if r.pack in names or r.id in names]
    if any(extra.values()):
        i = next(i for i, r in enumerate(rules) if r.kind == "existence")
        o = rules[i].options
        opts = dict(o, **{k: list(o.get(k) or []) + v for k, v in extra.items()})
        rules[i] = dataclasses.replace(rules[i], options=opts)
    return RuleSet(rules), {r.id for r in rules if r.kind != "occurrence"}


def run(texts: list[str], ruleset: RuleSet, cue_rules: set[str]):
    """Per sentence: the cues (lower-cased matches of non-counting rules) found; and seconds."""
    cues, start = [], time.perf_counter()
    for text in texts:
        findings = check(parse(text, "text"), ruleset)
        cues.append(
            [" ".join(f.match.lower().split()) for f in findings if f.rule in cue_rules]
            or ["<" + f.rule + ">" for f in findings]
        )
    return cues, time.perf_counter() - start


def prf(flags: list[bool], gold: list[int]) -> dict:
    tp = sum(f and g for f, g in zip(flags, gold))
    fp = sum(f and not g for f, g in zip(flags, gold))
    fn = sum(g and not f for f, g in zip(flags, gold))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return dict(
        tp=tp, fp=fp, fn=fn, tn=len(gold) - tp - fp - fn, p=p, r=r, f1=2 * p * r / (p + r) if p + r else 0.0
    )


def ngrams(text: str) -> set[str]:
    words = WORD.findall(text.lower())
    return set(words) | {a + " " + b for a, b in zip(words, words[1:])}


def suggest(texts, gold, flags, base, top: int, min_count: int, min_ratio: float):
    """N-grams frequent in false negatives and rarer in true negatives, by FN count."""
    fn_c, tn_c = Counter(), Counter()
    for text, g, f in zip(texts, gold, flags):
        if not f:
            (fn_c if g else tn_c).update(ngrams(text))
    n_fn, n_tn = base["fn"], base["tn"]
    rows = []
    for gram, a in fn_c.items():
        b = tn_c[gram]
        ratio = ((a + 0.5) / max(n_fn, 1)) / ((b + 0.5) / max(n_tn, 1))
        if a >= min_count and ratio >= min_ratio:
            tp, fp, fn = base["tp"] + a, base["fp"] + b, base["fn"] - a
            f1 = 2 * tp / (2 * tp + fp + fn)
            rows.append((a, b, ratio, a / (a + b), f1, gram))
    rows.sort(key=lambda r: (-r[0], -r[2]))
    return rows[:top]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--corpus", type=Path, required=True, help="JSONL of {text, uncertain}")
    ap.add_argument(
        "--pack", default="hedging", help="packs or rule ids to evaluate, comma-separated (default: hedging)"
    )
    ap.add_argument(
        "--rules-dir",
        type=Path,
        default=None,
        help="directory of rule packs (default: copydesk's built-in rules)",
    )
    ap.add_argument(
        "--add-cues", default="", help="comma-separated extra cue phrases to try, e.g. 'may,might,could'"
    )
    ap.add_argument(
        "--add-pattern",
        action="append",
        default=[],
        metavar="REGEX",
        help="an extra cue regex (the `regex` module's syntax); repeatable",
    )
    ap.add_argument(
        "--add-exceptions",
        default="",
        help="comma-separated phrases a cue may not overlap, e.g. 'this kind of'",
    )
    ap.add_argument("--repeat", type=int, default=1, help="time N runs, report the median")
    ap.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print N sample false positives and N false negatives",
    )
    ap.add_argument("--top", type=int, default=30, help="how many n-grams/cues to list")
    ap.add_argument("--min-count", type=int, default=5, help="min FN count of a suggested n-gram")
    ap.add_argument(
        "--min-ratio", type=float, default=3.0, help="min FN-rate / TN-rate of a suggested n-gram"
    )
    ap.add_argument("--seed", type=int, default=0, help="seed for sampling errors")
    args = ap.parse_args(argv)

    lines = args.corpus.read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    gold = [int(bool(r["uncertain"])) for r in rows]
    add = [c.strip() for c in args.add_cues.split(",") if c.strip()]
    exc = [c.strip() for c in args.add_exceptions.split(",") if c.strip()]
    extra = {"tokens": add, "patterns": args.add_pattern, "exceptions": exc}
    ruleset, cue_rules = build_ruleset(args.rules_dir or builtin_rules_dir(), args.pack, extra)
    print(
        f"corpus: {args.corpus}  sentences: {len(rows)}  uncertain: {sum(gold)} "
        f"({sum(gold) / len(gold):.1%})  pack: {args.pack} ({len(ruleset.rules)} rules)"
        + (f"  extra cues: {', '.join(add)}" if add else "")
        + (f"  extra patterns: {len(args.add_pattern)}" if args.add_pattern else "")
        + (f"  extra exceptions: {len(exc)}" if exc else "")
    )

    t0 = time.perf_counter()
    detok = [detokenise(r["text"]) for r in rows]
    t_detok = time.perf_counter() - t0
    variants = {"raw (PTB tokens)": [r["text"] for r in rows], "detokenised": detok}
    print(
        f"\n{'variant':<18} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5} {'TN':>5}"
        f" {'sent/s':>8} {'KB/s':>7}"
    )
    for name, texts in variants.items():
        timed = [run(texts, ruleset, cue_rules) for _ in range(max(args.repeat, 1))]
        cues, secs = timed[0][0], statistics.median(t for _, t in timed)
        flags = [bool(c) for c in cues]
        m = prf(flags, gold)
        kb = sum(len(t.encode()) for t in texts) / 1000
        print(
            f"{name:<18} {m['p']:6.1%} {m['r']:6.1%} {m['f1']:6.1%} {m['tp']:5} {m['fp']:5}"
            f" {m['fn']:5} {m['tn']:5} {len(texts) / secs:8.0f} {kb / secs:7.0f}"
        )
    print(f"(detokenising took {t_detok * 1000:.0f} ms, not counted in throughput)")

    # Error analysis on the detokenised run (the last one).
    texts, base = detok, m
    fp_cues = Counter(c for cs, g in zip(cues, gold) if cs and not g for c in set(cs))
    tp_cues = Counter(c for cs, g in zip(cues, gold) if cs and g for c in set(cs))
    print("\nCues firing on false positives (sentences; same cue on true positives, precision):")
    for cue, n in fp_cues.most_common(args.top):
        print(f"  {n:4}  {tp_cues[cue]:4}  {tp_cues[cue] / (n + tp_cues[cue]):5.0%}  {cue}")

    print(
        f"\nN-grams over-represented in missed uncertain sentences (FN) vs unflagged certain"
        f" ones (TN),\nmin count {args.min_count}, min rate ratio {args.min_ratio:g}; "
        f"'prec' = share uncertain among unflagged sentences with it,\n'F1 if added' = F1 with"
        f" it added alone as a cue (baseline {base['f1']:.1%}):"
    )
    print(f"  {'FN':>4} {'TN':>4} {'ratio':>5} {'prec':>5} {'F1 if added':>11}  n-gram")
    for a, b, ratio, prec, f1, gram in suggest(
        texts, gold, flags, base, args.top, args.min_count, args.min_ratio
    ):
        print(f"  {a:4} {b:4} {ratio:5.1f} {prec:5.0%} {f1:11.1%}  {gram}")

    if args.errors:
        rng = random.Random(args.seed)
        fps = [(t, cs) for t, cs, g in zip(texts, cues, gold) if cs and not g]
        fns = [t for t, f, g in zip(texts, flags, gold) if g and not f]
        print(f"\nSample false positives ({min(args.errors, len(fps))} of {len(fps)}):")
        for t, cs in rng.sample(fps, min(args.errors, len(fps))):
            print(f"  [{', '.join(sorted(set(cs)))}] {t}")
        print(f"\nSample false negatives ({min(args.errors, len(fns))} of {len(fns)}):")
        for t in rng.sample(fns, min(args.errors, len(fns))):
            print(f"  {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
