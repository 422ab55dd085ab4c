"""Baselines: the findings a repository already has, so CI reports only new ones.

A finding is keyed by its file, rule, normalised matched text and a hash of
the sentence around it, never by line numbers: editing an unrelated
paragraph above an old finding does not bring it back. Each file's score is
recorded too, for --max-score-drop."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

from . import __version__
from .atomic import write_atomically
from .errors import ConfigError

FORMAT = "copydesk-baseline"
FORMAT_VERSION = 1
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’)\]]*)\s|\n\s*\n")


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def sentence_around(source: str, start: int, end: int) -> str:
    """The sentence (or paragraph piece) of the source that holds [start, end)."""
    begin = 0
    for match in _SENTENCE_END.finditer(source, max(0, start - 2000), start):
        begin = match.end()
    after = _SENTENCE_END.search(source, end)
    return source[begin : after.start() + 1 if after else len(source)]


def key(finding, source: str) -> tuple[str, str, str, str]:
    context = _normal(sentence_around(source, finding.start, finding.end))
    digest = hashlib.sha256(context.encode()).hexdigest()[:16]
    return (finding.path.replace("\\", "/"), finding.rule, _normal(finding.match), digest)


def build(result) -> dict:
    files = {}
    for file in result.files:
        entries = [list(key(f, file.source)[1:]) for f in file.all_findings]
        files[file.path.replace("\\", "/")] = {"score": file.score, "findings": sorted(entries)}
    return {"format": FORMAT, "version": FORMAT_VERSION, "copydesk": __version__, "files": files}


def write(path: Path, result) -> None:
    """Write atomically: a crash leaves the old baseline as it was."""
    text = json.dumps(build(result), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    write_atomically(path, text, "baseline")


def read(path: Path) -> dict:
    """A baseline file, or one clear error (exit 2) saying what is wrong."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            "baseline file not found (create it with --write-baseline)", path=str(path)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read baseline: {exc}", path=str(path)) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"baseline is not valid JSON ({exc.msg}); write it again with --write-baseline",
            path=str(path),
            line=exc.lineno,
            column=exc.colno,
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConfigError("not a copydesk baseline file", path=str(path))
    if data.get("version") != FORMAT_VERSION:
        raise ConfigError(
            f"baseline format version {data.get('version')!r} is not {FORMAT_VERSION}; "
            "write it again with --write-baseline",
            path=str(path),
        )
    files = data.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(v, dict) and isinstance(v.get("findings", []), list) for v in files.values()
    ):
        raise ConfigError("baseline is damaged: 'files' is not a mapping of files", path=str(path))
    return data


def apply(result, baseline: dict) -> None:
    """Drop findings the baseline already has (each baseline entry absorbs one)."""
    files = baseline["files"]
    for file in result.files:
        known = Counter(
            tuple(entry) for entry in files.get(file.path.replace("\\", "/"), {}).get("findings", [])
        )

        def is_new(finding, known=known, source=file.source):
            k = key(finding, source)[1:]
            if known[k] > 0:
                known[k] -= 1
                return False
            return True

        new_all = [f for f in file.all_findings if is_new(f)]
        kept = {id(f) for f in new_all}
        file.findings = [f for f in file.findings if id(f) in kept]
        file.all_findings = new_all


def score_drops(result, baseline: dict, allowed: float) -> list[str]:
    """Files whose score fell more than `allowed` points below the baseline's."""
    drops = []
    for file in result.files:
        before = baseline["files"].get(file.path.replace("\\", "/"), {}).get("score")
        if isinstance(before, (int, float)) and file.score < before - allowed:
            drops.append(
                f"{file.path}: score {file.score:g} is {before - file.score:.1f} points below the "
                f"baseline's {before:g} (allowed drop {allowed:g})"
            )
    return drops
