"""One automaton for many phrases.

Every term list of a kind compiles into one Aho-Corasick automaton over
lower-cased, quote-folded text (pyahocorasick: one pass over the text whatever
the number of terms; a regex alternation of 2,000 terms is two orders of
magnitude slower). Matches are kept only on word boundaries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

_FOLD = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "\n": " ", "\t": " "}
)


def fold(text: str) -> str:
    """Lower-case and fold quotes and dashes, keeping every offset."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ")
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class PhraseMatcher:
    """Finds (start, end, payload) for every phrase occurrence on word boundaries."""

    def __init__(self, entries: Iterable[tuple[str, object]]):
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        table: dict[str, list] = {}
        for phrase, payload in entries:
            key = fold(" ".join(phrase.split()))
            if key:
                table.setdefault(key, []).append(payload)
        for key, payloads in table.items():
            self._automaton.add_word(key, (len(key), key, tuple(payloads)))
        self.empty = not table
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, folded: str) -> Iterator[tuple[int, int, str, tuple]]:
        """Matches in text already passed through `fold`."""
        if self.empty:
            return
        n = len(folded)
        for last, (length, key, payloads) in self._automaton.iter(folded):
            start = last - length + 1
            end = last + 1
            if _is_word_char(key[0]) and start > 0 and _is_word_char(folded[start - 1]):
                continue
            if _is_word_char(key[-1]) and end < n and _is_word_char(folded[end]):
                continue
            yield start, end, key, payloads


def leftmost_longest(spans: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Drop spans that overlap an earlier-starting or longer one."""
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, object]] = []
    reach = -1
    for span in spans:
        if span[0] >= reach:
            kept.append(span)
            reach = span[1]
    return kept
