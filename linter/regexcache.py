"""Compiled `regex` patterns kept between runs.

`regex` parses and optimises a pattern in pure Python before its C engine
takes over: the sourcing pack's long patterns cost about 0.15 s to compile on
every run, half of a one-file pre-commit run. What the parser produces is
plain data (the C engine's code words, group names, the required string), so
it is kept, keyed by the pattern, its flags and `regex`'s version, and the
next run hands it straight to the engine.

The table lives in memory; the runner loads it from the cache directory
before compiling rules and saves what was added after (the checking kernel
does no I/O). An entry that does not fit this `regex` (another version, a
damaged file) is ignored and the pattern compiled as usual. Damaged code
words could make the engine loop, so each entry carries a seal, a hash of
its key and arguments, checked on load: a damaged entry is a miss. (The
seal guards against damage, not against someone who can write to the cache
directory on purpose.)"""

from __future__ import annotations

import hashlib
import json
from array import array
from base64 import b64decode, b64encode

_table: dict[str, list] = {}  # key -> arguments of the engine's compile
_live: dict = {}  # key -> the pattern made in this process
_added = False


def _key(source: str, flags: int) -> str:
    import regex

    return f"{regex.__version__}\x00{regex.DEFAULT_VERSION}\x00{flags}\x00{source}"


def compile(source: str, flags: int = 0):  # noqa: A001 - the regex API's name
    """`regex.compile(source, flags)`, from the table when it has the pattern."""
    key = _key(source, flags)
    pattern = _live.get(key)
    if pattern is None:
        args = _table.get(key)
        pattern = _from_args(args, source) if args is not None else None
        if pattern is None:
            _table.pop(key, None)
            pattern = _compile_and_keep(key, source, flags)
        _live[key] = pattern
    return pattern


def _from_args(args: list, source: str):
    from regex import _regex

    try:
        code, flags, group_index, req_offset, req_chars, req_flags, group_count = args
        pattern = _regex.compile(
            source,
            flags,
            array("I", b64decode(code)).tolist(),
            group_index,
            {v: n for n, v in group_index.items()},
            {},
            [],
            req_offset,
            tuple(req_chars),
            req_flags,
            group_count,
        )
    except Exception:  # noqa: BLE001 - any misfit is a miss, never a failed run
        return None
    return pattern


def _compile_and_keep(key: str, source: str, flags: int):
    """Compile with `regex`, watching the call into the engine for the
    arguments to keep. Patterns with named lists are not kept (their lists
    are sets, not JSON), nor is one `regex` served from its own cache."""
    import regex
    from regex import _regex

    global _added
    seen: list = []
    engine_compile = _regex.compile

    def watch(*args):
        seen.append(args)
        return engine_compile(*args)

    _regex.compile = watch
    try:
        pattern = regex.compile(source, flags)
    finally:
        _regex.compile = engine_compile
    if len(seen) == 1:
        (
            _src,
            eflags,
            code,
            group_index,
            _index_group,
            named_lists,
            _nli,
            req_offset,
            req_chars,
            req_flags,
            groups,
        ) = seen[0]
        if not named_lists and isinstance(group_index, dict):
            try:  # code words as bytes: JSON numbers take ten times as long to load
                packed = b64encode(array("I", code).tobytes()).decode("ascii")
            except OverflowError:
                return pattern
            _table[key] = [
                packed,
                eflags,
                dict(group_index),
                req_offset,
                list(req_chars or ()),
                req_flags,
                groups,
            ]
            _added = True
    return pattern


# -- the runner's side: the table in and out of the cache -------------------


def _seal(key: str, args: list) -> str:
    return hashlib.sha256(json.dumps([key, args], separators=(",", ":")).encode()).hexdigest()


def load(entries) -> None:
    """Take entries saved by `dump`; anything else, or an entry whose seal
    does not match, is ignored."""
    if isinstance(entries, dict):
        for key, sealed in entries.items():
            if isinstance(key, str) and isinstance(sealed, list) and len(sealed) == 8:
                *args, seal = sealed
                if seal == _seal(key, args):
                    _table.setdefault(key, args)


def dump() -> dict | None:
    """The table, sealed, if this process added to it; else None."""
    if not _added:
        return None
    return {key: [*args, _seal(key, args)] for key, args in _table.items()}
