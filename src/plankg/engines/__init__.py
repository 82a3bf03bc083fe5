"""The engines that answer SPARQL: embedded Oxigraph, rdflib, or an endpoint.

Every engine takes a query and its parameters as RDF terms, and returns a
:class:`~plankg.sparql.results.QueryResult`. The named queries give the same answer on
each (the test suite checks this on a real Oxigraph server too).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import pyoxigraph as ox

from ..sparql.results import QueryResult

__all__ = ["Engine", "ENGINES"]

#: The local engines ``plankg.load`` can use.
ENGINES = ("oxigraph", "rdflib")


class Engine(Protocol):
    """What plankg needs of a SPARQL engine."""

    #: A short name: ``"oxigraph"``, ``"rdflib"`` or ``"endpoint"``.
    name: str

    def run(self, query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> QueryResult:
        """Answer a ``SELECT`` or ``ASK`` query, with variables bound to terms.

        ``bindings`` maps variable names (without ``?``) to RDF terms. The
        embedded engines also take ``timeout``, ``max_rows`` and
        ``allow_network`` keywords (see :mod:`plankg.engines.bounded`); an
        endpoint has its own timeout, and its server decides about ``SERVICE``.
        """
        ...
