"""occurrence: report when matches pile up in a scope (sentence, paragraph,
document) beyond `max`. Counts its own terms, or the findings of another rule
(`of`), so a density rule can reuse a list instead of repeating it. The
finding is on the match that crosses the limit.

Message fields: {match}, {count}, {max}, {scope}.
"""

from __future__ import annotations

from bisect import bisect_right

from ..finding import Hit
from ..options import Option
from .terms import TERM_OPTIONS, TermIndex

OPTIONS = {
    **TERM_OPTIONS,
    "of": Option("list[str]", [], "Count the findings of these rule ids instead of own terms."),
    "scope": Option("choice", "paragraph", "Where to count.", ("sentence", "paragraph", "document")),
    "max": Option("int", required=True, doc="Most matches allowed in one scope.", minimum=0),
}
FIELDS = {"match", "count", "max", "scope"}


def terms(rule):
    return [(t, None) for t in rule.options["tokens"]]


def _scopes(doc, scope):
    if scope == "document":
        return [0]
    if scope == "paragraph":
        return [b.start for b in doc.blocks]
    return [s for s, _ in doc.sentences]


class Compiled:
    def __init__(self, rules):
        self.rules = rules
        self.index = TermIndex([r for r in rules if not r.options["of"]], terms)

    def check(self, doc, hits):
        own = self.index.matches(doc)
        found = []
        for rule in self.rules:
            if rule.options["of"]:
                counted = set(rule.options["of"])
                spans = sorted((h.start, h.end) for h in hits if h.rule.id in counted)
            else:
                spans = [(s, e) for s, e, _ in own.get(rule.id, [])]
            if len(spans) <= rule.options["max"]:
                continue
            found.extend(self._over_limit(doc, rule, spans))
        return found

    @staticmethod
    def _over_limit(doc, rule, spans):
        starts = _scopes(doc, rule.options["scope"])
        limit = rule.options["max"]
        counts: dict[int, int] = {}
        for start, end in spans:
            scope = bisect_right(starts, start) - 1
            counts[scope] = counts.get(scope, 0) + 1
            if counts[scope] == limit + 1:
                text = doc.prose[start:end]
                yield Hit(
                    rule,
                    start,
                    end,
                    rule.render(
                        match=text,
                        count=sum(1 for s, _ in spans if _scope_of(starts, s) == scope),
                        max=limit,
                        scope=rule.options["scope"],
                    ),
                )


def _scope_of(starts, offset):
    return bisect_right(starts, offset) - 1
