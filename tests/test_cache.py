"""The results cache: a warm run reports exactly what a cold one does, any
change that matters misses, and a damaged, unwritable or shared cache never
breaks a run or changes its result."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import FIXTURES, ROOT, run_cli

from linter.cache import Store, clear

CLEAN = "# Update\n\nThe council approved the budget on Tuesday, the clerk said.\n"
FLAWED = "# Update\n\nGuys, buckle up. This is the tip of the iceberg.\n"


def _fixture_drafts(directory, copies=1):
    directory.mkdir()
    for draft in sorted(FIXTURES.iterdir()):
        if draft.suffix in (".md", ".html", ".txt") and draft.name not in ("README.md", "LABELLING.md"):
            for copy in range(copies):
                shutil.copy(draft, directory / f"{copy}-{draft.name}")
    return directory


def _entries(cache):
    return sorted(p for p in cache.rglob("*") if p.is_file() and p.suffix == ".json")


def _result_entries(cache):
    return [p for p in _entries(cache) if json.loads(p.read_bytes())["key"].startswith('["result"')]


def check(*args, cache=None):
    """`copydesk check` with --no-cache (cache None) or the cache in `cache`."""
    where = ("--no-cache",) if cache is None else ("--cache-dir", cache)
    return run_cli("check", "--no-color", *where, *args)


# -- the store, in process -------------------------------------------------------


@pytest.mark.parametrize("xdg", [None, "/srv/cache", "relative/cache", "  "])
def test_the_default_directory_is_the_one_platformdirs_names(monkeypatch, xdg):
    import platformdirs

    from linter.cache import ENV, default_root

    monkeypatch.delenv(ENV, raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert str(default_root()) == platformdirs.user_cache_dir("copydesk", appauthor=False)


def test_store_round_trip_and_misses(tmp_path):
    store = Store(tmp_path, "languagetool")
    assert store.get(["text", 1]) is None
    store.put(["text", 1], {"matches": [1, 2.5, "x", None]})
    assert store.get(["text", 1]) == {"matches": [1, 2.5, "x", None]}
    assert store.get(["text", 2]) is None
    assert Store(tmp_path, "results").get(["text", 1]) is None  # namespaces are apart
    # An entry under another key's name (a copy, a collision) is a miss.
    (entry,) = _entries(tmp_path)
    store.put(["other"], 0)
    other = next(p for p in _entries(tmp_path) if p != entry)
    shutil.copy(entry, other)
    assert store.get(["other"]) is None
    assert store.problem is None


def test_store_that_cannot_write_says_so_once(tmp_path):
    (tmp_path / "file").write_text("not a directory")
    store = Store(tmp_path / "file" / "cache", "results")
    store.put("a", 1)
    problem = store.problem
    assert problem and "cannot write to the cache" in problem
    store.put("b", 2)
    assert store.problem == problem and store.get("a") is None


HAMMER = """
import sys
from linter.cache import Store, clear

store = Store(sys.argv[1], "results")
value = lambda key: {"key": key, "text": str(key) * 20000}
for key in range(30):  # every process writes every entry, over and over
    store.put(key, value(key))
for round in range(20):
    for key in range(30):
        store.put(key, value(key))
        if store.get(key) != value(key):
            sys.exit(f"entry {key} read back as {str(store.get(key))[:40]!r}")
sys.exit(store.problem)
"""


def test_store_entries_are_never_seen_half_written(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [
        subprocess.Popen([sys.executable, "-c", HAMMER, tmp_path], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    for writer in writers:
        assert (writer.wait(), writer.stderr.read()) == (0, "")
    assert len(_entries(tmp_path)) == 30 and not list(tmp_path.rglob("*.tmp"))


def test_store_rejects_odd_namespaces(tmp_path):
    with pytest.raises(ValueError):
        Store(tmp_path, "../elsewhere")


def test_clear_removes_entries_and_leaves_the_rest(tmp_path):
    for namespace in ("results", "languagetool"):
        Store(tmp_path, namespace).put("key", "value")
    (tmp_path / "languagetool" / "LanguageTool-6.8").mkdir()  # a download kept beside the entries
    (tmp_path / "notes.txt").write_text("mine\n")
    files, size = clear(tmp_path)
    assert files == 2 and size > 0 and _entries(tmp_path) == []
    assert (tmp_path / "languagetool" / "LanguageTool-6.8").is_dir() and (tmp_path / "notes.txt").exists()
    assert clear(tmp_path) == (0, 0)
    assert clear(tmp_path / "missing") == (0, 0)


# -- warm equals cold ------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_warm_run_reports_exactly_what_a_cold_run_does(tmp_path, jobs):
    drafts = _fixture_drafts(tmp_path / "drafts")
    (drafts / "broken.md").write_bytes(b"\x00binary")  # errors are never cached
    cache = tmp_path / "cache"
    count = len(list(drafts.iterdir())) - 1
    for fmt in ("json", "text", "sarif"):
        fresh = check("--format", fmt, "--jobs", jobs, drafts)
        cold = check("--format", fmt, "--jobs", jobs, drafts, cache=cache)
        warm = check("--format", fmt, "--jobs", jobs, drafts, cache=cache)
        assert fresh[0] == 3 and fresh[:2] == cold[:2] == warm[:2], fmt
        assert warm[2] == fresh[2] and "note" not in warm[2]
    assert len(_result_entries(cache)) == count  # one per draft and settings: json, text, sarif share it
    assert not [p for p in cache.rglob("*.tmp")]
    fresh = check("--format", "json", "--across-files", "--jobs", jobs, drafts)
    assert check("--format", "json", "--across-files", "--jobs", jobs, drafts, cache=cache) == fresh
    # Hits and misses mixed: every other draft edited (9 misses: enough for the pool).
    for draft in sorted(drafts.iterdir())[::2]:
        draft.write_bytes(draft.read_bytes() + b"\n\nIt was the tip of the iceberg.\n")
    fresh = check("--format", "json", "--jobs", jobs, drafts)
    assert check("--format", "json", "--jobs", jobs, drafts, cache=cache) == fresh
    assert check("--format", "json", "--jobs", jobs, drafts, cache=cache) == fresh


def test_warm_run_reads_its_results_from_the_cache(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text(FLAWED)
    cache = tmp_path / "cache"
    _, cold, _ = check("--format", "json", draft, cache=cache)
    assert json.loads(cold)["files"][0]["score"] != 12.5
    (entry,) = _result_entries(cache)
    stored = json.loads(entry.read_bytes())
    stored["value"]["score"] = 12.5
    entry.write_text(json.dumps(stored))
    _, warm, _ = check("--format", "json", draft, cache=cache)
    assert json.loads(warm)["files"][0]["score"] == 12.5  # proof the hit was served
    assert check("--format", "json", draft)[1] == cold


# -- what must miss --------------------------------------------------------------


def test_an_edited_draft_misses(tmp_path):
    (tmp_path / "a.md").write_text(CLEAN)
    (tmp_path / "b.md").write_text(FLAWED)
    cache = tmp_path / "cache"
    _, before, _ = check("--format", "json", tmp_path / "a.md", tmp_path / "b.md", cache=cache)
    (tmp_path / "a.md").write_text(CLEAN + "\nIt is the tip of the iceberg.\n")
    after = check("--format", "json", tmp_path / "a.md", tmp_path / "b.md", cache=cache)
    assert after == check("--format", "json", tmp_path / "a.md", tmp_path / "b.md")
    rules = [f["rule"] for f in json.loads(after[1])["files"][0]["findings"]]
    assert "cliches.stock-phrase" in rules and after[1] != before


DRAFT = """\
# Quarterly note

Our synergy will leverage the team. It is the tip of the iceberg, and it was reportedly a double-edged sword.

<!-- copydesk-disable hedging.density -->
The committee met on Tuesday and agreed that the plan for the new library would go ahead after a long debate that lasted most of the afternoon and part of the evening.
"""
HOUSE = """\
pack: house
description: House words.
rules:
  - id: house.banned-words
    kind: existence
    category: style
    severity: warning
    message: "Avoid '{match}'."
    why: Jargon hides meaning.
    tokens_file: house.txt
    examples:
      bad: ["We want synergy."]
      good: ["We work together."]
"""
CONFIG = "rule_dirs: [styles]\n"

CHANGES = {
    "severity in the config": ("config", "rules: {cliches.stock-phrase: error}\n"),
    "rule option in the config": ("config", "rules: {readability.long-sentence: {options: {max: 12}}}\n"),
    "rule off in the config": ("config", "rules: {house.banned-words: 'off'}\n"),
    "pack off in the config": ("config", "packs: {cliches: false}\n"),
    "vocabulary": ("config", "vocabulary: [tip of the iceberg]\n"),
    "min_level in the config": ("config", "min_level: warning\n"),
    "override for the path": ("config", "overrides: [{paths: ['*.md'], packs: {cliches: false}}]\n"),
    "sidecar term file": ("terms", "synergy\nleverage\n"),
    "rule pack": ("pack", HOUSE.replace("severity: warning", "severity: error")),
    "--select": ("args", ["--select", "cliches,house"]),
    "--ignore": ("args", ["--ignore", "house.banned-words"]),
    "--min-level": ("args", ["--min-level", "warning"]),
    "--report-unused-suppressions": ("args", ["--report-unused-suppressions"]),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_to_the_settings_misses(tmp_path, change):
    project = tmp_path / "project"
    (project / "styles").mkdir(parents=True)
    (project / "styles" / "house.yaml").write_text(HOUSE)
    (project / "styles" / "house.txt").write_text("synergy\n")
    (project / ".copydesk.yaml").write_text(CONFIG)
    draft = project / "draft.md"
    draft.write_text(DRAFT)
    cache = tmp_path / "cache"
    where, what = CHANGES[change]
    args = ["--format", "text", "--fail-level", "none", draft]
    before = check(*args, cache=cache)
    assert before[0] == 0 and "house.banned-words" in before[1]
    if where == "config":
        (project / ".copydesk.yaml").write_text(CONFIG + what)
    elif where == "terms":
        (project / "styles" / "house.txt").write_text(what)
    elif where == "pack":
        (project / "styles" / "house.yaml").write_text(what)
    else:
        args = what + args
    after = check(*args, cache=cache)
    assert after == check(*args)  # what a run without the cache says
    assert after[1] != before[1]  # and the change mattered


def test_a_broken_pack_is_reported_even_when_results_are_cached(tmp_path):
    project = tmp_path / "project"
    (project / "styles").mkdir(parents=True)
    (project / "styles" / "house.yaml").write_text(HOUSE)
    (project / "styles" / "house.txt").write_text("synergy\n")
    (project / ".copydesk.yaml").write_text(CONFIG)
    (project / "draft.md").write_text(DRAFT)
    cache = tmp_path / "cache"
    assert check(project / "draft.md", cache=cache)[0] in (0, 1)
    (project / "styles" / "house.yaml").write_text(HOUSE + '    patterns: ["(unclosed"]\n')
    code, out, err = check(project / "draft.md", cache=cache)
    assert (code, out) == (2, "") and "invalid regex '(unclosed'" in err
    (project / "styles" / "house.yaml").write_text(HOUSE)
    (project / ".copydesk.yaml").write_text(
        CONFIG + "rules: {house.banned-words: {options: {patterns: ['(unclosed']}}}\n"
    )
    code, out, err = check(project / "draft.md", cache=cache)
    assert (code, out) == (2, "") and "invalid regex '(unclosed'" in err


def test_a_baseline_applies_to_cached_results_as_to_fresh_ones(tmp_path):
    (tmp_path / "a.md").write_text(FLAWED)
    (tmp_path / "b.md").write_text(FLAWED.replace("Guys", "Folks"))
    cache = tmp_path / "cache"
    baseline = tmp_path / "baseline.json"
    assert check("--write-baseline", baseline, tmp_path / "a.md", tmp_path / "b.md", cache=cache)[0] == 0
    (tmp_path / "a.md").write_text(FLAWED + "\nIt was a double-edged sword.\n")
    check(tmp_path / "a.md", cache=cache)
    args = ("--format", "json", "--baseline", baseline, tmp_path / "a.md", tmp_path / "b.md")
    warm = check(*args, cache=cache)  # both from the cache; a.md has a finding the baseline lacks
    assert warm == check(*args)
    files = json.loads(warm[1])["files"]
    assert [f["match"] for f in files[0]["findings"]] == ["double-edged sword"] and files[1]["findings"] == []


# -- damage, permissions, company ------------------------------------------------


def test_corrupt_entries_are_misses_and_are_repaired(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for name, text in (("a.md", FLAWED), ("b.md", CLEAN), ("c.md", DRAFT), ("d.md", FLAWED + DRAFT)):
        (drafts / name).write_text(text)
    cache = tmp_path / "cache"
    cold = check("--format", "json", drafts, cache=cache)
    entries = _entries(cache)
    results = _result_entries(cache)
    assert len(results) == 4 and len(entries) > 4  # and the note that the packs validated
    damage = [
        lambda text: b"\x00\xffgarbage",
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: b"",
    ]
    for i, entry in enumerate(entries):
        text = entry.read_bytes()
        if entry == results[-1]:  # valid JSON with the right key and a wrong shape
            stored = json.loads(text)
            stored["value"]["words"] = "many"
            entry.write_text(json.dumps(stored))
        else:
            entry.write_bytes(damage[i % len(damage)](text))
    warm = check("--format", "json", drafts, cache=cache)
    assert warm == cold
    for entry in _entries(cache):  # rewritten whole
        assert json.loads(entry.read_bytes())["key"]
    assert check("--format", "json", drafts, cache=cache) == cold


def _read_only(directory):
    for folder, _dirs, _files in os.walk(directory):
        os.chmod(folder, 0o500)


def _writable(directory):
    for folder, _dirs, _files in os.walk(directory):
        os.chmod(folder, 0o700)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_read_only_cache_directory_gives_one_note(tmp_path, jobs):
    drafts = _fixture_drafts(tmp_path / "drafts")
    cache = tmp_path / "cache"
    cache.mkdir()
    fresh = check("--format", "json", "--jobs", jobs, drafts)
    _read_only(cache)
    try:
        code, out, err = check("--format", "json", "--jobs", jobs, drafts, cache=cache)
        assert (code, out) == fresh[:2]
        assert err.count("\n") == 1 and err.startswith("copydesk: note: cannot write to the cache")
        _writable(cache)
        assert check("--format", "json", "--jobs", jobs, drafts, cache=cache) == fresh
        _read_only(cache)  # full of entries now: a warm run needs to write nothing
        assert check("--format", "json", "--jobs", jobs, drafts, cache=cache) == fresh
    finally:
        _writable(cache)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_cache_directory_that_cannot_be_made_gives_one_note(tmp_path, jobs):
    drafts = _fixture_drafts(tmp_path / "drafts")
    (tmp_path / "file").write_text("a file, not a directory\n")
    cache = tmp_path / "file" / "cache"  # even root cannot create this
    fresh = check("--format", "json", "--jobs", jobs, drafts)
    code, out, err = check("--format", "json", "--jobs", jobs, drafts, cache=cache)
    assert (code, out) == fresh[:2]
    assert (
        err
        == f"copydesk: note: cannot write to the cache in {cache} (Not a directory); results are not cached\n"
    )


def test_two_runs_at_once_both_get_the_right_result(tmp_path):
    drafts = _fixture_drafts(tmp_path / "drafts", copies=2)
    cache = tmp_path / "cache"
    fresh = check("--format", "json", drafts)
    for jobs, state in (("1", "empty"), ("2", "empty"), ("2", "full")):
        if state == "empty":
            clear(cache)
        with ThreadPoolExecutor(2) as pool:  # two processes writing the same entries at the same moment
            runs = [pool.submit(check, "--format", "json", "--jobs", jobs, drafts, cache=cache) for _ in "ab"]
            for run in runs:
                assert run.result() == fresh, (jobs, state)
        assert len(_result_entries(cache)) == len(list(drafts.iterdir()))
        assert not list(cache.rglob("*.tmp"))


# -- the commands ------------------------------------------------------------------


def test_no_cache_and_standard_input_write_nothing(tmp_path):
    (tmp_path / "a.md").write_text(FLAWED)
    cache = tmp_path / "cache"
    env = {"COPYDESK_CACHE_DIR": str(cache)}
    assert run_cli("check", "--no-cache", tmp_path / "a.md", env=env)[0] == 0
    assert run_cli("check", "-", stdin=FLAWED, env=env)[0] == 0
    assert not cache.exists()
    assert run_cli("check", tmp_path / "a.md", env=env)[0] == 0  # the variable is the default
    assert len(_result_entries(cache)) == 1


def test_cache_clear_removes_the_entries_and_nothing_else(tmp_path):
    (tmp_path / "a.md").write_text(FLAWED)
    cache = tmp_path / "cache"
    check(tmp_path / "a.md", cache=cache)
    count = len(_entries(cache))
    assert count >= 2  # the result and the packs' validation
    (cache / "keep.txt").write_text("not the cache's\n")
    code, out, err = run_cli("cache", "clear", "--cache-dir", cache)
    assert (
        code == 0 and out.startswith(f"removed {count} cached entries (") and out.endswith(f" from {cache}\n")
    )
    assert _entries(cache) == [] and (cache / "keep.txt").exists()
    code, out, _ = run_cli("cache", "clear", env={"COPYDESK_CACHE_DIR": str(cache)})
    assert code == 0 and out == f"removed 0 cached entries (0.0 MB) from {cache}\n"
    (cache / "keep.txt").unlink()
    check(tmp_path / "a.md", cache=cache)
    assert run_cli("cache", "clear", "--cache-dir", cache)[0] == 0
    assert not cache.exists()  # nothing else was in it: gone with its tag


def test_cache_dir_command(tmp_path):
    assert run_cli("cache", "dir", "--cache-dir", tmp_path / "x")[1] == f"{tmp_path / 'x'}\n"
    assert (
        run_cli("cache", "dir", env={"COPYDESK_CACHE_DIR": str(tmp_path / "y")})[1] == f"{tmp_path / 'y'}\n"
    )
    env = {"COPYDESK_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    assert run_cli("cache", "dir", env=env)[1] == f"{tmp_path / 'xdg' / 'copydesk'}\n"


def test_cache_usage_errors(tmp_path):
    code, out, err = run_cli("check", "--no-cache", "--cache-dir", tmp_path, tmp_path)
    assert code == 2 and out == ""
    assert (
        err.splitlines()[-1] == "copydesk: error: argument --cache-dir: not allowed with argument --no-cache"
    )
    code, _, err = run_cli("cache")
    assert code == 2 and err.splitlines()[-1].startswith("copydesk: error:")
    code, _, err = run_cli("cache", "empty")
    assert code == 2 and "invalid choice: 'empty'" in err.splitlines()[-1]


def test_help_describes_the_cache():
    _, out, _ = run_cli("check", "--help")
    assert "--no-cache" in out and "--cache-dir DIR" in out and "COPYDESK_CACHE_DIR" in out
    _, out, _ = run_cli("cache", "--help")
    assert "clear" in out and "dir" in out
