"""What plankg read from a query's parse tree, kept on disk by the query's text.

Reading a query with rdflib's grammar costs far more than the commands that
need it: importing rdflib's parser and copying its grammar take about 0.6 s,
and each parse 20–150 ms (pyparsing), while ``plankg queries`` and a named
query on embedded Oxigraph take about 0.15 s whole process. What is read
depends on nothing but the text, so it is kept in a JSON file per kind under
the cache folder, keyed by a SHA-256 of the text, and a later process reads
it back instead of parsing.

The folder is ``$PLANKG_CACHE_DIR`` if set (empty: no cache), else
``$XDG_CACHE_HOME/plankg``, else ``~/.cache/plankg``. The cache only saves
time: a file that cannot be read or written is ignored, an entry that is
not what the reader expects is read again from the parse, and a file holds
at most :data:`MAX_ENTRIES` texts, the oldest dropped first.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["remembered", "cache_dir", "MAX_ENTRIES"]

#: Bumped when what is kept changes meaning, so older entries are not read.
_FORMAT = 1
#: Texts kept per kind.
MAX_ENTRIES = 2000
_ENV = "PLANKG_CACHE_DIR"
#: Each kind's entries as read in this process, by cache file.
_loaded: dict[Path, dict] = {}


def cache_dir() -> Path | None:
    """The cache folder (see the module), or ``None`` when ``PLANKG_CACHE_DIR`` is empty."""
    if _ENV in os.environ:
        return Path(os.environ[_ENV]) if os.environ[_ENV] else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plankg"


def remembered(kind: str, query: str, read: Callable[[str], object], *, valid: Callable[[object], bool]):
    """Return ``read(query)``, kept on disk under ``kind`` by the text of ``query``.

    Parameters
    ----------
    kind : str
        What is read (a file name: ``parameters``).
    query : str
        The query text.
    read : callable
        Reads it from the parse; its value must be JSON (lists come back as lists).
        What it raises is raised, and nothing is kept.
    valid : callable
        Whether a kept value is one ``read`` could have given; else it is read again.
    """
    folder = cache_dir()
    if folder is None:
        return read(query)
    path = folder / f"{kind}.json"
    key = _key(query)
    entries = _entries(path)
    if key in entries and valid(entries[key]):
        return entries[key]
    value = read(query)
    entries = dict(_read(path))  # what other processes kept meanwhile
    entries[key] = value
    for old in list(entries)[: max(0, len(entries) - MAX_ENTRIES)]:
        del entries[old]
    _loaded[path] = entries
    _write(path, entries)
    return value


def _key(query: str) -> str:
    return hashlib.sha256(f"{_FORMAT}\0{query}".encode("utf-8", "surrogatepass")).hexdigest()


def _entries(path: Path) -> dict:
    if path not in _loaded:
        _loaded[path] = _read(path)
    return _loaded[path]


def _read(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(path: Path, entries: dict) -> None:
    """Replace the file in one step (:mod:`plankg.atomic`), so a reader never sees half of it."""
    from ..atomic import write_text
    from ..errors import OutputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, json.dumps(entries, ensure_ascii=False, separators=(",", ":")))
    except (OSError, OutputError):
        pass  # a cache that cannot be written only costs time
