"""Counts and scores over a whole run, shared by the reporters."""

from __future__ import annotations

from statistics import median

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
