"""Answers kept in a persistent store's folder, so that asking again costs a file read.

On a corpus of 1,000 plans, Oxigraph takes seconds over some named queries
(``targets`` returns 32,000 rows and costs one index lookup per row and
``OPTIONAL``). The data behind those answers changes only when
``plankg load`` (or a command's sync, see :mod:`plankg.engines.storesync`)
reloads a graph, so a store keeps the answers it was asked for:

* **Where**: ``plankg-answers/`` in the store's folder, one file per answer,
  in a subfolder named after the store's *generation*: a digest of what the
  store's manifest records of every graph (its files' SHA-256 digests), so
  the same data gives the same generation. A load that changes a graph
  changes the generation and removes the answers kept
  (:meth:`plankg.engines.storesync.CorpusStore.load`); another generation's
  answers found later are removed with the next answer kept.
* **The key** of an answer is a SHA-256 digest of the query text exactly as
  the engine runs it, its parameters' terms (N-Triples), the graphs it sees,
  and the versions of plankg and pyoxigraph. A different text, parameter or
  view is another answer.
* **What is kept**: only answers that took :attr:`AnswerCache.min_seconds`
  or more to compute (a quick query is not worth a file), and only of
  queries whose answer depends on the data alone: one that calls ``NOW``,
  ``RAND``, ``UUID``, ``STRUUID`` or ``BNODE``, or reaches a ``SERVICE``, is
  never kept (read from its algebra, see
  :func:`plankg.sparql.repeatable.repeatable`).
* **How**: gzip-compressed, each distinct term written once (JSON) and the
  rows as a table of term numbers; written atomically, so a reader sees an
  answer whole or not at all. A file that cannot be read is a miss, and a
  folder that cannot be written (a read-only store) only means nothing is
  kept.
* **How much**: at most :attr:`AnswerCache.max_bytes` of files per store;
  beyond, the answers used least recently are removed.

A change to the store made without plankg (pyoxigraph writing to it
directly) is not seen; remove ``plankg-answers/`` after one.

Examples
--------
>>> import tempfile, pyoxigraph as ox
>>> cache = AnswerCache(Path(tempfile.mkdtemp()), "g1", min_seconds=0)
>>> key = cache.key("SELECT ?x WHERE { ?x ?p ?o }", {}, None)
>>> cache.get(key, max_rows=None) is None
True
>>> cache.put(key, ("x",), [(ox.NamedNode("https://example.org/花桥"),)], seconds=0.5)
True
>>> cache.get(key, max_rows=None)[0]["x"].value
'https://example.org/花桥'
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import struct
import sys
import threading
import zlib
from array import array
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..atomic import write_bytes
from ..errors import OutputError
from ..sparql.results import QueryResult
from ..sparql.termtable import TermTable
from .bounded import too_many_rows

__all__ = ["FOLDER", "AnswerCache"]

#: The folder, in a store's folder, that holds its answers.
FOLDER = "plankg-answers"
#: The layout of an answer file; a file of another layout is a miss.
_LAYOUT = 1
_MAGIC = b"plankg-answer\n"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_SUFFIX = ".answer.gz"
_DIRECTIONS = {"ltr": ox.BaseDirection.LTR, "rtl": ox.BaseDirection.RTL}


class AnswerCache:
    """The answers a persistent store keeps for one generation of its data.

    Parameters
    ----------
    folder : Path
        The store's folder (answers go to its :data:`FOLDER` subfolder).
    generation : str
        A digest of the data the store holds
        (:attr:`plankg.engines.storesync.CorpusStore.generation`).
    min_seconds : float, default 0.1
        Answers computed faster are not kept.
    max_bytes : int, default 256 MiB
        The most the store's answer files may take together.

    Attributes
    ----------
    used : frozenset of str
        The keys of the answers this cache kept or gave to the calling
        thread since it was made (:func:`plankg.keep_answers`, which asks
        queries in several threads, reports from it which answers a store
        keeps).
    """

    def __init__(self, folder: Path, generation: str, *, min_seconds: float = 0.1, max_bytes: int = 256 << 20):
        self.root = Path(folder) / FOLDER
        self.folder = self.root / generation
        self.min_seconds = min_seconds
        self.max_bytes = max_bytes
        self._lock = threading.Lock()  # queries run side by side in threads (sparql/sidebyside.py)
        self._here = threading.local()  # the keys each thread was given or had kept (used)

    def __repr__(self) -> str:
        return f"<AnswerCache {self.folder}>"

    @property
    def used(self) -> frozenset[str]:
        return frozenset(getattr(self._here, "keys", ()))

    def _use(self, key: str) -> None:
        if not hasattr(self._here, "keys"):
            self._here.keys = set()
        self._here.keys.add(key)

    def key(
        self,
        query: str,
        substitutions: Mapping[str, ox.NamedNode | ox.Literal],
        graphs: Sequence[str] | None,
    ) -> str:
        """Return the key of an answer: what the engine runs, on which graphs.

        Parameters
        ----------
        query : str
            The query text as the engine receives it.
        substitutions : mapping
            Variable name to the term bound to it before evaluation.
        graphs : sequence of str, or None
            The graphs whose union the query sees; None for all of the store's.
        """
        from .. import __version__

        identity = {
            "layout": _LAYOUT,
            "plankg": __version__,
            "pyoxigraph": ox.__version__,
            "query": query,
            "bindings": sorted((name, str(term)) for name, term in substitutions.items()),
            "graphs": sorted(graphs) if graphs is not None else None,
        }
        return hashlib.sha256(json.dumps(identity, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()

    def get(self, key: str, *, max_rows: int | None) -> QueryResult | None:
        """Return the answer kept under ``key``, or None if there is none (or it cannot be read).

        Raises
        ------
        QueryError
            If the answer has more than ``max_rows`` rows (as if it had just been computed).
        """
        path = self.folder / (key + _SUFFIX)
        try:
            data = gzip.decompress(path.read_bytes())
            answer = _decode(data)
        except (OSError, EOFError, zlib.error, ValueError, KeyError, IndexError, TypeError, struct.error):
            return None
        try:
            os.utime(path)  # used now: the last to be removed
        except OSError:
            pass
        self._use(key)
        variables, table, boolean = answer
        if boolean is not None:
            return QueryResult((), [], boolean, json.dumps({"head": {}, "boolean": boolean}).encode())
        if max_rows is not None and len(table) > max_rows:
            raise too_many_rows(max_rows)
        # The rows stay numbers into the distinct terms until a caller reads them (sparql/termtable.py).
        return QueryResult(variables, table, None, None)

    def put(
        self,
        key: str,
        variables: Sequence[str],
        rows: Iterable[Sequence] | TermTable,
        *,
        seconds: float,
        boolean: bool | None = None,
    ) -> bool:
        """Keep an answer that took ``seconds`` to compute; return whether it was kept.

        ``rows`` are sequences of terms (None when unbound), or the answer's
        :class:`~plankg.sparql.termtable.TermTable` (:attr:`QueryResult.table
        <plankg.sparql.results.QueryResult.table>`), written as it is. The
        answer is not kept if it was quick (under :attr:`min_seconds`), or the
        folder cannot be written.
        """
        if seconds < self.min_seconds:
            return False
        if boolean is not None:
            table = TermTable(variables, [None], array("I"))
        elif isinstance(rows, TermTable):
            table = rows
        else:
            table = TermTable.from_rows(variables, rows)
        try:
            data = gzip.compress(_encode(table, boolean), compresslevel=1)
        except _NotKept:
            return False
        with self._lock:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                write_bytes(self.folder / (key + _SUFFIX), data)
            except (OSError, OutputError):
                return False
            self._tidy()
            self._use(key)
        return True

    def _tidy(self) -> None:
        """Remove other generations' answers, then the least recently used beyond :attr:`max_bytes`."""
        for other in self.root.iterdir():
            if other != self.folder and other.is_dir() and not other.is_symlink():
                shutil.rmtree(other, ignore_errors=True)
        files = []
        for path in self.folder.glob("*" + _SUFFIX):
            try:
                info = path.stat()
            except OSError:
                continue
            files.append((info.st_mtime_ns, info.st_size, path))
        total = sum(size for _, size, _ in files)
        for _, size, path in sorted(files):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size


class _NotKept(Exception):
    """An answer with a term the layout cannot hold (a triple term): it is not kept."""


def _encode(table: TermTable, boolean: bool | None) -> bytes:
    """An answer as bytes: a header line, a JSON document of the terms, then the rows' term numbers.

    Each distinct term is written once: ``["i", iri]``, ``["b", label]``,
    ``["s", text]`` (an ``xsd:string``), ``["l", text, language]`` (with the
    base direction, if any, as a fourth item) or ``["d", text, datatype]``;
    term 0 stands for an unbound variable. The rows follow as unsigned 32-bit
    numbers (little-endian), one per variable: the table's own cells.

    Raises
    ------
    _NotKept
        If a term is none of those (a triple term).
    """
    terms = [None] + [_term_entry(term) for term in table.terms[1:]]
    cells = table.cells
    if sys.byteorder != "little":
        cells = array("I", cells)
        cells.byteswap()
    head = json.dumps(
        {"layout": _LAYOUT, "variables": list(table.variables), "rows": len(table), "boolean": boolean,
         "terms": terms},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    return _MAGIC + struct.pack("<Q", len(head)) + head + cells.tobytes()


def _term_entry(term) -> list:
    if isinstance(term, ox.NamedNode):
        return ["i", term.value]
    if isinstance(term, ox.BlankNode):
        return ["b", term.value]
    if not isinstance(term, ox.Literal):
        raise _NotKept(type(term).__name__)
    if term.language is not None:
        if term.direction is not None:
            return ["l", term.value, term.language, str(term.direction)]
        return ["l", term.value, term.language]
    if term.datatype.value == _XSD_STRING:
        return ["s", term.value]
    return ["d", term.value, term.datatype.value]


def _decode(data: bytes) -> tuple[tuple[str, ...], TermTable, bool | None]:
    """The variables, the rows (a :class:`TermTable`) and the boolean of :func:`_encode`'s bytes."""
    if not data.startswith(_MAGIC):
        raise ValueError("not an answer file")
    start = len(_MAGIC) + 8
    (length,) = struct.unpack_from("<Q", data, len(_MAGIC))
    head = json.loads(data[start:start + length].decode("utf-8"))
    if head["layout"] != _LAYOUT:
        raise ValueError(f"layout {head['layout']!r}")
    variables = tuple(head["variables"])
    terms = [None] + [_term(entry) for entry in head["terms"][1:]]
    cells = array("I")
    cells.frombytes(data[start + length:])
    if sys.byteorder != "little":
        cells.byteswap()
    table = TermTable(variables, terms, cells, head["rows"])  # ValueError if the cells do not fit
    return variables, table, head["boolean"]


def _term(entry: list):
    kind, value = entry[0], entry[1]
    if kind == "i":
        return ox.NamedNode(value)
    if kind == "b":
        return ox.BlankNode(value)
    if kind == "s":
        return ox.Literal(value)
    if kind == "l":
        if len(entry) > 3:
            return ox.Literal(value, language=entry[2], direction=_DIRECTIONS[entry[3]])
        return ox.Literal(value, language=entry[2])
    if kind == "d":
        return ox.Literal(value, datatype=ox.NamedNode(entry[2]))
    raise ValueError(f"unknown term kind {kind!r}")
