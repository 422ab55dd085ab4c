"""The checking kernel: Document + RuleSet in, findings out. No I/O."""

from __future__ import annotations

from .finding import Finding, Hit
from .kinds import KINDS, kind_module
from .matcher import PhraseMatcher
from .rule import Rule


class RuleSet:
    """The active rules, compiled: one compiled checker per kind."""

    def __init__(self, rules: list[Rule], vocabulary: list[str] = ()):
        self.rules = rules
        self.vocabulary = sorted(set(vocabulary))
        self._accepted = PhraseMatcher((term, None) for term in self.vocabulary)
        # Rules whose kind needs answers from outside the kernel (LanguageTool).
        self.grammar_rules = [r for r in rules if r.kind == "grammar"]
        self.compiled = []
        for kind in KINDS:  # occurrence last: it may count other rules' hits
            kind_rules = [r for r in rules if r.kind == kind]
            if kind_rules:
                self.compiled.append(kind_module(kind).Compiled(kind_rules))

    def derived_rules(self) -> list[Rule]:
        """Rules kinds made while checking (one per LanguageTool rule seen)."""
        return [rule for c in self.compiled for rule in getattr(c, "derived", {}).values()]

    def accepted_spans(self, doc) -> list[tuple[int, int]]:
        return [(s, e) for s, e, _k, _p in self._accepted.find(doc.folded)]


def _applies(hit: Hit, doc, accepted, blocks_checked: bool) -> bool:
    rule = hit.rule
    if doc.format not in rule.formats:
        return False
    if not blocks_checked:
        block = doc.block_at(hit.start)
        if block is not None and block.kind not in rule.blocks:
            return False
    return not any(s < hit.end and hit.start < e for s, e in accepted)


def check_hits(doc, ruleset: RuleSet) -> list[Hit]:
    accepted = ruleset.accepted_spans(doc)
    hits: list[Hit] = []
    for compiled in ruleset.compiled:
        # Kinds that choose their blocks themselves (metric) anchor some
        # findings elsewhere, e.g. a document's grade on its first block.
        blocks_checked = getattr(compiled, "chooses_blocks", False)
        hits.extend(h for h in compiled.check(doc, hits) if _applies(h, doc, accepted, blocks_checked))
    return hits


def to_finding(doc, hit: Hit) -> Finding:
    rule = hit.rule
    start, end = doc.source_span(hit.start, hit.end)
    line, column = doc.line_col(start)
    end_line, end_column = doc.line_col(end)
    return Finding(
        path=doc.path,
        rule=rule.id,
        pack=rule.pack,
        category=rule.category,
        severity=hit.severity or rule.severity,
        confidence=round(hit.confidence if hit.confidence is not None else rule.confidence, 2),
        message=hit.message,
        match=doc.source[start:end],
        suggestion=hit.suggestion,
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
    )


def check(doc, ruleset: RuleSet) -> list[Finding]:
    """All findings for one document, in source order."""
    findings = [to_finding(doc, hit) for hit in check_hits(doc, ruleset)]
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    unique = []
    for f in findings:
        if not unique or (f.rule, f.start, f.end) != (unique[-1].rule, unique[-1].start, unique[-1].end):
            unique.append(f)
    return unique
