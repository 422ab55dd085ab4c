"""Config and user rule packs: validated with file, line and column."""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import run_cli

DRAFT = "# Note\n\nGuys, the Wagner Group is a double-edged sword.\n"


def _write(path, text):
    path.write_text(textwrap.dedent(text))
    return path


def _findings(out):
    return [(f["rule"], f["match"]) for f in json.loads(out)["files"][0]["findings"]]


@pytest.fixture
def project(tmp_path):
    (tmp_path / "a.md").write_text(DRAFT)
    return tmp_path


def test_config_is_found_by_walking_up(project):
    sub = project / "deep" / "er"
    sub.mkdir(parents=True)
    (sub / "b.md").write_text(DRAFT)
    _write(project / ".copydesk.yaml", "packs: {cliches: false}\n")
    _, out, _ = run_cli("check", "--format", "json", sub / "b.md")
    assert all(rule != "cliches.stock-phrase" for rule, _ in _findings(out))


def test_rule_severity_and_off(project):
    _write(
        project / ".copydesk.yaml",
        """\
        rules:
          filler.reader-address: error
          cliches.stock-phrase: off
        """,
    )
    code, out, _ = run_cli("check", "--format", "json", project / "a.md")
    data = json.loads(out)["files"][0]["findings"]
    assert {f["rule"]: f["severity"] for f in data}["filler.reader-address"] == "error"
    assert all(f["rule"] != "cliches.stock-phrase" for f in data)
    assert code == 1  # an error-level finding fails at the default fail level


def test_per_path_override(project):
    (project / "opinion").mkdir()
    (project / "opinion" / "col.md").write_text(DRAFT)
    _write(
        project / ".copydesk.yaml",
        """\
        overrides:
          - paths: ["opinion/**"]
            packs: {filler: false}
        """,
    )
    _, out, _ = run_cli("check", "--format", "json", project)
    by_path = {f["path"]: {x["rule"] for x in f["findings"]} for f in json.loads(out)["files"]}
    assert "filler.reader-address" in by_path[str(project / "a.md")]
    assert "filler.reader-address" not in by_path[str(project / "opinion" / "col.md")]


def test_vocabulary_silences_matches(project):
    _write(project / ".copydesk.yaml", "vocabulary: ['double-edged sword']\n")
    _, out, _ = run_cli("check", "--format", "json", project / "a.md")
    assert ("cliches.stock-phrase", "double-edged sword") not in _findings(out)


def test_pyproject_section(project):
    _write(
        project / "pyproject.toml",
        """\
        [project]
        name = "site"

        [tool.copydesk]
        packs = { filler = false }
        fail_under = 99
        """,
    )
    code, out, _ = run_cli("check", "--format", "json", project / "a.md")
    assert all(rule != "filler.reader-address" for rule, _ in _findings(out))
    assert code == 1


def test_pyproject_unknown_key_points_at_its_line(project):
    _write(
        project / "pyproject.toml",
        """\
        [project]
        name = "site"

        [tool.copydesk]
        fail_undr = 50
        """,
    )
    code, _, err = run_cli("check", project / "a.md")
    assert code == 2
    assert f"{project / 'pyproject.toml'}:5:1: unknown key 'fail_undr'" in err


@pytest.mark.parametrize(
    "config,where,message",
    [
        ("packs: {filler: maybe}\n", ":1:17:", "must be true or false"),
        ("min_level: loud\n", ":1:12:", "must be one of suggestion, warning, error"),
        ("rules:\n  filler.reader-address: sometimes\n", ":2:26:", "must be one of off"),
        ("exclude: [a\n", ":2:1:", "invalid YAML"),
        ("colour: red\n", ":1:1:", "unknown key 'colour'"),
        ("packs: {nosuch: true}\n", "", "unknown rule or pack 'nosuch'"),
    ],
)
def test_bad_config_is_one_clear_error(project, config, where, message):
    _write(project / ".copydesk.yaml", config)
    code, out, err = run_cli("check", project / "a.md")
    assert code == 2, err
    assert message in err and "Traceback" not in err
    assert out == ""  # nothing checked with a broken config
    if where:
        assert f".copydesk.yaml{where}" in err


USER_PACK = """\
pack: house
rules:
  - id: house.banned-words
    kind: existence
    category: style
    message: "Avoid '{{match}}'."
    why: House style.
    tokens: [synergy]
    patterns: ["{pattern}"]
    examples: {{bad: [synergy], good: [teamwork]}}
"""


def _user_pack(project, pattern="leverag(?:e|ing)"):
    (project / "styles").mkdir(exist_ok=True)
    (project / "styles" / "house.yaml").write_text(USER_PACK.format(pattern=pattern))
    _write(project / ".copydesk.yaml", "rule_dirs: [styles]\n")


def test_user_pack_runs(project):
    _user_pack(project)
    (project / "a.md").write_text("We are leveraging synergy.\n")
    _, out, _ = run_cli("check", "--format", "json", project / "a.md")
    assert ("house.banned-words", "leveraging") in _findings(out)
    assert ("house.banned-words", "synergy") in _findings(out)


def test_invalid_regex_in_user_rule_points_at_it(project):
    _user_pack(project, pattern="leverag(e")
    code, _, err = run_cli("check", project / "a.md")
    assert code == 2
    assert "house.yaml:9:16: invalid regex 'leverag(e'" in err
    assert "    patterns:" in err and "Traceback" not in err


def test_catastrophic_regex_is_reported_not_hung(project):
    _user_pack(project, pattern="(a|aa)+$")
    (project / "a.md").write_text("a" * 60 + "!\n")
    code, out, err = run_cli("check", project / "a.md")
    assert code == 2
    assert "house.banned-words" in err and "took over" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "pack,message",
    [
        ("pack: house\nrules:\n  - id: house.x\n    kind: existance\n", "unknown kind 'existance'"),
        (
            "pack: house\nrules:\n  - id: other.x\n    kind: existence\n    category: c\n    message: m\n"
            "    why: w\n    examples: {}\n",
            "must be 'house.rule-name'",
        ),
        (
            "pack: house\nrules:\n  - id: house.x\n    kind: existence\n    category: c\n    message: m\n"
            "    why: w\n    examples: {}\n    tokns: [a]\n",
            "unknown key 'tokns'",
        ),
        (
            "pack: house\nrules:\n  - id: house.x\n    kind: existence\n    category: c\n    message: '{nope}'\n"
            "    why: w\n    examples: {}\n",
            "unknown field(s) ['nope']",
        ),
        ("pack: house\nrules: {}\n", "must be a list"),
        ("- just\n- a list\n", "must be a mapping"),
        ("pack: house\npack: again\nrules: []\n", "house.yaml:2:1: duplicate key 'pack'"),
    ],
)
def test_bad_rule_pack_is_one_clear_error(project, pack, message):
    (project / "styles").mkdir()
    (project / "styles" / "house.yaml").write_text(pack)
    _write(project / ".copydesk.yaml", "rule_dirs: [styles]\n")
    code, _, err = run_cli("check", project / "a.md")
    assert code == 2 and message in err and "house.yaml:" in err and "Traceback" not in err


def test_schema_command_lists_config_keys():
    code, out, _ = run_cli("schema")
    schema = json.loads(out)
    assert code == 0 and schema["additionalProperties"] is False
    assert {"packs", "rules", "overrides", "vocabulary", "fail_under"} <= set(schema["properties"])


def test_rule_options_are_tuned_in_the_config(project):
    (project / "a.md").write_text("Unemployment rose to 7.4% in March.\n")
    _, out, _ = run_cli("check", "--format", "json", "--select", "sourcing", project / "a.md")
    assert ("sourcing.unattributed-figure", "7.4%") in _findings(out)
    _write(
        project / ".copydesk.yaml",
        """\
        rules:
          sourcing.unattributed-figure:
            severity: suggestion
            options: {sources: [Unemployment]}
        """,
    )
    _, out, _ = run_cli("check", "--format", "json", "--select", "sourcing", project / "a.md")
    assert _findings(out) == []


@pytest.mark.parametrize(
    "config,message",
    [
        (
            "rules:\n  sourcing.unattributed-figure: {options: {windw: 2}}\n",
            ":2:44: unknown rule option 'windw'",
        ),
        (
            "rules:\n  sourcing.unattributed-figure: {options: {window_before: two}}\n",
            "'window_before' must be a number",
        ),
        (
            "rules:\n  cliches.stock-phrase: {options: {window_before: 2}}\n",
            "has no option(s) ['window_before']",
        ),
        ("rules:\n  cliches.stock-phrase: {options: {patterns: ['(a']}}\n", "invalid regex '(a'"),
    ],
)
def test_bad_rule_options_are_one_clear_error(project, config, message):
    _write(project / ".copydesk.yaml", config)
    code, _, err = run_cli("check", project / "a.md")
    assert code == 2 and message in err and "Traceback" not in err


def test_runaway_pattern_in_a_sourcing_list_is_reported(project):
    """List options are user regexes too: they get the same time limit."""
    _write(
        project / ".copydesk.yaml",
        """\
        rules:
          sourcing.vague-attribution:
            options: {vague_sources: ["(a|aa)+$"]}
        """,
    )
    (project / "a.md").write_text("a" * 60 + "!\n")
    code, _, err = run_cli("check", "--select", "sourcing", project / "a.md")
    assert code == 2 and "took over" in err and "sourcing." in err and "Traceback" not in err


def test_the_time_limit_grows_with_the_text_searched():
    """A long draft is not a runaway pattern: 2 s per megabyte searched, and
    never less than 2 s, so a short runaway is still caught within 2 s."""
    from linter.kinds.sourcing_patterns import _Timed
    from linter.kinds.terms import REGEX_TIMEOUT, timeout_for

    assert timeout_for(0) == timeout_for(1_000_000) == REGEX_TIMEOUT
    assert timeout_for(10_000_000) == 10 * REGEX_TIMEOUT
    # The sourcing kind's patterns take their limit from the span they search.
    text = "x" * 3_000_000 + " said the mayor"
    assert _Timed(r"\bsaid\b").search(text).start() == 3_000_001
