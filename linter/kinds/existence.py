"""existence: report each occurrence of a word, phrase or pattern.

Message fields: {match}.
"""

from __future__ import annotations

from ..finding import LEVEL, SEVERITIES, Hit
from ..options import Option
from .terms import TERM_OPTIONS, TermIndex

OPTIONS = {
    **TERM_OPTIONS,
    "escalate_after": Option(
        "int",
        0,
        "After this many matches in a document, later ones are one severity higher (0: never).",
        minimum=0,
    ),
}
FIELDS = {"match"}


def terms(rule):
    return [(t, None) for t in rule.options["tokens"]]


class Compiled:
    def __init__(self, rules):
        self.index = TermIndex(rules, terms)

    def check(self, doc, hits):
        found = self.index.hits(doc, _hit)
        escalating = [h for h in found if h.rule.options["escalate_after"]]
        if escalating:
            # A formula used once is a style choice; used again it is a tic.
            seen: dict = {}
            for hit in sorted(escalating, key=lambda h: h.start):
                seen[hit.rule.id] = seen.get(hit.rule.id, 0) + 1
                if seen[hit.rule.id] > hit.rule.options["escalate_after"]:
                    hit.severity = SEVERITIES[min(LEVEL[hit.rule.severity] + 1, len(SEVERITIES) - 1)]
        return found


def _hit(rule, start, end, text, _payload):
    return Hit(rule, start, end, rule.render(match=text))
