"""Atomic file writes: a reader sees the old file or the new one, never half.

Only a regular file is ever written. A path that names a device
(``/dev/null``, ``/dev/full``, a node made with ``mknod``), a FIFO, a socket
or a folder is refused, and so is a symbolic link: plankg neither replaces a
link with a file nor writes through it to whatever it points at (a link
planted in a shared folder cannot redirect a write). Links among the *folders*
of the path are followed as usual.

The new content goes to a hidden temporary file beside the target, which
replaces the target only once the data is on disk. If writing fails, or the
process is interrupted (Ctrl-C, ``SIGTERM``, ``SIGHUP``), the temporary file
is removed and the target is left as it was.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text(folder / "out.txt", "花桥\\n")
>>> (folder / "out.txt").read_text(encoding="utf-8")
'花桥\\n'
>>> sorted(p.name for p in folder.iterdir())
['out.txt']
>>> write_text("/dev/null", "x")
Traceback (most recent call last):
    ...
plankg.errors.OutputError: /dev/null: a character device, not a regular file; plankg writes only regular files
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError

__all__ = ["check_target", "write_bytes", "write_text", "write_with"]

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)

#: Signals whose default action ends the process: while a temporary file
#: exists they raise instead, so that it is removed first.
_FATAL_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def check_target(path: str | Path) -> Path:
    """Return ``path`` if a regular file may be written there.

    Parameters
    ----------
    path : path-like
        The file to write.

    Returns
    -------
    Path

    Raises
    ------
    OutputError
        If ``path`` is a symbolic link, a folder, a device, a FIFO or a
        socket, or its folder does not exist.
    """
    target = Path(path)
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        folder = target.parent
        if not folder.is_dir():
            raise OutputError(f"{target}: the folder {folder} does not exist; create it first") from None
        return target
    except OSError as err:
        raise OutputError(f"{target}: cannot write: {err.strerror or err}") from err
    if stat.S_ISLNK(mode):
        raise OutputError(
            f"{target}: a symbolic link; plankg does not replace links or write through them, "
            "give the path of a regular file"
        )
    for test, kind in _KINDS:
        if test(mode):
            raise OutputError(f"{target}: {kind}, not a regular file; plankg writes only regular files")
    return target


class _Interrupted(BaseException):
    """A fatal signal arrived while a temporary file existed."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_raise() -> Iterator[None]:
    """While inside, ``SIGTERM`` and ``SIGHUP`` raise :class:`_Interrupted`
    (where their action is the default one, in the main thread); on the way
    out, the process then ends by that signal as it would have."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in _FATAL_SIGNALS:
        if signal.getsignal(signum) is signal.SIG_DFL:

            def interrupted(number, frame):
                raise _Interrupted(number)

            previous[signum] = signal.signal(signum, interrupted)
    try:
        yield
    except _Interrupted as err:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        previous.clear()
        os.kill(os.getpid(), err.signum)  # die by the signal, now that the files are clean
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def write_with(path: str | Path, writer: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` atomically by calling ``writer`` on a temporary file.

    The temporary file sits in the same folder and replaces ``path`` only
    once ``writer`` has returned and the data is on disk. If ``writer``
    raises, or a signal interrupts it, the temporary file is removed,
    ``path`` is left as it was, and the exception propagates.

    Parameters
    ----------
    path : path-like
        The file to write: a regular file or a new name (see :func:`check_target`).
    writer : callable
        Called with a binary file object to write to.

    Raises
    ------
    OutputError
        If ``path`` is not a regular file, or it cannot be written (a
        missing or read-only folder, a full disk).
    """
    target = check_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    with _signals_raise():
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        except OSError as err:
            raise OutputError(f"{target}: cannot write in the folder {folder}: {err.strerror or err}") from err
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
            check_target(target)  # again: the path may have changed while writing
            os.replace(tmp, target)
        except OSError as err:
            Path(tmp).unlink(missing_ok=True)
            raise OutputError(f"{target}: cannot write: {err.strerror or err}") from err
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
