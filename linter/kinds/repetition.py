"""repetition: the same thing said again.

- `restatement`: a sentence whose content restates an earlier one. Sentences
  become sets of stemmed content words weighted by inverse document
  frequency; candidates come from an inverted index over each sentence's
  rarest words, so a sentence is compared with a bounded number of earlier
  ones (near-linear, no all-pairs), and the weighted cosine decides.
- `phrase`: a 3-8 word phrase used more often than the document's length
  allows.
- `doubled-word`: "the the".
- `dense-word`: a notable word used too often within a short span.
- `sentence-start`: consecutive sentences opening with the same words.

Message fields: {match}, {line}, {earlier}, {count}, {similarity}.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import defaultdict

from ..finding import Hit
from ..options import Option

FIND = ("restatement", "phrase", "doubled-word", "dense-word", "sentence-start", "cross-file")
METHODS = ("cosine", "idf-cosine", "jaccard", "bigram-dice")
OPTIONS = {
    "find": Option("choice", required=True, doc="What the rule reports.", choices=FIND),
    "stopwords": Option("list[str]", [], "Function words left out of comparisons."),
    "stopwords_file": Option("str", None, "A file beside the pack with more stop words, one per line."),
    "exceptions": Option(
        "list[str]", [], "Phrases, doubled words or openers never reported (stock collocations)."
    ),
    "method": Option("choice", "cosine", "restatement: how sentences are compared.", choices=METHODS),
    "threshold": Option(
        "float",
        0.6,
        "restatement: weighted cosine at or above which a sentence restates one.",
        minimum=0,
        maximum=1,
    ),
    "min_words": Option("int", 5, "restatement: content words a sentence needs to be compared.", minimum=1),
    "candidates": Option(
        "int", 40, "restatement: earlier sentences compared with each one, at most.", minimum=1
    ),
    "min_n": Option("int", 3, "phrase: shortest phrase, in words.", minimum=2),
    "max_n": Option("int", 8, "phrase: longest phrase, in words.", minimum=2),
    "per_1000_words": Option("float", 1.0, "phrase: uses allowed per 1,000 words (at least 2).", minimum=0),
    "window": Option("int", 60, "dense-word: span of words searched.", minimum=5),
    "max": Option(
        "int", 3, "dense-word: uses allowed in the span; sentence-start: run length allowed.", minimum=1
    ),
    "min_length": Option("int", 6, "dense-word: shortest word considered, in letters.", minimum=1),
    "opening_words": Option("int", 2, "sentence-start: how many opening words must match.", minimum=1),
}
FIELDS = {"match", "line", "earlier", "count", "similarity"}

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_SUFFIXES = (
    "ational",
    "ization",
    "fulness",
    "iveness",
    "ations",
    "ation",
    "ments",
    "ment",
    "ness",
    "ities",
    "ity",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "ed",
    "es",
    "ly",
    "er",
    "s",
)


def stem(word: str) -> str:
    """A light suffix stripper: enough to match 'desertions' with 'desertion'
    and 'implications' with 'implication', not a linguistic stemmer."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _content(text: str, stop: frozenset) -> list[str]:
    return [stem(t) for t in _TOKEN.findall(text) if t.lower().replace("’", "'") not in stop and len(t) > 1]


class Compiled:
    def __init__(self, rules):
        self.rules = rules

    def check(self, doc, hits):
        found = []
        for rule in self.rules:
            opts = rule.options
            stop = frozenset(w.lower() for w in opts["stopwords"])
            finder = _FINDERS[opts["find"]]
            found.extend(finder(doc, rule, stop))
        return found


def _sentences(doc, rule):
    return [(s, e) for s, e in doc.sentences if (b := doc.block_at(s)) is None or b.kind in rule.blocks]


def _line_of(doc, prose_offset: int) -> int:
    return doc.line_col(doc.source_offset(prose_offset))[0]


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- restatement -----------------------------------------------------------------
def similarity(a: set, b: set, method: str, idf: dict | None = None) -> float:
    """How much two bags of stemmed content words (or bigrams) say the same."""
    if not a or not b:
        return 0.0
    shared = a & b
    if method == "jaccard":
        return len(shared) / len(a | b)
    if method == "idf-cosine" and idf is not None:
        norm = math.sqrt(sum(idf[w] ** 2 for w in a)) * math.sqrt(sum(idf[w] ** 2 for w in b))
        return sum(idf[w] ** 2 for w in shared) / norm if norm else 0.0
    if method == "bigram-dice":
        return 2 * len(shared) / (len(a) + len(b))
    return len(shared) / math.sqrt(len(a) * len(b))


def bag(text: str, stop: frozenset, method: str) -> set:
    words = _content(text, stop)
    if method == "bigram-dice":
        return set(zip(words, words[1:])) | set(words)
    return set(words)


def _restatements(doc, rule, stop):
    opts = rule.options
    method = opts["method"]
    spans = _sentences(doc, rule)
    bags = [bag(doc.prose[s:e], stop, method) for s, e in spans]
    df: dict = defaultdict(int)
    for b in bags:
        for word in b:
            df[word] += 1
    n = len(bags) or 1
    idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
    index: dict = defaultdict(list)
    exceptions = [e.lower() for e in opts["exceptions"]]
    for i, current in enumerate(bags):
        words = [w for w in current if isinstance(w, str)]
        # "Update from the 2026-03-11 meeting:" is a label, not a claim.
        label = doc.prose[spans[i][1] - 1] == ":"
        if len(words) >= opts["min_words"] and not label:
            best, best_j = 0.0, -1
            seen: set[int] = set()
            # Candidates: earlier sentences sharing a content word, the most recent
            # `candidates` per word, so each sentence meets a bounded number.
            for word in words:
                for j in index.get(word, ())[-opts["candidates"] :]:
                    if j not in seen:
                        seen.add(j)
                        score = similarity(current, bags[j], method, idf)
                        if score > best:
                            best, best_j = score, j
            text = doc.prose[spans[i][0] : spans[i][1]]
            if best >= opts["threshold"] and best_j >= 0 and not any(e in text.lower() for e in exceptions):
                earlier = doc.prose[spans[best_j][0] : spans[best_j][1]]
                yield Hit(
                    rule,
                    spans[i][0],
                    spans[i][1],
                    rule.render(
                        match=_short(text),
                        line=_line_of(doc, spans[best_j][0]),
                        earlier=_short(earlier),
                        similarity=f"{best:.2f}",
                    ),
                    confidence=round(min(0.99, best), 2),
                )
        for word in current:
            if isinstance(word, str):
                index[word].append(i)


# -- phrases ------------------------------------------------------------------------
def _phrases(doc, rule, stop):
    opts = rule.options
    words = [
        (m.group().lower().replace("’", "'"), m.start(), m.end(), m.group()[0].isupper())
        for m in _TOKEN.finditer(doc.prose)
    ]
    allowed = max(2, math.floor(doc.words / 1000 * opts["per_1000_words"]))
    exceptions = {e.lower() for e in opts["exceptions"]}
    block_starts = [b.start for b in doc.blocks]
    reported_until = -1
    found = []
    for n in range(opts["max_n"], opts["min_n"] - 1, -1):
        positions: dict[tuple, list[int]] = defaultdict(list)
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            # Within one block, with at least two content words, not a proper name.
            if bisect_right(block_starts, gram[0][1]) != bisect_right(block_starts, gram[-1][1]):
                continue
            content = sum(1 for w in gram if w[0] not in stop)
            # A phrase, not a term: two content words and a function word or
            # more ("the long-term consequences of"), and not a proper name.
            if content < 2 or content == n or all(w[3] for w in gram):
                continue
            if doc.prose[gram[0][1] : gram[-1][2]].count(".") or doc.prose[gram[0][1] : gram[-1][2]].count(
                ","
            ):
                continue
            positions[tuple(w[0] for w in gram)].append(i)
        for gram, where in positions.items():
            if len(where) <= allowed or " ".join(gram) in exceptions:
                continue
            i = where[allowed]
            if words[i][1] < reported_until:
                continue  # inside a longer phrase already reported
            start, end = words[i][1], words[i + n - 1][2]
            found.append(
                Hit(
                    rule,
                    start,
                    end,
                    rule.render(
                        match=doc.prose[start:end], count=len(where), line=_line_of(doc, words[where[0]][1])
                    ),
                )
            )
            reported_until = max(reported_until, end)
    return found


# -- words ----------------------------------------------------------------------------
# One space or one line break: a wider gap is where code or markup was removed.
_DOUBLED = re.compile(r"\b([A-Za-z]+)(?: |\n)\1\b", re.IGNORECASE)


def _doubled(doc, rule, stop):
    exceptions = {e.lower() for e in rule.options["exceptions"]}
    for m in _DOUBLED.finditer(doc.prose):
        first, second = m.group().split()
        # "The the" is a slip; "tls TLS" names the same thing twice on purpose.
        if first[1:] == second[1:] and m.group().lower() not in exceptions:
            yield Hit(rule, m.start(), m.end(), rule.render(match=m.group()))


def _dense(doc, rule, stop):
    opts = rule.options
    exceptions = {e.lower() for e in opts["exceptions"]}
    occurrences: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    lower_seen: set[str] = set()
    for index, m in enumerate(_TOKEN.finditer(doc.prose)):
        word = m.group()
        low = word.lower()
        if len(word) < opts["min_length"] or low in stop or low in exceptions:
            continue
        key = stem(low)
        occurrences[key].append((index, m.start(), m.end()))
        if not word[0].isupper():
            lower_seen.add(key)
    for key, uses in occurrences.items():
        if key not in lower_seen:
            continue  # always capitalised: a name, which may recur as often as it must
        reported_until = -1
        for k in range(opts["max"], len(uses)):
            first = uses[k - opts["max"]]
            index, start, end = uses[k]
            if index - first[0] <= opts["window"] and index > reported_until:
                yield Hit(rule, start, end, rule.render(match=doc.prose[start:end], count=opts["max"] + 1))
                reported_until = index + opts["window"]


def _openers(doc, rule, stop):
    opts = rule.options
    exceptions = {e.lower() for e in opts["exceptions"]}
    spans = _sentences(doc, rule)
    run: list[tuple[int, int]] = []
    previous = None
    for s, e in spans + [(None, None)]:
        opening = None
        if s is not None:
            head = doc.prose[s:e].split()[: opts["opening_words"]]
            # Words only: "Wed, Sep", "- Used" and "run_make:" are list furniture.
            words = head if all(re.fullmatch(r"[A-Za-z][a-z'’]*", w) for w in head) else []
            opening = " ".join(w.lower() for w in words) if len(words) == opts["opening_words"] else None
        if opening is not None and opening == previous:
            run.append((s, e))
            continue
        if len(run) > opts["max"] and previous not in exceptions:
            third = run[opts["max"]]
            start = third[0]
            end = start + len(" ".join(doc.prose[start : third[1]].split()[: opts["opening_words"]]))
            yield Hit(rule, start, end, rule.render(match=doc.prose[start:end], count=len(run)))
        run, previous = ([(s, e)] if s is not None else []), opening


def _run_level(doc, rule, stop):
    """cross-file compares files with each other: the run does it (crossfile.py)."""
    return ()


_FINDERS = {
    "cross-file": _run_level,
    "restatement": _restatements,
    "phrase": _phrases,
    "doubled-word": _doubled,
    "dense-word": _dense,
    "sentence-start": _openers,
}
