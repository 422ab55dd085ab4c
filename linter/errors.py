"""Errors that end in one clear line for the user, each with its exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_GATE = 1  # the run worked and the gate (fail level, fail-under) failed
EXIT_USAGE = 2  # bad command line, config or rule file
EXIT_INPUT = 3  # an input could not be read


class CopydeskError(Exception):
    """A problem the user can fix; printed as one line, never a traceback."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        context: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.context = context

    def __reduce__(self):
        # Default exception pickling passes only args, losing the keyword-only
        # fields; worker processes send these errors back whole.
        return type(self), (self.message,), self.__dict__

    def location(self) -> str:
        parts = [p for p in (self.path, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        where = self.location()
        head = f"{where}: {self.message}" if where else self.message
        if self.context is not None:
            marker = " " * max((self.column or 1) - 1, 0) + "^"
            return f"{head}\n    {self.context}\n    {marker}"
        return head


class ConfigError(CopydeskError):
    """A config file, rule pack or command-line option is wrong."""

    exit_code = EXIT_USAGE


class InputError(CopydeskError):
    """A draft could not be read: missing, binary, undecodable, too large."""

    exit_code = EXIT_INPUT
