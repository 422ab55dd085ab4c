"""Findings on fixtures/ against the expectations written into them by reading
the drafts. Prints precision and recall per rule; fails a pack under 0.9
precision or 0.8 recall."""

from __future__ import annotations

from conftest import FIXTURES

from linter.config import Config, ConfigFinder
from linter.expectations import by_pack, compare, expected_findings, table
from linter.formats import format_for
from linter.runner import Linter

MIN_PRECISION = 0.9
MIN_RECALL = 0.8


def drafts():
    return sorted(
        p for p in FIXTURES.iterdir() if format_for(p.name) and p.name not in ("README.md", "LABELLING.md")
    )


def evaluate():
    linter = Linter(ConfigFinder())
    config = Config(path=None, root=FIXTURES)
    ruleset = linter.build_ruleset(config, {}, {})
    known = {rule.id for rule in ruleset.rules}
    tallies = {}
    for draft in drafts():
        result = linter.check_text(
            draft.read_text("utf-8"), str(draft), format_for(draft.name), config, ruleset
        )
        found = {(f.rule, f.line) for f in result.findings}
        compare(expected_findings(draft), found, draft.name, tallies, known)
    return tallies


def test_fixture_set_is_big_enough():
    files = drafts()
    assert len(files) >= 14
    assert {p.suffix for p in files} >= {".md", ".html", ".txt"}


def test_precision_and_recall_per_pack():
    tallies = evaluate()
    print("\n" + table(tallies))
    packs = by_pack(tallies)
    print("\n" + table(packs))
    for rule, t in sorted(tallies.items()):
        for where in t.false_alarms:
            print(f"  false alarm {rule} at {where}")
        for where in t.misses:
            print(f"  missed      {rule} at {where}")
    failing = {
        name: (round(t.precision, 2), round(t.recall, 2))
        for name, t in packs.items()
        if t.precision < MIN_PRECISION or t.recall < MIN_RECALL
    }
    assert not failing, f"packs under precision {MIN_PRECISION} / recall {MIN_RECALL}: {failing}"
