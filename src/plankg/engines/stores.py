"""Persistent Oxigraph stores that plankg owns, and only those.

``--store DIR`` keeps a plan loaded in an Oxigraph (RocksDB) store on disk and
clears and reloads it when the data files change. Clearing is only safe in a
store plankg made, so plankg marks each store it creates with a file,
:data:`MARKER`, inside the store's folder, and opens a folder only if it is:

* missing or empty: a new store is created and marked;
* marked: it is plankg's;
* an unmarked Oxigraph store that holds plankg's load manifest (the graph
  ``urn:plankg:store``, written by plankg before stores were marked): it is
  marked and used;

and refuses any other folder (an Oxigraph store of other data, or a folder of
other files) with a :class:`~plankg.errors.DataError`, touching nothing.

The check writes nothing in the folder (:func:`claim_store`); plankg's lock
file (:mod:`plankg.engines.storelock`) is made only in a folder that passed
it, and a folder that holds nothing else counts as empty. A store open for
writing in another process (RocksDB allows one writer) gives a one-line "in
use by another process" error instead of RocksDB's lock message.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import DataError
from .storelock import LOCK_FILE, in_use

__all__ = ["MARKER", "MANIFEST_GRAPH", "claim_store", "open_store"]

#: The file that marks a folder as a store plankg created.
MARKER = "plankg-store"
#: The graph in which plankg records what a store was loaded from.
MANIFEST_GRAPH = ox.NamedNode("urn:plankg:store")
_MARKER_TEXT = (
    "This folder is an Oxigraph store created by plankg (--store).\n"
    "plankg clears and reloads it when the plan's data files change.\n"
)


def _readable_store(folder: Path) -> ox.Store | None:
    """Open ``folder`` read-only if it is an Oxigraph store, else return None."""
    try:
        return ox.Store.read_only(str(folder))
    except (OSError, ValueError):
        return None


def _has_manifest(store: ox.Store) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, MANIFEST_GRAPH)), None) is not None


def _claim(folder: Path) -> None:
    """Mark ``folder`` as plankg's, or refuse it."""
    if all(entry.name == LOCK_FILE for entry in folder.iterdir()):
        return  # empty, or only plankg's lock file: a store about to be made
    existing = _readable_store(folder)
    if existing is None:
        raise DataError(
            folder,
            "is not empty and not an Oxigraph store plankg created; plankg never clears such a "
            "folder: give --store a new or empty folder",
        )
    owned = _has_manifest(existing)
    del existing
    if not owned:
        raise DataError(
            folder,
            f"is an Oxigraph store plankg did not create (no {MARKER} file, no plankg manifest); "
            "plankg never clears it: give --store a new or empty folder",
        )


def claim_store(path: str | Path) -> Path:
    """Make the store's folder if it is missing, and refuse a folder plankg may not use.

    Nothing is written in the folder. A folder that holds plankg's lock file
    is one that passed this check already (a store being made, perhaps by
    another process): :func:`open_store` checks it again under the lock.

    Parameters
    ----------
    path : path-like
        The store's folder.

    Returns
    -------
    Path

    Raises
    ------
    DataError
        If the folder cannot be made, or is not a store plankg created.
    """
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / MARKER).is_file() and not (folder / LOCK_FILE).is_file():
            _claim(folder)
    except OSError as err:
        raise DataError(folder, f"cannot be opened as an Oxigraph store: {err.strerror or err}") from err
    return folder


def open_store(path: str | Path, *, read_only: bool = False) -> ox.Store:
    """Open (or create) the plankg store in ``path``, for reading and writing or for reading only.

    The caller holds the store's lock (:mod:`plankg.engines.storelock`).

    Parameters
    ----------
    path : path-like
        The store's folder.
    read_only : bool, default False
        Open a store plankg made for reading only: nothing is written in its
        folder, and no other process may write it meanwhile.

    Returns
    -------
    pyoxigraph.Store

    Raises
    ------
    DataError
        If the folder cannot be made, is not a store plankg created (or, to
        read only, not yet made), or is open for writing in another process.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = open_store(Path(tmp) / "store")
    ...     (Path(tmp) / "store" / MARKER).is_file()
    True
    """
    folder = Path(path)
    if read_only:
        if not (folder / MARKER).is_file():
            raise DataError(folder, "is not a store plankg made; load it first (plankg load --store)")
        try:
            return ox.Store.read_only(str(folder))
        except OSError as err:
            raise DataError(folder, f"cannot be opened as an Oxigraph store: {err}") from err
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / MARKER).is_file():
            _claim(folder)
        store = None
        try:
            store = ox.Store(str(folder))
        except OSError as err:
            if _readable_store(folder) is not None:
                raise in_use(folder) from err
            raise
        if not (folder / MARKER).is_file():
            (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
        return store
    except DataError:
        raise
    except OSError as err:
        raise DataError(folder, f"cannot be opened as an Oxigraph store: {err.strerror or err}") from err
