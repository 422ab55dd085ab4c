"""sourcing: figures with no named source, vague sources, hedged claims.

Per sentence it finds figures (cardinals with what they count, percentages
and ranges, money, approximated numbers, quantity words, changes), named
attributions (a reporting frame, a named source with a reporting verb, a
link or footnote, the author reporting their own work: "we measured"), vague
sources and hedges. A figure is unattributed when no sentence in its window (the same
paragraph, `window_before` sentences back, `window_after` forward) names a
source. All word lists are the rule's options, so packs and users tune them.

Message fields: {match}, {window}.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..finding import Hit
from ..options import Option
from .terms import REGEX_TIMEOUT, PatternTimeout

FIND = ("figures", "vague", "hedges")
LIST = "list[str]"

OPTIONS = {
    "find": Option("choice", required=True, doc="What the rule reports.", choices=FIND),
    "window_before": Option(
        "int", 1, "Sentences before the figure's, in its paragraph, searched for a source.", minimum=0
    ),
    "window_after": Option("int", 1, "Sentences after it searched for a source.", minimum=0),
    "sources": Option(LIST, [], "Names that always count as a source (outlets, agencies)."),
    "reporting_verbs": Option(LIST, [], "Verbs that attribute a claim to a named subject (said, estimated)."),
    "opinion_verbs": Option(
        LIST,
        [],
        "Verbs of a named party's view (expects, argues, blamed): a source for their own sentence only.",
    ),
    "source_nouns": Option(LIST, [], "Nouns that name a source with 'the' (ministry, survey, census)."),
    "frames": Option(LIST, [], "Phrases that introduce a source (according to, data from)."),
    "evidence_nouns": Option(
        LIST, [], "Nouns for what a named source publishes ('Eurostat's figures', 'NHS England data show')."
    ),
    "vague_sources": Option(LIST, [], "Patterns of anonymous or collective sources (sources say)."),
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

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|bn|m|k)\b)?"
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)


_SMALL = {
    w: n for n, w in enumerate("two three four five six seven eight nine ten eleven twelve".split(), start=2)
}


def _alt(items) -> str:
    return "|".join(
        sorted(
            (re.escape(i) if re.escape(i) == i.replace(" ", r"\ ") else i for i in items),
            key=len,
            reverse=True,
        )
    )


def _words(items) -> str:
    return "|".join(sorted((re.escape(i) for i in items), key=len, reverse=True)) or "(?!)"


IGNORECASE = 2  # regex.IGNORECASE, without importing regex at module load


class _Timed:
    """A pattern from the rule's lists, compiled with `regex` and run with the
    time limit user patterns get everywhere (a runaway list entry is
    reported, never hangs the run)."""

    __slots__ = ("pattern",)

    def __init__(self, source: str, flags: int = 0):
        import regex

        self.pattern = regex.compile(source, flags)

    def search(self, text, pos=0, endpos=None):
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos, timeout=REGEX_TIMEOUT)

    def match(self, text, pos=0, endpos=None):
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos, timeout=REGEX_TIMEOUT)

    def fullmatch(self, text, pos=0, endpos=None):
        return self.pattern.fullmatch(
            text, pos, len(text) if endpos is None else endpos, timeout=REGEX_TIMEOUT
        )

    def finditer(self, text, pos=0, endpos=None):
        return self.pattern.finditer(
            text, pos, len(text) if endpos is None else endpos, timeout=REGEX_TIMEOUT
        )


def _timed(source: str, flags: int = 0) -> _Timed:
    return _Timed(source, flags)


class _Patterns:
    """The rule's lists compiled into the handful of regexes the checks use."""

    def __init__(self, o: dict):
        approx = _words(o["approximators"])
        number = (
            rf"(?:(?:[$€£¥₹₽₩]|(?-i:R|CHF |US\$|A\$|C\$)(?=\d))\s?(?:{_NUM}){_SCALE}|(?:{_NUM})(?:\s?[-–—]\s?(?:{_NUM}))?"
            rf"(?:\s?(?:%|percent\b|per cent\b|percentage points\b)|{_SCALE}))"
        )
        number_words = (
            r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
            r"forty|fifty|a dozen|a hundred|a thousand|half|a third|a quarter)\b(?!-)"
            r"(?:\s+(?:hundred|thousand|million|billion|trillion)\b)?"
        )
        self.small_count = _timed(rf"(?:{approx})\s+({'|'.join(_SMALL)})", IGNORECASE)
        self.figure = _timed(
            # Not inside a word or handle: "x86_64", "@veluca93", "the8472".
            rf"(?:\b(?:{approx})\s+)?(?<![\w@#/.:\\-]){number}"
            rf"|\b(?:{approx})\s+{number_words}"
            rf"|\b(?:{'|'.join(o['quantity_words']) or '(?!)'})"
            rf"|\b(?:{'|'.join(o['changes']) or '(?!)'})",
            IGNORECASE,
        )
        self.vague = _timed(r"\b(?:" + "|".join([*o["vague_sources"], _collective(o)]) + r")", IGNORECASE)
        self.hedge = _timed(r"\b(?:" + ("|".join(o["hedges"]) or "(?!)") + r")\b", IGNORECASE)
        self.own_hedge = _timed(r"\b(?:" + ("|".join(o["own_hedges"]) or "(?!)") + r")\b", IGNORECASE)
        self.answered = _timed(r"\b(?:" + ("|".join(o["answered_hedges"]) or "(?!)") + r")\b", IGNORECASE)
        verbs = _words(o["reporting_verbs"])
        opinion = _words(o["opinion_verbs"])
        nouns = _words(o["source_nouns"])
        # A proper name: capitalised words, "of"/"for" between, a company suffix.
        named = r"[A-Z][\w.&'’-]*(?:\s+(?:of|for|and|de|du|&)?\s*[A-Z][\w.&'’-]*)*(?:\s+(?:plc|Ltd|Inc|LLC|AG|SA))?"
        the_noun = (
            rf"(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hat)\s+(?:[\w'’-]+\s+){{0,3}}?(?i:{nouns})s?"
        )
        evidence = rf"(?i:{_words(o['evidence_nouns'])})"
        # "Facebook's engineers reported": the owner names the source.
        owned = rf"{named}['’]s(?:\s+[a-z][\w-]*){{1,3}}?"
        subject = rf"(?P<subject>{owned}|{named}|{the_noun})"
        # "CoinHarbor, the exchange that launched in 2021, now claims"
        apposition = r"(?:,\s+(?:the|a|an|its)\s[^,.;]{1,80},)?"
        # Any definite party with a verb of saying: "the club said", "the organisers told".
        party = r"(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[\w'’-]+\s+){0,3}?[a-z][\w-]*"
        # Words that may stand between a subject and its verb: "today confirmed".
        between = (
            r"(?:(?:has|have|had|will|would|also|now|recently|previously|today|yesterday|again|earlier|"
            r"later|this week|last \w+|on \w+day|(?!(?:reportedly|allegedly|apparently|supposedly|purportedly)\b)\w+ly)"
            r"\s+){0,3}"
        )
        self.attributions = [
            _timed(p)
            for p in (
                # according to the ministry / data from Eurostat / as reported by Reuters
                rf"\b(?i:{_words(o['frames'])})\s+(?P<subject>(?:(?:the|a|an)\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){{0,3}})",
                rf"{subject},?\s+{between}(?:{verbs})\b",
                rf",\s+(?P<subject>{party})\s+{between}(?:{verbs})\b",
                # "NHS England figures show", "Centre for Cities research published this week finds"
                rf"(?P<subject>{named})(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?{evidence}(?:\s+[\w-]+){{0,4}}?\s+"
                rf"(?:{verbs}|suggests?|finds)\b",
                # ", said the ministry" / "estimated by Gallup"
                rf",\s*(?:{verbs})\s+(?P<subject>{named}|{the_noun}|{party})",
                rf"\b(?:{verbs})\s+by\s+{subject}",
                # Eurostat's figures / the World Bank's latest Global Economic Prospects report
                rf"(?P<subject>{named}|{the_noun})['’]s?\s+(?:[\w-]+\s+){{0,4}}?(?:(?i:{nouns})|{evidence})\b",
            )
        ]
        # "It estimates that ...": a pronoun reporting what the sentence before named.
        self.refers_back = _timed(
            rf"^(?:It|They|He|She|The (?:report|study|survey|analysis|paper|review|"
            rf"foundation|agency|institute|group|company|charity))\s+{between}"
            rf"(?:{verbs}|calls|describes|puts|counts|adds)\b"
        )
        # A named body as the sentence's subject is the source of what it did
        # ("Bristol City Council has approved a £3.5 million plan"), for that
        # sentence only: it is not a source for its neighbours.
        verb = rf"(?:(?:is|are|was|were)\s+)?(?:{_words(o['actor_verbs'])})\b"
        self.actors = [
            _timed(p)
            for p in (
                # An optional dateline: "GENEVA - ", "LONDON, 4 March 2024 - ".
                # A leading phrase: "Speaking of Rust Week, the Foundation has awarded".
                rf"^(?:[A-Z]{{2,}}[A-Z ,]*(?:,[^-–—]{{0,30}})?\s+[-–—]\s+|[A-Z][^,.;]{{0,40}},\s+)?"
                rf"(?P<subject>(?:(?:[Tt]he\s+|An?\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of|for|and|&)?\s*[A-Z][\w.&'’-]*)+"
                rf"|[Tt]he\s+[A-Z][\w.&'’-]*)"
                # "(IFRC)", or a common-noun head: "The Harbour Trust food bank network",
                # "An Ontario Superior Court judge"; not a plural ("Premier League
                # clubs spent" is a sum over members, not one body's act).
                rf"(?:\s+\([A-Z]{{2,}}\))?(?:\s+(?![a-z]+ly\b)[a-z]+){{0,3}}?(?<!\s[a-z][a-z'’-]*[a-rt-z]s)|{the_noun})"
                rf"\s+{between}{verb}",
                # A named party's view: "CoinHarbor, the exchange that launched in
                # 2021, now claims", "Chief executive Ingrid Solberg blamed".
                rf"(?P<subject>{named}|{the_noun}|{party}){apposition},?\s+{between}(?:{opinion})\b",
                rf"\b(?:{opinion})\s+by\s+(?P<subject>{named}|{the_noun})",
                rf",\s*(?:{opinion})\s+(?P<subject>{named}|{the_noun}|{party})",
            )
        ]
        self.units = _timed(rf"\s*(?:{_words(o['units'])})\b", IGNORECASE) if o["units"] else None
        self.issuer = _timed(r"\b(?:" + ("|".join(o["issuer_cues"]) or "(?!)") + r")", IGNORECASE)
        self.world = _timed(r"\b(?:" + ("|".join(o["world_scope"]) or "(?!)") + r")\b", IGNORECASE)
        self.statistic = _timed("|".join(o["statistics"]) or "(?!)", IGNORECASE)
        self.not_figures = _timed("|".join(o["not_figures"]) or "(?!)", IGNORECASE)
        self.self_report = _timed(r"\b(?:" + ("|".join(o["self_report"]) or "(?!)") + r")", IGNORECASE)
        self.self_report_min = o["self_report_min"]
        self.self_report_min_words = o["self_report_min_words"]
        self.own_audience = {w.lower() for w in o["own_audience"]}
        self.collective_nouns = {w.lower() for w in o["collective_nouns"]}
        self.citation = _timed(r"\[\d+(?:[,–-]\s*\d+)*\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
        self.not_sources = {w.lower() for w in o["not_sources"]}
        self.known = _timed(rf"\b(?:{_words(o['sources'])})\b") if o["sources"] else None
        self.identifier = _timed(rf"(?:\b(?:{_words(o['identifier_words'])})|#|№)\s*$", IGNORECASE)


# Words that make a noun phrase definite or someone's own: "the analysts",
# "their users", "this says" are not an unnamed group.
_DETERMINERS = (
    "the|a|an|its|their|our|his|her|my|your|this|these|those|that|it|he|she|they|we|you|i|who|which|"
    "what|there|here|is|was|has|does|as|also|thus|plus|us|always|perhaps|news|series|status|both|each|by|so|too|very|how|not"
)


def _collective(o: dict) -> str:
    """An unnamed group as the subject of a reporting verb, at the start of a
    clause: "Health officials in Texas say", "Residents' groups say",
    ", analysts say", "Gardeners have long said". A listed noun counts in any
    case; any other plural must be lower-case, so that a name at the start of
    a sentence ("Reuters says") is not read as a group."""
    if not o["collective_verbs"]:
        return "(?!)"
    # A sentence opens with a capital ("aidanhs pointed out" is a handle).
    sentence = (
        r"(?:(?<=^[\"“‘'(]?)|(?<=[.!?][\"”’)\]]?(?:\[\d+\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?\s+[\"“‘'(]?))(?-i:(?=[A-Z]))"
    )
    clause = r"(?<=[,;:—–(]\s|\b(?:that|but|and|or|as|while|whereas|though|although|yet|because|since|where|when|if)\s)"
    not_a_noun = rf"(?!(?:{_DETERMINERS})\b)"
    plural = rf"(?-i:{not_a_noun}[a-z][a-z'’-]*[a-rt-z]s)"
    head = (
        rf"(?P<head>{_words(o['collective_nouns'])}|{plural})"
        if o["collective_nouns"]
        else rf"(?P<head>{plural})"
    )
    # Not a named owner: "Facebook's engineers reported" names Facebook.
    first = rf"{not_a_noun}(?![\w-]+['’]s\b)[\w'’-]+\s+"
    later = rf"(?-i:{not_a_noun}[a-z][\w'’-]*)\s+"
    # "officials in Texas", "people familiar with the matter"; not a verb or a
    # second clause ("finds issues in your code and reports them").
    place_word = r"\s+(?!(?:is|are|was|were|be|been|have|has|had|and|or|but|it|them)\b)[\w'’-]+"
    place = rf"(?:\s+(?:{_words(o['collective_modifiers'])})(?:{place_word}){{1,4}}?)?"
    adverbs = (
        r"(?:\s+(?:have|has|had|long|also|privately|publicly|now|often|still|increasingly|repeatedly|"
        r"widely|generally|already|recently|all|continue to|continued to|have begun to))*"
    )
    # "insurers have agreed to cover" is an act, not a report; "officers told
    # Reuters" is the outlet's report.
    verbs = rf"(?:{_words(o['collective_verbs'])})\b(?!\s+to\b)(?<!told(?=\s+(?-i:[A-Z])))"
    return rf"(?:{sentence}|{clause})(?:{first}(?:{later})?)?{head}\b{place}{adverbs}\s+{verbs}"


@lru_cache(maxsize=64)
def _compiled(key: tuple) -> _Patterns:
    return _Patterns(dict(key))


def validate(rule, error):
    import regex

    try:
        _patterns(rule)
    except regex.error as exc:
        raise error(f"a pattern in this rule's lists is invalid: {exc}") from None


# Options that change what a rule reports, not the patterns it compiles: the
# three rules of a pack share one compiled _Patterns and one analysis.
_PER_RULE = {"find", "window_before", "window_after", "min_count"}


def _patterns(rule) -> _Patterns:
    return _compiled(
        tuple(
            (k, tuple(v) if isinstance(v, list) else v)
            for k, v in sorted(rule.options.items())
            if k not in _PER_RULE
        )
    )


# Numbers that are not figures, judged from the text around them.
_YEAR = re.compile(r"(?:1[89]\d\d|20\d\d)s?")
_AFTER_NOT_FIGURE = re.compile(
    rf"\s*(?:(?:st|nd|rd|th)\b|:\d\d|\s?(?:a\.?m\.?|p\.?m\.?)(?!\w)|-(?:year|month|week|day|hour|minute)s?-old\b"
    rf"|-[a-z]|\.\d+\.\d|(?:\s*(?:and|to|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?(?:{_MONTHS})\b)",
    re.IGNORECASE,
)
_BEFORE_NOT_FIGURE = re.compile(rf"(?:\b(?:{_MONTHS})\.?\s*|\bv|\bage[ds]?\s+|\bno\.\s*|-)$", re.IGNORECASE)
_LABEL_VALUE = re.compile(r"^[^.:!?]{1,60}:\s*\S{1,25}\s*(?:\([^)]{0,40}\))?\s*\.?$")
_AGE = re.compile(r"^, \d{1,3},")
_ADDRESS_AFTER = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|"
    r"Way|Drive|Dr|Place|Pl|Square|Sq)\b"
)


def _is_figure(sentence: str, start: int, end: int, figure: str, patterns: _Patterns, min_count: int) -> bool:
    """Whether a figure-shaped match is a quantity claim: percentages, money,
    quantity words and changes are; a bare numeral is unless it is a year,
    date, time, age, ordinal, version, identifier or address, or counts
    nothing (no lower-case word follows it)."""
    numerals = list(re.finditer(r"\d[\d,.]*\d|\d", figure))
    numeral = numerals[-1] if numerals else None
    if numeral is None:
        # "over nine releases", "at least two candidates": a small count, as
        # for numerals; "almost four minutes": a duration, not a claim.
        small = patterns.small_count.fullmatch(figure)
        near = (max(0, start - 30), min(len(sentence), end + 30))
        if (
            small
            and _SMALL[small.group(1).lower()] < min_count
            and not patterns.statistic.search(sentence, *near)
        ):
            return False
        return not _measurement(sentence, start, end, patterns)
    if any(c in figure for c in "%$€£¥") or re.search(r"per ?cent|percentage", figure, re.IGNORECASE):
        return True
    n_start, n_end = start + numeral.start(), start + numeral.end()
    bare = numeral.group().replace(",", "")
    before, after = sentence[max(0, n_start - 40) : n_start], sentence[n_end : n_end + 40]
    if _YEAR.fullmatch(bare) and "," not in numeral.group():
        return False
    if (
        _AFTER_NOT_FIGURE.match(after)
        or _BEFORE_NOT_FIGURE.search(before)
        or _AGE.match(sentence[n_start - 2 : n_end + 1])
    ):
        return False
    if patterns.identifier.search(before) or _ADDRESS_AFTER.match(after):
        return False
    if "." in bare.rstrip(".") and not re.search(r"[a-z]", figure[numeral.end() :]):
        return False  # a bare decimal with no scale: "Rust 1.70", "1.87 adds", "3.5 GHz"
    if _measurement(sentence, start, n_end, patterns):
        return False  # "64 bit", "16 MB", "about 13 minutes": a measurement or a duration
    if not figure[:1].isdigit() or re.search(r"[a-z]", figure[numeral.end() :]) or "," in numeral.group():
        return True  # approximated ("over 300"), scaled ("2 million") or large ("25,000")
    # A bare numeral is a figure when it counts something: "40 beds",
    # "300 Russian soldiers"; not "in 12." or "Rust 1", nor a small count.
    if bare.isdigit() and int(bare) < min_count:
        return False
    if bare.isdigit() and int(bare) < 100 and re.search(r"\b\w*[A-Z][\w-]*\s$", before):
        return False  # "Windows 10", "Tier 1", "Bus 42": part of a name
    return bool(re.match(r"\s+(?:[A-Z][\w-]*\s+)?[a-z]", after))


def _measurement(sentence: str, start: int, end: int, patterns: _Patterns) -> bool:
    """Whether the number ending at `end` is a size or a duration ("16 MB",
    "about 13 minutes"), not a statistic ("three hours a day", "an average of
    52 hours a week", "10 requests per second")."""
    unit = patterns.units.match(sentence, end, min(len(sentence), end + 40)) if patterns.units else None
    if unit is None:
        return False
    return not (
        patterns.statistic.match(
            sentence, unit.end() + 1 if sentence[unit.end() : unit.end() + 1] == " " else unit.end()
        )
        or patterns.statistic.search(sentence, 0, start)
    )


def _in_quote(sentence: str, position: int) -> bool:
    """Whether `position` sits inside double quotation marks."""
    straight = sentence.count('"', 0, position) % 2 == 1
    curly = sentence.count("“", 0, position) > sentence.count("”", 0, position)
    return straight or curly


class Compiled:
    def __init__(self, rules):
        self.rules = rules

    def check(self, doc, hits):
        found = []
        analyses: dict = {}  # one analysis per compiled pattern set, shared by the rules
        for rule in self.rules:
            patterns = _patterns(rule)
            analysis = analyses.setdefault(id(patterns), _Analysis(doc, patterns))
            try:
                found.extend(_check_rule(doc, rule, patterns, analysis))
            except TimeoutError:
                raise PatternTimeout(rule, "one of its list patterns") from None
        return found


class _Analysis:
    """What the rules of a pack share about one document, computed on demand:
    its paragraphs' sentences, and per paragraph who is named where."""

    def __init__(self, doc, patterns):
        self.doc = doc
        self.patterns = patterns
        self.paragraphs = _paragraph_sentences(doc)
        self._sources: dict[int, tuple] = {}
        self._self_reports: int | None = None
        self._issuing: bool | None = None

    def self_reporting(self) -> bool:
        """Whether the document reports the authors' own work (a survey
        write-up, release notes, an incident report): enough self-report cues."""
        if self._self_reports is None:
            long_enough = len(self.doc.prose.split()) >= self.patterns.self_report_min_words
            self._self_reports = (
                sum(1 for _ in self.patterns.self_report.finditer(self.doc.prose)) if long_enough else 0
            )
        return self._self_reports >= self.patterns.self_report_min

    def issuing(self) -> bool:
        """Whether the document is a press release or release notes, which
        speak for their issuer ("today announced", "FOR IMMEDIATE RELEASE")."""
        if self._issuing is None:
            self._issuing = bool(self.patterns.issuer.search(self.doc.prose))
        return self._issuing

    def vague(self, text: str) -> list:
        """Vague-source matches in `text`; in a self-reporting document the
        authors' own respondents, users and interviewees ("most said", "engineers
        pointed out") are not vague."""
        found = []
        for m in self.patterns.vague.finditer(text):
            head = (m.group("head") or "").lower()
            own = head in self.patterns.own_audience or head not in self.patterns.collective_nouns
            if head and own and self.self_reporting():
                continue
            found.append(m)
        return found

    def hedges(self, text: str) -> list:
        """Hedge matches in `text`, but not a hedge on the writer themselves
        ("I was apparently one of them"), nor, in a self-reporting document,
        the authors' own estimate ("for an estimated 10-15 minutes")."""
        return [
            m
            for m in self.patterns.hedge.finditer(text)
            if not _FIRST_PERSON.search(text, 0, m.start())
            and not (self.patterns.own_hedge.fullmatch(m.group()) and self.self_reporting())
        ]

    def sources(self, index: int) -> _Sentences:
        """Who is named where in paragraph `index`, per sentence."""
        if index not in self._sources:
            doc, patterns = self.doc, self.patterns
            sentences = self.paragraphs[index]
            texts = [doc.prose[s:e] for s, e, _ in sentences]
            found = _Sentences()
            for (s, e, _), text in zip(sentences, texts):
                vague = [m.span() for m in self.vague(text)]
                hedges = self.hedges(text)
                blocked = vague + [m.span() for m in hedges]
                found.vague.append(vague)
                found.hedged.append(bool(hedges))
                # "Police said ... He allegedly stabbed": a neighbour can answer some hedges.
                found.answerable.append(all(patterns.answered.fullmatch(m.group()) for m in hedges))
                found.reported.append(_reported(doc, s, e, text, patterns, blocked))
                found.own.append(_own_source(text, patterns, blocked))
            for i in range(1, len(texts)):
                if (
                    not found.reported[i]
                    and (found.own[i - 1] or found.reported[i - 1])
                    and patterns.refers_back.search(texts[i])
                ):
                    found.reported[i] = True  # "The agency traced 14 sawmills. It estimates ..."
                elif (
                    not found.own[i]
                    and (found.own[i - 1] or found.reported[i - 1])
                    and _CONTINUES.search(texts[i])
                ):
                    found.own[i] = (
                        True  # "... distributed 1.2 million parcels. More than a third of those ..."
                    )
            # "We migrated our cluster last month. The largest table has 1.8
            # billion rows": a definite subject next to the author's own work
            # is the author's own thing.
            own_work = [bool(patterns.self_report.search(t)) for t in texts]
            for i, text in enumerate(texts):
                near = own_work[max(0, i - 1) : i] + own_work[i + 1 : i + 2]
                if (
                    not found.own[i]
                    and any(near)
                    and _DEFINITE.match(text)
                    and not patterns.world.search(text)
                ):
                    found.own[i] = True
            # A figure a sourced sentence gives is sourced wherever the
            # paragraph repeats it ("groups say 39 were killed. The commission put the toll at 39").
            found.numbers = {
                n
                for i, text in enumerate(texts)
                if (found.reported[i] or found.own[i]) and not (found.vague[i] or found.hedged[i])
                for n in _NUMERALS.findall(text)
            }
            self._sources[index] = found
        return self._sources[index]


class _Sentences:
    """Per sentence of a paragraph: vague-source spans, whether it is hedged,
    whether a neighbour can answer its hedges, whether it names a source for
    its neighbours (reported) or for itself alone (own); and the numbers the
    paragraph's sourced sentences give."""

    __slots__ = ("vague", "hedged", "answerable", "reported", "own", "numbers")

    def __init__(self):
        self.vague, self.hedged, self.answerable, self.reported, self.own = [], [], [], [], []
        self.numbers: set[str] = set()


# A sentence that counts within what the sentence before gave: "More than a
# third of those parcels", "Of these, 40 ...", "Staff sick days fell by about
# two-thirds" does not qualify; it needs its own source or the same subject.
_CONTINUES = re.compile(r"^(?:Of (?:those|these|them)\b|[^.;]{0,40}\bof (?:those|these|them)\b)")
_DEFINITE = re.compile(r"(?:The|This|These|Those|Its)\s")
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e)(?:'m|'re|\s+(?:am|are|was|were))?\s+$")
_NUMERALS = re.compile(r"\d[\d,.]*\d|\d{2,}")


def _paragraph_sentences(doc):
    """Sentences grouped by block, as (start, end) prose spans."""
    groups, current, block_index = [], [], -1
    for start, end in doc.sentences:
        block = doc.block_at(start)
        index = id(block)
        if index != block_index and current:
            groups.append(current)
            current = []
        block_index = index
        current.append((start, end, block))
    if current:
        groups.append(current)
    return groups


def _names_source(subject: str, not_sources: set) -> bool:
    """Whether a subject names someone: not a pronoun, determiner or vague noun
    standing alone ("Experts said", "They estimated", "However, it said")."""
    words = [w.strip(",.'’").lower() for w in subject.split()]
    while words and words[0] in not_sources:
        words.pop(0)
    return bool(words) and not all(w in not_sources for w in words)


def _matches_source(patterns_list, text, not_sources, blocked) -> bool:
    for pattern in patterns_list:
        for m in pattern.finditer(text):
            if any(vs < m.end() and m.start() < ve for vs, ve in blocked):
                continue  # "according to reports", "sources said", "the company is said to"
            if _names_source(m.group("subject"), not_sources):
                return True
    return False


def _reported(doc, start, end, text, patterns, blocked) -> bool:
    """A source that can cover the sentence's neighbours: a reporting frame,
    a named source with a reporting verb, a link."""
    if patterns.known and patterns.known.search(text):
        return True
    if _matches_source(patterns.attributions, text, patterns.not_sources, blocked):
        return True
    return doc.has_link(start, end)


def _own_source(text, patterns, blocked) -> bool:
    """A source for this sentence alone: the author reporting their own work
    ("we measured", "I planted"), a footnote mark, or a named body doing what
    it reports."""
    # A footnote mark is claim-specific: "[2]" does not cover the next claim.
    if patterns.self_report.search(text) or patterns.issuer.search(text) or patterns.citation.search(text):
        return True
    return _matches_source(patterns.actors, text, patterns.not_sources, blocked)


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
            vague, hedged = bool(found.vague[i]), found.hedged[i]
            named = found.own[i] or found.reported[i]
            if (vague or hedged) and found.own[i] and not found.reported[i]:
                # "Rents have apparently doubled, as the locals we met said":
                # the author's own voice is not a source for a vague or hedged
                # claim, and a hedge says the subject's own record is not either
                # ("The UK snacking market grew by an estimated 3%").
                named = not hedged and _matches_source(
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
                yield from _figures(doc, rule, patterns, s, text, vague, lo < i, hi > i + 1, found.numbers)
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
        if not _in_quote(text, m.start()):
            yield Hit(
                rule,
                offset + m.start(),
                offset + m.end(),
                rule.render(match=m.group(), window=""),
                confidence=confidence,
            )


def _figures(doc, rule, patterns, offset, text, vague, has_before, has_after, sourced_numbers):
    window = (
        "this sentence" + (" or the one before" if has_before else "") + (" or the next" if has_after else "")
    )
    hedged = bool(patterns.hedge.search(text))
    if _LABEL_VALUE.match(text):
        return  # "Cargo: 1.9k", "German: 4.0%": a data list, sourced around it
    idioms = [m.span() for m in patterns.not_figures.finditer(text)]
    for m in patterns.figure.finditer(text):
        figure = m.group().strip()
        if any(s < m.end() and m.start() < e for s, e in idioms):
            continue
        # A figure in a quotation is the named speaker's, unless the speaker is vague.
        if (_in_quote(text, m.start()) and not vague) or not _is_figure(
            text, m.start(), m.end(), figure, patterns, rule.options["min_count"]
        ):
            continue
        if any(n in sourced_numbers for n in _NUMERALS.findall(figure)):
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
