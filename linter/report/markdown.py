"""A Markdown summary for a CI job summary ($GITHUB_STEP_SUMMARY): a table
of files with scores and counts, then the rules that fired most."""

from __future__ import annotations

from collections import Counter

from .summary import summarize


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(result) -> str:
    summary = summarize(result)
    sev = summary["by_severity"]
    out = [
        "## copydesk",
        "",
        f"{summary['files']} files, {sev['error']} errors, {sev['warning']} warnings, "
        f"{sev['suggestion']} suggestions"
        + (f", median score {summary['median_score']:g}" if summary["files"] else "")
        + ".",
        "",
    ]
    if result.files:
        out += [
            "| file | score | words | errors | warnings | suggestions |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for file in sorted(result.files, key=lambda f: f.score):
            counts = Counter(f.severity for f in file.findings)
            out.append(
                f"| `{_cell(file.path)}` | {file.score:g} | {file.words} | {counts['error']} "
                f"| {counts['warning']} | {counts['suggestion']} |"
            )
        out.append("")
    rules = Counter(f.rule for file in result.files for f in file.findings)
    if rules:
        out += ["| rule | findings |", "| --- | ---: |"]
        out += [f"| `{rule}` | {count} |" for rule, count in rules.most_common(15)]
        out.append("")
    if result.errors:
        out += (
            ["**Could not read:**", ""]
            + [f"- `{_cell(e.path or '')}`: {_cell(e.message)}" for e in result.errors]
            + [""]
        )
    return "\n".join(out)
