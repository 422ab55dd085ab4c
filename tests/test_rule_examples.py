"""Every built-in rule carries bad and good examples; each bad example is
flagged by that rule and each good one is left alone by it."""

from __future__ import annotations

import pytest

from linter.check import RuleSet, check
from linter.formats import parse
from linter.packs import builtin_rules_dir, load_packs

PACKS = load_packs([builtin_rules_dir()])
RULES = [rule for pack in PACKS.values() for rule in pack.rules]


def _fmt(rule):
    return "text" if "text" in rule.formats else sorted(rule.formats)[0]


def test_rule_ids_are_unique_and_named_by_pack():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.id.startswith(rule.pack + ".")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_examples(rule):
    assert rule.bad, f"{rule.id} has no bad examples"
    assert rule.good, f"{rule.id} has no good examples"
    assert rule.why and rule.message


def _findings(rule, example, request):
    doc = parse(example, _fmt(rule))
    if rule.kind == "grammar":  # LanguageTool's answers come from a real server
        from linter.grammar import GrammarService, GrammarSettings

        service = _services.get("grammar")
        if service is None:
            service = _services["grammar"] = GrammarService(
                GrammarSettings(server=request.getfixturevalue("languagetool_url"))
            )
            service.open()
        service.attach(doc, [rule])
    return check(doc, _ruleset_for(rule))


_services: dict = {}


def _flagged_by(rule, finding) -> bool:
    # A grammar finding carries LanguageTool's rule id: grammar.<lt-id>.
    return finding.rule == rule.id or (rule.kind == "grammar" and finding.pack == rule.pack)


def _ruleset_for(rule):
    # A density rule counts another rule's findings: run both.
    rules = [r for r in RULES if r.id in (rule.options.get("of") or ())] + [rule]
    return RuleSet(rules)


@pytest.mark.parametrize(
    "rule,example", [(r, e) for r in RULES for e in r.bad], ids=lambda v: v.id if hasattr(v, "id") else v[:40]
)
def test_bad_example_is_flagged(rule, example, tmp_path, request):
    if rule.options.get("find") == "cross-file":
        assert _across_two_files(example, tmp_path), f"{rule.id} missed: {example!r}"
        return
    findings = _findings(rule, example, request)
    assert any(_flagged_by(rule, f) for f in findings), f"{rule.id} missed: {example!r}"


@pytest.mark.parametrize(
    "rule,example",
    [(r, e) for r in RULES for e in r.good],
    ids=lambda v: v.id if hasattr(v, "id") else v[:40],
)
def test_good_example_is_clean(rule, example, tmp_path, request):
    if rule.options.get("find") == "cross-file":
        assert not _across_two_files(example, tmp_path), f"{rule.id} flagged {example!r}"
        return
    findings = _findings(rule, example, request)
    flagged = [f.match for f in findings if _flagged_by(rule, f)]
    assert not flagged, f"{rule.id} flagged {flagged} in {example!r}"


def _across_two_files(example, tmp_path) -> bool:
    """Whether repetition.cross-file flags `example` when two files share it."""
    import json

    from conftest import run_cli

    (tmp_path / "a.md").write_text(f"First article.\n\n{example}\n")
    (tmp_path / "b.md").write_text(f"Second article.\n\n{example}\n")
    _, out, _ = run_cli(
        "check", "--format", "json", "--across-files", "--select", "repetition.cross-file", tmp_path
    )
    return any(
        f["rule"] == "repetition.cross-file" for file in json.loads(out)["files"] for f in file["findings"]
    )
