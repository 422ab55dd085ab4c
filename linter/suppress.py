"""Suppression comments, read from the source of any format:

    <!-- copydesk-disable rule-id, pack -->   ... <!-- copydesk-enable -->
    <!-- copydesk-disable-next-line rule-id -->
    <!-- copydesk-disable-file -->

With no ids a comment applies to every rule; ids may be rule ids or pack
names; ` -- reason` after them says why. Plain text uses the same comments on a line of their own (they are
not prose there either). Pure: source text and findings in, findings out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_COMMENT = re.compile(
    r"<!--\s*copydesk-(?P<kind>disable-file|disable-next-line|disable-line|disable|enable)\b"
    r"(?P<ids>[^>]*?)\s*-->"
)


@dataclass
class Suppression:
    kind: str
    names: frozenset  # empty: every rule
    line: int  # where the comment is
    column: int
    first: int  # lines it covers, inclusive
    last: int
    used: bool = field(default=False)

    def covers(self, finding) -> bool:
        if not self.first <= finding.line <= self.last:
            return False
        return not self.names or finding.rule in self.names or finding.pack in self.names

    def describe(self) -> str:
        target = ", ".join(sorted(self.names)) or "all rules"
        return f"copydesk-{self.kind} ({target})"


def parse_suppressions(source: str) -> list[Suppression]:
    """Every suppression comment in the source, with the lines it covers."""
    found: list[Suppression] = []
    open_ranges: list[Suppression] = []
    line_count = source.count("\n") + 1
    for match in _COMMENT.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        column = match.start() - (source.rfind("\n", 0, match.start()) + 1) + 1
        # "-- reason" after the ids explains the suppression and is not an id.
        ids = match.group("ids").split("--", 1)[0]
        names = frozenset(n for n in re.split(r"[\s,]+", ids.strip()) if n)
        kind = match.group("kind")
        if kind == "disable-file":
            found.append(Suppression(kind, names, line, column, 1, line_count))
        elif kind == "disable-next-line":
            found.append(Suppression(kind, names, line, column, line + 1, line + 1))
        elif kind == "disable-line":
            found.append(Suppression(kind, names, line, column, line, line))
        elif kind == "disable":
            suppression = Suppression(kind, names, line, column, line, line_count)
            found.append(suppression)
            open_ranges.append(suppression)
        else:  # enable: closes the ranges it names (or all)
            for suppression in list(open_ranges):
                if not names or suppression.names & names or not suppression.names:
                    suppression.last = line
                    open_ranges.remove(suppression)
    return found


def apply(findings, suppressions) -> list:
    """The findings no suppression covers; marks the suppressions that silenced one."""
    if not suppressions:
        return findings
    kept = []
    for finding in findings:
        covering = [s for s in suppressions if s.covers(finding)]
        for suppression in covering:
            suppression.used = True
        if not covering:
            kept.append(finding)
    return kept


def unknown_names(suppressions, known: set) -> list[tuple[Suppression, str]]:
    return [(s, name) for s in suppressions for name in sorted(s.names) if name not in known]
