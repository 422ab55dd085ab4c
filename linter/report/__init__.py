"""Reporters: one per output format, all reading the same RunResult."""

from __future__ import annotations

FORMATS = ("text", "json")


def render(result, fmt: str, *, color: bool = False) -> str:
    if fmt == "json":
        from .json import render_json
        return render_json(result)
    from .text import render_text
    return render_text(result, color=color)
