"""Writing a file so that a crash never leaves it half written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ConfigError


def write_atomically(path: Path, text: str, what: str) -> None:
    """Write beside the target, flush to disk, then rename over it; on failure
    the old file is intact and no temporary file is left behind."""
    directory = path.parent if str(path.parent) else Path(".")
    handle = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=directory, delete=False, prefix=f".{path.name}.", suffix=".tmp"
        ) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except OSError as exc:
        if handle is not None:
            try:
                os.unlink(handle.name)
            except OSError:
                pass
        raise ConfigError(f"cannot write {what}: {exc.strerror or exc}", path=str(path)) from None
