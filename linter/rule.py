"""A rule: the fields every rule has, declared once, plus its kind's options."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from .document import BLOCK_KINDS
from .finding import SEVERITIES
from .options import Option, Schema

RULE_ID = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$")

COMMON = {
    "id": Option("str", required=True, doc="Stable id, `pack.rule-name`, naming the problem."),
    "kind": Option("str", required=True, doc="The check kind this rule uses."),
    "category": Option("str", required=True, doc="Score category, e.g. concision, sourcing."),
    "severity": Option("choice", "warning", "How serious a finding is.", SEVERITIES),
    "confidence": Option("float", 0.8, "How sure a finding is, 0 to 1.", minimum=0, maximum=1),
    "message": Option("str", required=True, doc="Finding message; may use {match} and the kind's fields."),
    "why": Option("str", required=True, doc="Why this matters, for `copydesk explain`."),
    "link": Option("str", None, "A page with more on the problem."),
    "examples": Option("dict", required=True, doc="`bad` and `good` example lists."),
    "formats": Option("list[str]", ["markdown", "html", "text"], "Formats the rule applies to."),
    # Block quotes are someone else's words: rules read the author's prose
    # unless they opt in.
    "blocks": Option("list[str]", [k for k in BLOCK_KINDS if k != "quote"], "Block kinds the rule reads."),
}


@dataclass
class Rule:
    id: str
    pack: str
    kind: str
    category: str
    severity: str
    confidence: float
    message: str
    why: str
    link: str | None
    bad: list[str]
    good: list[str]
    formats: frozenset
    blocks: frozenset
    options: dict = field(default_factory=dict)
    origin: str = ""  # "path:line" of the rule in its pack

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]

    def render(self, **fields) -> str:
        return self.message.format_map(_Fields(fields))


class _Fields(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def template_fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def schema_for(kind_options: dict[str, Option]) -> Schema:
    return Schema({**COMMON, **kind_options})
