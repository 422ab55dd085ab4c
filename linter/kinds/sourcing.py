"""sourcing: figures with no named source, vague sources, hedged claims.

Per sentence it finds figures (cardinals with what they count, percentages
and ranges, money, approximated numbers, quantity words, changes; see
sourcing_figures), and who is named (sourcing_sources): a source that covers
the neighbours (a reporting frame, a named source with a reporting verb, a
link) or one for the sentence alone (a footnote mark, the author's own work,
a named body acting on the record, a named party's view). A figure is
unattributed when neither its sentence nor, within its window (the same
paragraph, `window_before` sentences back, `window_after` forward), a
neighbour names a source; a sentence with a vague source or a hedge like
"reportedly" needs its own. A document that reports its authors' own work,
or an issuer's release, is the source of its own figures. All word lists are
the rule's options (sourcing_patterns compiles them), so packs and users tune
them.

Message fields: {match}, {window}.
"""

from __future__ import annotations

import re
from functools import partial

from ..finding import Hit
from ..options import Option
from .sourcing_figures import LABEL_VALUE, in_quote, is_figure
from .sourcing_patterns import patterns_for
from .sourcing_sources import NUMERALS, Analysis, matches_source
from .terms import PatternTimeout

FIND = ("figures", "vague", "hedges")
LIST = "list[str]"

OPTIONS = {
    "find": Option("choice", required=True, doc="What the rule reports.", choices=FIND),
    "window_before": Option(
        "int", 1, "Sentences before the figure's, in its paragraph, searched for a source.", minimum=0
    ),
    "window_after": Option("int", 1, "Sentences after it searched for a source.", minimum=0),
    "contrasts": Option(
        LIST,
        [],
        "Words opening a sentence that turns against the one before ('Yet', 'But'): the sentences "
        "before it are not searched for its source.",
    ),
    "sources": Option(LIST, [], "Names that always count as a source (outlets, agencies)."),
    "reporting_verbs": Option(LIST, [], "Verbs that attribute a claim to a named subject (said, estimated)."),
    "opinion_verbs": Option(
        LIST,
        [],
        "Verbs of a named party's view (expects, argues, blamed): a source for their own sentence only.",
    ),
    "source_nouns": Option(LIST, [], "Nouns that name a source with 'the' (ministry, survey, census)."),
    "parties": Option(
        LIST,
        [],
        "Nouns for an identifiable party that is a source without 'the' ('police said', 'prosecutors "
        "allege', 'customs data showed').",
    ),
    "frames": Option(LIST, [], "Phrases that introduce a source (according to, data from)."),
    "evidence_nouns": Option(
        LIST, [], "Nouns for what a named source publishes ('Eurostat's figures', 'NHS England data show')."
    ),
    "vague_sources": Option(
        LIST,
        [],
        "Patterns of anonymous or collective sources (sources say); a match in a group named 'own' is "
        "the authors' own view in a self-reporting document ('it was thought').",
    ),
    "collective_nouns": Option(
        LIST, [], "Nouns for an unnamed group that, as a subject, make a vague source (residents, analysts)."
    ),
    "collective_verbs": Option(
        LIST, [], "Verbs that make an unnamed group a source ('retailers believe', 'officials say')."
    ),
    "collective_modifiers": Option(
        LIST,
        [],
        "Words that open a phrase still leaving a group unnamed ('officials in Texas', 'people familiar with').",
    ),
    "hedges": Option(LIST, [], "Patterns of hedges that stand in for a source (reportedly)."),
    "answered_hedges": Option(
        LIST,
        [],
        "Patterns of hedges a named source in a neighbouring sentence can answer ('Police said ... He "
        "allegedly'); any other hedge needs its source in its own sentence.",
    ),
    "actor_verbs": Option(
        LIST,
        [],
        "Verbs of what a named body does on the record ('the council approved', 'the judge froze'): "
        "the body is the source of its own sentence.",
    ),
    "issuer_cues": Option(
        LIST,
        [],
        "Patterns that mark a press release or release notes ('today announced', 'FOR IMMEDIATE "
        "RELEASE'): the issuer is the source of its own figures.",
    ),
    "world_scope": Option(
        LIST,
        [],
        "Patterns of a claim about the world beyond an issuer ('global', 'market', 'people'): such a "
        "figure needs a source even in the issuer's own release.",
    ),
    "approximators": Option(LIST, [], "Words before a number that approximate it (over, nearly)."),
    "quantity_words": Option(LIST, [], "Patterns of number words used as quantities (thousands of)."),
    "changes": Option(LIST, [], "Patterns of changes stated as figures (doubled, rose by)."),
    "statistics": Option(
        LIST,
        [],
        "Patterns that make a measurement a statistic: after it ('a day', 'per second') or earlier in "
        "its sentence ('average', 'median').",
    ),
    "identifier_words": Option(LIST, [], "Words after which a number names a thing (issue, version, RFC)."),
    "min_count": Option(
        "int",
        10,
        "A bare count below this is not a figure ('3 new lints'); news style spells those out as words.",
        minimum=0,
    ),
    "units": Option(
        LIST,
        [],
        "Technical units after a bare numeral that make it a measurement, not a claim ('64 bit', '16 MB').",
    ),
    "not_figures": Option(
        LIST,
        [],
        "Patterns of number phrases that are idioms or scales, not claims ('100% sure', '7 out of 10').",
    ),
    "self_report": Option(
        LIST,
        [],
        "Patterns of the author reporting their own work ('we measured'); a "
        "document with enough of them is its own source for bare figures.",
    ),
    "self_report_min": Option(
        "int", 3, "How many self-report matches make a document self-reporting.", minimum=1
    ),
    "self_report_min_words": Option(
        "int",
        150,
        "A document shorter than this is never self-reporting as a whole: each of its figures needs "
        "an own-work cue in its sentence.",
        minimum=0,
    ),
    "own_hedges": Option(
        LIST,
        [],
        "Patterns of hedges that, in a self-reporting document, are the authors' own estimate "
        "('an estimated 10-15 minutes' in an incident report), not a missing source.",
    ),
    "own_audience": Option(
        LIST,
        [],
        "Groups that, in a self-reporting document, are the authors' own respondents or users, "
        "not a vague source ('most respondents said', 'some users report').",
    ),
    "not_sources": Option(LIST, [], "Capitalised words that do not name a source (Experts, They, However)."),
}
FIELDS = {"match", "window"}


def validate(rule, error):
    import regex

    try:
        patterns_for(rule)
    except regex.error as exc:
        raise error(f"a pattern in this rule's lists is invalid: {exc}") from None


class Compiled:
    def __init__(self, rules):
        self.rules = rules

    def check(self, doc, hits):
        found = []
        analyses: dict = {}  # one analysis per compiled pattern set, shared by the rules
        for rule in self.rules:
            patterns = patterns_for(rule)
            analysis = analyses.setdefault(id(patterns), Analysis(doc, patterns))
            try:
                found.extend(_check_rule(doc, rule, patterns, analysis))
            except TimeoutError:
                raise PatternTimeout(rule, "one of its list patterns") from None
        return found


def _check_rule(doc, rule, patterns, analysis):
    opts = rule.options
    find = opts["find"]
    for index, sentences in enumerate(analysis.paragraphs):
        if sentences[0][2] is not None and sentences[0][2].kind not in rule.blocks:
            continue
        # One search over the paragraph decides whether it needs a closer look.
        cue = patterns.vague if find == "vague" else patterns.figure if find == "figures" else patterns.hedge
        if not cue.search(doc.prose, sentences[0][0], sentences[-1][1]):
            continue
        texts = [doc.prose[s:e] for s, e, _ in sentences]
        if find == "vague":
            for (s, _e, _), text in zip(sentences, texts):
                yield from _cues(rule, analysis.vague(text), s, text, rule.confidence)
            continue
        found = analysis.sources(index)
        for i, ((s, _end, _), text) in enumerate(zip(sentences, texts)):
            lo, hi = max(0, i - opts["window_before"]), min(len(texts), i + opts["window_after"] + 1)
            if patterns.contrast.match(text):
                # "Temperatures rose 1.55C, the WMO said. Yet subsidies run to trillions":
                # the writer's counterpoint, not the source's.
                lo = i
            vague, hedged = bool(found.vague[i]), found.hedged[i]
            named = found.own[i] or found.reported[i]
            if (vague or hedged) and found.own[i] and not found.reported[i]:
                # "Rents have apparently doubled, as the locals we met said":
                # the author's own voice is not a source for a vague or hedged
                # claim, and a hedge says the subject's own record is not either
                # ("The UK snacking market grew by an estimated 3%").
                named = not hedged and matches_source(
                    patterns.actors, text, patterns.not_sources, found.vague[i]
                )
            # A sentence that names a vague source says where its claim came
            # from, and "reportedly" says nobody is named for it: the
            # neighbours' sources are not its source.
            neighbours = not vague and (not hedged or found.answerable[i])
            if named or (neighbours and any(found.reported[lo:hi])):
                continue
            if find == "figures":
                # An organisation writing up its own survey, release or incident is
                # the source of its own counts; only hedged or vaguely sourced ones count.
                if not vague and not hedged and analysis.self_reporting():
                    continue
                # An issuer's release is the source of its own figures, not of
                # its claims about the market or the country.
                if not vague and not hedged and analysis.issuing() and not patterns.world.search(text):
                    continue
                if vague:
                    window = "this sentence, only a vague one"
                elif not neighbours:
                    window = "this sentence, which is hedged"
                else:
                    window = (
                        "this sentence"
                        + (" or the one before" if lo < i else "")
                        + (" or the next" if hi > i + 1 else "")
                    )
                yield from _figures(rule, patterns, s, text, vague, window, partial(analysis.numbers, index))
            else:
                yield from _cues(
                    rule,
                    analysis.hedges(text),
                    s,
                    text,
                    min(0.95, rule.confidence + (0.1 if vague else 0)),
                )


def _cues(rule, matches, offset, text, confidence):
    """A hit on every cue match outside quotation marks."""
    for m in matches:
        if not in_quote(text, m.start()):
            yield Hit(
                rule,
                offset + m.start(),
                offset + m.end(),
                rule.render(match=m.group(), window=""),
                confidence=confidence,
            )


def _figures(rule, patterns, offset, text, vague, window, sourced_numbers):
    # sourced_numbers: a call, made only for a figure that would be flagged
    """A hit on every figure in the sentence but those that are not claims
    (idioms, targets, a named speaker's quotation) or that a sourced sentence
    of the paragraph already gives."""
    hedged = bool(patterns.hedge.search(text))
    if LABEL_VALUE.match(text):
        return  # "Cargo: 1.9k", "German: 4.0%": a data list, sourced around it
    idioms = [m.span() for m in patterns.not_figures.finditer(text)]
    for m in patterns.figure.finditer(text):
        figure = m.group().strip()
        if any(s < m.end() and m.start() < e for s, e in idioms):
            continue
        # A figure in a quotation is the named speaker's, unless the speaker is vague.
        # A hedge or a vague source makes even a small count the claim: "Reports
        # suggest at least six are close to administration".
        min_count = 0 if hedged or vague else rule.options["min_count"]
        if (in_quote(text, m.start()) and not vague) or not is_figure(
            text, m.start(), m.end(), figure, patterns, min_count, hedged or vague, hedged
        ):
            continue
        if any(n in sourced_numbers() for n in NUMERALS.findall(figure)):
            continue
        confidence = _confidence(rule.confidence, figure, hedged, vague)
        yield Hit(
            rule,
            offset + m.start(),
            offset + m.end(),
            rule.render(match=figure, window=window),
            confidence=confidence,
            severity="error" if hedged else None,
        )


def _confidence(base: float, figure: str, hedged: bool, vague: bool) -> float:
    """Evidence that the figure needs a source: big, precise-looking or
    approximated figures more than a bare small count; a hedge or a vague
    source nearly settles it."""
    digits = re.sub(r"[^\d]", "", figure)
    strong = not digits or any(c in figure for c in "%$€£¥") or len(digits) >= 3 or not figure[:1].isdigit()
    value = base if strong else base - 0.2
    if hedged:
        value += 0.2
    if vague:
        value += 0.15
    return round(min(0.98, max(0.3, value)), 2)
