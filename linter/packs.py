"""Rule packs: YAML files of rules, validated on load, before any draft is read."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .document import BLOCK_KINDS
from .errors import ConfigError
from .formats import FORMATS
from .kinds import KINDS, kind_module
from .options import Option, Schema
from .rule import RULE_ID, Rule, schema_for, template_fields
from .yamlsource import load_yaml

PACK_SCHEMA = Schema(
    {
        "pack": Option("str", required=True, doc="Pack name; every rule id starts with it."),
        "description": Option("str", "", "What the pack is for."),
        "enabled": Option("bool", True, "Whether the pack is on unless the config says otherwise."),
        "rules": Option("list", required=True, doc="The rules."),
    }
)
EXAMPLES_SCHEMA = Schema(
    {
        "bad": Option("list[str]", [], "Text each of which the rule must flag."),
        "good": Option("list[str]", [], "Text the rule must leave alone."),
    }
)


@dataclass
class Pack:
    name: str
    path: str
    description: str
    enabled: bool
    rules: list[Rule] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # the pack's YAML and the list files it read


def builtin_rules_dir() -> Path:
    """The packs shipped with copydesk: inside the package when installed,
    `rules/` beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def load_pack(path: Path, validate: bool = True) -> Pack:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read rule pack: {exc}", path=str(path)) from None
    doc = load_yaml(text, str(path))
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error((), "a rule pack must be a mapping with 'pack' and 'rules'")
    header = PACK_SCHEMA.validate(doc, (), data, "rule pack")
    name = header["pack"]
    rules_value = header["rules"]
    if not name.replace("-", "").isalnum() or not name[:1].isalpha():
        raise doc.error(("pack",), f"pack name '{name}' must be a word (letters, digits, hyphens)")
    pack = Pack(name, str(path), header["description"], header["enabled"], files=[str(path)])
    seen = set()
    for index, value in enumerate(rules_value):
        rule = _load_rule(doc, ("rules", index), value, name, path, validate, pack.files)
        if rule.id in seen:
            raise doc.error(("rules", index, "id"), f"duplicate rule id '{rule.id}'")
        seen.add(rule.id)
        pack.rules.append(rule)
    return pack


def _load_rule(doc, key, value, pack_name: str, pack_path: Path, validate: bool, files: list) -> Rule:
    if not isinstance(value, dict):
        raise doc.error(key, "each rule must be a mapping")
    kind_name = value.get("kind")
    module = kind_module(kind_name) if isinstance(kind_name, str) else None
    if module is None:
        raise doc.error(key + ("kind",), f"unknown kind {kind_name!r} (known: {', '.join(KINDS)})")
    fields = schema_for(module.OPTIONS).validate(doc, key, value, "rule")
    rule_id = fields["id"]
    if not RULE_ID.match(rule_id) or rule_id.split(".")[0] != pack_name:
        raise doc.error(
            key + ("id",),
            f"rule id '{rule_id}' must be '{pack_name}.rule-name' (lower case, digits and hyphens)",
        )
    examples = EXAMPLES_SCHEMA.validate(doc, key + ("examples",), fields["examples"], "examples")
    for name, allowed in (("formats", FORMATS), ("blocks", BLOCK_KINDS)):
        for i, item in enumerate(fields[name]):
            if item not in allowed:
                raise doc.error(
                    key + (name, i), f"unknown {name[:-1]} '{item}' (known: {', '.join(allowed)})"
                )
    unknown = template_fields(fields["message"]) - module.FIELDS
    if unknown:
        raise doc.error(
            key + ("message",),
            f"message uses unknown field(s) {sorted(unknown)} "
            f"(this kind has: {', '.join(sorted(module.FIELDS))})",
        )
    options = {name: fields[name] for name in module.OPTIONS}
    # A long list lives in a sidecar file beside the pack: `X_file` extends list option `X`.
    for name, value in list(options.items()):
        if name.endswith("_file") and value and isinstance(options.get(name[:-5]), list):
            files.append(str(pack_path.parent / value))
            options[name[:-5]] = list(options[name[:-5]]) + _read_terms(
                doc, key + (name,), pack_path.parent / value
            )
    line = doc.where(key)[0]
    rule = Rule(
        id=rule_id,
        pack=pack_name,
        kind=kind_name,
        category=fields["category"],
        severity=fields["severity"],
        confidence=float(fields["confidence"]),
        message=fields["message"],
        why=fields["why"].strip(),
        link=fields["link"],
        bad=examples["bad"],
        good=examples["good"],
        formats=frozenset(fields["formats"]),
        blocks=frozenset(fields["blocks"]),
        options=options,
        origin=f"{doc.path}:{line}",
    )
    if not validate:
        return rule
    _check_patterns(doc, key, options)
    if hasattr(module, "validate"):
        module.validate(rule, lambda message: doc.error(key, message))
    return rule


def _read_terms(doc, key, path: Path) -> list[str]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise doc.error(key, f"cannot read list file {path}: {exc}") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _check_patterns(doc, key, options) -> None:
    if not options.get("patterns"):
        return
    import regex

    from .kinds.terms import compile_pattern

    for i, pattern in enumerate(options["patterns"]):
        try:
            compile_pattern(pattern, options.get("ignorecase", True))
        except regex.error as exc:
            raise doc.error(key + ("patterns", i), f"invalid regex {pattern!r}: {exc}") from None


def load_packs(directories: list[Path], validate: bool = True) -> dict[str, Pack]:
    """Every `*.yaml` pack in the directories, in order; a later pack of the
    same name replaces an earlier one (a user's pack overrides a built-in).

    `validate=False` skips compiling the rules' patterns, most of the cost of
    loading: for packs that passed before unchanged (see Linter.packs_for)."""
    packs: dict[str, Pack] = {}
    owner: dict[str, str] = {}
    for directory in directories:
        if not directory.is_dir():
            raise ConfigError("rule directory not found", path=str(directory))
        for path in sorted(directory.glob("*.yaml")):
            pack = load_pack(path, validate)
            packs[pack.name] = pack
        for pack in packs.values():
            for rule in pack.rules:
                if owner.get(rule.id, pack.name) != pack.name:
                    raise ConfigError(f"rule id '{rule.id}' is defined in two packs", path=pack.path)
                owner[rule.id] = pack.name
    return packs


# -- packs kept between runs (the runner's cache) ---------------------------
# Parsing and checking ten YAML packs costs a one-file run more than checking
# its draft. Packs that loaded and validated before are kept as plain data,
# with the hash of every file they were read from: any change to one of
# them, or a new pack in a rule directory, is a miss. (Hashing the files
# costs well under a millisecond; sizes and times could miss an edit.)


def files_signature(paths) -> list | None:
    """[path, sha256] per file; None when one cannot be read."""
    signature = []
    for path in paths:
        try:
            with open(path, "rb") as handle:
                signature.append([str(path), hashlib.sha256(handle.read()).hexdigest()])
        except OSError:
            return None
    return signature


def pack_files(directories) -> list[str]:
    """The packs `load_packs` would read from these directories."""
    return [str(p) for d in directories for p in sorted(Path(d).glob("*.yaml"))]


def packs_to_json(packs: dict[str, Pack]) -> list:
    return [
        {
            "name": p.name,
            "path": p.path,
            "description": p.description,
            "enabled": p.enabled,
            "files": files_signature(p.files),
            "rules": [{**vars(r), "formats": sorted(r.formats), "blocks": sorted(r.blocks)} for r in p.rules],
        }
        for p in packs.values()
    ]


def packs_from_json(data: list) -> dict[str, Pack] | None:
    """The packs saved by `packs_to_json`, or None if any file they were
    read from has changed since (or the data is not what it should be)."""
    packs = {}
    try:
        for item in data:
            files = item["files"]
            if files is None or files_signature(f[0] for f in files) != files:
                return None
            rules = [
                Rule(**{**r, "formats": frozenset(r["formats"]), "blocks": frozenset(r["blocks"])})
                for r in item["rules"]
            ]
            packs[item["name"]] = Pack(
                item["name"], item["path"], item["description"], item["enabled"], rules, [f[0] for f in files]
            )
    except (KeyError, TypeError, ValueError):
        return None
    return packs
