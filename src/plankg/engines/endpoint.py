"""A remote SPARQL 1.1 endpoint, queried under plankg's HTTP policy.

A query goes by HTTP POST (the protocol's form encoding) through
:func:`plankg.http.request`: only ``http``/``https``, one deadline for the
whole exchange, redirects followed within the endpoint's origin only, and
HTTP basic authentication from the URL's ``user:password@`` or, failing that,
from ``PLANKG_ENDPOINT_USER`` and ``PLANKG_ENDPOINT_PASSWORD``, never printed.
The remote server decides for itself whether to run a query's ``SERVICE``
clauses: plankg's network guard checks the query, not the server.

The plan's layers are chosen as the query's dataset with the protocol's
``default-graph-uri`` parameters, the way ``plankg push`` lays them out.

The SPARQL 1.1 protocol has no way to send parameter values apart from the
query, so here the bound terms travel in the query text, written by
:func:`plankg.engines.binding.bind_terms`: in place of the variable where the
query's parse tree allows, or as an inline ``VALUES`` block.

Answers pass through :func:`plankg.engines.dialects.standard_results`, which
gives booleans back in their standard form where a server (Virtuoso) answers
them as numbers.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from ..errors import EndpointError
from ..http import PASSWORD_ENV, USER_ENV, address, credentials, request  # noqa: F401 (re-exported)
from ..sparql.results import QueryResult
from .binding import bind_terms, inline_values  # noqa: F401 (re-exported)
from .dialects import standard_results

__all__ = ["EndpointEngine", "bind_terms", "inline_values", "credentials", "RESULTS_JSON"]

#: The media type of SPARQL JSON results.
RESULTS_JSON = "application/sparql-results+json"


class EndpointEngine:
    """Answer queries with a SPARQL 1.1 endpoint.

    Parameters
    ----------
    url : str
        The query endpoint (for Oxigraph, ``http://host:port/query``); it may
        hold ``user:password@``, which goes into the ``Authorization`` header.
    default_graphs : sequence of str
        Sent as ``default-graph-uri`` and ``named-graph-uri``, so that the
        query's dataset is the plan's layers, merged as the default graph and
        each also named; empty to use the endpoint's own dataset.
    timeout : float, default 30
        Seconds for the whole exchange: connecting, sending and reading.

    Raises
    ------
    EndpointError
        If ``url`` is not an ``http``/``https`` URL.
    """

    name = "endpoint"

    def __init__(self, url: str, default_graphs: Sequence[str] = (), *, timeout: float = 30):
        self.address = address(url)
        #: The endpoint URL, without credentials.
        self.url = self.address.url
        self.default_graphs = tuple(default_graphs)
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"<EndpointEngine {self.url}>"

    def run(self, query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> QueryResult:
        """Answer a ``SELECT`` or ``ASK`` query (see :class:`~plankg.engines.Engine`)."""
        text = bind_terms(query, bindings)
        form = [("query", text)]
        form += [("default-graph-uri", g) for g in self.default_graphs]
        form += [("named-graph-uri", g) for g in self.default_graphs]
        answer = request(
            self.address,
            method="POST",
            body=urllib.parse.urlencode(form).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": RESULTS_JSON},
            timeout=self.timeout,
        )
        if not answer.ok:
            raise EndpointError(f"{self.url} answered {answer.summary()}")
        try:
            return QueryResult.from_json(standard_results(answer.body, text))
        except SyntaxError as err:
            raise EndpointError(f"{self.url} did not answer with SPARQL JSON results: {err}") from err
