"""The GitHub Action's run step, executed by bash as the runner would, with
the inputs passed through the environment (no GitHub needed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT


def _run_step(tmp_path, **inputs):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    step = next(s for s in action["runs"]["steps"] if s.get("name") == "Run copydesk")
    defaults = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    values = {**defaults, **inputs}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name, template in step["env"].items():
        env[name] = values[template.split("inputs.")[1].rstrip("} ").strip()]
    # `copydesk` on PATH runs this checkout, as the install step would.
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "copydesk").write_text(f'#!/bin/sh\nexec {sys.executable} -m linter.cli "$@"\n')
    (shim / "copydesk").chmod(0o755)
    env["PATH"] = f"{shim}{os.pathsep}{env['PATH']}"
    return subprocess.run(["bash", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True)


def test_action_inputs_are_declared_and_used():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert {"paths", "format", "fail-level", "fail-under", "output", "diff-base"} <= set(action["inputs"])


def test_action_step_annotates_and_fails_on_warnings(tmp_path):
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("Guys, buckle up.\n")
    proc = _run_step(tmp_path, paths="posts", **{"fail-level": "warning"})
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("::warning file=posts/a.md,line=1,col=1")


def test_action_step_writes_sarif(tmp_path):
    (tmp_path / "a.md").write_text("The council met on Tuesday.\n")
    proc = _run_step(tmp_path, paths="a.md", format="sarif", output="out.sarif")
    assert proc.returncode == 0, proc.stderr
    assert '"version": "2.1.0"' in (Path(tmp_path) / "out.sarif").read_text()
