"""The README stays true: its opening commands, and the sections generated
from the packs, the config and the kinds."""

from __future__ import annotations

import re

from conftest import ROOT

from linter.docs import refresh


def test_readme_opens_with_exactly_two_commands():
    text = (ROOT / "README.md").read_text("utf-8")
    first_block = re.search(r"```sh\n(.*?)```", text, re.DOTALL).group(1)
    commands = [line for line in first_block.splitlines() if line.strip()]
    assert len(commands) == 2
    assert "copydesk check fixtures/" in commands[0]
    assert commands[1] == "scripts/test"
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text()


def test_generated_sections_match_the_code(builtin_packs):
    text = (ROOT / "README.md").read_text("utf-8")
    assert refresh(text, builtin_packs) == text, "README drifted: run scripts/update_docs.py"
    for pack in builtin_packs.values():
        for rule in pack.rules:
            assert f"`{rule.id}`" in text


def test_readme_passes_copydesk_itself():
    """The project's own prose is checked by its own pre-commit hook."""
    from conftest import run_cli

    code, out, err = run_cli("check", "--no-color", "--fail-level", "suggestion", ROOT / "README.md")
    assert code == 0, out + err
