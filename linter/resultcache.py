"""File results in the cache: their key and their stored shape.

A result is keyed by everything that decides it: the hash of the draft's
bytes, its path as reported (findings carry it) and its format, the runner's
digest of its settings (the rules as tuned, every pack loaded, vocabulary,
min_level, ...: `Linter.settings_digest`), and the code that computed it
(`code_fingerprint`). Values are JSON, not pickle: loading an entry can never
run code, even from a shared or tampered cache directory, and a result's
few findings load as fast either way."""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import fields
from pathlib import Path

from . import __version__, regexcache
from .cache import Store
from .finding import LEVEL, Finding
from .packs import files_signature, pack_files, packs_from_json, packs_to_json
from .runner import FileResult

NAMESPACE = "results"
_FIELDS = tuple(field.name for field in fields(Finding))
_SEVERITY = _FIELDS.index("severity")

_code: str | None = None


def code_fingerprint() -> str:
    """copydesk's version, its source files and the installed distributions.
    Source files count by size and modification time, so an edited checkout
    (whose version does not move) misses too; distributions count by their
    dist-info names, which carry their versions (a new markdown-it or textstat
    may parse or count differently)."""
    global _code
    if _code is None:
        package = Path(__file__).resolve().parent
        parts = [__version__, sys.version]
        for folder, _dirs, files in sorted(os.walk(package)):
            for name in sorted(files):
                if name.endswith(".py"):
                    stat = os.stat(os.path.join(folder, name))
                    parts.append(
                        f"{os.path.relpath(folder, package)}/{name}:{stat.st_size}:{stat.st_mtime_ns}"
                    )
        for entry in sys.path:
            if os.path.basename(entry) in ("site-packages", "dist-packages") and os.path.isdir(entry):
                parts.extend(sorted(n for n in os.listdir(entry) if n.endswith((".dist-info", ".egg-info"))))
        _code = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return _code


class ResultCache:
    def __init__(self, store: Store):
        self.store = store
        self.code = code_fingerprint()

    @property
    def problem(self) -> str | None:
        return self.store.problem

    def key(self, path: str, fmt: str, content: str, settings: str) -> list:
        return ["result", self.code, settings, path, fmt, content]

    def get(self, key, config) -> FileResult | None:
        """The cached result (without its source text), or None."""
        value = self.store.get(key)
        if value is None:
            return None
        try:
            return _decode(value, key, config)
        except (KeyError, TypeError, ValueError, IndexError):  # valid JSON, wrong shape: a miss
            return None

    def put(self, key, result: FileResult) -> None:
        value = _encode(result)
        if value is not None:
            self.store.put(key, value)

    # Whether a set of rules passed validation before, so that a warm run
    # need not compile every pattern again only to check it.
    def known_valid(self, fingerprint: str) -> bool:
        return self.store.get(["valid", self.code, fingerprint]) is True

    def remember_valid(self, fingerprint: str) -> None:
        self.store.put(["valid", self.code, fingerprint], True)

    # Packs as loaded and validated (see packs.packs_to_json), under the
    # size and time of every pack file in the rule directories.
    def kept_packs(self, dirs) -> tuple | None:
        signature = files_signature(pack_files(dirs))
        value = self.store.get(["packs", self.code, [str(d) for d in dirs], signature])
        if not isinstance(value, dict) or not isinstance(value.get("digest"), str):
            return None
        packs = packs_from_json(value.get("packs"))
        return None if packs is None else (packs, value["digest"])

    def keep_packs(self, dirs, packs, fingerprint: str) -> None:
        signature = files_signature(pack_files(dirs))
        if signature is not None:
            key = ["packs", self.code, [str(d) for d in dirs], signature]
            self.store.put(key, {"digest": fingerprint, "packs": packs_to_json(packs)})

    # Compiled patterns (see regexcache): one entry for this code, read
    # once per run and written back when the run compiled new ones.
    def load_patterns(self) -> None:
        regexcache.load(self.store.get(["patterns", self.code]))

    def save_patterns(self) -> None:
        table = regexcache.dump()
        if table is not None:
            self.store.put(["patterns", self.code], table)


def _encode(result: FileResult) -> dict | None:
    index = {id(f): i for i, f in enumerate(result.all_findings)}
    shown = [index.get(id(f)) for f in result.findings]
    if None in shown:  # shown findings are all_findings' own objects (baselines rely on it)
        return None
    return {
        "words": result.words,
        "score": result.score,
        "categories": result.categories,
        "findings": [[getattr(f, name) for name in _FIELDS] for f in result.all_findings],
        "shown": shown,
        "notes": result.notes,
        # Rules made while checking (grammar.<languagetool-id>): what the
        # reports' rule metadata needs beyond the pack's rule.
        "made_rules": [[r.id, r.pack, r.category, r.severity, r.why] for r in result.derived_rules],
    }


_NUMBER = (int, float)
_STR = (str,)
# The JSON types of each Finding field, in order: an entry that does not
# match them is a miss rather than a report that crashes or lies.
_TYPES = {"confidence": _NUMBER, "suggestion": (str, type(None))}
_TYPES.update({name: (int,) for name in ("start", "end", "line", "column", "end_line", "end_column")})
_ROW = tuple(_TYPES.get(name, _STR) for name in _FIELDS)


def _decode(value: dict, key: list, config) -> FileResult:
    findings = []
    for row in value["findings"]:
        if len(row) != len(_ROW) or row[_SEVERITY] not in LEVEL:
            raise ValueError("not a finding")
        for item, types in zip(row, _ROW):
            if not isinstance(item, types) or isinstance(item, bool):
                raise ValueError("not a finding")
        findings.append(Finding(*row))
    words, score, categories = value["words"], value["score"], value["categories"]
    shown, notes = value["shown"], value["notes"]
    made = value.get("made_rules", [])
    if not all(
        isinstance(row, list) and len(row) == 5 and all(isinstance(x, str) for x in row) for row in made
    ):
        raise ValueError("not a file result")
    if not (
        _plain_number(words, int)
        and _plain_number(score, _NUMBER)
        and all(isinstance(k, str) and _plain_number(v, _NUMBER) for k, v in categories.items())
        and all(_plain_number(i, int) and 0 <= i < len(findings) for i in shown)
        and all(isinstance(note, str) for note in notes)
    ):
        raise ValueError("not a file result")
    _, _, _, path, fmt, content = key
    return FileResult(
        path=path,
        format=fmt,
        words=words,
        score=score,
        categories=dict(categories),
        findings=[findings[i] for i in shown],
        config=config,
        all_findings=findings,
        notes=list(notes),
        digest=content,
        derived_rules=[tuple(row) for row in made],
    )


def _plain_number(value, types) -> bool:
    return isinstance(value, types) and not isinstance(value, bool)
