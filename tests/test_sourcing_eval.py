"""The sourcing rules on four labelled sets of sentences with figures, each
written and labelled by reading before the rules ran on it (fixtures/sourcing/).
The rules were tuned on sentences.yaml first, then on heldout.yaml; then
heldout2.yaml (by an independent labeller who saw neither the rules nor the
other sets) was held out until it was spent as a development set for issue
3's generalisation work. heldout3.yaml, by another independent labeller, is
the held-out set now: first run after that work, never tuned on. Prints
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
HELDOUT = FIXTURES / "sourcing" / "heldout2.yaml"  # held out at first, a development set since
HELDOUT3 = FIXTURES / "sourcing" / "heldout3.yaml"  # held out: never tuned on
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
    reason="issue 3 open: on heldout2.yaml (now a development set, no longer held out) figures are at "
    "P 0.85 (45 of 53, just under) / R 0.76, vague sources at P 0.98 / R 1.00, hedged claims at "
    "P 1.00 / R 0.93; it stood at 0.58 / 0.63, 0.95 / 0.73 and 0.92 / 0.86 when it was held out",
)
def test_sourcing_on_the_development_set(builtin_packs):
    tallies, count = evaluate(builtin_packs, HELDOUT)
    print(f"\ndevelopment set {HELDOUT.name}: {count} sentences\n" + table(tallies))
    assert count >= 200
    assert not _under_bar(tallies), (
        f"under precision {MIN_PRECISION} / recall {MIN_RECALL}: {_under_bar(tallies)}"
    )


@pytest.mark.xfail(
    strict=True,
    reason="issue 3 open: on heldout3.yaml (held out, written by a labeller who saw no rule, code or "
    "other set; first run after the heldout2 work) figures are at P 0.62 / R 0.81, vague sources at "
    "P 0.98 / R 0.72, hedged claims at P 0.97 / R 0.89; before the heldout2 work they were at "
    "0.58 / 0.76, 0.95 / 0.67 and 0.97 / 0.89",
)
def test_sourcing_on_the_heldout_set(builtin_packs):
    tallies, count = evaluate(builtin_packs, HELDOUT3)
    # Totals only: the sentences it misses are not printed, so that reading
    # the suite's output does not turn the set into one more tuning set.
    print(f"\nheld-out set {HELDOUT3.name}: {count} sentences\n" + table(tallies))
    assert count >= 200
    assert not _under_bar(tallies), (
        f"under precision {MIN_PRECISION} / recall {MIN_RECALL}: {_under_bar(tallies)}"
    )


# What the rules reach on heldout2.yaml today, a little under: a change that
# loses ground on the development set fails here, not only in the xfail above.
DEVELOPMENT_FLOOR = {
    "sourcing.unattributed-figure": (0.83, 0.74),
    "sourcing.vague-attribution": (0.95, 0.95),
    "sourcing.hedged-claim": (0.95, 0.9),
}


def test_sourcing_does_not_lose_ground_on_the_development_set(builtin_packs):
    tallies, _count = evaluate(builtin_packs, HELDOUT)
    under = {
        rule: (round(t.precision, 2), round(t.recall, 2))
        for rule, t in tallies.items()
        if t.precision < DEVELOPMENT_FLOOR[rule][0] or t.recall < DEVELOPMENT_FLOOR[rule][1]
    }
    assert not under, f"under the development set's floor {DEVELOPMENT_FLOOR}: {under}"


def _under_bar(tallies) -> dict:
    return {
        rule: (round(t.precision, 2), round(t.recall, 2))
        for rule, t in tallies.items()
        if t.precision < MIN_PRECISION or t.recall < MIN_RECALL
    }
