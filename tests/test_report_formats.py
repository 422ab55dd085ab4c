"""CI output formats: SARIF against the official schema, GitHub annotations,
reviewdog, JUnit, Checkstyle and the Markdown job summary."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from conftest import ROOT, run_cli

DRAFT = (
    "Guys, this is the tip of the iceberg.\n\nSome 2,000 workers reportedly quit, a figure nobody checked.\n"
)


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "a.md").write_text(DRAFT)
    (tmp_path / "b.md").write_text("The council approved the budget, the clerk said.\n")
    return tmp_path


def test_sarif_is_valid_and_carries_rule_metadata(drafts):
    code, out, err = run_cli("check", "--format", "sarif", drafts)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    sarif = json.loads(out)
    jsonschema.Draft4Validator(schema).validate(sarif)
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["filler.reader-address"]["help"]["text"].startswith("Conversational asides")
    assert rules["cliches.stock-phrase"]["defaultConfiguration"]["level"] == "note"
    result = next(r for r in run["results"] if r["ruleId"] == "cliches.stock-phrase")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 19, 37)
    assert region["snippet"]["text"] == "tip of the iceberg"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "cliches.stock-phrase"
    hedged = next(r for r in run["results"] if r["ruleId"] == "sourcing.unattributed-figure")
    assert hedged["level"] == "error"
    assert code == 1  # the error-level finding fails the run


def test_sarif_lists_unreadable_inputs(drafts):
    (drafts / "bin.md").write_bytes(b"\x00\x01")
    _, out, _ = run_cli("check", "--format", "sarif", drafts / "bin.md")
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "binary" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_github_annotations_sorted_escaped_and_capped(tmp_path):
    (tmp_path / "many.md").write_text(
        "\n\n".join(["Guys, buckle up, 10% of it is a double-edged sword."] * 12)
    )
    _, out, _ = run_cli("check", "--format", "github", tmp_path / "many.md")
    lines = out.splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines[:-1]]
    assert kinds == sorted(kinds, key=["::error", "::warning", "::notice"].index)
    assert kinds.count("::warning") == 10 and kinds.count("::notice") == 10
    assert lines[-1].startswith("::notice title=copydesk::") and "more findings not annotated" in lines[-1]
    first = lines[0]
    assert f"file={tmp_path / 'many.md'},line=1,col=" in first and ",endLine=1,endColumn=" in first
    assert ",title=" in first


def test_github_escapes_commands():
    from linter.report.github import _escape_data, _escape_property

    assert _escape_data("50% off\nnow") == "50%25 off%0Anow"
    assert _escape_property("a:b,c") == "a%3Ab%2Cc"


def test_rdjson_and_rdjsonl(drafts):
    _, out, _ = run_cli("check", "--format", "rdjson", drafts / "a.md")
    data = json.loads(out)
    assert data["source"]["name"] == "copydesk"
    diag = next(d for d in data["diagnostics"] if d["code"]["value"] == "filler.reader-address")
    assert diag["location"]["range"] == {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 5}}
    assert diag["severity"] == "WARNING"
    _, out, _ = run_cli("check", "--format", "rdjsonl", drafts / "a.md")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == len(data["diagnostics"]) and lines[0] == data["diagnostics"][0]


def test_junit_one_case_per_file(drafts):
    (drafts / "bin.md").write_bytes(b"\x00")
    _, out, _ = run_cli("check", "--format", "junit", drafts)
    suite = ET.fromstring(out).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert suite.get("tests") == "3" and suite.get("failures") == "1" and suite.get("errors") == "1"
    assert cases[str(drafts / "a.md")].find("failure") is not None
    assert cases[str(drafts / "b.md")].find("failure") is None
    assert cases[str(drafts / "bin.md")].find("error") is not None


def test_checkstyle(drafts):
    _, out, _ = run_cli("check", "--format", "checkstyle", drafts / "a.md")
    errors = ET.fromstring(out).find("file").findall("error")
    sources = {e.get("source"): e for e in errors}
    guys = sources["copydesk.filler.reader-address"]
    assert (guys.get("line"), guys.get("column"), guys.get("severity")) == ("1", "1", "warning")
    assert sources["copydesk.cliches.stock-phrase"].get("severity") == "info"


def test_markdown_summary_and_output_file(drafts, tmp_path):
    target = tmp_path / "summary.md"
    code, out, _ = run_cli("check", "--format", "markdown", "--output", target, drafts)
    assert out == ""
    text = target.read_text()
    assert text.startswith("## copydesk")
    assert "| file | score | words | errors | warnings | suggestions |" in text
    assert f"| `{drafts / 'a.md'}` |" in text and "| `filler.reader-address` | 1 |" in text
