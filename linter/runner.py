"""The pipeline around the kernel: discover, load, parse, check, filter, score.

Per file it reads, parses and checks with the rule set its config resolves
to; bad input becomes an error for that file and the run goes on. With a
result cache, files whose result is cached are not checked again."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import digest
from .check import RuleSet, check
from .config import Config, ConfigFinder
from .errors import ConfigError, CopydeskError, InputError
from .finding import LEVEL, Finding
from .formats import format_for, parse
from .kinds.terms import PatternTimeout
from .load import decode, read_bytes
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
    digest: str = ""  # sha256 of the bytes checked: the cache key's content part


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
    """The rule with the config's severity and option overrides applied
    (its patterns not yet validated: see Linter._validate)."""
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


POOL_MIN_FILES = 8  # a pool costs more than it saves on a handful of files (a pre-commit run)


@dataclass
class _Rules:
    """The rules of one config and the overrides that apply, as tuned."""

    rules: list
    settings: str | None = None  # digest of all that decides a result besides the draft
    compiled: RuleSet | None = None
    config: Config | None = None  # the config they came from


def _packs_digest(packs: dict[str, Pack]) -> str:
    # Every pack loaded, on or off: suppressions naming any of them are known.
    return digest([[p.name, p.path, p.enabled, [vars(r) for r in p.rules]] for p in packs.values()])


class Linter:
    def __init__(self, finder: ConfigFinder, selection: Selection | None = None, cache=None):
        self.finder = finder
        self.selection = selection or Selection()
        self.cache = cache  # a resultcache.ResultCache, or None
        if cache is not None:
            cache.load_patterns()
        self._packs: dict[tuple, dict[str, Pack]] = {}
        self._pack_digests: dict[tuple, str] = {}
        self._rules: dict[tuple, _Rules] = {}
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
        self.grammar = GrammarService(settings, self._answer_store())
        if self.grammar.open():
            self.selection.grammar_server = self.grammar.url
        else:
            self.selection.ignore = self.selection.ignore + ("grammar",)
            self._rules.clear()
            self.rules_seen = {k: r for k, r in self.rules_seen.items() if r.pack != "grammar"}
            # Results made without grammar must not be filed under settings
            # that include it.
            self.cache = None
            self.notes.append(f"grammar skipped: {self.grammar.failure}")
        return self.grammar

    def _answer_store(self):
        """LanguageTool's answers by paragraph, beside the results cache."""
        if self.cache is None:
            return None
        from .cache import Store

        return Store(self.cache.store.root, "languagetool-answers")

    def _open_grammar_if_needed(self) -> None:
        """Before a pool starts: open the LanguageTool its workers will share,
        if any rule set of this run has grammar rules."""
        for entry in list(self._rules.values()):
            if any(rule.kind == "grammar" for rule in entry.rules):
                self.open_grammar(entry.config)
                return

    def close(self) -> None:
        if self.cache is not None:
            self.cache.save_patterns()
        if self.grammar is not None:
            self.grammar.close()

    def _rule_dirs(self, config: Config) -> tuple:
        return tuple([builtin_rules_dir()] + [config.root / d for d in config.rule_dirs])

    def packs_for(self, config: Config) -> dict[str, Pack]:
        dirs = self._rule_dirs(config)
        if dirs not in self._packs:
            self._packs[dirs] = self._load_packs(dirs)
            self._check_selection(self._packs[dirs])
        return self._packs[dirs]

    def _load_packs(self, dirs: tuple) -> dict[str, Pack]:
        if self.cache is None:
            return load_packs(list(dirs))
        kept = self.cache.kept_packs(dirs)
        if kept is not None:
            packs, self._pack_digests[dirs] = kept
            return packs
        # Validating compiles every pattern, most of a warm run's cost: packs
        # that passed before, unchanged (same digest, same code), pass again.
        packs = load_packs(list(dirs), validate=False)
        fingerprint = _packs_digest(packs)
        if not self.cache.known_valid(fingerprint):
            packs = load_packs(list(dirs))
            fingerprint = _packs_digest(packs)
            self.cache.remember_valid(fingerprint)
        self._pack_digests[dirs] = fingerprint
        self.cache.keep_packs(dirs, packs, fingerprint)
        return packs

    def _check_selection(self, packs) -> None:
        known = set(packs) | {r.id for p in packs.values() for r in p.rules}
        for name in self.selection.select + self.selection.ignore:
            if name not in known:
                raise ConfigError(f"unknown rule or pack '{name}' (see `copydesk rules`)")

    def _rules_for(self, config: Config, path: Path) -> _Rules:
        indexes, pack_settings, rule_settings = config.for_path(path)
        key = (config.path, indexes)
        if key not in self._rules:
            rules = self._tuned_rules(config, pack_settings, rule_settings)
            self._rules[key] = _Rules(rules, config=config)
            self.rules_seen.update((rule.id, rule) for rule in rules)
        return self._rules[key]

    def ruleset_for(self, config: Config, path: Path) -> RuleSet:
        """The compiled rule set for a draft; compiled once per config and overrides."""
        entry = self._rules_for(config, path)
        if entry.compiled is None:
            entry.compiled = RuleSet(entry.rules, config.vocabulary)
        return entry.compiled

    def settings_digest(self, config: Config, path: Path) -> str:
        """A digest of everything besides the draft itself that decides its
        result: the rules as tuned, every pack loaded, the vocabulary, the
        lowest severity shown, whether unused suppressions are reported."""
        entry = self._rules_for(config, path)
        if entry.settings is None:
            dirs = self._rule_dirs(config)
            if dirs not in self._pack_digests:
                self._pack_digests[dirs] = _packs_digest(self.packs_for(config))
            entry.settings = digest(
                {
                    "packs": self._pack_digests[dirs],
                    "rules": [vars(rule) for rule in entry.rules],
                    "vocabulary": config.vocabulary,
                    "min_level": self.selection.min_level or config.min_level,
                    "unused_suppressions": self.selection.report_unused_suppressions,
                }
            )
        return entry.settings

    def build_ruleset(self, config: Config, pack_settings: dict, rule_settings: dict) -> RuleSet:
        return RuleSet(self._tuned_rules(config, pack_settings, rule_settings), config.vocabulary)

    def _tuned_rules(self, config: Config, pack_settings: dict, rule_settings: dict) -> list:
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
                    if setting["options"]:
                        self._validate(rules[-1], config)
        return rules

    def _validate(self, rule, config: Config) -> None:
        """Validate a rule the config tuned, unless it passed before as it is."""
        fingerprint = digest(vars(rule)) if self.cache is not None else None
        if fingerprint is not None and self.cache.known_valid(fingerprint):
            return
        _validate_tuned(rule, config)
        if fingerprint is not None:
            self.cache.remember_valid(fingerprint)

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

    def read(self, path: Path, config: Config) -> bytes:
        limit = (
            self.selection.max_file_size if self.selection.max_file_size is not None else config.max_file_size
        )
        return read_bytes(path, int(limit * 1024 * 1024))

    def check_file(self, path: Path, name: str | None = None) -> FileResult:
        """Check one draft. `name` is what the report calls it (default: the
        path); a cluster worker reads by absolute path and reports the user's."""
        config = self.finder.for_file(path)
        ruleset = self.ruleset_for(config, path)
        data = self.read(path, config)
        name = name or str(path)
        result = self.check_text(decode(data, name), name, format_for(str(path)) or "text", config, ruleset)
        result.digest = hashlib.sha256(data).hexdigest()
        return result

    def check_stdin(self, data: bytes, name: str, fmt: str) -> FileResult:
        config = self.finder.for_directory(Path.cwd())
        ruleset = self.ruleset_for(config, Path(name))
        return self.check_text(decode(data, name), name, fmt, config, ruleset)

    # -- many files ------------------------------------------------------------
    def run(self, targets, progress=None, jobs: int = 1) -> RunResult:
        """Check `targets`, in the order given: from the cache where it has
        them, the rest here or, with `jobs` > 1 and enough of them, in a
        process pool. A run whose files all hit compiles no rule and starts
        no pool."""
        outcomes: list = [None] * len(targets)  # FileResult or InputError, per target
        settings: list = [None] * len(targets)
        for i, path in enumerate(targets):
            config = self.finder.for_file(path)
            self._rules_for(config, path)  # config errors before any draft is checked
            if self.cache is not None:
                settings[i] = self.settings_digest(config, path)
                outcomes[i] = self._cached(path, config, settings[i])
                if outcomes[i] is not None and progress is not None:
                    progress.advance()
        pending = [i for i, outcome in enumerate(outcomes) if outcome is None]
        checked = self._check_all([targets[i] for i in pending], jobs)
        for i, (outcome, used) in zip(pending, checked):
            if progress is not None:
                progress.advance()
            if isinstance(outcome, FileResult) and outcome.config is None:
                outcome.config = self.finder.for_file(targets[i])  # a worker's result: this process's config
            outcomes[i] = outcome
            if self.cache is not None and isinstance(outcome, FileResult):
                key = self.cache.key(outcome.path, outcome.format, outcome.digest, used or settings[i])
                self.cache.put(key, outcome)
        return _collect(outcomes)

    def _cached(self, path: Path, config: Config, settings: str) -> FileResult | None:
        name = str(path)
        try:
            data = self.read(path, config)
        except InputError:
            return None  # checking it reports the error
        key = self.cache.key(name, format_for(name) or "text", hashlib.sha256(data).hexdigest(), settings)
        hit = self.cache.get(key, config)
        if hit is not None and self.selection.keep_source:
            hit.source = decode(data, name)  # these bytes decoded when the result was made
        return hit

    def _check_all(self, paths: list[Path], jobs: int):
        """(FileResult or InputError, settings digest used or None) per path, in order."""
        if jobs > 1 and len(paths) >= POOL_MIN_FILES:
            from .parallel import check_in_pool

            self._open_grammar_if_needed()

            explicit = self.finder.explicit.path if self.finder.explicit is not None else None
            yield from check_in_pool(paths, jobs, explicit, self.selection)
            return
        for path in paths:
            try:
                yield self.check_file(path), None
            except InputError as error:
                yield error, None


def _collect(outcomes) -> RunResult:
    result = RunResult()
    for outcome in outcomes:
        if isinstance(outcome, InputError):
            result.errors.append(outcome)
            continue
        if outcome.words == 0:
            result.notes.append(f"{outcome.path}: empty draft (no prose), nothing to check")
        result.notes.extend(outcome.notes)
        result.files.append(outcome)
    return result
