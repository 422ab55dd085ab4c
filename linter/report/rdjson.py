"""reviewdog's Diagnostic Format, one JSON document (rdjson)."""

from __future__ import annotations

import json

SEVERITY = {"error": "ERROR", "warning": "WARNING", "suggestion": "INFO"}


def diagnostic(f) -> dict:
    location = {
        "path": f.path,
        "range": {
            "start": {"line": f.line, "column": f.column},
            "end": {"line": f.end_line, "column": f.end_column},
        },
    }
    item = {
        "message": f.message,
        "location": location,
        "severity": SEVERITY[f.severity],
        "code": {"value": f.rule},
        "source": {"name": "copydesk"},
    }
    if f.suggestion is not None:
        item["suggestions"] = [{"range": location["range"], "text": f.suggestion}]
    return item


def render(result) -> str:
    diagnostics = [diagnostic(f) for file in result.files for f in file.findings]
    return (
        json.dumps({"source": {"name": "copydesk"}, "diagnostics": diagnostics}, indent=2, ensure_ascii=False)
        + "\n"
    )
