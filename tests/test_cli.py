"""The command as users meet it: outputs, exit codes, and bad input."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

FLAWED = "# Update\n\nGuys, buckle up. This is the tip of the iceberg.\n"
CLEAN = "# Update\n\nThe council approved the budget on Tuesday, the clerk said.\n"


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "flawed.md").write_text(FLAWED)
    (tmp_path / "clean.md").write_text(CLEAN)
    return tmp_path


def test_help_lists_commands_and_exit_codes():
    code, out, _ = run_cli("--help")
    assert code == 0
    for word in ("check", "rules", "explain", "init", "exit codes"):
        assert word in out
    code, out, _ = run_cli("check", "--help")
    assert code == 0 and "--fail-under" in out and "--select" in out


def test_text_output_points_at_the_span(drafts):
    code, out, _ = run_cli("check", "--no-color", "--fail-level", "warning", drafts / "flawed.md")
    assert code == 1
    line = next(ln for ln in out.splitlines() if "filler.reader-address" in ln and "Guys" in ln)
    assert line.strip().startswith(f"{drafts / 'flawed.md'}:3:1 warning filler.reader-address")
    lines = out.splitlines()
    i = lines.index(line)
    assert lines[i + 1].strip() == FLAWED.splitlines()[2]
    assert lines[i + 2].strip() == "^^^^"
    assert "\033[" not in out  # no colour in a pipe
    assert "1 file checked" in out


def test_json_output_shape(drafts):
    code, out, _ = run_cli("check", "--format", "json", drafts / "flawed.md")
    data = json.loads(out)
    assert set(data) >= {"version", "files", "summary"}
    file = data["files"][0]
    assert set(file) >= {"path", "score", "categories", "words", "findings"}
    finding = next(f for f in file["findings"] if f["rule"] == "cliches.stock-phrase")
    assert set(finding) >= {
        "rule",
        "category",
        "severity",
        "confidence",
        "message",
        "match",
        "suggestion",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
    }
    assert finding["match"] == "tip of the iceberg"
    assert FLAWED[finding["start"] : finding["end"]] == "tip of the iceberg"
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (3, 30, 3, 48)
    assert code == 0  # warnings and suggestions do not fail at the default fail level (error)


def test_clean_draft_passes_and_scores_100(drafts):
    code, out, _ = run_cli("check", "--format", "json", "--fail-level", "suggestion", drafts / "clean.md")
    assert code == 0
    assert json.loads(out)["files"][0]["score"] == 100


def test_fail_under_gates(drafts):
    assert run_cli("check", "--fail-under", "99", drafts / "flawed.md")[0] == 1
    assert run_cli("check", "--fail-under", "99", drafts / "clean.md")[0] == 0


def test_select_and_ignore(drafts):
    _, out, _ = run_cli("check", "--format", "json", "--select", "cliches", drafts / "flawed.md")
    rules = {f["rule"] for f in json.loads(out)["files"][0]["findings"]}
    assert rules == {"cliches.stock-phrase"}
    _, out, _ = run_cli(
        "check", "--format", "json", "--ignore", "cliches,filler.reader-address", drafts / "flawed.md"
    )
    rules = {f["rule"] for f in json.loads(out)["files"][0]["findings"]}
    assert "cliches.stock-phrase" not in rules and "filler.reader-address" not in rules
    code, _, err = run_cli("check", "--select", "nosuchpack", drafts / "flawed.md")
    assert code == 2 and "nosuchpack" in err


def test_min_level_hides_but_does_not_change_score(drafts):
    _, out, _ = run_cli("check", "--format", "json", "--min-level", "warning", drafts / "flawed.md")
    file = json.loads(out)["files"][0]
    assert all(f["severity"] != "suggestion" for f in file["findings"])
    _, out2, _ = run_cli("check", "--format", "json", drafts / "flawed.md")
    assert json.loads(out2)["files"][0]["score"] == file["score"]


def test_stdin(drafts):
    code, out, _ = run_cli("check", "--format", "json", "-", stdin=FLAWED)
    data = json.loads(out)
    assert data["files"][0]["path"] == "<stdin>"
    assert any(f["rule"] == "filler.reader-address" for f in data["files"][0]["findings"])


def test_directory_discovery_honours_gitignore(tmp_path):
    (tmp_path / ".gitignore").write_text("ignored/\n*.draft.md\n")
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "a.md").write_text(FLAWED)
    (tmp_path / "b.draft.md").write_text(FLAWED)
    (tmp_path / "c.md").write_text(FLAWED)
    (tmp_path / "d.py").write_text("print('guys')\n")
    _, out, _ = run_cli("check", "--format", "json", tmp_path)
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert paths == [str(tmp_path / "c.md")]


def test_rules_and_explain():
    code, out, _ = run_cli("rules")
    assert code == 0 and "filler.reader-address" in out and "readability.grade-level" in out
    code, out, _ = run_cli("explain", "cliches.stock-phrase")
    assert code == 0 and "Why:" in out and "tip of the iceberg" in out
    code, _, err = run_cli("explain", "no.such-rule")
    assert code == 2 and err.count("\n") == 1


def test_init_writes_a_valid_config(tmp_path):
    code, _, _ = run_cli("init", cwd=tmp_path)
    assert code == 0 and (tmp_path / ".copydesk.yaml").exists()
    assert run_cli("init", cwd=tmp_path)[0] == 2  # will not overwrite
    (tmp_path / "a.md").write_text(CLEAN)
    code, out, err = run_cli("check", "a.md", cwd=tmp_path)
    assert code == 0, err


# -- bad input: one line each, the right exit code, other files still checked --


def _one_line(err):
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_missing_path_is_exit_3_and_others_still_checked(drafts):
    code, out, err = run_cli("check", "--format", "json", drafts / "nope.md", drafts / "flawed.md")
    assert code == 3
    data = json.loads(out)
    assert [f["path"] for f in data["files"]] == [str(drafts / "flawed.md")]
    assert data["errors"][0]["path"].endswith("nope.md")


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("latin1.md", "Caf\u00e9 society\n".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_unreadable_files_exit_3_with_one_line(tmp_path, name, content, expected):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "ok.md").write_text(FLAWED)
    code, out, err = run_cli("check", "--no-color", tmp_path / name, tmp_path / "ok.md")
    assert code == 3
    error_lines = [ln for ln in out.splitlines() if ln.startswith("error")]
    assert len(error_lines) == 1 and expected in error_lines[0] and name in error_lines[0]
    assert "ok.md:3:1" in out  # the good file was still checked
    assert "Traceback" not in out + err


def test_invalid_utf8_names_line_and_column(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"fine\nalso fine \xff here\n")
    _, out, _ = run_cli("check", "--no-color", tmp_path / "bad.txt")
    assert "bad.txt:2:11: not valid UTF-8 (byte 0xff)" in out


def test_empty_file_is_a_note_not_an_error(tmp_path):
    (tmp_path / "empty.md").write_text("")
    code, out, _ = run_cli("check", "--no-color", tmp_path / "empty.md")
    assert code == 0 and "empty draft" in out


def test_directory_without_drafts(tmp_path):
    (tmp_path / "notes.py").write_text("x = 1\n")
    code, out, _ = run_cli("check", "--no-color", tmp_path)
    assert code == 3 and "no drafts found" in out


def test_oversized_draft_is_refused_with_the_limit(tmp_path):
    big = tmp_path / "big.md"
    big.write_text("Plain words here. " * 70000)  # about 1.2 MB
    (tmp_path / "ok.md").write_text(CLEAN)
    code, out, _ = run_cli("check", "--no-color", "--max-file-size", "1", big, tmp_path / "ok.md")
    assert code == 3 and "over the 1 MB limit" in out and "max_file_size" in out
    assert "2 files" not in out and "1 file checked" in out


def test_unknown_option_is_usage_error():
    code, _, err = run_cli("check", "--no-such-flag")
    assert code == 2 and "unrecognized arguments" in err and "Traceback" not in err


def test_fifty_megabyte_draft_is_refused_at_the_default_limit(tmp_path):
    huge = tmp_path / "huge.md"
    with huge.open("w") as handle:
        line = "The council met again and approved the budget for the coming year.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    code, out, err = run_cli("check", "--no-color", huge)
    assert code == 3
    assert "huge.md: file is 50.0 MB, over the 20 MB limit" in out
    assert "Traceback" not in out + err
