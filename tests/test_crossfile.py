"""--across-files: paragraphs shared between files of one run, each pair once."""

from __future__ import annotations

import json

from conftest import run_cli

SHARED = (
    "The festival returns to the harbour in July with three stages, forty bands and a night market, "
    "and tickets go on sale on the first of March at the usual outlets."
)


def _findings(out):
    return {
        f["path"]: [x for x in f["findings"] if x["rule"] == "repetition.cross-file"]
        for f in json.loads(out)["files"]
    }


def test_each_duplicated_pair_is_reported_once_on_the_later_file(tmp_path):
    (tmp_path / "a.md").write_text(f"# A\n\n{SHARED}\n")
    (tmp_path / "b.md").write_text(f"# B\n\nSomething else first.\n\n{SHARED.replace('forty', 'fifty')}\n")
    (tmp_path / "c.md").write_text("# C\n\nNothing shared here at all, only a short note about parking.\n")
    _, out, _ = run_cli(
        "check", "--format", "json", "--across-files", "--select", "repetition.cross-file", tmp_path
    )
    found = _findings(out)
    assert found[str(tmp_path / "a.md")] == [] and found[str(tmp_path / "c.md")] == []
    [finding] = found[str(tmp_path / "b.md")]
    assert finding["line"] == 5 and f"{tmp_path / 'a.md'}:3" in finding["message"]
    assert 0.6 <= finding["confidence"] < 1


def test_repeats_inside_one_file_are_not_cross_file(tmp_path):
    (tmp_path / "a.md").write_text(f"{SHARED}\n\n{SHARED}\n")
    _, out, _ = run_cli(
        "check", "--format", "json", "--across-files", "--select", "repetition.cross-file", tmp_path / "a.md"
    )
    assert _findings(out)[str(tmp_path / "a.md")] == []


def test_without_the_flag_nothing_is_compared(tmp_path):
    (tmp_path / "a.md").write_text(f"{SHARED}\n")
    (tmp_path / "b.md").write_text(f"{SHARED}\n")
    _, out, _ = run_cli("check", "--format", "json", "--select", "repetition.cross-file", tmp_path)
    assert all(v == [] for v in _findings(out).values())
