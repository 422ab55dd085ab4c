"""copydesk as a pre-commit hook, driven by the real `pre-commit` tool in a
temporary repository whose config points at this repository at a commit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(*args, cwd):
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        },
    )


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory):
    """This repository's committed state, as pre-commit will fetch it."""
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    return str(ROOT), rev


def _pre_commit(repo: Path, home: Path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")  # shared: the hook env is built once


def _repo(tmp_path, hook_source, drafts: dict[str, str]) -> Path:
    repo = tmp_path / "content"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    url, rev = hook_source
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {url}\n    rev: {rev}\n    hooks:\n      - id: copydesk\n"
        "        args: [--fail-level, warning]\n"
    )
    for name, text in drafts.items():
        (repo / name).write_text(text)
    _git("add", "-A", cwd=repo)
    return repo


def test_hook_fails_on_a_flawed_draft_and_prints_findings(tmp_path, hook_source, home):
    repo = _repo(
        tmp_path,
        hook_source,
        {"post.md": "# Update\n\nGuys, buckle up for the budget.\n", "notes.py": "print('guys')\n"},
    )
    proc = _pre_commit(repo, home)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "post.md:3:1 warning filler.reader-address" in proc.stdout
    assert "notes.py" not in proc.stdout  # only drafts are passed to the hook


def test_hook_passes_on_a_clean_draft(tmp_path, hook_source, home):
    repo = _repo(
        tmp_path,
        hook_source,
        {
            "post.md": "# Budget\n\nThe council approved the budget on Tuesday, the clerk said.\n",
            "page.html": "<p>The library opens at nine.</p>\n",
            "note.txt": "The meeting moved to Thursday.\n",
        },
    )
    proc = _pre_commit(repo, home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "copydesk" in proc.stdout and "Passed" in proc.stdout


def test_project_hooks_pass_on_the_committed_tree(tmp_path, home):
    """The project's own .pre-commit-config.yaml (ruff format, ruff check,
    copydesk on the project's prose) passes on what is committed."""
    tree = tmp_path / "tree"
    tree.mkdir()
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    (tree / ".venv").symlink_to(ROOT / ".venv")  # the copydesk hook runs the checkout's venv
    _git("init", "-q", cwd=tree)
    _git("add", "-A", cwd=tree)
    proc = _pre_commit(tree, home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for hook in ("ruff format", "ruff check", "copydesk (the project's own prose)"):
        assert hook in proc.stdout
