"""Scores: 0-100 per document and per category, from the findings' weights
per 1,000 words.

    penalty  = sum(WEIGHT[severity] * confidence)       over the findings
    density  = penalty * 1000 / max(words, MIN_WORDS)
    score    = 100 * exp(-density / SCALE)

Monotone: every finding lowers the score, heavier ones more. Length-normalised:
the same density of problems scores the same in a short and a long draft;
MIN_WORDS keeps a two-line draft with one slip from scoring near zero.
SCALE was calibrated on the fixtures and ../shared/eval/rust-blog (README).
"""

from __future__ import annotations

import math

WEIGHT = {"suggestion": 1.0, "warning": 3.0, "error": 8.0}
MIN_WORDS = 250
SCALE = 30.0


def score(findings, words: int) -> float:
    penalty = sum(WEIGHT[f.severity] * f.confidence for f in findings)
    density = penalty * 1000.0 / max(words, MIN_WORDS)
    return round(100.0 * math.exp(-density / SCALE), 1)


def category_scores(findings, words: int, categories) -> dict[str, float]:
    """A score per category of the active rules (100 where nothing was found)."""
    by_category: dict[str, list] = {name: [] for name in categories}
    for finding in findings:
        by_category.setdefault(finding.category, []).append(finding)
    return {name: score(items, words) for name, items in sorted(by_category.items())}
