"""GitHub Actions workflow commands: one annotation per finding, most severe
and surest first. GitHub shows only ten annotations of each level per step,
so past MAX_PER_LEVEL the rest are counted in one summary line."""

from __future__ import annotations

from ..finding import LEVEL

COMMAND = {"error": "error", "warning": "warning", "suggestion": "notice"}
MAX_PER_LEVEL = 10


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result) -> str:
    findings = [f for file in result.files for f in file.findings]
    findings.sort(key=lambda f: (-LEVEL[f.severity], -f.confidence, f.path, f.start))
    lines, shown, left = [], {}, 0
    for error in result.errors:
        location = f" file={_escape_property(error.path)}" if error.path else ""
        lines.append(f"::error{location},title=copydesk::{_escape_data(error.message)}")
    for f in findings:
        command = COMMAND[f.severity]
        if shown.get(command, 0) >= MAX_PER_LEVEL:
            left += 1
            continue
        shown[command] = shown.get(command, 0) + 1
        properties = ",".join(
            [
                f"file={_escape_property(f.path)}",
                f"line={f.line}",
                f"col={f.column}",
                f"endLine={f.end_line}",
                f"endColumn={f.end_column}",
                f"title={_escape_property(f.rule)}",
            ]
        )
        lines.append(f"::{command} {properties}::{_escape_data(f.message)}")
    if left:
        lines.append(
            f"::notice title=copydesk::{left} more finding{'s' if left != 1 else ''} not annotated "
            f"({len(findings)} in all); run copydesk locally or use --format markdown for the job summary"
        )
    return "\n".join(lines) + ("\n" if lines else "")
