"""metric: a measure over each sentence, paragraph or the document, reported
when it is over `max` or under `min`. Word counts are ours; readability
formulas are textstat's, loaded only when a rule needs one.

Message fields: {value}, {max}, {min}, {metric}.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..document import count_words
from ..finding import Hit
from ..options import Option

SYLLABLES_FILE = Path(__file__).resolve().parent.parent / "data" / "syllables.txt"
FORMULAS = (
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
)
METRICS = ("sentence_words", "paragraph_words") + FORMULAS

OPTIONS = {
    "metric": Option("choice", required=True, doc="What to measure.", choices=METRICS),
    "scope": Option(
        "choice", "document", "What one value is computed over (formulas only).", ("paragraph", "document")
    ),
    "max": Option("float", None, "Report values above this."),
    "min": Option("float", None, "Report values below this."),
    "min_words": Option(
        "int", 0, "Skip scopes with fewer words (formulas are noise on short text).", minimum=0
    ),
}
FIELDS = {"value", "max", "min", "metric"}


def validate(rule, error):
    opts = rule.options
    if opts["max"] is None and opts["min"] is None:
        raise error("metric rule needs 'max' or 'min'")


@lru_cache(maxsize=1)
def _textstat():
    """textstat, made to work offline: it fetches NLTK's cmudict on first use,
    which fails without a network, so hand it copydesk's syllable table (the
    CMU dictionary's counts, linter/data/syllables.txt)."""
    import sys
    import types

    # textstat imports all of NLTK (half a second) only to download cmudict,
    # which is replaced below: give that import a placeholder, and leave the
    # real NLTK importable for anyone else.
    placeholder = None
    if "nltk" not in sys.modules:
        placeholder = sys.modules["nltk"] = types.ModuleType("nltk")
    try:
        import textstat
        from textstat.backend.counts import _count_syllables
    finally:
        if placeholder is not None and sys.modules.get("nltk") is placeholder:
            del sys.modules["nltk"]

    table = _Syllables(SYLLABLES_FILE.read_text("utf-8"))

    def get_cmudict(lang):
        return table if lang.lower().startswith("en") else None

    _count_syllables.get_cmudict = get_cmudict
    _count_syllables.get_pyphen = _vowel_groups_for
    return textstat


class _VowelGroups:
    """Stands in for pyphen where textstat counts the syllables of a word
    cmudict lacks (positions + 1). Loading pyphen's dictionary cost 0.2 s per
    run; vowel groups are also closer to cmudict's counts (mean error 0.09
    syllables per word against pyphen's 0.17, on Rust blog words cmudict has)."""

    @staticmethod
    def positions(word: str) -> range:
        return range(syllables(word) - 1)


def _vowel_groups_for(lang):
    return _VowelGroups


_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """Vowel groups, less a silent final e: 'table' 2, 'make' 1, 'rustup' 2."""
    word = word.lower()
    count = len(_VOWELS.findall(word))
    if count > 1 and word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        count -= 1
    return max(1, count)


class _Syllables(dict):
    """word -> [phones], as textstat reads NLTK's cmudict.dict(), but built from
    the words whose CMU count the vowel-group estimate gets wrong (21,000 of
    126,000): loading it takes a tenth of the time the whole dictionary did.
    Every other word gets the estimate, which is right for the rest of cmudict's
    words and is what textstat's fallback does for words cmudict lacks."""

    def __init__(self, text: str):
        # "word count" lines after the comment header: split once, pair up.
        body = text[text.index("\n", text.rfind("\n#") + 1) + 1 :] if text.startswith("#") else text
        tokens = iter(body.split())
        super().__init__(zip(tokens, tokens))  # counts stay text until asked for

    def __getitem__(self, word):
        count = dict.get(self, word)
        return [["A1"] * (int(count) if count is not None else syllables(word))]


def formula(name: str, text: str) -> float:
    return float(getattr(_textstat(), name)(text))


class Compiled:
    chooses_blocks = True  # reads only the rule's blocks; anchors document findings on the first

    def __init__(self, rules):
        self.rules = rules

    def check(self, doc, hits):
        found = []
        for rule in self.rules:
            found.extend(self._check_rule(doc, rule))
        return found

    def _check_rule(self, doc, rule):
        opts = rule.options
        metric = opts["metric"]
        if metric == "sentence_words":
            for start, end in doc.sentences:
                block = doc.block_at(start)
                if block is not None and block.kind not in rule.blocks:
                    continue
                yield from self._judge(rule, start, end, count_words(doc.prose, start, end))
        elif metric == "paragraph_words":
            for block in doc.blocks:
                if block.kind in rule.blocks:
                    yield from self._judge(
                        rule, block.start, block.end, count_words(doc.prose, block.start, block.end)
                    )
        else:
            blocks = [b for b in doc.blocks if b.kind in rule.blocks]
            groups = [[b] for b in blocks] if opts["scope"] == "paragraph" else [blocks]
            for group in groups:
                if not group:
                    continue
                # textstat counts sentences by their stops: a list item or a
                # heading-like block without one would merge into the next.
                text = "\n\n".join(_as_sentence(doc.prose[b.start : b.end]) for b in group)
                if count_words(text) < opts["min_words"]:
                    continue
                anchor = doc.blocks[0] if opts["scope"] == "document" else group[0]
                yield from self._judge(rule, anchor.start, anchor.end, round(formula(metric, text), 1))

    @staticmethod
    def _judge(rule, start, end, value):
        high, low = rule.options["max"], rule.options["min"]
        limit = (
            high if high is not None and value > high else low if low is not None and value < low else None
        )
        if limit is None:
            return
        # Just over the limit is weaker evidence than far over it: confidence
        # rises from half the rule's at the limit to all of it at 1.25x.
        excess = abs(value - limit) / max(abs(limit), 1e-9)
        confidence = rule.confidence * min(1.0, 0.5 + 2 * excess)
        yield Hit(
            rule,
            start,
            end,
            rule.render(
                value=_number(value), max=_number(high), min=_number(low), metric=rule.options["metric"]
            ),
            confidence=confidence,
        )


def _as_sentence(text: str) -> str:
    return text if text.rstrip()[-1:] in ".!?:;…\"'”’)" else text + "."


def _number(value):
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)
