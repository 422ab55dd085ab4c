"""Which numbers in a sentence are figures: quantity claims, not years, dates,
times, ages, ordinals, versions, identifiers, addresses, sizes or durations."""

from __future__ import annotations

import re

from .sourcing_patterns import MONTHS, SMALL, Patterns

# Numbers that are not figures, judged from the text around them.
_YEAR = re.compile(r"(?:1[89]\d\d|20\d\d)s?")
_AFTER_NOT_FIGURE = re.compile(
    rf"\s*(?:(?:st|nd|rd|th)\b|:\d\d|\s?(?:a\.?m\.?|p\.?m\.?)(?!\w)|-(?:year|month|week|day|hour|minute)s?-old\b"
    rf"|-[a-z]|\.\d+\.\d|(?:\s*(?:and|to|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?(?:{MONTHS})\b)",
    re.IGNORECASE,
)
_BEFORE_NOT_FIGURE = re.compile(rf"(?:\b(?:{MONTHS})\.?\s*|\bv|\bage[ds]?\s+|\bno\.\s*|-)$", re.IGNORECASE)
LABEL_VALUE = re.compile(r"^[^.:!?]{1,60}:\s*\S{1,25}\s*(?:\([^)]{0,40}\))?\s*\.?$")
_AGE = re.compile(r"^, \d{1,3},")
# An ordinal that ranks, not names: "his 19th league goal of the season", "ranked 64th".
_RANK_AFTER = re.compile(
    r"(?:st|nd|rd|th)\s+(?:[a-z-]+\s+){0,3}?(?:of the (?:season|year|campaign|term)|in the world|on record)\b"
)
_RANK_BEFORE = re.compile(r"\branked\s+$")
# "the women's 10,000m": a distance; money in millions carries its currency.
_METRES = re.compile(r"\d{1,3}(?:,\d{3})+m")
_ADDRESS_AFTER = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|"
    r"Way|Drive|Dr|Place|Pl|Square|Sq)\b"
)


def is_figure(
    sentence: str,
    start: int,
    end: int,
    figure: str,
    patterns: Patterns,
    min_count: int,
    claimed: bool = False,
    hedged: bool = False,
) -> bool:
    """Whether a figure-shaped match is a quantity claim: percentages, money,
    quantity words and changes are; a bare numeral is unless it is a year,
    date, time, age, ordinal, version, identifier or address, or counts
    nothing (no lower-case word follows it). In a `claimed` sentence (hedged,
    or given a vague source) the number is what is claimed, so a bare number
    closing the clause counts ("Some economists put the threshold at 160");
    in a `hedged` one an approximated size does too ("as little as 64KB").
    (A vague source's size is often advice: "Many believe you must run at
    least 32 kilometres".)"""
    numerals = list(re.finditer(r"\d[\d,.]*\d|\d", figure))
    numeral = numerals[-1] if numerals else None
    if numeral is None:
        # "over nine releases", "at least two candidates": a small count, as
        # for numerals; "almost four minutes": a duration, not a claim.
        small = patterns.small_count.fullmatch(figure)
        near = (max(0, start - 30), min(len(sentence), end + 30))
        if (
            small
            and SMALL[small.group(1).lower()] < min_count
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
    if _METRES.fullmatch(figure):
        return False
    if _RANK_AFTER.match(after) or _RANK_BEFORE.search(before):
        return bare.isdigit() and int(bare) >= min_count
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
    if _measurement(sentence, start, n_end, patterns) and not (hedged and not figure[:1].isdigit()):
        return False  # "64 bit", "16 MB", "about 13 minutes": a measurement or a duration
    if not figure[:1].isdigit() or re.search(r"[a-z]", figure[numeral.end() :]) or "," in numeral.group():
        return True  # approximated ("over 300"), scaled ("2 million") or large ("25,000")
    # A bare numeral is a figure when it counts something: "40 beds",
    # "300 Russian soldiers"; not "in 12." or "Rust 1", nor a small count.
    if bare.isdigit() and int(bare) < min_count:
        return False
    if bare.isdigit() and int(bare) < 100 and re.search(r"\b\w*[A-Z][\w-]*\s$", before):
        return False  # "Windows 10", "Tier 1", "Bus 42": part of a name
    if claimed and bare.isdigit() and re.match(r"\s*(?:[.;:,]|$)", after):
        return True  # "Some economists put the threshold at 160."
    # ... but not "The 8472 and Ashley": a conjunction counts nothing.
    return bool(re.match(r"\s+(?:[A-Z][\w-]*\s+)?(?!(?:and|or|but|nor)\b)[a-z]", after))


def _measurement(sentence: str, start: int, end: int, patterns: Patterns) -> bool:
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


def in_quote(sentence: str, position: int) -> bool:
    """Whether `position` sits inside double quotation marks, or single ones
    (British style: "'We lost 400 sheep,' said Pieter Swart")."""
    straight = sentence.count('"', 0, position) % 2 == 1
    curly = sentence.count("“", 0, position) > sentence.count("”", 0, position)
    return straight or curly or _in_single_quote(sentence, position)


# A single quotation mark opens after a space and before a letter or digit, and
# closes after a word or punctuation; an apostrophe ("don't", "farmers' unions")
# closes nothing that was not opened.
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–]))['‘](?=[\w$£€])|(?<=[\w.,!?%])['’](?=[\s.,;:!?)—–]|$)")


def _in_single_quote(sentence: str, position: int) -> bool:
    if "'" not in sentence and "‘" not in sentence:
        return False
    opened = False
    for m in _SINGLE.finditer(sentence):
        if m.start() >= position:
            break
        opening = m.start() == 0 or not (
            sentence[m.start() - 1].isalnum() or sentence[m.start() - 1] in ".,!?%"
        )
        if opening:
            opened = True
        elif opened:
            opened = False
    return opened
