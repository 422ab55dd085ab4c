"""Checking files in a process pool: each worker builds its own Linter once
(rules loaded and compiled once per worker), results come back in the order
the files were given, and the output is the same as one process's."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

_worker = None  # the Linter of this worker process


def _start(config_path, selection) -> None:
    global _worker
    from .config import ConfigFinder
    from .runner import Linter

    _worker = Linter(ConfigFinder(Path(config_path) if config_path else None), selection)


def _check(path: str):
    try:
        result = _worker.check_file(Path(path))
    except InputError as error:
        # Exceptions with keyword arguments do not survive pickling whole.
        return "error", (error.message, error.path, error.line, error.column)
    # The settings this worker used (it loaded configs and packs itself), so
    # the result is cached under what made it even if a config changed meanwhile.
    settings = _worker.settings_digest(result.config, Path(path))
    # The config goes back as a path, not a copy per file: the parent has the
    # same objects, and thousands of copies made memory grow with the run.
    result.config = None
    return "ok", (result, settings)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def check_in_pool(paths: list[Path], jobs: int, config_path, selection):
    """(FileResult or InputError, settings digest) per path, in order, from
    `jobs` worker processes."""
    from concurrent.futures import ProcessPoolExecutor  # not for runs that need no pool

    chunk = max(1, min(32, len(paths) // (jobs * 4) or 1))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start, initargs=(config_path, selection)) as pool:
        for kind, value in pool.map(_check, [str(p) for p in paths], chunksize=chunk):
            if kind == "error":
                message, path, line, column = value
                yield InputError(message, path=path, line=line, column=column), None
            else:
                yield value
