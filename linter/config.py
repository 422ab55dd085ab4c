"""Configuration: `.copydesk.yaml` or `[tool.copydesk]` in `pyproject.toml`,
found by walking up from each draft; validated like rule packs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .finding import SEVERITIES
from .options import Option, Schema, check_value
from .yamlsource import Located, load_yaml

CONFIG_NAMES = (".copydesk.yaml", ".copydesk.yml")
LEVELS = SEVERITIES + ("none",)
RULE_SETTINGS = ("off",) + SEVERITIES

SCHEMA = Schema(
    {
        "packs": Option("dict", {}, "Packs on (true) or off (false), by name."),
        "rules": Option(
            "dict", {}, "Per rule id: `off`, a severity, or `{severity, options}` to tune the rule."
        ),
        "overrides": Option("list", [], "Per-path settings: `paths` (globs) with `packs` and `rules`."),
        "include": Option(
            "list[str]", [], "Globs of drafts to check inside directories (default: by extension)."
        ),
        "exclude": Option("list[str]", [], "Globs never checked (as well as .gitignore)."),
        "vocabulary": Option("list[str]", [], "Accepted terms: a finding inside one is silenced."),
        "rule_dirs": Option("list[str]", [], "Extra directories of rule packs, relative to the config."),
        "min_level": Option("choice", "suggestion", "Lowest severity shown.", SEVERITIES),
        "fail_level": Option("choice", "error", "A finding at or above this severity fails the run.", LEVELS),
        "fail_under": Option(
            "float", None, "A document score under this fails the run.", minimum=0, maximum=100
        ),
        "max_file_size": Option("float", 20, "Largest draft read, in MB.", minimum=0),
        "grammar": Option("dict", {}, "LanguageTool for the grammar pack: `server` (URL) and `required`."),
    }
)
GRAMMAR_SCHEMA = Schema(
    {
        "server": Option(
            "str",
            None,
            "URL of a LanguageTool server (default: $COPYDESK_LANGUAGETOOL_URL, else start a local one).",
        ),
        "required": Option(
            "bool", True, "Fail (exit 2) when grammar is on and no LanguageTool is reachable; false: skip it."
        ),
    }
)
OVERRIDE_SCHEMA = Schema(
    {
        "paths": Option("list[str]", required=True, doc="Globs, relative to the config file."),
        "packs": Option("dict", {}, "Packs on or off for these paths."),
        "rules": Option("dict", {}, "Rule settings for these paths."),
    }
)

STARTER = """\
# copydesk configuration. Every key is optional; the values shown are defaults
# unless marked as an example. Reference: README.md, "Configuration".

# Packs on or off. Built-in: filler, boilerplate, cliches, hedging,
# readability, markup.
packs:
  hedging: true

# Per rule: off, or a severity (suggestion, warning, error).
rules:
  readability.grade-level: suggestion      # example

# Settings for some paths only (globs relative to this file).
overrides:
  - paths: ["opinion/**"]                  # example
    packs: {hedging: false}

# Which drafts to check inside directories, besides .gitignore.
include: []
exclude: ["drafts/archive/**"]             # example

# Accepted terms: a finding inside one of these is never reported.
vocabulary: ["Wagner Group"]               # example

# Extra rule packs (directories of *.yaml), relative to this file.
rule_dirs: []

min_level: suggestion   # lowest severity shown
fail_level: error       # a finding at this level or above fails the run (or: none)
# fail_under: 60        # a document scoring under this fails the run
max_file_size: 20       # MB; larger drafts are refused
"""


@dataclass
class Config:
    path: str | None  # None: the defaults
    root: Path  # globs are relative to this
    packs: dict = field(default_factory=dict)
    rules: dict = field(default_factory=dict)
    overrides: list = field(default_factory=list)
    include: list = field(default_factory=list)
    exclude: list = field(default_factory=list)
    vocabulary: list = field(default_factory=list)
    rule_dirs: list = field(default_factory=list)
    min_level: str = "suggestion"
    fail_level: str = "error"
    fail_under: float | None = None
    max_file_size: float = 20
    grammar: dict = field(default_factory=dict)

    def for_path(self, path: Path) -> tuple[tuple[int, ...], dict, dict]:
        """The overrides that apply to a path: (their indexes, packs, rules)."""
        indexes, packs, rules = [], dict(self.packs), dict(self.rules)
        if not self.overrides:
            return (), packs, rules
        try:
            relative = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            relative = path.as_posix()
        for i, override in enumerate(self.overrides):
            if override["spec"].match_file(relative):
                indexes.append(i)
                packs.update(override["packs"])
                rules.update(override["rules"])
        return tuple(indexes), packs, rules


def _validate(located: Located, root: Path) -> Config:
    data = located.data if located.data is not None else {}
    values = SCHEMA.validate(located, (), data, "config")
    _check_settings(located, ("packs",), values["packs"], ("rules",), values["rules"])
    overrides = []
    import pathspec

    for i, override in enumerate(values["overrides"]):
        key = ("overrides", i)
        item = OVERRIDE_SCHEMA.validate(located, key, override, "override")
        _check_settings(located, key + ("packs",), item["packs"], key + ("rules",), item["rules"])
        item["spec"] = pathspec.PathSpec.from_lines("gitwildmatch", item["paths"])
        overrides.append(item)
    values["overrides"] = overrides
    values["grammar"] = GRAMMAR_SCHEMA.validate(located, ("grammar",), values["grammar"], "grammar")
    return Config(path=located.path, root=root, **values)


RULE_SETTING_SCHEMA = Schema(
    {
        "severity": Option("choice", None, "The rule's severity here, or off.", RULE_SETTINGS),
        "options": Option("dict", {}, "The rule's kind options to replace (see `copydesk explain RULE`)."),
    }
)


def _kind_options() -> dict:
    """Every kind's declared options, for checking names and types in a config
    before the packs say which kind each rule has."""
    from .kinds import KINDS, kind_module

    merged = {}
    for kind in KINDS:
        merged.update(kind_module(kind).OPTIONS)
    return merged


def _check_settings(located, packs_key, packs, rules_key, rules) -> None:
    """Normalise rule settings to {"severity": str | None, "options": dict}."""
    for name, value in packs.items():
        check_value(located, packs_key + (name,), value, Option("bool"), f"packs.{name}")
    for name, value in rules.items():
        key = rules_key + (name,)
        if value is False:
            value = "off"
        if isinstance(value, dict):
            setting = RULE_SETTING_SCHEMA.validate(located, key, value, f"rules.{name}")
            known = _kind_options()
            for option, option_value in setting["options"].items():
                if option not in known:
                    raise located.error(
                        key + ("options", option), f"unknown rule option '{option}'", at_key=True
                    )
                check_value(located, key + ("options", option), option_value, known[option], option)
            rules[name] = setting
        else:
            check_value(located, key, value, Option("choice", choices=RULE_SETTINGS), f"rules.{name}")
            rules[name] = {"severity": value, "options": {}}


def load_config_file(path: Path) -> Config:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", path=str(path)) from None
    if path.name == "pyproject.toml":
        located = _from_pyproject(text, str(path))
    else:
        located = load_yaml(text, str(path))
    return _validate(located, path.parent)


def _from_pyproject(text: str, path: str) -> Located:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        raise ConfigError(f"invalid TOML: {exc}", path=path, line=line, column=column) from None
    section = data.get("tool", {}).get("copydesk")
    # tomllib keeps no positions: find each top-level key's line by its text.
    positions = {}
    start = re.search(r"^\[tool\.copydesk\]", text, re.MULTILINE)
    offset_line = text.count("\n", 0, start.start()) + 1 if start else 1
    positions[()] = (offset_line, 1)
    for match in re.finditer(
        r"^[ \t]*([A-Za-z_][\w-]*)[ \t]*=", text[start.end() :] if start else "", re.MULTILINE
    ):
        key = (match.group(1),)
        if key not in positions:
            positions[key] = (
                offset_line + text[start.end() : start.end() + match.start(1)].count("\n"),
                match.start(1) - match.start() + 1,
            )
    return Located(section if section is not None else {}, path, text, positions, positions)


def has_section(pyproject: Path) -> bool:
    try:
        return bool(re.search(r"^\[tool\.copydesk(?:\.|\])", pyproject.read_text("utf-8"), re.MULTILINE))
    except (OSError, UnicodeDecodeError):
        return False


class ConfigFinder:
    """Finds the config that applies to each draft, walking up from its folder."""

    def __init__(self, explicit: Path | None = None):
        self.explicit = load_config_file(explicit) if explicit else None
        self._by_dir: dict[Path, Config] = {}
        self._given: dict[Path, Config] = {}
        self._loaded: dict[Path, Config] = {}

    def for_file(self, path: Path) -> Config:
        if self.explicit is not None:
            return self.explicit
        return self.for_directory(path.parent if path.name else Path.cwd())

    def for_directory(self, directory: Path) -> Config:
        # Asked once per draft: the folder as given is remembered too, so that
        # only a new folder pays for resolving its path.
        if directory in self._given:
            return self._given[directory]
        resolved = directory.resolve()
        if resolved not in self._by_dir:
            self._by_dir[resolved] = self._search(resolved)
        self._given[directory] = self._by_dir[resolved]
        return self._given[directory]

    def _search(self, directory: Path) -> Config:
        for folder in (directory, *directory.parents):
            for name in CONFIG_NAMES:
                candidate = folder / name
                if candidate.is_file():
                    return self._load(candidate)
            pyproject = folder / "pyproject.toml"
            if pyproject.is_file() and has_section(pyproject):
                return self._load(pyproject)
        return Config(path=None, root=Path.cwd())

    def _load(self, path: Path) -> Config:
        if path not in self._loaded:
            self._loaded[path] = load_config_file(path)
        return self._loaded[path]
