"""Text report: per file, `path:line:col severity rule message`, the source
line with a marker under the span; then a summary. Colour only when asked
(the CLI asks on a terminal)."""

from __future__ import annotations

from .summary import summarize

COLORS = {
    "error": "\033[31m",
    "warning": "\033[33m",
    "suggestion": "\033[36m",
    "dim": "\033[2m",
    "bold": "\033[1m",
    "reset": "\033[0m",
}


def _paint(text: str, style: str, color: bool) -> str:
    return f"{COLORS[style]}{text}{COLORS['reset']}" if color else text


def _excerpt(source_line: str, column: int, width: int) -> tuple[str, str]:
    """The source line (tabs expanded, long lines windowed) and its marker."""
    line = source_line.replace("\t", " ")
    start = column - 1
    window = 120
    if len(line) > window:
        left = max(0, min(start - 30, len(line) - window))
        shown = (
            ("…" if left else "") + line[left : left + window] + ("…" if left + window < len(line) else "")
        )
        start = start - left + (1 if left else 0)
        line = shown
    width = max(1, min(width, len(line) - start))
    return line, " " * start + "^" * width


def render(result, *, color: bool = False) -> str:
    out: list[str] = []
    for error in result.errors:
        out.append(_paint("error", "error", color) + f" {error}")
    for note in result.notes:
        out.append(_paint("note", "dim", color) + f" {note}")
    for file in result.files:
        if not file.findings:
            continue
        out.append(_paint(file.path, "bold", color) + f"  (score {file.score:g}, {file.words} words)")
        lines = file.source.split("\n")
        for f in file.findings:
            head = f"{f.path}:{f.line}:{f.column}"
            out.append(f"  {head} {_paint(f.severity, f.severity, color)} {f.rule} {f.message}")
            if f.suggestion:
                out.append(f"    suggestion: {f.suggestion}")
            if 0 < f.line <= len(lines):
                width = (f.end - f.start) if f.end_line == f.line else len(lines[f.line - 1]) - f.column + 1
                text, marker = _excerpt(lines[f.line - 1].rstrip("\r"), f.column, width)
                out.append("    " + _paint(text, "dim", color))
                out.append("    " + _paint(marker, f.severity, color))
        out.append("")
    summary = summarize(result)
    sev = summary["by_severity"]
    parts = [
        f"{summary['files']} file{'s' if summary['files'] != 1 else ''} checked",
        f"{sev['error']} errors, {sev['warning']} warnings, {sev['suggestion']} suggestions",
    ]
    if summary["files"]:
        parts.append(f"score min {summary['min_score']:g}, median {summary['median_score']:g}")
    if summary["errors"]:
        parts.append(f"{summary['errors']} unreadable")
    out.append(" · ".join(parts))
    return "\n".join(out) + "\n"
