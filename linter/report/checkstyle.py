"""Checkstyle XML, which many CI systems and editors read."""

from __future__ import annotations

from xml.etree import ElementTree as ET

SEVERITY = {"error": "error", "warning": "warning", "suggestion": "info"}


def render(result) -> str:
    root = ET.Element("checkstyle", version="4.3")
    for file in result.files:
        node = ET.SubElement(root, "file", name=file.path)
        for f in file.findings:
            ET.SubElement(
                node,
                "error",
                line=str(f.line),
                column=str(f.column),
                severity=SEVERITY[f.severity],
                message=f.message,
                source=f"copydesk.{f.rule}",
            )
    for error in result.errors:
        node = ET.SubElement(root, "file", name=error.path or "")
        ET.SubElement(node, "error", severity="error", message=error.message, source="copydesk.input")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
