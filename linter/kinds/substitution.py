"""substitution: report a wording that has a preferred form, and suggest it.

Message fields: {match}, {suggestion}.
"""

from __future__ import annotations

from ..finding import Hit
from ..options import Option
from .terms import TermIndex

OPTIONS = {
    "swap": Option("dict[str,str]", required=True, doc="Mapping of found phrase to preferred wording."),
    "ignorecase": Option("bool", True, "Match regardless of case."),
    "exceptions": Option("list[str]", [], "Phrases a match may not overlap (it is then not reported)."),
}
FIELDS = {"match", "suggestion"}


def terms(rule):
    return list(rule.options["swap"].items())


def _match_case(found: str, replacement: str) -> str:
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Compiled:
    def __init__(self, rules):
        self.index = TermIndex(rules, terms)

    def check(self, doc, hits):
        return self.index.hits(doc, _hit)


def _hit(rule, start, end, text, replacement):
    suggestion = _match_case(text, replacement)
    return Hit(rule, start, end, rule.render(match=text, suggestion=suggestion), suggestion=suggestion)
