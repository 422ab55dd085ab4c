"""Who is named where: per paragraph and sentence, the vague sources, hedges,
named sources that cover the neighbours (reported) and sources for a sentence
alone (own), and whether the document as a whole speaks for its authors or its
issuer."""

from __future__ import annotations

import re
from bisect import bisect_right

from .sourcing_figures import in_quote, is_figure


class Analysis:
    """What the rules of a pack share about one document, computed on demand:
    its paragraphs' sentences, and per paragraph who is named where."""

    def __init__(self, doc, patterns):
        self.doc = doc
        self.patterns = patterns
        self.paragraphs = _paragraph_sentences(doc)
        self._sources: dict[int, _Sentences] = {}
        self._self_reports: int | None = None
        self._issuing: bool | None = None
        self._vague: dict[str, list] = {}
        self._hedges: dict[str, list] = {}
        self._numbers: dict[int, set] = {}

    def self_reporting(self) -> bool:
        """Whether the document reports the authors' own work (a survey
        write-up, release notes, an incident report): enough self-report cues."""
        if self._self_reports is None:
            self._self_reports = 0
            prose = self.doc.prose
            if len(prose.split()) >= self.patterns.self_report_min_words:
                # "We lost 300 members," said Ana Ruiz: a quoted speaker's work is not the authors'.
                spans = self.doc.sentences
                starts = [s for s, _ in spans]
                for m in self.patterns.self_report.finditer(prose):
                    s, e = spans[max(0, bisect_right(starts, m.start()) - 1)]
                    if not in_quote(prose[s:e], m.start() - s):
                        self._self_reports += 1
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
        pointed out") are not vague, nor is their own past view ("it was thought")."""
        if text not in self._vague:  # the vague rule and the other two both ask
            found = []
            for m in self.patterns.vague.finditer(text):
                groups = m.groupdict()
                head = (groups.get("head") or "").lower()
                own = head in self.patterns.own_audience or head not in self.patterns.collective_nouns
                if ((head and own) or groups.get("own")) and self.self_reporting():
                    continue
                found.append(m)
            self._vague[text] = found
        return self._vague[text]

    def hedges(self, text: str) -> list:
        """Hedge matches in `text`, but not a hedge on the writer themselves
        ("I was apparently one of them"), nor, in a self-reporting document,
        the authors' own estimate ("for an estimated 10-15 minutes")."""
        if text not in self._hedges:
            self._hedges[text] = [
                m
                for m in self.patterns.hedge.finditer(text)
                if not _FIRST_PERSON.search(text, 0, m.start())
                and not (self.patterns.own_hedge.fullmatch(m.group()) and self.self_reporting())
            ]
        return self._hedges[text]

    def sources(self, index: int) -> _Sentences:
        """Who is named where in paragraph `index`, per sentence."""
        if index not in self._sources:
            self._sources[index] = self._read(index)
        return self._sources[index]

    def _read(self, index: int) -> _Sentences:
        doc, patterns = self.doc, self.patterns
        found = _Sentences()
        for s, e, _ in self.paragraphs[index]:
            text = doc.prose[s:e]
            # A vague source quoted ("By many reports", as a reader put it) is
            # mentioned, not used: the vague rule does not report it either.
            vague = [m.span() for m in self.vague(text) if not in_quote(text, m.start())]
            hedges = self.hedges(text)
            blocked = vague + [m.span() for m in hedges]
            found.texts.append(text)
            found.vague.append(vague)
            found.hedged.append(bool(hedges))
            # "Police said ... He allegedly stabbed": a neighbour can answer some hedges.
            found.answerable.append(all(patterns.answered.fullmatch(m.group()) for m in hedges))
            # "Lumora, the analytics platform, today announced": the issuer speaks
            # for itself (see issuing), not for its neighbours' claims about the world.
            issued = [m.span() for m in patterns.issuer.finditer(text)]
            found.reported.append(_reported(doc, s, e, text, patterns, blocked + issued))
            # "'We lost 400 sheep,' said Pieter Swart": a quoted speaker's work is not the authors'.
            found.own_work.append(
                any(not in_quote(text, m.start()) for m in patterns.self_report.finditer(text))
            )
            found.own.append(found.own_work[-1] or _own_source(text, patterns, blocked))
        _carry_over(found, patterns)
        return found

    def numbers(self, index: int) -> set:
        """The figures the paragraph's sourced sentences give: sourced wherever
        it repeats them ("groups say 39 were killed. The commission put the toll at 39")."""
        if index not in self._numbers:
            found, patterns = self.sources(index), self.patterns
            self._numbers[index] = {
                n
                for i, text in enumerate(found.texts)
                if (found.reported[i] or found.own[i]) and not (found.vague[i] or found.hedged[i])
                for m in patterns.figure.finditer(text)
                if is_figure(text, m.start(), m.end(), m.group().strip(), patterns, 0)
                for n in NUMERALS.findall(m.group())
            }
        return self._numbers[index]


def _carry_over(found: _Sentences, patterns) -> None:
    """Sources a sentence takes from its neighbours by referring to them."""
    texts = found.texts
    for i in range(1, len(texts)):
        if found.own[i - 1] or found.reported[i - 1]:
            if not found.reported[i] and patterns.refers_back.search(texts[i]):
                found.reported[i] = True  # "The agency traced 14 sawmills. It estimates ..."
            elif not found.own[i] and _CONTINUES.search(texts[i]):
                found.own[i] = True  # "... distributed 1.2 million parcels. More than a third of those ..."
    # "We migrated our cluster last month. The largest table has 1.8 billion
    # rows": a definite subject next to the author's own work is theirs.
    # Between two sentences of the author's own work, a sentence is theirs too:
    # "I fine-tuned a model. Training took 6 hours. Accuracy on our set went ...".
    for i, text in enumerate(texts):
        near = found.own_work[max(0, i - 1) : i] + found.own_work[i + 1 : i + 2]
        inside = len(near) == 2 and all(near)
        if (
            not found.own[i]
            and (inside or any(near) and _DEFINITE.match(text))
            and not patterns.world.search(text)
        ):
            found.own[i] = True


class _Sentences:
    """Per sentence of a paragraph: its text, vague-source spans, whether it is
    hedged, whether a neighbour can answer its hedges, whether it names a
    source for its neighbours (reported) or for itself alone (own), and
    whether it reports the author's own work."""

    __slots__ = ("texts", "vague", "hedged", "answerable", "reported", "own", "own_work")

    def __init__(self):
        self.texts: list[str] = []
        self.vague, self.hedged, self.answerable, self.reported, self.own, self.own_work = (
            [] for _ in range(6)
        )


# A sentence that counts within what the sentence before gave: "More than a
# third of those parcels", "Of these, 40 ...", "Staff sick days fell by about
# two-thirds" does not qualify; it needs its own source or the same subject.
# "At least 11 remain in custody": a count with no noun counts what the
# sentence before counted; "about 60% of that growth".
_CONTINUES = re.compile(
    r"^(?:Of (?:those|these|them)\b|[^.;]{0,40}\bof (?:those|these|them|that|this)\b"
    r"|(?:[A-Z][a-z]+(?: [a-z]+)?\s+)?\d[\d,]*\s+(?:remain|remained|are|were|have|had|died|survived)\b)"
)
_DEFINITE = re.compile(r"(?:The|This|These|Those|Its)\s")
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e)(?:'m|'re|\s+(?:am|are|was|were))?\s+$")
NUMERALS = re.compile(r"\d[\d,.]*\d|\d{2,}")


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


def matches_source(patterns_list, text, not_sources, blocked) -> bool:
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
    if matches_source(patterns.framed, text, patterns.not_sources, blocked):
        return True
    if patterns.said.search(text) and matches_source(
        patterns.attributions, text, patterns.not_sources, blocked
    ):
        return True
    return doc.has_link(start, end)


def _own_source(text, patterns, blocked) -> bool:
    """A source for this sentence alone besides the author's own work ("we
    measured"): an issuer's announcement, a footnote mark, or a named body
    doing what it reports."""
    # A footnote mark is claim-specific: "[2]" does not cover the next claim.
    if patterns.issuer.search(text) or patterns.citation.search(text):
        return True
    return matches_source(patterns.actors, text, patterns.not_sources, blocked)
