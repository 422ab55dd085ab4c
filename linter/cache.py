"""A small on-disk cache of JSON values, one file per entry.

`Store(root, namespace)` keeps the entries of one user (file results,
LanguageTool answers, ...) under `root/namespace/`. Keys are any JSON-able
value; an entry's file is named by the hash of its key and holds the key
itself, so a misplaced or colliding file is a miss. The cache never breaks a
run: an unreadable or corrupt entry is a miss (and is overwritten by the next
`put`), and a cache that cannot be written records one `problem` for the
caller to report and stops trying. Entries are written to a temporary file in
the same directory and renamed over the old one, so a concurrent reader sees
the old entry or the new one, never half of one."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

ENV = "COPYDESK_CACHE_DIR"
_NAMESPACE = re.compile(r"^[a-z][a-z0-9-]*$")
_ENTRY = re.compile(r"^[0-9a-f]{64}\.json$")
_TEMPORARY = re.compile(r"^\.[0-9a-f]{64}\..*\.tmp$")
# Backup and sync tools skip a directory holding this file (bford.ch/cachedir).
TAG_NAME = "CACHEDIR.TAG"
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# copydesk's cache; `copydesk cache clear` empties it.\n"


def default_root() -> Path | None:
    """`$COPYDESK_CACHE_DIR`, else the user cache directory of the platform;
    None when there is none (no home directory: platformdirs raises, or older
    versions leave `~` unexpanded, which would put the cache in the current
    directory)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    if sys.platform.startswith("linux"):
        # The XDG rule platformdirs follows here, without its 5-10 ms import
        # on every one-file run.
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        try:
            root = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
        except (RuntimeError, KeyError):  # no home directory
            return None
        return root / "copydesk" if root.is_absolute() else None
    import platformdirs

    try:
        root = Path(platformdirs.user_cache_dir("copydesk", appauthor=False))
    except (RuntimeError, KeyError, OSError):
        return None
    return root if root.is_absolute() else None


def canonical(value) -> str:
    """One JSON text per value: sorted keys, sets sorted, anything else by repr."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _plain(value):
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=canonical)
    return repr(value)


def digest(value) -> str:
    """A hex digest of a JSON-able value (see `canonical`)."""
    return hashlib.sha256(canonical(value).encode()).hexdigest()


class Store:
    def __init__(self, root: Path, namespace: str):
        if not _NAMESPACE.match(namespace):
            raise ValueError(f"cache namespace {namespace!r} must be lower-case letters, digits, hyphens")
        self.root = Path(root)
        self.directory = self.root / namespace
        self.problem: str | None = None  # why writing failed, once; later puts are skipped

    def _path(self, name: str) -> Path:
        return self.directory / name[:2] / f"{name}.json"

    def get(self, key):
        """The value stored under `key`, or None (a miss) whatever went wrong."""
        text = canonical(key)
        try:
            with open(self._path(hashlib.sha256(text.encode()).hexdigest()), "rb") as handle:
                entry = json.loads(handle.read())
        except (OSError, ValueError):  # missing, unreadable, not JSON, not UTF-8
            return None
        if not isinstance(entry, dict) or entry.get("key") != text or "value" not in entry:
            return None
        return entry["value"]

    def put(self, key, value) -> None:
        """Store `value` under `key`; never raises. A failure is kept in `problem`."""
        if self.problem is not None:
            return
        text = canonical(key)
        name = hashlib.sha256(text.encode()).hexdigest()
        data = json.dumps({"key": text, "value": value}, ensure_ascii=False, separators=(",", ":"))
        try:
            self._write(self._path(name), name, data.encode())
        except OSError as exc:
            self.problem = (
                f"cannot write to the cache in {self.root} ({exc.strerror or exc}); results are not cached"
            )
        except (TypeError, ValueError) as exc:  # not JSON-able: the caller's bug, but never the run's end
            self.problem = f"cannot cache a value ({exc})"

    def _write(self, path: Path, name: str, data: bytes) -> None:
        import tempfile  # (and shutil with it) only when something is written

        for attempt in (1, 2):
            try:
                # No fsync: after a crash a lost or empty entry is only a miss.
                handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}.", suffix=".tmp")
            except FileNotFoundError:  # first entry here, or `cache clear` ran meanwhile
                if attempt == 2:
                    raise
                _make_root(self.root)
                path.parent.mkdir(parents=True, exist_ok=True)
                continue
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, path)
            except BaseException:
                _remove(Path(temporary))
                raise
            return

    def clear(self) -> tuple[int, int]:
        """Remove this namespace's entries: (files removed, bytes freed)."""
        return _clear_namespace(self.directory)


def _make_root(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    tag = root / TAG_NAME
    if not tag.exists():
        tag.write_text(TAG, "utf-8")


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _clear_namespace(directory: Path) -> tuple[int, int]:
    """Only files shaped like entries are removed, so a cache directory
    pointed at the wrong place loses nothing else."""
    files = size = 0
    if not directory.is_dir():
        return 0, 0
    for bucket in sorted(directory.iterdir()):
        if not (bucket.is_dir() and re.fullmatch(r"[0-9a-f]{2}", bucket.name)):
            continue
        for entry in bucket.iterdir():
            if _ENTRY.match(entry.name) or _TEMPORARY.match(entry.name):
                size += entry.stat().st_size
                entry.unlink()
                files += 1
        _rmdir(bucket)
    _rmdir(directory)
    return files, size


def _rmdir(directory: Path) -> None:
    try:
        directory.rmdir()
    except OSError:  # not empty: something that is not ours stays
        pass


def clear(root: Path) -> tuple[int, int]:
    """Remove every namespace's entries under `root`: (files removed, bytes freed).
    Raises OSError when the cache cannot be emptied."""
    files = size = 0
    if not root.is_dir():
        return 0, 0
    for directory in sorted(root.iterdir()):
        if directory.is_dir() and _NAMESPACE.match(directory.name):
            removed, freed = _clear_namespace(directory)
            files, size = files + removed, size + freed
    if not any(p.name != TAG_NAME for p in root.iterdir()):
        _remove(root / TAG_NAME)
        _rmdir(root)
    return files, size
