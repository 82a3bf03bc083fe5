"""The rdflib engine: rdflib's own SPARQL implementation, in memory."""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
from rdflib import Dataset, URIRef, Variable

from ..convert import to_rdflib
from ..errors import QueryError
from ..results import QueryResult

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

    def run(self, query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> QueryResult:
        """Answer a ``SELECT`` or ``ASK`` query (see :class:`~plankg.engines.Engine`)."""
        init = {Variable(k): to_rdflib(v) for k, v in bindings.items()}
        try:
            answer = self.dataset.query(query, initBindings=init)
            if answer.type not in ("SELECT", "ASK"):
                raise QueryError("plankg runs SELECT and ASK queries; this is a CONSTRUCT or DESCRIBE")
            data = answer.serialize(format="json")
        except QueryError:
            raise
        except Exception as err:  # rdflib raises pyparsing and assorted errors
            raise QueryError(f"the query failed on rdflib: {err}") from err
        return QueryResult.from_json(data)
