"""Bytes to text: refuse binary, oversized and undecodable files with one line."""

from __future__ import annotations

import codecs
from pathlib import Path

from .errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
BINARY_PROBE = 8192


def decode(data: bytes, path: str) -> str:
    """Decode a draft's bytes; UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"broken UTF-16 at byte {exc.start}", path=path) from None
    if b"\x00" in data[:BINARY_PROBE]:
        raise InputError("binary file (NUL bytes), not a draft; skipped", path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); re-save the file as UTF-8",
            path=path,
            line=line,
            column=column,
        ) from None
    if text.startswith("\ufeff"):
        # Keep offsets honest: the BOM becomes a zero-width space-free start.
        text = text[1:]
    return text


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read one draft's bytes from disk, refusing what is too large or unreadable."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit "
                "(raise max_file_size in the config or --max-file-size)",
                path=name,
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None


def read_draft(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read one draft from disk, refusing what cannot be a draft."""
    return decode(read_bytes(path, max_bytes), str(path))
