"""SARIF 2.1.0, with rule metadata and help text (for code scanning)."""

from __future__ import annotations

import json

from .. import __version__

LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}
INFO_URI = "https://pypi.org/project/copydesk/"


def _rule(rule) -> dict:
    help_text = f"{rule.why}\n\nFlags, for example: " + " / ".join(rule.bad[:2])
    return {
        "id": rule.id,
        "name": "".join(part.title() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.why.split(". ")[0].rstrip(".") + "."},
        "fullDescription": {"text": rule.why},
        "help": {
            "text": help_text,
            "markdown": f"{rule.why}\n\n**Flags:** "
            + "; ".join(f"*{b}*" for b in rule.bad[:2])
            + "\n\n**Leaves alone:** "
            + "; ".join(f"*{g}*" for g in rule.good[:2]),
        },
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "category": rule.category,
            "pack": rule.pack,
            "tags": sorted({rule.pack, rule.category}),
        },
        **({"helpUri": rule.link} if rule.link else {}),
    }


def _result(finding, index: dict) -> dict:
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "charOffset": finding.start,
        "charLength": finding.end - finding.start,
        "snippet": {"text": finding.match},
    }
    result = {
        "ruleId": finding.rule,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": finding.path.replace("\\", "/")},
                    "region": region,
                }
            }
        ],
        "properties": {"confidence": finding.confidence, "category": finding.category},
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if finding.suggestion is not None:
        result["fixes"] = [
            {
                "description": {"text": f"Replace with '{finding.suggestion}'"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": finding.path.replace("\\", "/")},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": finding.start,
                                    "charLength": finding.end - finding.start,
                                },
                                "insertedContent": {"text": finding.suggestion},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def render(result) -> str:
    rules = list(result.rules.values())
    index = {rule.id: i for i, rule in enumerate(rules)}
    notifications = [
        {
            "level": "error",
            "message": {"text": error.message},
            **(
                {"locations": [{"physicalLocation": {"artifactLocation": {"uri": error.path}}}]}
                if error.path
                else {}
            ),
        }
        for error in result.errors
    ]
    run = {
        "tool": {
            "driver": {
                "name": "copydesk",
                "version": __version__,
                "informationUri": INFO_URI,
                "rules": [_rule(rule) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index) for file in result.files for f in file.findings],
        "invocations": [
            {"executionSuccessful": not result.errors, "toolExecutionNotifications": notifications}
        ],
    }
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"
