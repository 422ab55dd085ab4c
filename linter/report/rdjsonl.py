"""reviewdog's Diagnostic Format, one diagnostic per line (rdjsonl)."""

from __future__ import annotations

import json

from .rdjson import diagnostic


def render(result) -> str:
    return "".join(
        json.dumps(diagnostic(f), ensure_ascii=False) + "\n" for file in result.files for f in file.findings
    )
