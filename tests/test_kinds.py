"""The kinds no built-in rule uses in every way: substitution with its
suggestion, occurrence over its own terms, and include globs."""

from __future__ import annotations

import json
import textwrap

from conftest import run_cli

PACK = textwrap.dedent("""\
    pack: house
    rules:
      - id: house.plain-words
        kind: substitution
        category: style
        severity: warning
        message: "Use '{suggestion}' instead of '{match}'."
        why: Plain words read faster.
        swap: {utilize: use, "in order to": to}
        examples: {bad: [We utilize it.], good: [We use it.]}
      - id: house.too-many-buts
        kind: occurrence
        category: style
        scope: sentence
        max: 1
        tokens: [but]
        message: "{count} 'but's in one sentence (max {max})."
        why: Stacked contrasts lose the reader.
        examples: {bad: ["A, but B, but C."], good: ["A, but B."]}
    """)


def _project(tmp_path, draft):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "house.yaml").write_text(PACK)
    (tmp_path / ".copydesk.yaml").write_text("rule_dirs: [styles]\npacks: {filler: false}\n")
    (tmp_path / "a.md").write_text(draft)
    _, out, err = run_cli("check", "--format", "json", "--select", "house", tmp_path / "a.md")
    assert err == "", err
    return json.loads(out)["files"][0]["findings"]


def test_substitution_suggests_with_the_case_of_the_match(tmp_path):
    findings = _project(tmp_path, "Utilize the tool in order to win.\n")
    got = [(f["match"], f["suggestion"], f["message"]) for f in findings]
    assert got == [
        ("Utilize", "Use", "Use 'Use' instead of 'Utilize'."),
        ("in order to", "to", "Use 'to' instead of 'in order to'."),
    ]


def test_occurrence_reports_the_match_over_the_limit(tmp_path):
    findings = _project(tmp_path, "Fast, but small, but loud. Slow but quiet.\n")
    assert [(f["match"], f["column"], f["message"]) for f in findings] == [
        ("but", 18, "2 'but's in one sentence (max 1).")
    ]


def test_include_globs_choose_drafts_in_directories(tmp_path):
    (tmp_path / ".copydesk.yaml").write_text("include: ['posts/**/*.md']\n")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("Guys, hello.\n")
    (tmp_path / "notes.md").write_text("Guys, hello.\n")
    _, out, _ = run_cli("check", "--format", "json", tmp_path)
    assert [f["path"] for f in json.loads(out)["files"]] == [str(tmp_path / "posts" / "a.md")]
