"""Atomic file writes: a reader sees the old file or the new one, never half.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text(folder / "out.txt", "花桥\\n")
>>> (folder / "out.txt").read_text(encoding="utf-8")
'花桥\\n'
>>> sorted(p.name for p in folder.iterdir())
['out.txt']
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["write_bytes", "write_text", "write_with"]


def write_with(path: str | Path, writer: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` atomically by calling ``writer`` on a temporary file.

    The temporary file sits in the same folder and replaces ``path`` only
    once ``writer`` has returned and the data is on disk. If ``writer``
    raises, the temporary file is removed, ``path`` is left as it was, and
    the exception propagates.

    Parameters
    ----------
    path : path-like
        The file to write.
    writer : callable
        Called with a binary file object to write to.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            writer(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    write_with(path, lambda handle: handle.write(data))


def write_text(path: str | Path, text: str, *, bom: bool = False) -> None:
    """Write ``text`` to ``path`` atomically as UTF-8 (with a BOM if asked)."""
    prefix = b"\xef\xbb\xbf" if bom else b""
    write_bytes(path, prefix + text.encode("utf-8"))
