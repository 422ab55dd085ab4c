"""--jobs: a process pool gives the same output, in the same order, as one process."""

from __future__ import annotations

import shutil

from conftest import FIXTURES, run_cli


def test_jobs_output_is_identical_to_one_process(tmp_path):
    for draft in FIXTURES.iterdir():
        if draft.suffix in (".md", ".html", ".txt") and draft.name not in ("README.md", "LABELLING.md"):
            shutil.copy(draft, tmp_path / draft.name)
    (tmp_path / "broken.md").write_bytes(b"\x00binary")
    outputs = {}
    for jobs in ("1", "2"):
        for fmt in ("json", "sarif", "text"):
            code, out, err = run_cli("check", "--no-color", "--format", fmt, "--jobs", jobs, tmp_path)
            outputs[jobs, fmt] = (code, out)
    for fmt in ("json", "sarif", "text"):
        assert outputs["1", fmt] == outputs["2", fmt], fmt
    assert outputs["1", "json"][0] == 3  # the binary file is reported in both


def test_jobs_must_be_positive(tmp_path):
    (tmp_path / "a.md").write_text("Hello.\n")
    code, _, err = run_cli("check", "--jobs", "0", tmp_path / "a.md")
    assert code == 2 and "--jobs must be at least 1" in err
