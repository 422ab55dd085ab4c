"""existence: report each occurrence of a word, phrase or pattern.

Message fields: {match}.
"""

from __future__ import annotations

from ..finding import Hit
from .terms import TERM_OPTIONS, TermIndex

OPTIONS = dict(TERM_OPTIONS)
FIELDS = {"match"}


def terms(rule):
    return [(t, None) for t in rule.options["tokens"]]


class Compiled:
    def __init__(self, rules):
        self.index = TermIndex(rules, terms)

    def check(self, doc, hits):
        return self.index.hits(doc, _hit)


def _hit(rule, start, end, text, _payload):
    return Hit(rule, start, end, rule.render(match=text))
