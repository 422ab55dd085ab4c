"""Reporters: one module per output format, all reading the same RunResult."""

from __future__ import annotations

from importlib import import_module

FORMATS = ("text", "json", "sarif", "github", "rdjson", "rdjsonl", "junit", "checkstyle", "markdown")
_MODULES = {"json": "json_report", "text": "text"}


def render(result, fmt: str, *, color: bool = False) -> str:
    module = import_module(f"{__name__}.{_MODULES.get(fmt, fmt)}")
    return module.render(result, color=color) if fmt == "text" else module.render(result)
