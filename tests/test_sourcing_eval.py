"""The sourcing rules on two labelled sets of sentences with figures, each
written and labelled by reading before the rules ran (fixtures/sourcing/).
Both are tuning sets now: the rules were tuned on sentences.yaml first, then
on heldout.yaml, so neither measures how the rules generalise. heldout2.yaml
is the held-out set: written and labelled by an independent labeller who saw
neither the rules nor the other sets, and never tuned on. Prints
sentence-level precision and recall per rule; fails under 0.85 / 0.8."""

from __future__ import annotations

import pytest
import yaml
from conftest import FIXTURES

from linter.check import RuleSet, check
from linter.expectations import Tally, table
from linter.formats import parse

SET = FIXTURES / "sourcing" / "sentences.yaml"  # the first tuning set
SECOND = FIXTURES / "sourcing" / "heldout.yaml"  # written later, held out at first, tuned on since
HELDOUT = FIXTURES / "sourcing" / "heldout2.yaml"  # never tuned on
MIN_PRECISION = 0.85
MIN_RECALL = 0.8
RULES = ("sourcing.unattributed-figure", "sourcing.vague-attribution", "sourcing.hedged-claim")


def evaluate(builtin_packs, path=SET):
    ruleset = RuleSet(builtin_packs["sourcing"].rules)
    tallies = {rule: Tally() for rule in RULES}
    paragraphs = yaml.safe_load(path.read_text("utf-8"))
    for number, paragraph in enumerate(paragraphs, start=1):
        sentences = paragraph["sentences"]
        # Markdown, so that links in the set are links; each paragraph alone.
        starts, text = [], ""
        for sentence in sentences:
            text += " " if text else ""
            starts.append(len(text))
            text += sentence["text"]
        findings = check(parse(text, "markdown"), ruleset)
        for index, sentence in enumerate(sentences):
            end = starts[index + 1] if index + 1 < len(sentences) else len(text) + 1
            found = {f.rule for f in findings if starts[index] <= f.start < end}
            expected = set(sentence.get("expect") or [])
            where = f"paragraph {number} sentence {index + 1}: {sentence['text'][:90]}"
            for rule in RULES:
                tallies[rule].add(rule in found, rule in expected, where)
    return tallies, sum(len(p["sentences"]) for p in paragraphs)


@pytest.mark.parametrize("path", [SET, SECOND], ids=["sentences", "second-set"])
def test_sourcing_sentence_level_precision_and_recall(builtin_packs, path):
    tallies, count = evaluate(builtin_packs, path)
    print(f"\n{path.name}: {count} sentences\n" + table(tallies))
    for rule, t in tallies.items():
        for where in t.false_alarms:
            print(f"  false alarm {rule}: {where}")
        for where in t.misses:
            print(f"  missed      {rule}: {where}")
    assert count >= 200
    assert not _under_bar(tallies), (
        f"under precision {MIN_PRECISION} / recall {MIN_RECALL}: {_under_bar(tallies)}"
    )


@pytest.mark.xfail(
    strict=True,
    reason="issue 3 open: on the held-out set (never tuned on) figures are at P 0.58 / R 0.63, vague "
    "sources at P 0.95 / R 0.73, hedged claims at P 0.92 / R 0.86; the tuning sets pass",
)
def test_sourcing_on_the_heldout_set(builtin_packs):
    tallies, count = evaluate(builtin_packs, HELDOUT)
    print(f"\nheld-out {HELDOUT.name}: {count} sentences\n" + table(tallies))
    assert count >= 200
    assert not _under_bar(tallies), (
        f"under precision {MIN_PRECISION} / recall {MIN_RECALL}: {_under_bar(tallies)}"
    )


def _under_bar(tallies) -> dict:
    return {
        rule: (round(t.precision, 2), round(t.recall, 2))
        for rule, t in tallies.items()
        if t.precision < MIN_PRECISION or t.recall < MIN_RECALL
    }
