"""Compiled patterns and loaded packs kept between runs: what comes from the
cache behaves exactly as what is compiled and loaded afresh, and a damaged
entry is a miss."""

from __future__ import annotations

import json

import pytest
import regex
from conftest import FIXTURES, run_cli

from linter import regexcache
from linter.kinds import sourcing_patterns
from linter.packs import builtin_rules_dir, load_packs, packs_from_json, packs_to_json


@pytest.fixture
def empty_table(monkeypatch):
    """A table of this test's own, so what other tests compiled is not in it."""
    monkeypatch.setattr(regexcache, "_table", {})
    monkeypatch.setattr(regexcache, "_live", {})
    monkeypatch.setattr(regexcache, "_added", False)


def _sourcing_sources():
    """Every (source, flags) the built-in sourcing pack compiles."""
    rule = load_packs([builtin_rules_dir()], validate=False)["sourcing"].rules[0]
    seen = []
    real = regexcache.compile

    def spy(source, flags=0):
        seen.append((source, flags))
        return real(source, flags)

    sourcing_patterns._compiled.cache_clear()
    try:
        regexcache.compile = spy
        sourcing_patterns.patterns_for(rule)
    finally:
        regexcache.compile = real
        sourcing_patterns._compiled.cache_clear()
    return seen


def _matches(pattern, text):
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


def _fresh_table():
    """The table as the next run loads it: through JSON, into an empty process table."""
    saved = json.loads(json.dumps(regexcache.dump()))
    regexcache._table.clear()
    regexcache._live.clear()
    regexcache.load(saved)
    return saved


def test_patterns_from_the_table_match_as_compiled_ones_do(empty_table):
    sources = _sourcing_sources() + [(r"\bthe (\w+) of\b", regex.MULTILINE | regex.IGNORECASE)]
    assert len(sources) > 20
    text = "\n\n".join(p.read_text("utf-8") for p in sorted(FIXTURES.glob("*.txt")))
    compiled = [regex.compile(s, f) for s, f in sources]
    # Else regex, or this process's table, serves them from memory, unseen.
    regex.purge()
    regexcache._live.clear()
    regexcache._table.clear()
    for source, flags in sources:
        regexcache.compile(source, flags)
    _fresh_table()
    assert len(regexcache._table) == len(set(sources))
    total = 0
    for (source, flags), expected in zip(sources, compiled):
        from_table = regexcache.compile(source, flags)
        assert from_table is not expected
        assert (from_table.pattern, from_table.flags, from_table.groupindex) == (
            expected.pattern,
            expected.flags,
            expected.groupindex,
        )
        found = _matches(from_table, text)
        assert found == _matches(expected, text), source[:60]
        total += len(found)
    assert total > 500  # the patterns were exercised, not just loaded


def test_a_damaged_entry_is_compiled_afresh(empty_table):
    source = r"\b(?:said|told)\s+(?P<who>[A-Z]\w+)"
    regexcache.compile(source)
    saved = _fresh_table()
    ((key, sealed),) = saved.items()
    damaged = list(sealed)
    damaged[0] = damaged[0][:-8] + "AAAAAAA="  # two code words changed, seal kept
    regexcache._table.clear()
    regexcache.load({key: damaged, "not a key": [1, 2]})
    assert regexcache._table == {}  # the seal no longer fits: a miss
    regex.purge()
    pattern = regexcache.compile(source)
    assert pattern.search("The mayor said Alice would come.").group("who") == "Alice"
    assert regexcache.dump()[key] == sealed  # compiled again, kept again


def test_a_bad_pattern_still_raises(empty_table):
    with pytest.raises(regex.error):
        regexcache.compile("(unclosed")
    assert regexcache.dump() is None


def test_packs_survive_their_json_form():
    packs = load_packs([builtin_rules_dir()])
    kept = packs_from_json(json.loads(json.dumps(packs_to_json(packs))))
    assert kept == packs


def test_a_kept_pack_misses_when_a_file_it_read_changes(tmp_path):
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "house.yaml").write_text(
        "pack: house\nrules:\n  - id: house.words\n    kind: existence\n    category: style\n"
        "    message: \"Avoid '{match}'.\"\n    why: Jargon.\n    tokens_file: words.txt\n"
        "    examples: {bad: ['synergy'], good: ['teamwork']}\n"
    )
    (styles / "words.txt").write_text("synergy\n")
    saved = json.loads(json.dumps(packs_to_json(load_packs([styles]))))
    assert packs_from_json(saved)["house"].rules[0].options["tokens"] == ["synergy"]
    (styles / "words.txt").write_text("synergy\nleverage\n")
    assert packs_from_json(saved) is None
    (styles / "words.txt").unlink()
    assert packs_from_json(saved) is None
    assert packs_from_json([{"name": "house"}]) is None  # not the shape it should be


def test_a_run_with_damaged_pattern_and_pack_entries_says_the_same(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for name in ("desertion-cracks-in-the-shield.txt", "hospital-wait-times-flawed.txt"):
        (drafts / name).write_bytes((FIXTURES / name).read_bytes())
    cache = tmp_path / "cache"
    args = ("check", "--no-color", "--format", "json", "--cache-dir", cache, drafts)
    fresh = run_cli("check", "--no-color", "--format", "json", "--no-cache", drafts)
    assert fresh[0] == 1 and json.loads(fresh[1])["files"]
    assert run_cli(*args) == fresh
    kept = {}
    for entry in cache.rglob("*.json"):
        stored = json.loads(entry.read_bytes())
        name = json.loads(stored["key"])[0]
        if name in ("patterns", "packs"):
            kept[name] = (entry, stored)
        else:
            entry.unlink()  # results: so the next run checks again
    assert set(kept) == {"patterns", "packs"}
    entry, stored = kept["patterns"]
    for sealed in stored["value"].values():
        sealed[0] = sealed[0][:-8] + "AAAAAAA="
    entry.write_text(json.dumps(stored))
    entry, stored = kept["packs"]
    stored["value"]["packs"][0]["rules"] = "damaged"
    entry.write_text(json.dumps(stored))
    assert run_cli(*args) == fresh
