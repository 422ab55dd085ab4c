"""The cache store: entries read back whole, a misplaced or damaged one is a
miss, and a store that cannot write says so once instead of failing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from linter.cache import Store, clear


def _entries(cache):
    return sorted(p for p in cache.rglob("*") if p.is_file() and p.suffix == ".json")


# -- the store, in process -------------------------------------------------------


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
