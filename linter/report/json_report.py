"""JSON report: {"version", "files": [...], "summary": {...}} (README: "JSON output")."""

from __future__ import annotations

import json

from .. import __version__
from .summary import summarize


def render(result) -> str:
    files = [
        {
            "path": f.path,
            "format": f.format,
            "score": f.score,
            "categories": f.categories,
            "words": f.words,
            "findings": [finding.to_dict() for finding in f.findings],
        }
        for f in result.files
    ]
    data = {
        "version": __version__,
        "files": files,
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in result.errors],
        "summary": summarize(result),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
