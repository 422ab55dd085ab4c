"""JUnit XML: one test case per file, failing when it has findings; an
unreadable file is an errored test case."""

from __future__ import annotations

from xml.etree import ElementTree as ET


def render(result) -> str:
    suites = ET.Element("testsuites", name="copydesk")
    failed = sum(1 for f in result.files if f.findings)
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="copydesk",
        tests=str(len(result.files) + len(result.errors)),
        failures=str(failed),
        errors=str(len(result.errors)),
    )
    for file in result.files:
        case = ET.SubElement(suite, "testcase", classname="copydesk", name=file.path)
        if file.findings:
            failure = ET.SubElement(
                case,
                "failure",
                type="copydesk",
                message=f"{len(file.findings)} findings, score {file.score:g}",
            )
            failure.text = "\n".join(
                f"{f.path}:{f.line}:{f.column} {f.severity} {f.rule} {f.message}" for f in file.findings
            )
    for error in result.errors:
        case = ET.SubElement(suite, "testcase", classname="copydesk", name=error.path or "copydesk")
        ET.SubElement(case, "error", type="unreadable", message=error.message)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
