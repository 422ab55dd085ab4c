"""A progress line on stderr for long runs on a terminal: files done, rate and
time left. Never in pipes, files or CI logs."""

from __future__ import annotations

import os
import sys
import time

MIN_FILES = 20  # shorter runs finish before a progress line helps


def wanted(total: int, stream=None) -> bool:
    stream = stream or sys.stderr
    return (
        total >= MIN_FILES
        and hasattr(stream, "isatty")
        and stream.isatty()
        and not os.environ.get("CI")
        and "NO_PROGRESS" not in os.environ
    )


class Progress:
    def __init__(self, total: int, stream=None):
        self.total = total
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self._shown = 0.0

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self._shown < 0.1 and self.done < self.total:
            return  # at most ten updates a second
        self._shown = now
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        width = 24
        filled = int(width * self.done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} files  {rate:.0f}/s  {left:.0f} s left ")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r" + " " * 72 + "\r")
        self.stream.flush()
