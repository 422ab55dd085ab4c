"""The sourcing kind's word lists compiled into the handful of regexes its
checks use, once per distinct set of options (the three rules of a pack share
one). List patterns run with the time limit user patterns get everywhere."""

from __future__ import annotations

import re
from functools import lru_cache

from .terms import timeout_for

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|bn|m|k)\b)?"
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)


SMALL = {
    w: n for n, w in enumerate("two three four five six seven eight nine ten eleven twelve".split(), start=2)
}


def _words(items) -> str:
    return "|".join(sorted((re.escape(i) for i in items), key=len, reverse=True)) or "(?!)"


IGNORECASE = 2  # regex.IGNORECASE, without importing regex at module load


class _Timed:
    """A pattern from the rule's lists, compiled with `regex` and run with the
    time limit user patterns get everywhere, per megabyte searched (a runaway
    list entry is reported, never hangs the run)."""

    __slots__ = ("pattern",)

    def __init__(self, source: str, flags: int = 0):
        from .. import regexcache

        self.pattern = regexcache.compile(source, flags)

    def search(self, text, pos=0, endpos=None):
        endpos = len(text) if endpos is None else endpos
        return self.pattern.search(text, pos, endpos, timeout=timeout_for(endpos - pos))

    def match(self, text, pos=0, endpos=None):
        endpos = len(text) if endpos is None else endpos
        return self.pattern.match(text, pos, endpos, timeout=timeout_for(endpos - pos))

    def fullmatch(self, text, pos=0, endpos=None):
        endpos = len(text) if endpos is None else endpos
        return self.pattern.fullmatch(text, pos, endpos, timeout=timeout_for(endpos - pos))

    def finditer(self, text, pos=0, endpos=None):
        endpos = len(text) if endpos is None else endpos
        return self.pattern.finditer(text, pos, endpos, timeout=timeout_for(endpos - pos))


def _timed(source: str, flags: int = 0) -> _Timed:
    return _Timed(source, flags)


class _EndingAt:
    """A pattern whose matches end with one of a few words (a reporting verb),
    searched only just before each such word: the subject before the verb
    has no literal start to skip ahead to, the verb has."""

    __slots__ = ("pattern", "anchor", "reach")

    def __init__(self, source: str, anchor: str, flags: int = 0, reach: int = 160):
        self.pattern, self.anchor, self.reach = _Timed(source, flags), _Timed(anchor, flags), reach

    def search(self, text, pos=0, endpos=None):
        return next(self.finditer(text, pos, endpos), None)

    def finditer(self, text, pos=0, endpos=None):
        endpos = len(text) if endpos is None else endpos
        done = pos
        for a in self.anchor.finditer(text, pos, endpos):
            # Past the word too, for the lookaheads after it ("agreed to").
            m = self.pattern.search(text, max(done, a.start() - self.reach), min(endpos, a.end() + 40))
            if m and m.end() == a.end():
                done = m.end()
                yield m


class _AnyOf:
    """Several patterns searched one by one, matches merged in order (the
    longer first where two start together), an overlapping later match
    dropped."""

    __slots__ = ("patterns",)

    def __init__(self, sources, flags: int = 0):
        self.patterns = [s if isinstance(s, _EndingAt) else _Timed(s, flags) for s in sources]

    def search(self, text, pos=0, endpos=None):
        """Whether any pattern matches: the first match found, not the leftmost."""
        for p in self.patterns:
            if m := p.search(text, pos, endpos):
                return m
        return None

    def finditer(self, text, pos=0, endpos=None):
        matches = sorted(
            (m for p in self.patterns for m in p.finditer(text, pos, endpos)),
            key=lambda m: (m.start(), -m.end()),
        )
        end = -1
        for m in matches:
            if m.start() >= end:
                end = m.end()
                yield m


class Patterns:
    """The rule's lists compiled into the handful of regexes the checks use."""

    def __init__(self, o: dict):
        approx = _words(o["approximators"])
        number = (
            rf"(?:(?:[$€£¥₹₽₩]|(?-i:R|CHF |US\$|A\$|C\$)(?=\d))\s?(?:{_NUM}){_SCALE}|(?:{_NUM})(?:\s?[-–—]\s?(?:{_NUM}))?"
            rf"(?:\s?(?:%|percent\b|per cent\b|percentage points\b)|{_SCALE}))"
        )
        number_words = (
            r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
            r"forty|fifty|a dozen|a hundred|a thousand|a million|a billion|a trillion|half|a third|a quarter)\b(?!-)"
            r"(?:\s+(?:hundred|thousand|million|billion|trillion)\b)?"
        )
        self.small_count = _timed(rf"(?:{approx})\s+({'|'.join(SMALL)})", IGNORECASE)
        # Not inside a word or handle: "x86_64", "@veluca93", "the8472".
        bare = rf"(?<![\w@#/.:\\-]){number}"
        self.figure = _timed(
            rf"(?:\b(?:{approx})\s+)?{bare}"
            rf"|\b(?:{approx})\s+{number_words}"
            rf"|\b(?:{'|'.join(o['quantity_words']) or '(?!)'})"
            rf"|\b(?:{'|'.join(o['changes']) or '(?!)'})",
            IGNORECASE,
        )
        # Two patterns, not one alternation: the collective one has no literal
        # start, and joined to the others it would slow them all down.
        collective = _EndingAt(
            rf"\b(?:{_collective(o)})", rf"\b(?:{_words(o['collective_verbs'])})\b", IGNORECASE
        )
        self.vague = _AnyOf(
            [r"\b(?:" + ("|".join(o["vague_sources"]) or "(?!)") + ")", collective], IGNORECASE
        )
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
        # A party that needs no article: "police said", "prosecutors allege".
        parties = rf"\b(?i:{_words(o['parties'])})"
        subject = rf"(?P<subject>{owned}|{named}|{the_noun}|{parties})"
        # "CoinHarbor, the exchange that launched in 2021, now claims"
        # "The company, which employs 3,000 people, said"
        apposition = r"(?:,\s+(?:the|a|an|its|which|who|whose)\s(?:[^,.;]|(?<=\d)[,.](?=\d)){1,80},)?"
        # Any definite party with a verb of saying: "the club said", "the organisers told".
        word = r"(?!(?:says?|said|is|are|was|were|has|have|had|he|she|it|they|that|who)\b)[a-z][\w'’-]*"
        party = rf"(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:{word}\s+){{0,2}}?{word}"
        # Words that may stand between a subject and its verb: "today confirmed".
        between = (
            r"(?:(?:has|have|had|will|would|also|now|recently|previously|today|yesterday|again|earlier|"
            r"later|this week|last \w+|on \w+day|(?!(?:reportedly|allegedly|apparently|supposedly|purportedly)\b)\w+ly)"
            r"\s+){0,3}"
        )
        # Sources without a verb: a frame or a possessive ("according to the
        # ministry", "data from Eurostat", "Eurostat's figures", "the World
        # Bank's latest Global Economic Prospects report").
        self.framed = [
            _timed(
                rf"\b(?i:{_words(o['frames'])})\s+(?P<subject>(?:(?:the|a|an)\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){{0,3}})"
            ),
            _timed(
                rf"(?P<subject>{named}|{the_noun})['’]s?\s+(?:[\w-]+\s+){{0,4}}?(?:(?i:{nouns})|{evidence})\b"
            ),
            # A named data set: "the ONS private rental price index", "the Global
            # Higher Education Rankings".
            _timed(rf"\b[Tt]he\s+(?P<subject>{named})\s+(?:[a-z][\w-]*\s+){{0,4}}?{evidence}\b"),
        ]
        # Sources with a reporting verb, looked for only in a sentence that has one.
        self.said = _timed(rf"\b(?:{verbs}|suggests?|finds)\b")
        self.attributions = [
            _timed(p)
            for p in (
                rf"{subject}{apposition},?\s+{between}(?:{verbs})\b",
                rf",\s+(?P<subject>{party})\s+{between}(?:{verbs})\b",
                # "NHS England figures show", "Centre for Cities research published this week finds"
                rf"(?P<subject>{named}|{parties})(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?{evidence}(?:\s+[\w-]+){{0,4}}?\s+"
                rf"(?:{verbs}|suggests?|finds)\b",
                # ", said the ministry" / "estimated by Gallup"
                rf",\s*(?:{verbs})\s+(?P<subject>{named}|{the_noun}|{party}|{parties})",
                rf"\b(?:{verbs})\s+by\s+{subject}",
            )
        ]
        # "It estimates that ...": a pronoun reporting what the sentence before named.
        self.refers_back = _timed(
            rf"^(?:It|They|He|She|The (?:report|study|survey|analysis|paper|review|"
            rf"foundation|agency|institute|group|company|charity))\s+{between}"
            rf"(?:{verbs}|calls|describes|puts|counts|adds)\b"
            # "A class action ... alleges ... The claim, brought on behalf of ...":
            # the document named before, described in an aside.
            rf"|^The (?:claim|lawsuit|suit|complaint|filing|indictment|report|study|survey|findings|analysis|"
            rf"paper|review|audit|census|poll),\s"
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
                rf"{apposition}\s+{between}{verb}",
                # A named party's view: "CoinHarbor, the exchange that launched in
                # 2021, now claims", "Chief executive Ingrid Solberg blamed".
                rf"(?P<subject>{named}|{the_noun}|{party}){apposition},?\s+{between}(?:{opinion})\b",
                rf"\b(?:{opinion})\s+by\s+(?P<subject>{named}|{the_noun})",
                rf",\s*(?:{opinion})\s+(?P<subject>{named}|{the_noun}|{party})",
            )
        ]
        self.units = _timed(rf"\s*(?:{_words(o['units'])})\b", IGNORECASE) if o["units"] else None
        self.contrast = _timed(rf"(?:{_words(o['contrasts'])})\b")
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
    # Not a party that names itself ("organisers said", "police say").
    not_a_party = rf"(?!(?:{_words(o['parties'])})\b)"
    plural = rf"(?-i:{not_a_noun}{not_a_party}[a-z][a-z'’-]*[a-rt-z]s)"
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
    # A plural group takes a plural verb: in "Most claims settle" "claims" is a noun.
    verbs = rf"(?![a-z]+(?<!s)s\b)(?:{_words(o['collective_verbs'])})\b(?!\s+to\b)(?<!told(?=\s+(?-i:[A-Z])))"
    # "Health officials in Texas, where the outbreak began, said"
    aside = r"(?:,\s+(?:where|who|which|whose)\s[^,.;]{1,60},)?"
    # "Environmental groups welcomed the figures but warned that": a second verb.
    also = r"(?:\s+[a-z]+ed\b[^.;]{0,60}?\s+(?:but|and))?"
    return rf"(?:{sentence}|{clause})(?:{first}(?:{later})?)?{head}\b{place}{aside}{adverbs}{also}\s+{verbs}"


@lru_cache(maxsize=64)
def _compiled(key: tuple) -> Patterns:
    return Patterns(dict(key))


# Options that change what a rule reports, not the patterns it compiles: the
# three rules of a pack share one compiled Patterns and one analysis.
_PER_RULE = {"find", "window_before", "window_after", "min_count"}


def patterns_for(rule) -> Patterns:
    return _compiled(
        tuple(
            (k, tuple(v) if isinstance(v, list) else v)
            for k, v in sorted(rule.options.items())
            if k not in _PER_RULE
        )
    )
