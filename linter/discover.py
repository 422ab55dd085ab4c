"""Paths to drafts: files, directories (by known extension), globs; honours
.gitignore files and the config's include and exclude globs."""

from __future__ import annotations

import functools
import glob
import os
from pathlib import Path

from .errors import InputError
from .formats import EXTENSIONS

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox"})


def _gitignore_spec(directory: Path):
    path = directory / ".gitignore"
    if not path.is_file():
        return None
    import pathspec

    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.PathSpec.from_lines("gitwildmatch", lines)


def _ancestor_ignores(directory: Path) -> list[tuple[Path, object]]:
    """The .gitignore files above a directory, up to its repository root."""
    specs = []
    for folder in (directory, *directory.parents):
        spec = _gitignore_spec(folder)
        if spec is not None:
            specs.append((folder, spec))
        if (folder / ".git").exists():
            break
    return specs[::-1]


def _ignored(path: Path, is_dir: bool, specs) -> bool:
    for base, spec in specs:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(rel + ("/" if is_dir else "")):
            return True
    return False


def walk_directory(root: Path, config_for) -> list[Path]:
    """Drafts under a directory, sorted, skipping ignored files and folders.
    `config_for(directory)` gives the config whose include/exclude apply."""
    root = root.resolve()
    found = []
    base_specs = _ancestor_ignores(root.parent) if root.parent != root else []
    stack = [(root, base_specs)]
    while stack:
        directory, specs = stack.pop()
        own = _gitignore_spec(directory)
        if own is not None:
            specs = specs + [(directory, own)]
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                if entry.name in SKIPPED_DIRS or _ignored(path, True, specs):
                    continue
                stack.append((path, specs))
            elif entry.is_file() and not _ignored(path, False, specs):
                if _selected(path, config_for(directory)):
                    found.append(path)
    return sorted(found)


def _selected(path: Path, config) -> bool:
    if not (config.exclude or config.include):
        return path.suffix.lower() in EXTENSIONS
    rel = _relative(path, config.root)
    if config.exclude and _spec(tuple(config.exclude)).match_file(rel):
        return False
    if config.include:
        return _spec(tuple(config.include)).match_file(rel)
    return path.suffix.lower() in EXTENSIONS


@functools.lru_cache(maxsize=64)
def _spec(globs: tuple[str, ...]):
    """Globs compiled once per run, not once per file."""
    import pathspec

    return pathspec.PathSpec.from_lines("gitwildmatch", globs)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def discover(arguments: list[str], config_for) -> tuple[list[Path], list[InputError]]:
    """Drafts for the command line's paths, and one error per path that gave none.
    A file named explicitly is a draft whatever its extension."""
    targets: list[Path] = []
    errors: list[InputError] = []
    seen = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            targets.append(path)

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            drafts = walk_directory(path, config_for)
            if not drafts:
                errors.append(InputError("no drafts found in directory (.md, .html, .txt)", path=argument))
            root = path.resolve()
            for draft in drafts:
                add(_display(draft, root, argument))
        elif path.exists() or path.is_symlink():
            add(path)
        elif glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                errors.append(InputError("no files match this pattern", path=argument))
            for file in files:
                add(file)
        else:
            errors.append(InputError("no such file or directory", path=argument))
    return targets, errors


def _display(draft: Path, root: Path, argument: str) -> Path:
    """Show paths found in a directory (`root`, resolved) relative to how the
    user named it."""
    try:
        return Path(argument) / draft.relative_to(root)
    except ValueError:
        return draft
