"""Expected findings written into drafts, and how findings compare with them.

Markdown and HTML carry `<!-- expect: rule-id, rule-id -->` on the line of the
finding, or `<!-- expect:+1 rule-id -->` for the next line; plain text has a
sidecar `NAME.txt.expect` with `LINE rule-id  # note` lines. Comparison is by
(rule, line)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

_MARKER = re.compile(r"<!--\s*expect(?::\+(?P<ahead>\d+))?\s*:?\s*(?P<ids>[^>]*?)\s*-->")
_SIDECAR = re.compile(r"^\s*(?P<line>\d+)\s+(?P<ids>[\w.,\s-]+?)\s*(?:#.*)?$")


def expected_findings(draft: Path) -> set[tuple[str, int]]:
    """(rule, line) pairs the draft's author expects."""
    expected = set()
    if draft.suffix == ".txt":
        sidecar = draft.with_name(draft.name + ".expect")
        if not sidecar.exists():
            return expected
        for raw in sidecar.read_text("utf-8").splitlines():
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            match = _SIDECAR.match(raw)
            if not match:
                raise ValueError(f"{sidecar}: cannot read expectation line {raw!r}")
            for rule in re.split(r"[,\s]+", match.group("ids").strip()):
                expected.add((rule, int(match.group("line"))))
        return expected
    for number, line in enumerate(draft.read_text("utf-8").splitlines(), start=1):
        for marker in _MARKER.finditer(line):
            target = number + int(marker.group("ahead") or 0)
            for rule in re.split(r"[,\s]+", marker.group("ids").strip()):
                if rule:
                    expected.add((rule, target))
    return expected


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, found: bool, expected: bool, where: str) -> None:
        """One labelled item: whether the rule fired, whether it should have."""
        if found and expected:
            self.tp += 1
        elif found:
            self.fp += 1
            self.false_alarms.append(where)
        elif expected:
            self.fn += 1
            self.misses.append(where)


def compare(expected: set, found: set, where: str, tallies: dict, known_rules: set) -> None:
    """Add one draft's comparison to per-rule tallies (only rules that ran)."""
    for rule, line in expected | found:
        if rule not in known_rules:
            continue
        tally = tallies.setdefault(rule, Tally())
        if (rule, line) in expected and (rule, line) in found:
            tally.tp += 1
        elif (rule, line) in found:
            tally.fp += 1
            tally.false_alarms.append(f"{where}:{line}")
        else:
            tally.fn += 1
            tally.misses.append(f"{where}:{line}")


def by_pack(tallies: dict) -> dict[str, Tally]:
    packs: dict[str, Tally] = defaultdict(Tally)
    for rule, tally in tallies.items():
        pack = packs[rule.split(".")[0]]
        pack.tp += tally.tp
        pack.fp += tally.fp
        pack.fn += tally.fn
    return dict(packs)


def table(tallies: dict) -> str:
    lines = [f"{'rule':34} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"]
    for name, t in sorted(tallies.items()):
        lines.append(f"{name:34} {t.tp:4d} {t.fp:4d} {t.fn:4d} {t.precision:9.2f} {t.recall:7.2f}")
    return "\n".join(lines)
