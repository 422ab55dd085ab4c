"""Counts and scores over a whole run, shared by the reporters."""

from __future__ import annotations

from ..finding import SEVERITIES


def summarize(result) -> dict:
    counts = {name: 0 for name in SEVERITIES}
    for file in result.files:
        for finding in file.findings:
            counts[finding.severity] += 1
    scores = [f.score for f in result.files]
    return {
        "files": len(result.files),
        "errors": len(result.errors),
        "findings": sum(counts.values()),
        "by_severity": counts,
        "words": sum(f.words for f in result.files),
        "min_score": min(scores) if scores else None,
        "median_score": round(median(scores), 1) if scores else None,
    }


def median(values: list) -> float:
    """The middle value (the mean of the two middle ones): `statistics`
    would cost a one-file run its import of decimal and fractions."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
