"""Check kinds: each module declares OPTIONS, an optional `validate(rule)`,
and a `Compiled(rules)` with `check(doc, hits) -> list[Hit]`."""

from __future__ import annotations

from importlib import import_module

KINDS = ("existence", "substitution", "metric", "sourcing", "repetition", "grammar", "occurrence")


def kind_module(name: str):
    """The module of a kind, or None when there is no such kind."""
    if name not in KINDS:
        return None
    return import_module(f"{__name__}.{name}")
