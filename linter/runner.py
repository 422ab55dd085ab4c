"""The pipeline around the kernel: discover, load, parse, check, filter, score.

Per file it reads, parses and checks with the rule set its config resolves
to; bad input becomes an error for that file and the run goes on."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .check import RuleSet, check
from .config import Config, ConfigFinder
from .errors import ConfigError, CopydeskError, InputError
from .finding import LEVEL, Finding
from .formats import format_for, parse
from .kinds.terms import PatternTimeout
from .load import decode, read_draft
from .packs import Pack, builtin_rules_dir, load_packs
from .score import category_scores, score
from .suppress import apply as apply_suppressions
from .suppress import parse_suppressions, unknown_names


@dataclass
class FileResult:
    path: str
    format: str
    words: int
    score: float
    categories: dict
    findings: list[Finding]
    source: str = ""
    config: Config | None = None
    all_findings: list[Finding] = field(default_factory=list)  # before min_level, for gates
    notes: list[str] = field(default_factory=list)
    derived_rules: list = field(default_factory=list)  # rules made while checking (grammar.<lt-id>)


@dataclass
class RunResult:
    files: list[FileResult] = field(default_factory=list)
    errors: list[CopydeskError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rules: dict = field(default_factory=dict)  # id -> Rule, every rule that ran (for rule metadata)


@dataclass
class Selection:
    """Command-line narrowing of the rules: ids or pack names."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_level: str | None = None
    max_file_size: float | None = None  # MB; overrides the config's
    report_unused_suppressions: bool = False
    # Whether results keep each file's text: the text report, baselines and
    # --across-files need it; without it memory stays flat in the number of files.
    keep_source: bool = True
    # The LanguageTool the run's first process connected to or started, so
    # worker processes share it instead of starting their own.
    grammar_server: str | None = None


def _named(rule, names) -> bool:
    return rule.id in names or rule.pack in names


def _tuned(rule, severity, options, config):
    """The rule with the config's severity and option overrides applied."""
    from .kinds import kind_module

    unknown = set(options) - set(kind_module(rule.kind).OPTIONS)
    if unknown:
        raise ConfigError(
            f"rule {rule.id} (kind {rule.kind}) has no option(s) {sorted(unknown)}", path=config.path
        )
    if severity in LEVEL and severity != rule.severity:
        rule = replace(rule, severity=severity)
    if options:
        rule = replace(rule, options={**rule.options, **options})
        _validate_tuned(rule, config)
    return rule


def _validate_tuned(rule, config) -> None:
    import regex

    from .kinds import kind_module
    from .kinds.terms import compile_pattern

    def error(message):
        return ConfigError(f"rule {rule.id}: {message}", path=config.path)

    for pattern in rule.options.get("patterns") or ():
        try:
            compile_pattern(pattern, rule.options.get("ignorecase", True))
        except regex.error as exc:
            raise error(f"invalid regex {pattern!r}: {exc}") from None
    module = kind_module(rule.kind)
    if hasattr(module, "validate"):
        module.validate(rule, error)


class Linter:
    def __init__(self, finder: ConfigFinder, selection: Selection | None = None):
        self.finder = finder
        self.selection = selection or Selection()
        self._packs: dict[tuple, dict[str, Pack]] = {}
        self._rulesets: dict[tuple, RuleSet] = {}
        self.rules_seen: dict = {}  # every rule of every rule set built, by id
        self.grammar = None  # the run's GrammarService, opened on first need
        self.notes: list[str] = []  # run-level notes (grammar skipped)

    # -- LanguageTool --------------------------------------------------------------
    def open_grammar(self, config: Config):
        """Connect to (or start) the run's LanguageTool; one per process, and the
        first process's is handed to workers via the selection. Raises
        GrammarUnavailable when grammar is required and cannot run; otherwise a
        failure turns the pack off with one note."""
        if self.grammar is not None:
            return self.grammar
        from .grammar import GrammarService, GrammarSettings

        settings = GrammarSettings.from_config(config)
        if self.selection.grammar_server:
            settings = replace(settings, server=self.selection.grammar_server)
        self.grammar = GrammarService(settings)
        if self.grammar.open():
            self.selection.grammar_server = self.grammar.url
        else:
            self.selection.ignore = self.selection.ignore + ("grammar",)
            self._rulesets.clear()
            self.notes.append(f"grammar skipped: {self.grammar.failure}")
        return self.grammar

    def close(self) -> None:
        if self.grammar is not None:
            self.grammar.close()

    def packs_for(self, config: Config) -> dict[str, Pack]:
        dirs = tuple([builtin_rules_dir()] + [config.root / d for d in config.rule_dirs])
        if dirs not in self._packs:
            self._packs[dirs] = load_packs(list(dirs))
            self._check_selection(self._packs[dirs])
        return self._packs[dirs]

    def _check_selection(self, packs) -> None:
        known = set(packs) | {r.id for p in packs.values() for r in p.rules}
        for name in self.selection.select + self.selection.ignore:
            if name not in known:
                raise ConfigError(f"unknown rule or pack '{name}' (see `copydesk rules`)")

    def ruleset_for(self, config: Config, path: Path) -> RuleSet:
        indexes, pack_settings, rule_settings = config.for_path(path)
        key = (config.path, indexes)
        if key not in self._rulesets:
            self._rulesets[key] = self.build_ruleset(config, pack_settings, rule_settings)
            self.rules_seen.update((rule.id, rule) for rule in self._rulesets[key].rules)
        return self._rulesets[key]

    def build_ruleset(self, config: Config, pack_settings: dict, rule_settings: dict) -> RuleSet:
        packs = self.packs_for(config)
        for name in list(pack_settings) + list(rule_settings):
            pack_name = name.split(".")[0]
            if pack_name not in packs or ("." in name and name not in {r.id for r in packs[pack_name].rules}):
                raise ConfigError(f"config names unknown rule or pack '{name}'", path=config.path)
        select, ignore = self.selection.select, self.selection.ignore
        rules = []
        for pack in packs.values():
            for rule in pack.rules:
                setting = rule_settings.get(rule.id, {"severity": None, "options": {}})
                severity = setting["severity"]
                on = pack_settings.get(pack.name, pack.enabled) and severity != "off"
                if select:
                    on = _named(rule, select) and severity != "off"
                if ignore and _named(rule, ignore):
                    on = False
                if on:
                    rules.append(_tuned(rule, severity, setting["options"], config))
        return RuleSet(rules, config.vocabulary)

    # -- one file --------------------------------------------------------------
    def check_text(self, text: str, path: str, fmt: str, config: Config, ruleset: RuleSet) -> FileResult:
        doc = parse(text, fmt, path)
        if ruleset.grammar_rules:
            service = self.open_grammar(config)
            if service.url is not None:
                service.attach(doc, ruleset.grammar_rules)
        try:
            findings = check(doc, ruleset)
        except PatternTimeout as slow:
            raise ConfigError(
                f"{slow}; the pattern backtracks catastrophically (on {path}): fix or remove the rule",
                path=slow.rule.origin,
            ) from None
        suppressions = parse_suppressions(text)
        findings = apply_suppressions(findings, suppressions)
        notes = self._suppression_notes(path, suppressions, config)
        words = doc.words
        categories = {rule.category for rule in ruleset.rules}
        min_level = LEVEL[self.selection.min_level or config.min_level]
        shown = [f for f in findings if f.level >= min_level]
        # Scores and gates count every finding; min_level only hides.
        return FileResult(
            path,
            fmt,
            words,
            score(findings, words),
            category_scores(findings, words, categories),
            shown,
            text if self.selection.keep_source else "",
            config,
            findings,
            notes,
            ruleset.derived_rules() if ruleset.grammar_rules else [],
        )

    def _suppression_notes(self, path, suppressions, config) -> list[str]:
        if not suppressions:
            return []
        packs = self.packs_for(config)
        known = set(packs) | {rule.id for pack in packs.values() for rule in pack.rules}
        notes = [
            f"{path}:{s.line}:{s.column}: warning: suppression names unknown rule or pack '{name}'"
            for s, name in unknown_names(suppressions, known)
        ]
        if self.selection.report_unused_suppressions:
            notes += [
                f"{path}:{s.line}:{s.column}: unused suppression: {s.describe()} silenced nothing"
                for s in suppressions
                if not s.used and s.kind != "enable"
            ]
        return notes

    def check_file(self, path: Path, name: str | None = None) -> FileResult:
        """Check one draft. `name` is what the report calls it (default: the
        path); a cluster worker reads by absolute path and reports the user's."""
        config = self.finder.for_file(path)
        ruleset = self.ruleset_for(config, path)
        limit = (
            self.selection.max_file_size if self.selection.max_file_size is not None else config.max_file_size
        )
        text = read_draft(path, int(limit * 1024 * 1024))
        fmt = format_for(str(path)) or "text"
        return self.check_text(text, name or str(path), fmt, config, ruleset)

    def check_stdin(self, data: bytes, name: str, fmt: str) -> FileResult:
        config = self.finder.for_directory(Path.cwd())
        ruleset = self.ruleset_for(config, Path(name))
        return self.check_text(decode(data, name), name, fmt, config, ruleset)

    def run(self, targets, progress=None) -> RunResult:
        result = RunResult()
        for path in targets:
            if progress is not None:
                progress.advance()
            try:
                file_result = self.check_file(path)
            except InputError as error:
                result.errors.append(error)
                continue
            if file_result.words == 0:
                result.notes.append(f"{file_result.path}: empty draft (no prose), nothing to check")
            result.notes.extend(file_result.notes)
            result.files.append(file_result)
        return result
