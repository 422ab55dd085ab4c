#!/usr/bin/env python3
"""Choose and measure the restatement method on labelled sentence pairs.

Each pair becomes a two-sentence document; the rule restates when it flags
the second sentence. The pairs are split in two by position: the method and
threshold are chosen on the first half (the best F1 with precision >= the
floor), then both halves are reported, the second as held out.

    scripts/eval_restatement.py --pairs fixtures/repetition/pairs.yaml
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.kinds.repetition import METHODS, bag, similarity  # noqa: E402
from linter.packs import builtin_rules_dir, load_packs  # noqa: E402


def scores(pairs, rule, method):
    stop = frozenset(w.lower() for w in rule.options["stopwords"])
    out = []
    for pair in pairs:
        a, b = bag(pair["first"], stop, method), bag(pair["second"], stop, method)
        words_b = [w for w in b if isinstance(w, str)]
        # idf over the pair alone is meaningless; idf-cosine uses the document
        # it runs in, so here both words of a shared pair weigh the same.
        idf = {w: 1.0 for w in a | b}
        ok = len(words_b) >= rule.options["min_words"]
        out.append((similarity(a, b, method, idf) if ok else 0.0, bool(pair["restatement"])))
    return out


def prf(scored, threshold):
    tp = sum(1 for s, y in scored if s >= threshold and y)
    fp = sum(1 for s, y in scored if s >= threshold and not y)
    fn = sum(1 for s, y in scored if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), tp, fp, fn


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=Path, required=True)
    ap.add_argument("--min-precision", type=float, default=0.85)
    args = ap.parse_args()
    pairs = yaml.safe_load(args.pairs.read_text("utf-8"))
    tune, held = pairs[0::2], pairs[1::2]
    rule = next(
        r for r in load_packs([builtin_rules_dir()])["repetition"].rules if r.id.endswith("restatement")
    )
    rule = dataclasses.replace(rule, options=dict(rule.options))
    print(
        f"{len(pairs)} pairs: {sum(p['restatement'] for p in pairs)} restatements; tune {len(tune)}, held out {len(held)}"
    )
    print(
        f"{'method':12} {'threshold':>9} | {'tune P':>6} {'R':>5} {'F1':>5} | {'held P':>6} {'R':>5} {'F1':>5}"
    )
    best = None
    for method in METHODS:
        tuned, held_scored = scores(tune, rule, method), scores(held, rule, method)
        candidates = [prf(tuned, t / 100) + (t / 100,) for t in range(20, 95)]
        viable = [c for c in candidates if c[0] >= args.min_precision] or candidates
        p, r, f1, *_, threshold = max(viable, key=lambda c: (c[2], c[0]))
        hp, hr, hf1, *_ = prf(held_scored, threshold)
        print(f"{method:12} {threshold:9.2f} | {p:6.2f} {r:5.2f} {f1:5.2f} | {hp:6.2f} {hr:5.2f} {hf1:5.2f}")
        if best is None or f1 > best[0]:
            best = (f1, method, threshold)
    print(f"chosen on the tuning half: {best[1]} at {best[2]:.2f}")


if __name__ == "__main__":
    main()
