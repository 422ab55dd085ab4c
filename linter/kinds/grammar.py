"""grammar: LanguageTool's matches as findings.

The kernel does no I/O, so this kind works in two halves. `pieces(doc, rule)`
says what to send: each block's prose, with a placeholder word where inline
code or a URL was cut out (so "Run `make` now" reads "Run X now", not
"Run  now"). The runner sends the pieces to LanguageTool and stores the
matches on `doc.external["languagetool"]`; `Compiled.check` maps them back to
prose offsets and makes hits. A match that touches a placeholder is inside
code or a URL and is dropped.

Each finding's id is `grammar.<languagetool rule id in lower case>`, its
category `spelling` for LanguageTool's spelling categories and `grammar`
otherwise, its severity from `severity_by_category` (default: the rule's),
its message LanguageTool's and its suggestion LanguageTool's first
replacements.

Message fields: {message} (LanguageTool's message), {lt_rule}, {lt_category}.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from ..finding import SEVERITIES, Hit
from ..options import Option

OPTIONS = {
    "language": Option("str", "en-US", "LanguageTool language code (en-US, en-GB, ...)."),
    "noise_rules": Option(
        "list[str]", [], "LanguageTool rule ids off by default as noise on drafts (the pack's list)."
    ),
    "disabled_rules": Option("list[str]", [], "More LanguageTool rule ids to turn off."),
    "enabled_rules": Option(
        "list[str]", [], "LanguageTool rule ids to turn on, including ones in `noise_rules`."
    ),
    "disabled_categories": Option("list[str]", [], "LanguageTool category ids never reported."),
    "enabled_categories": Option("list[str]", [], "LanguageTool category ids to turn on."),
    "spelling_categories": Option(
        "list[str]", ["TYPOS"], "LanguageTool categories whose findings count as spelling."
    ),
    "severity_by_category": Option(
        "dict[str,str]", {}, "Severity per LanguageTool category id; others take the rule's severity."
    ),
    "max_replacements": Option("int", 3, "Most replacements shown as the suggestion.", minimum=0),
    "accept_other_variants": Option(
        "bool",
        True,
        "Accept spellings and phrases of other English variants (colour, kilometres, ground floor).",
    ),
    "names_are_words": Option(
        "bool",
        True,
        "Take an unknown capitalised word inside a sentence for a name, not a misspelling.",
    ),
}
FIELDS = {"message", "lt_rule", "lt_category"}
# A token LanguageTool's rules leave alone in any slot: "a Q" and "an Q" both
# pass the article rule (an "X" would ask for "an" before every code span).
PLACEHOLDER = "Q"
SERVICE = "languagetool"


def validate(rule, error) -> None:
    for category, severity in rule.options["severity_by_category"].items():
        if severity not in SEVERITIES:
            raise error(f"severity_by_category.{category}: {severity!r} is not one of {list(SEVERITIES)}")


@dataclass(frozen=True, slots=True)
class Piece:
    """One block's text as sent: `text` stands for prose[start:end] with
    placeholders inserted: `inserted` holds (prose offset, inserted text), ascending."""

    start: int
    end: int
    text: str
    inserted: tuple[tuple[int, str], ...] = ()

    def to_prose(self, offset: int, length: int) -> tuple[int, int] | None:
        """Prose span of text[offset:offset+length], or None if it touches a placeholder."""
        shift = 0
        for at, word in self.inserted:
            here = at - self.start + shift  # where this placeholder sits in `text`
            if here >= offset + length:
                break
            if offset <= here + len(word) and here <= offset + length:
                return None  # on or against a placeholder: about the code, not the prose
            shift += len(word)
        start = self.start + offset - shift
        return start, start + length


def request_params(rule) -> dict:
    """LanguageTool parameters of a rule: everything besides the text that changes its answer."""
    options = rule.options
    enabled = set(options["enabled_rules"])
    enabled_categories = set(options["enabled_categories"])
    return {
        "language": options["language"],
        "disabled_rules": sorted((set(options["noise_rules"]) | set(options["disabled_rules"])) - enabled),
        "enabled_rules": sorted(enabled),
        "disabled_categories": sorted(set(options["disabled_categories"]) - enabled_categories),
        "enabled_categories": sorted(enabled_categories),
    }


def _gaps(doc, start: int, end: int) -> list[int]:
    """Prose offsets in [start, end] where inline code or a URL was cut out."""
    gaps = []
    starts, lengths = doc.prose_starts, doc.prose_lengths
    source, source_starts, source_ends = doc.source, doc.source_starts, doc.source_ends
    i = max(bisect_right(starts, start) - 1, 0)
    while i < len(starts) and starts[i] + lengths[i] <= start:
        i += 1  # the last block's pieces
    first = i
    while i < len(starts) and starts[i] < end:
        skipped = source[source_ends[i - 1] if i else 0 : source_starts[i]]
        if i == first:
            skipped = skipped[skipped.rfind("\n") + 1 :]  # this block's line, not the last block's
        if _is_code_or_url(skipped):
            gaps.append(max(starts[i], start))
        piece_source = source[source_starts[i] : source_ends[i]]
        if lengths[i] == 1 and len(piece_source) > 1 and _is_code_or_url(piece_source):
            gaps.append(starts[i] + 1)  # a space standing for a cut-out URL or code span
        i += 1
    if i > first:
        after = source[source_ends[i - 1] : source_starts[i] if i < len(starts) else len(source)]
        if _is_code_or_url(after.split("\n", 1)[0]):
            gaps.append(starts[i - 1] + lengths[i - 1])
    return sorted(set(gaps))


_MARKUP = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]|<(?!https?://|www\.)[^>]*>", re.IGNORECASE)


def _is_code_or_url(skipped: str) -> bool:
    """Whether cut-out source was words (code, a URL), not markup around words
    (emphasis, a link's target, a tag)."""
    if re.search(r"<(code|kbd|samp|var)\b", skipped, re.IGNORECASE):
        return True
    rest = _MARKUP.sub("", skipped)
    return "`" in rest or "://" in rest or "www." in rest.lower()


def pieces(doc, rule) -> list[Piece]:
    """What to send for `doc`: one piece per block the rule reads."""
    out = []
    for block in doc.blocks:
        if block.kind not in rule.blocks:
            continue
        text = doc.prose[block.start : block.end]
        if not text.strip():
            continue
        inserted = []
        for at in _gaps(doc, block.start, block.end):
            # Keep the placeholder a word of its own: "`x` is" -> "Q is", not "Qis".
            before = " " if at > block.start and doc.prose[at - 1].isalnum() else ""
            after = " " if at < block.end and doc.prose[at].isalnum() else ""
            inserted.append((at, before + PLACEHOLDER + after))
        if inserted:
            parts, last = [], block.start
            for at, word in inserted:
                parts += [doc.prose[last:at], word]
                last = at
            parts.append(doc.prose[last : block.end])
            text = "".join(parts)
        out.append(Piece(block.start, block.end, text, tuple(inserted)))
    return out


# LanguageTool marks a word that is right in another variant in its message
# ("'colour' is British English") and a phrase with issue type locale-violation.
_VARIANT = re.compile(r"\bis (?:British|American|Canadian|Australian|New Zealand|South African) English\b")


def _dotted(before: str, after: str) -> bool:
    """Joined to letters by a dot: a file extension or a domain (Cargo.toml, docs.rs)."""
    return (before[-1:] == "." and before[:1].isalpha()) or (after[:1] == "." and after[1:2].isalpha())


def _capitalised_neighbour(prose: str, span) -> bool:
    left = re.search(r"(\w+)[ \t]+$", prose[max(0, span[0] - 40) : span[0]])
    right = re.match(r"[ \t]+(\w+)", prose[span[1] : span[1] + 40])
    return any(m is not None and m.group(1)[0].isupper() for m in (left, right))


def _other_variant(match) -> bool:
    return match.get("issue_type") == "locale-violation" or bool(_VARIANT.search(match["message"]))


class Compiled:
    chooses_blocks = True  # pieces() already chose the blocks

    def __init__(self, rules):
        self.rules = rules
        self.derived: dict[tuple, object] = {}

    def check(self, doc, hits):
        answers = (doc.external or {}).get(SERVICE)
        if not answers:
            return []
        found = []
        for rule in self.rules:
            for piece, matches in answers.get(rule.id, ()):
                for match in matches:
                    span = piece.to_prose(match["offset"], match["length"])
                    if span is None or span[1] <= span[0]:
                        continue
                    if rule.options["accept_other_variants"] and _other_variant(match):
                        continue
                    if rule.options["names_are_words"] and self._is_name(doc, rule, span, match):
                        continue
                    found.append(self._hit(rule, span, match))
        return found

    @staticmethod
    def _is_name(doc, rule, span, match) -> bool:
        """A misspelling on a capitalised word that does not open a sentence, or
        on part of a path or handle: most likely a name LanguageTool does not
        know (Matsakis, OpenCollective, rust-lang/rust)."""
        if match["category"] not in rule.options["spelling_categories"]:
            return False
        prose = doc.prose
        before, after = prose[max(0, span[0] - 2) : span[0]], prose[span[1] : span[1] + 2]
        if any(c in "/@#\\" for c in before[-1:] + after[:1]) or _dotted(before, after):
            return True  # part of a path, a file or domain name, a handle (rust-lang/rust, Cargo.toml)
        word = prose[span[0] : span[1]]
        if not word[0].isupper():
            return False
        if prose.count(word) > 1:
            return True  # a typo is seldom made twice the same way; a name is used again
        if _capitalised_neighbour(prose, span):
            return True  # one word of a full name (Tatsuya Kawano)
        before = doc.prose[max(0, span[0] - 4) : span[0]].rstrip(" \t\"'(\u201c\u2018[")
        return bool(before) and before[-1] not in ".!?:\n"

    def _hit(self, rule, span, match) -> Hit:
        derived = self.derived_rule(rule, match["rule"], match["category"])
        replacements = match["replacements"][: rule.options["max_replacements"]]
        return Hit(
            derived,
            span[0],
            span[1],
            derived.render(message=match["message"], lt_rule=match["rule"], lt_category=match["category"]),
            suggestion=" / ".join(replacements) if replacements else None,
        )

    def derived_rule(self, rule, lt_rule: str, lt_category: str):
        """The finding's rule: `grammar.<lt rule id>`, with its category and severity."""
        key = (rule.id, lt_rule, lt_category)
        if key not in self.derived:
            options = rule.options
            spelling = lt_category in options["spelling_categories"]
            self.derived[key] = replace(
                rule,
                id=f"{rule.pack}.{lt_rule.lower()}",
                category="spelling" if spelling else rule.category,
                severity=options["severity_by_category"].get(lt_category, rule.severity),
                why=f"LanguageTool rule {lt_rule} (category {lt_category}). {rule.why}",
            )
        return self.derived[key]
