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

    _worker = Linter(ConfigFinder(config_path), selection)


def _check(path: str):
    try:
        return "ok", _worker.check_file(Path(path))
    except InputError as error:
        # Exceptions with keyword arguments do not survive pickling whole.
        return "error", (error.message, error.path, error.line, error.column)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def run_parallel(targets, jobs: int, config_path, selection, result, progress=None) -> None:
    """Check `targets` in `jobs` processes, appending to `result` in order."""
    from concurrent.futures import ProcessPoolExecutor  # 20 ms: not for a one-file run

    chunk = max(1, min(32, len(targets) // (jobs * 4) or 1))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start, initargs=(config_path, selection)) as pool:
        for kind, value in pool.map(_check, [str(t) for t in targets], chunksize=chunk):
            if progress is not None:
                progress.advance()
            if kind == "error":
                message, path, line, column = value
                result.errors.append(InputError(message, path=path, line=line, column=column))
                continue
            if value.words == 0:
                result.notes.append(f"{value.path}: empty draft (no prose), nothing to check")
            result.notes.extend(value.notes)
            result.files.append(value)
