"""Suppression comments in Markdown, HTML and plain text."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

GUYS = "Guys, this is the tip of the iceberg."


def _rules_by_line(out):
    return sorted((f["line"], f["rule"]) for f in json.loads(out)["files"][0]["findings"])


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_disable_enable_range_and_next_line(tmp_path, name):
    draft = tmp_path / name
    draft.write_text(
        f"{GUYS}\n"  # line 1: both rules
        "\n<!-- copydesk-disable filler.reader-address -->\n\n"  # line 3
        f"{GUYS}\n"  # line 5: cliché only
        "\n<!-- copydesk-enable -->\n\n"  # line 7
        f"{GUYS}\n"  # line 9: both
        "\n<!-- copydesk-disable-next-line cliches -->\n"  # line 11
        f"{GUYS}\n"
    )  # line 12: filler only
    _, out, _ = run_cli("check", "--format", "json", "--select", "filler,cliches", draft)
    assert _rules_by_line(out) == [
        (1, "cliches.stock-phrase"),
        (1, "filler.reader-address"),
        (5, "cliches.stock-phrase"),
        (9, "cliches.stock-phrase"),
        (9, "filler.reader-address"),
        (12, "filler.reader-address"),
    ]


def test_disable_file_and_html(tmp_path):
    draft = tmp_path / "a.html"
    draft.write_text(f"<!-- copydesk-disable-file filler -->\n<p>{GUYS}</p>\n")
    _, out, _ = run_cli("check", "--format", "json", "--select", "filler,cliches", draft)
    assert _rules_by_line(out) == [(2, "cliches.stock-phrase")]


def test_suppression_comment_is_not_prose_in_plain_text(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text("<!-- copydesk-disable-next-line cliches -->\nA double-edged sword.\n")
    _, out, _ = run_cli("check", "--format", "json", draft)
    assert _rules_by_line(out) == []  # nor markup.raw-html on the comment


def test_unknown_rule_warns_and_unused_is_reported(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text(
        "<!-- copydesk-disable-next-line filler.no-such-rule -->\nPlain text.\n\n"
        "<!-- copydesk-disable-next-line cliches -->\nNothing to silence here.\n"
    )
    code, out, _ = run_cli("check", "--no-color", "--report-unused-suppressions", draft)
    assert code == 0
    assert f"{draft}:1:1: warning: suppression names unknown rule or pack 'filler.no-such-rule'" in out
    assert f"{draft}:4:1: unused suppression: copydesk-disable-next-line (cliches) silenced nothing" in out
    _, out, _ = run_cli("check", "--no-color", draft)
    assert "unused suppression" not in out


def test_a_reason_after_double_dash_is_not_a_rule_id(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text("<!-- copydesk-disable -- quoted on purpose -->\n\nGuys.\n\n<!-- copydesk-enable -->\n")
    code, out, _ = run_cli("check", "--format", "json", draft)
    assert json.loads(out)["files"][0]["findings"] == [] and "unknown rule" not in out
