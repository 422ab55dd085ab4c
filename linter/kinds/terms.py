"""Term lists and patterns shared by the kinds that look for words: phrases
compile into one automaton per kind, patterns run on `regex` with a time limit."""

from __future__ import annotations

from ..matcher import PhraseMatcher, leftmost_longest
from ..options import Option

REGEX_TIMEOUT = 2.0  # seconds one pattern may take on a document of up to a megabyte


def timeout_for(length: int) -> float:
    """The time limit for one search over `length` characters: REGEX_TIMEOUT
    per million. A pattern that backtracks catastrophically blows any limit;
    an honest one over a 10 MB draft needs ten times a 1 MB one's time."""
    return REGEX_TIMEOUT * max(1.0, length / 1_000_000)


TERM_OPTIONS = {
    "tokens": Option("list[str]", [], "Words or phrases to find (case-folded, on word boundaries)."),
    "tokens_file": Option("str", None, "A file beside the pack with one term per line."),
    "patterns": Option("list[str]", [], "Regular expressions (the `regex` module's syntax)."),
    "ignorecase": Option("bool", True, "Match regardless of case."),
    "exceptions": Option("list[str]", [], "Phrases a match may not overlap (it is then not reported)."),
}


class PatternTimeout(Exception):
    """A user pattern ran past its time limit: the rule is broken, not the draft."""

    def __init__(self, rule, pattern: str):
        super().__init__(
            f"pattern {pattern!r} of rule {rule.id} took over {REGEX_TIMEOUT:g} s per MB of text"
        )
        self.rule = rule
        self.pattern = pattern


def compile_pattern(pattern: str, ignorecase: bool):
    """Compile one rule pattern as the matcher runs it; raises regex.error.
    Validation and matching both call this, so `regex`'s cache compiles each
    pattern once."""
    import regex

    from .. import regexcache

    return regexcache.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignorecase else 0))


class TermIndex:
    """All terms of a kind's rules in one automaton; patterns and exceptions per rule."""

    def __init__(self, rules, terms_of):
        """`terms_of(rule)` gives (term, payload) pairs for a rule."""
        entries = []
        self.patterns = {}
        self.exceptions = {}
        for rule in rules:
            for term, payload in terms_of(rule):
                entries.append((term, (rule, term, payload)))
            opts = rule.options
            if opts.get("patterns"):
                self.patterns[rule.id] = (
                    rule,
                    [(p, compile_pattern(p, opts["ignorecase"])) for p in opts["patterns"]],
                )
            if opts.get("exceptions"):
                self.exceptions[rule.id] = PhraseMatcher((e, None) for e in opts["exceptions"])
        self.matcher = PhraseMatcher(entries)

    def matches(self, doc) -> dict[str, list[tuple[int, int, object]]]:
        """Per rule id: non-overlapping (start, end, payload) in the prose."""
        folded = doc.folded
        found: dict[str, list] = {}
        for start, end, _key, payloads in self.matcher.find(folded):
            for rule, term, payload in payloads:
                if not rule.options.get("ignorecase", True) and doc.prose[start:end] != term:
                    continue
                found.setdefault(rule.id, []).append((start, end, (rule, payload)))
        for rule_id, (rule, compiled) in self.patterns.items():
            for source, pattern in compiled:
                try:
                    for m in pattern.finditer(doc.prose, timeout=timeout_for(len(doc.prose))):
                        if m.end() > m.start():
                            found.setdefault(rule_id, []).append((m.start(), m.end(), (rule, None)))
                except TimeoutError:
                    raise PatternTimeout(rule, source) from None
        for rule_id, spans in found.items():
            spans = leftmost_longest(spans)
            if rule_id in self.exceptions:
                spans = self._outside_exceptions(folded, spans, self.exceptions[rule_id])
            found[rule_id] = spans
        return found

    def hits(self, doc, make_hit) -> list:
        """One Hit per match: `make_hit(rule, start, end, text, payload)`."""
        return [
            make_hit(rule, start, end, doc.prose[start:end], payload)
            for spans in self.matches(doc).values()
            for start, end, (rule, payload) in spans
        ]

    @staticmethod
    def _outside_exceptions(folded, spans, matcher):
        shields = [(s, e) for s, e, _k, _p in matcher.find(folded)]
        if not shields:
            return spans
        return [sp for sp in spans if not any(s < sp[1] and sp[0] < e for s, e in shields)]
