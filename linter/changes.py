"""Changed lines relative to a git ref, for reviewing only what a pull request
touches: lines added or modified in the working tree since REF, and every
line of files git does not track yet."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .errors import ConfigError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    except FileNotFoundError:
        raise ConfigError("--diff-base needs git, which is not installed") from None
    if proc.returncode != 0:
        message = (proc.stderr.strip().splitlines() or ["git failed"])[-1]
        raise ConfigError(f"--diff-base: {message}")
    return proc.stdout


def changed_lines(ref: str, cwd: Path | None = None) -> dict[Path, set[int] | None]:
    """Resolved path -> changed line numbers, or None for a wholly new file."""
    cwd = cwd or Path.cwd()
    root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    except ConfigError:
        raise ConfigError(f"--diff-base: unknown git ref '{ref}'") from None
    changes: dict[Path, set[int] | None] = {}
    current: set[int] | None = None
    for line in _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", ref, "--"], root).splitlines():
        if line.startswith("+++ "):
            target = line[4:]
            current = None
            if target != "/dev/null":
                path = (root / target[2:]).resolve() if target.startswith("b/") else (root / target).resolve()
                current = changes.setdefault(path, set())
        elif current is not None and (match := _HUNK.match(line)):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            current.update(range(start, start + count))
    for name in _git(["ls-files", "--others", "--exclude-standard"], root).splitlines():
        changes[(root / name).resolve()] = None
    return changes


def keep_changed(result, changes: dict[Path, set[int] | None]) -> None:
    """Keep only findings that touch a changed line."""
    for file in result.files:
        path = Path(file.path).resolve()
        if path not in changes:
            file.findings, file.all_findings = [], []
            continue
        lines = changes[path]
        if lines is None:
            continue

        def touches(f, lines=lines):
            return any(line in lines for line in range(f.line, f.end_line + 1))

        file.findings = [f for f in file.findings if touches(f)]
        file.all_findings = [f for f in file.all_findings if touches(f)]
