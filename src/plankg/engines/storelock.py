"""Readers and writers of a store, safe with each other: plankg's lock file in the store's folder.

RocksDB lets one process at a time open a store to write. A read-only open
writes nothing, so many processes may read a store at once, but only while
no process writes it (pyoxigraph: reading a store another process writes is
undefined behaviour). So every plankg process that opens a store first takes
the lock file :data:`LOCK_FILE` in the store's folder (``fcntl.flock``), and
holds it for as long as the store is open:

* **shared** to read: several commands may read the store at once;
* **exclusive** to write (create the store, load, reload a changed file):
  alone, once every reader is done.

A wait for the lock has a deadline (:data:`WAIT` seconds unless told
otherwise); at the deadline, a :class:`~plankg.errors.DataError` says that the
store is in use by another process. A reader also holds a read lock
(``lockf``) on RocksDB's own lock file, ``LOCK``, which a RocksDB writer must
take: a process that writes the store without plankg's lock file (an
earlier plankg, or pyoxigraph directly) is then refused by RocksDB while
plankg reads, and a reader that finds such a writer says so at once.

Two holds of one store in one process, one of them to write (a
:func:`plankg.load` of it still alive when :func:`plankg.load_store` writes
it), would wait for each other until the deadline: the second fails at once
instead, saying so.

Where there is no ``fcntl`` (Windows), there is no lock file: plankg opens
every store to read and write, and RocksDB's own lock lets one process in
(:data:`SHARING` is False).

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> first = StoreLock(folder, exclusive=False)
>>> second = StoreLock(folder, exclusive=False)
>>> StoreLock(folder, exclusive=True, wait=0)
Traceback (most recent call last):
    ...
plankg.errors.DataError: ...: the store is open in this process already ...
>>> first.close(); second.close()
>>> StoreLock(folder, exclusive=True, wait=0).exclusive
True
"""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

from ..errors import DataError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

__all__ = ["LOCK_FILE", "SHARING", "WAIT", "StoreLock", "in_use"]

#: plankg's lock file, in a store's folder.
LOCK_FILE = "plankg-lock"
#: Whether readers may share a store (the system has ``fcntl``).
SHARING = fcntl is not None
#: How long, in seconds, to wait for the lock by default.
WAIT = 60.0
#: RocksDB's own lock file, which its writer holds.
_ROCKSDB_LOCK = "LOCK"
_POLL = 0.05
#: The holds of this process, by lock file (device, inode): [shared, exclusive].
_HELD: dict[tuple[int, int], list[int]] = {}
_HELD_LOCK = threading.Lock()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_HELD.clear)  # a forked process holds nothing of its own


def in_use(folder: Path, waited: float | None = None) -> DataError:
    """The error for a store another process holds."""
    after = f"waited {waited:g} s; " if waited else ""
    return DataError(
        folder,
        "the store is in use by another process (a load writes it alone; commands may read it "
        f"together); {after}wait for it to finish, or give another --store folder",
    )


class StoreLock:
    """plankg's lock on a store's folder, shared (to read) or exclusive (to write).

    Parameters
    ----------
    folder : Path
        The store's folder (it exists, and plankg may use it: see
        :func:`plankg.engines.stores.claim_store`).
    exclusive : bool
        Whether to write (alone) rather than read (beside other readers).
    wait : float, default :data:`WAIT`
        Seconds to wait for the lock at most.

    Raises
    ------
    DataError
        If the lock is not had by the deadline, a writer outside plankg holds
        the store (a reader only), or the lock file is not a regular file.
    """

    def __init__(self, folder: Path, *, exclusive: bool, wait: float = WAIT):
        self.folder = Path(folder)
        self.exclusive = exclusive
        self._fd: int | None = None
        self._rocksdb: int | None = None
        self._held = False
        self._pid = os.getpid()
        if not SHARING:
            return
        self._fd = _open_lock_file(self.folder / LOCK_FILE)
        info = os.fstat(self._fd)
        self._key = (info.st_dev, info.st_ino)
        self.take(exclusive=exclusive, wait=wait)

    def __repr__(self) -> str:
        return f"<StoreLock {self.folder} {'exclusive' if self.exclusive else 'shared'}>"

    @property
    def held(self) -> bool:
        """Whether the lock is held (always, where there is no ``fcntl``)."""
        return self._held or self._fd is None

    def take(self, *, exclusive: bool, wait: float = WAIT) -> None:
        """Hold the lock in this mode: release it, then wait for it anew (not atomic).

        Another process may take the lock in between: a caller that turns
        from reading to writing checks the store again once this returns.
        """
        if self._fd is None:
            self.exclusive = exclusive
            return
        self.release()
        self.exclusive = exclusive
        with _HELD_LOCK:
            shared, alone = _HELD.get(self._key, (0, 0))
        if alone or exclusive and shared:
            raise DataError(
                self.folder,
                "the store is open in this process already (a plankg.load or load_store of it not yet let "
                "go), and one of the two would write it; let that one go (del it) first",
            )
        deadline = time.monotonic() + wait
        operation = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        while True:
            try:
                fcntl.flock(self._fd, operation | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise in_use(self.folder, wait) from None
                time.sleep(min(_POLL, left))
        with _HELD_LOCK:
            _HELD.setdefault(self._key, [0, 0])[exclusive] += 1
        self._held = True
        if not exclusive:
            self._guard()

    def _guard(self) -> None:
        """Hold a read lock on RocksDB's lock file, or fail at once if a writer outside plankg holds it."""
        try:
            self._rocksdb = os.open(self.folder / _ROCKSDB_LOCK, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return  # no RocksDB lock file (a new store): nothing has written the store yet
        try:
            fcntl.lockf(self._rocksdb, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            self.release()
            raise in_use(self.folder) from None

    def release(self) -> None:
        """Let the lock go (it may be taken again with :meth:`take`)."""
        if self._rocksdb is not None:
            # Closing drops this process's locks on RocksDB's file: none is a writer's, as this
            # process holds plankg's lock shared, which no plankg writer can hold meanwhile (another
            # reader's of this process goes too: it guarded only against writers outside plankg).
            os.close(self._rocksdb)
            self._rocksdb = None
        if self._held and os.getpid() == self._pid:
            # Unlocked explicitly: a process forked meanwhile shares the descriptor, not the hold
            # (and a forked process never unlocks its parent's hold).
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            with _HELD_LOCK:
                _HELD[self._key][self.exclusive] -= 1
        self._held = False

    def close(self) -> None:
        """Let the lock go for good."""
        if self._fd is not None:
            self.release()
            os.close(self._fd)
            self._fd = None

    def __del__(self):
        try:
            self.close()
        except (OSError, TypeError, AttributeError):  # at interpreter exit
            pass


def _open_lock_file(path: Path) -> int:
    """Open (or make) the lock file: a regular file, never followed through a link."""
    flags = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | flags, 0o666)
        except PermissionError:
            fd = os.open(path, os.O_RDONLY | flags)  # another user's store: flock needs no write access
    except OSError as err:
        raise DataError(path, f"the store's lock file cannot be opened: {err.strerror or err}; "
                              "it must be a regular file plankg may read") from err
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise DataError(path, "the store's lock file is not a regular file; remove it and try again")
    return fd
