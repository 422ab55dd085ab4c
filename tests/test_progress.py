"""The progress line: on a terminal for long runs, never in a pipe or CI."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import ROOT


def _drafts(tmp_path, n=30):
    for i in range(n):
        (tmp_path / f"d{i:02d}.md").write_text("The council met on Tuesday, the clerk said.\n")
    return tmp_path


def _run_with_terminal_stderr(args, env):
    """Run copydesk with stderr on a pseudo-terminal; return what it wrote there."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "linter.cli", *args], stdout=subprocess.DEVNULL, stderr=follower, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(leader)
    return b"".join(chunks).decode(errors="replace")


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def test_progress_on_a_terminal(tmp_path):
    out = _run_with_terminal_stderr(["check", "--jobs", "1", str(_drafts(tmp_path))], _env())
    assert "30/30 files" in out and "/s" in out and "s left" in out


def test_no_progress_in_ci_or_pipes(tmp_path):
    drafts = _drafts(tmp_path)
    assert "files" not in _run_with_terminal_stderr(["check", "--jobs", "1", str(drafts)], _env(CI="true"))
    proc = subprocess.run(
        [sys.executable, "-m", "linter.cli", "check", str(drafts)], capture_output=True, text=True, env=_env()
    )
    assert proc.stderr == ""
