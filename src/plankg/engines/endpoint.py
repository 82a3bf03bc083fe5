"""A remote SPARQL 1.1 endpoint, through SPARQLWrapper.

A query goes by HTTP POST with a timeout, and, when the environment holds
``PLANKG_ENDPOINT_USER`` and ``PLANKG_ENDPOINT_PASSWORD``, HTTP basic
authentication. The plan's layers are chosen as the query's dataset with the
protocol's ``default-graph-uri`` parameters, the way ``plankg push`` lays them
out.

The SPARQL 1.1 protocol has no way to send parameter values apart from the
query, so here, and only here, the bound terms travel as an inline ``VALUES``
block that opens the query's outer group. Each term is written out by
pyoxigraph's N-Triples serializer, which escapes every quote, backslash and
control character; user text never enters the query unescaped.
"""

from __future__ import annotations

import os
import socket
import urllib.error
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from ..errors import EndpointError, QueryError
from ..results import QueryResult
from ..sparqltext import where_brace

__all__ = ["EndpointEngine", "inline_values", "credentials"]

USER_ENV = "PLANKG_ENDPOINT_USER"
PASSWORD_ENV = "PLANKG_ENDPOINT_PASSWORD"


def credentials() -> tuple[str, str] | None:
    """Return the basic-auth user and password from the environment, if set."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    return (user, password) if user and password is not None else None


def inline_values(query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """Return ``query`` with ``bindings`` as a ``VALUES`` block opening its group.

    Examples
    --------
    >>> q = 'SELECT ?s ?_place WHERE { ?s ?p ?_place }'
    >>> inline_values(q, {"_place": ox.Literal('" } DROP ALL #')})
    'SELECT ?s ?_place WHERE { VALUES (?_place) { ("\\\\" } DROP ALL #") } ?s ?p ?_place }'
    """
    if not bindings:
        return query
    brace = where_brace(query)
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"{query[:brace + 1]} VALUES ({names}) {{ ({terms}) }}{query[brace + 1:]}"


class EndpointEngine:
    """Answer queries with a SPARQL 1.1 endpoint.

    Parameters
    ----------
    url : str
        The query endpoint (for Oxigraph, ``http://host:port/query``).
    default_graphs : sequence of str
        Sent as ``default-graph-uri`` and ``named-graph-uri``, so that the
        query's dataset is the plan's layers, merged as the default graph and
        each also named; empty to use the endpoint's own dataset.
    timeout : float, default 30
        Seconds to wait for an answer.
    """

    name = "endpoint"

    def __init__(self, url: str, default_graphs: Sequence[str] = (), *, timeout: float = 30):
        self.url = url
        self.default_graphs = tuple(default_graphs)
        self.timeout = timeout

    def run(self, query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> QueryResult:
        """Answer a ``SELECT`` or ``ASK`` query (see :class:`~plankg.engines.Engine`)."""
        from SPARQLWrapper import JSON, POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.url)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(max(1, round(self.timeout)))
        for graph in self.default_graphs:
            wrapper.addDefaultGraph(graph)
            wrapper.addNamedGraph(graph)
        auth = credentials()
        if auth:
            wrapper.setCredentials(*auth)
        try:
            wrapper.setQuery(inline_values(query, bindings))
        except ValueError as err:
            raise QueryError(str(err)) from err
        wrapper.queryType = "SELECT"  # also right for ASK; SPARQLWrapper guesses from comment words ("add") and may send an update
        data = self._send(wrapper)
        try:
            return QueryResult.from_json(data)
        except SyntaxError as err:
            raise EndpointError(f"{self.url} did not answer with SPARQL JSON results: {err}") from err

    def _send(self, wrapper) -> bytes:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            response = wrapper.query().response
            return response.read()
        except SPARQLWrapperException as err:
            detail = str(err).splitlines()[0]
            raise EndpointError(f"{self.url} answered with an error: {detail}") from err
        except urllib.error.HTTPError as err:
            raise EndpointError(f"{self.url} answered HTTP {err.code} {err.reason}") from err
        except urllib.error.URLError as err:
            reason = err.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise EndpointError(f"{self.url} did not answer within {self.timeout:g} s") from err
            raise EndpointError(f"cannot reach {self.url}: {reason}") from err
        except (socket.timeout, TimeoutError) as err:
            raise EndpointError(f"{self.url} did not answer within {self.timeout:g} s") from err
        except (ConnectionError, OSError) as err:
            raise EndpointError(f"cannot reach {self.url}: {err}") from err
        except ValueError as err:
            raise EndpointError(f"{self.url} is not a usable endpoint URL: {err}") from err
