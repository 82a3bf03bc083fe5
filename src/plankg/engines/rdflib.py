"""The rdflib engine: rdflib's own SPARQL implementation, in memory.

Thread safety: rdflib's SPARQL parser is not safe to enter from two threads
at once (its pyparsing grammar keeps state while it parses; eight threads
querying at once used to fail, and break every later query of the process).
Every parse therefore goes through :func:`plankg.sparql.netguard.rdflib_prepare`,
which takes a lock and keeps the parsed query (by its text) for reuse. Evaluation needs no lock: it
only reads the dataset, which nothing changes after loading.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
from rdflib import Dataset, URIRef, Variable

from .convert import to_oxigraph, to_rdflib
from ..errors import QueryError
from ..sparql.netguard import rdflib_prepare
from ..sparql.results import QueryResult
from .bounded import DEFAULT_MAX_ROWS, collect, run_stoppable

__all__ = ["RdflibEngine"]


class RdflibEngine:
    """Answer queries with rdflib, over the union of the loaded named graphs.

    Parameters
    ----------
    quads : list of pyoxigraph.Quad
        The data, each quad in its layer's named graph.
    """

    name = "rdflib"

    def __init__(self, quads: list[ox.Quad]):
        self.dataset = Dataset(default_union=True)
        graphs = {}
        for quad in quads:
            name = quad.graph_name.value
            if name not in graphs:
                graphs[name] = self.dataset.graph(URIRef(name))
        self.dataset.addN(
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), graphs[q.graph_name.value])
            for q in quads
        )

    def run(
        self,
        query: str,
        bindings: Mapping[str, ox.NamedNode | ox.Literal],
        *,
        timeout: float | None = None,
        max_rows: int | None = DEFAULT_MAX_ROWS,
        allow_network: bool = False,
    ) -> QueryResult:
        """Answer a ``SELECT`` or ``ASK`` query (see :class:`~plankg.engines.Engine`).

        As on Oxigraph, the query runs in a thread of its own, stopped after
        ``timeout`` seconds or on Ctrl-C, with at most ``max_rows`` rows and
        no network unless ``allow_network``.
        """
        prepared = rdflib_prepare(query)
        init = {Variable(k): to_rdflib(v) for k, v in bindings.items()}

        def evaluate(stop) -> QueryResult:
            try:
                answer = self.dataset.query(prepared, initBindings=init)
                if answer.type == "ASK":
                    return QueryResult((), [], bool(answer.askAnswer), answer.serialize(format="json"))
                if answer.type != "SELECT":
                    raise QueryError("plankg runs SELECT and ASK queries; this is a CONSTRUCT or DESCRIBE")
                variables = [str(v) for v in answer.vars]
                rows = (tuple(None if t is None else to_oxigraph(t) for t in row) for row in answer)
                return collect(variables, rows, stop, max_rows)
            except QueryError:
                raise
            except Exception as err:  # rdflib raises assorted errors
                raise QueryError(f"the query failed on rdflib: {err}") from err

        return run_stoppable(evaluate, timeout=timeout, allow_network=allow_network, interrupt_python=True)
