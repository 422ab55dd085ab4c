"""The one shape every check produces."""

from __future__ import annotations

from dataclasses import dataclass, fields

SEVERITIES = ("suggestion", "warning", "error")
LEVEL = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(slots=True)
class Hit:
    """What a kind reports: a prose span and the words for it. The kernel maps
    it to the source and makes the Finding."""

    rule: object  # linter.rule.Rule
    start: int
    end: int
    message: str
    suggestion: str | None = None
    confidence: float | None = None
    severity: str | None = None  # overrides the rule's (escalation)


@dataclass(slots=True)
class Finding:
    path: str
    rule: str
    pack: str
    category: str
    severity: str
    confidence: float
    message: str
    match: str
    suggestion: str | None
    start: int  # character offsets in the source
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def to_dict(self) -> dict:
        # Every field is a plain value: no deep copy (asdict) needed.
        return {name: getattr(self, name) for name in _REPORTED}

    @property
    def level(self) -> int:
        return LEVEL[self.severity]


_REPORTED = tuple(f.name for f in fields(Finding) if f.name != "path")
