"""Baselines (only new findings, score drops) and changed-lines mode against
a real git repository."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from conftest import run_cli

OLD = "Intro.\n\nGuys, this is the tip of the iceberg.\n"


def _rules(out):
    return sorted((f["line"], f["rule"]) for file in json.loads(out)["files"] for f in file["findings"])


def test_baseline_hides_old_findings_even_when_lines_move(tmp_path):
    (tmp_path / "a.md").write_text(OLD)
    code, out, _ = run_cli("check", "--write-baseline", "base.json", "a.md", cwd=tmp_path)
    assert code == 0 and "wrote baseline base.json (2 findings)" in out
    # An unrelated paragraph above moves the old findings two lines down.
    (tmp_path / "a.md").write_text("A new first paragraph.\n\n" + OLD + "\nBuckle up.\n")
    code, out, _ = run_cli("check", "--format", "json", "--baseline", "base.json", "a.md", cwd=tmp_path)
    assert _rules(out) == [(7, "filler.reader-address")]


def test_baseline_counts_repeats(tmp_path):
    (tmp_path / "a.md").write_text(OLD)
    run_cli("check", "--write-baseline", "base.json", "a.md", cwd=tmp_path)
    (tmp_path / "a.md").write_text(OLD + "\n" + OLD.split("\n\n")[1])  # the same sentence again
    _, out, _ = run_cli("check", "--format", "json", "--baseline", "base.json", "a.md", cwd=tmp_path)
    assert _rules(out) == [(5, "cliches.stock-phrase"), (5, "filler.reader-address")]


def test_max_score_drop(tmp_path):
    (tmp_path / "a.md").write_text("The council met on Tuesday, the clerk said. " * 20 + "\n")
    run_cli("check", "--write-baseline", "base.json", "a.md", cwd=tmp_path)
    (tmp_path / "a.md").write_text(
        "Guys, buckle up. " * 5 + "The council met on Tuesday, the clerk said. " * 20
    )
    code, out, _ = run_cli(
        "check", "--no-color", "--baseline", "base.json", "--max-score-drop", "5", "a.md", cwd=tmp_path
    )
    assert code == 1 and "points below the baseline's 100" in out
    assert (
        run_cli("check", "--baseline", "base.json", "--max-score-drop", "100", "a.md", cwd=tmp_path)[0] == 0
    )
    code, _, err = run_cli("check", "--max-score-drop", "5", "a.md", cwd=tmp_path)
    assert code == 2 and "--max-score-drop needs --baseline" in err


@pytest.mark.parametrize(
    "content,message",
    [
        (None, "baseline file not found"),
        ("{not json", "base.json:1:2: baseline is not valid JSON"),
        ('{"format": "copydesk-baseline", "version": 99, "files": {}}', "format version 99 is not 1"),
        ('{"some": "other file"}', "not a copydesk baseline file"),
    ],
)
def test_bad_baseline_is_one_line_and_exit_2(tmp_path, content, message):
    (tmp_path / "a.md").write_text(OLD)
    if content is not None:
        (tmp_path / "base.json").write_text(content)
    code, out, err = run_cli("check", "--baseline", "base.json", "a.md", cwd=tmp_path)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_writing_a_baseline_is_atomic(tmp_path, monkeypatch):
    """A failure while replacing the file leaves the old baseline intact and no
    temporary file behind."""
    from linter import baseline
    from linter.errors import ConfigError
    from linter.runner import RunResult

    target = tmp_path / "base.json"
    target.write_text("old baseline\n")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ConfigError, match="No space left on device"):
        baseline.write(target, RunResult())
    assert target.read_text() == "old baseline\n"
    assert [p.name for p in tmp_path.iterdir()] == ["base.json"]


def _git(*args, cwd):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_diff_base_reports_only_changed_lines(tmp_path):
    _git("init", "-q", cwd=tmp_path)
    (tmp_path / "a.md").write_text(OLD)
    (tmp_path / "same.md").write_text(OLD)
    _git("add", "-A", cwd=tmp_path)
    _git("commit", "-qm", "first", cwd=tmp_path)
    (tmp_path / "a.md").write_text(OLD + "\nBuckle up, this is a double-edged sword.\n")
    (tmp_path / "new.md").write_text("Guys, hello.\n")  # untracked: every line is new
    _, out, _ = run_cli("check", "--format", "json", "--diff-base", "HEAD", ".", cwd=tmp_path)
    found = {
        f["path"]: sorted((x["line"], x["rule"]) for x in f["findings"]) for f in json.loads(out)["files"]
    }
    assert found["a.md"] == [(5, "cliches.stock-phrase"), (5, "filler.reader-address")]
    assert found["same.md"] == []
    assert found["new.md"] == [(1, "filler.reader-address")]


def test_diff_base_errors(tmp_path):
    (tmp_path / "a.md").write_text(OLD)
    code, _, err = run_cli("check", "--diff-base", "HEAD", "a.md", cwd=tmp_path)
    assert code == 2 and "--diff-base:" in err and "not a git repository" in err.lower()
    _git("init", "-q", cwd=tmp_path)
    _git("add", "-A", cwd=tmp_path)
    _git("commit", "-qm", "first", cwd=tmp_path)
    code, _, err = run_cli("check", "--diff-base", "no-such-ref", "a.md", cwd=tmp_path)
    assert (
        code == 2
        and "--diff-base: unknown git ref 'no-such-ref'" in err
        and len(err.strip().splitlines()) == 1
    )
