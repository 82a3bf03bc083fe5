"""The default engine: embedded Oxigraph (pyoxigraph), in memory or on disk."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..datafiles import DataFile
from ..errors import QueryError
from ..results import QueryResult

__all__ = ["OxigraphEngine", "fingerprint"]

_MANIFEST = ox.NamedNode("urn:plankg:store")
_FINGERPRINT = ox.NamedNode("urn:plankg:fingerprint")


def fingerprint(files: Sequence[DataFile], graph_of: Callable) -> str:
    """Return a digest of the files' paths, sizes, times and graphs."""
    digest = hashlib.sha256()
    for f in files:
        stat = f.path.stat()
        digest.update(f"{f.path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{graph_of(f.layer)}\n".encode())
    return digest.hexdigest()


class OxigraphEngine:
    """Answer queries with an embedded Oxigraph store.

    Parameters
    ----------
    quads : callable
        Returns the quads to load (called only when the store needs them).
    default_graphs : sequence of str
        The named graphs whose union is the query's default graph; they are
        also the only named graphs ``GRAPH`` sees.
    store : path-like, optional
        A folder for a persistent store: loaded once, reused while the data
        files are unchanged (``fingerprint``). In memory by default.
    fingerprint : str, optional
        The data's fingerprint, required with ``store``.
    """

    name = "oxigraph"

    def __init__(
        self,
        quads: Callable[[], list[ox.Quad]],
        default_graphs: Sequence[str],
        *,
        store: str | Path | None = None,
        fingerprint: str | None = None,
    ):
        self._default = [ox.NamedNode(g) for g in default_graphs]
        if store is None:
            self.store = ox.Store()
            self.store.extend(quads())
            return
        Path(store).mkdir(parents=True, exist_ok=True)
        try:
            self.store = ox.Store(str(store))
        except OSError as err:
            raise QueryError(f"cannot open the store folder {store}: {err}") from err
        stamp = ox.Literal(fingerprint or "")
        if ox.Quad(_MANIFEST, _FINGERPRINT, stamp, _MANIFEST) not in self.store:
            self.store.clear()
            self.store.extend(quads())
            self.store.add(ox.Quad(_MANIFEST, _FINGERPRINT, stamp, _MANIFEST))
            self.store.flush()

    def run(self, query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> QueryResult:
        """Answer a ``SELECT`` or ``ASK`` query (see :class:`~plankg.engines.Engine`)."""
        substitutions = {ox.Variable(k): v for k, v in bindings.items()}
        try:
            answer = self.store.query(
                query,
                default_graph=self._default,
                named_graphs=self._default,
                substitutions=substitutions or None,
            )
        except SyntaxError as err:
            raise QueryError(f"the query does not parse: {err}") from err
        except (RuntimeError, ValueError, OSError) as err:
            raise QueryError(f"the query failed: {err}") from err
        if isinstance(answer, ox.QueryTriples):
            raise QueryError("plankg runs SELECT and ASK queries; this is a CONSTRUCT or DESCRIBE")
        return QueryResult.from_json(answer.serialize(format=ox.QueryResultsFormat.JSON))
