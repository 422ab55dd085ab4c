"""Findings on fixtures/ against the expectations written into them by reading
the drafts. Prints precision and recall per rule; fails a pack under 0.9
precision or 0.8 recall."""

from __future__ import annotations

import pytest
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


# Packs whose fixture figures are known to be under the bar, with why. Each is
# a strict xfail, so the day a pack clears the bar the suite says so.
KNOWN_GAPS: dict[str, str] = {}


@pytest.fixture(scope="module")
def tallies():
    result = evaluate()
    print("\n" + table(result))
    print("\n" + table(by_pack(result)))
    for rule, t in sorted(result.items()):
        for where in t.false_alarms:
            print(f"  false alarm {rule} at {where}")
        for where in t.misses:
            print(f"  missed      {rule} at {where}")
    return result


PACKS = ["boilerplate", "cliches", "filler", "formula", "hedging", "markup", "readability", "sourcing"]


@pytest.mark.parametrize(
    "pack",
    [
        pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN_GAPS[p], strict=True)) if p in KNOWN_GAPS else p
        for p in PACKS
    ],
)
def test_precision_and_recall_per_pack(tallies, pack):
    t = by_pack(tallies)[pack]
    assert t.tp, f"no expectations for {pack} were met"
    assert t.precision >= MIN_PRECISION and t.recall >= MIN_RECALL, (
        f"{pack}: precision {t.precision:.2f}, recall {t.recall:.2f}"
    )


def test_every_pack_on_by_default_is_evaluated(builtin_packs):
    assert set(PACKS) == {name for name, pack in builtin_packs.items() if pack.enabled}
