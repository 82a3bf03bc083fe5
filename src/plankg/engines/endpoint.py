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
query, so here, and only here, the bound terms travel in the query text: in
place of the variable (:func:`bind_terms`), or as an inline ``VALUES`` block
that opens the query's outer group (:func:`inline_values`). Each term is written out by
pyoxigraph's N-Triples serializer, which escapes every quote, backslash and
control character; user text never enters the query unescaped.

Answers pass through :func:`plankg.engines.dialects.standard_results`, which
gives booleans back in their standard form where a server (Virtuoso) answers
them as numbers.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from ..errors import EndpointError
from ..http import PASSWORD_ENV, USER_ENV, address, credentials, request  # noqa: F401 (re-exported)
from ..sparql.results import QueryResult
from ..sparql.text import skeleton, where_brace
from .dialects import standard_results

__all__ = ["EndpointEngine", "bind_terms", "inline_values", "credentials", "RESULTS_JSON"]

#: The media type of SPARQL JSON results.
RESULTS_JSON = "application/sparql-results+json"


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


_AS_BEFORE = re.compile(r"(?i)\b(?:AS|BOUND)\s*\(?\s*$")


def bind_terms(query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """Return ``query`` with each bound variable written as its term, or as :func:`inline_values` does.

    A variable of ``bindings`` is replaced by its term wherever it occurs in
    the outer ``WHERE`` group, and projected as ``(term AS ?name)``, so that
    the answer reads as if the variable were bound from the start. Some
    servers evaluate a ``VALUES`` block wrongly beside ``FILTER EXISTS``
    (Virtuoso 7.2 returns one row instead of fifteen); a constant they
    answer right. Where a variable occurs where a term may not stand
    (``BOUND(?x)``, ``AS ?x``, after the group, or ``SELECT *``), the
    bindings go as a ``VALUES`` block instead.

    Examples
    --------
    >>> bind_terms('SELECT ?s $_p WHERE { ?s ?o ?_p FILTER(?s != ?_pp) }', {"_p": ox.Literal("花桥")})
    'SELECT ?s ("花桥" AS ?_p) WHERE { ?s ?o "花桥" FILTER(?s != ?_pp) }'
    >>> bind_terms('SELECT * WHERE { ?s ?p ?_o }', {"_o": ox.Literal("x")})
    'SELECT * WHERE { VALUES (?_o) { ("x") } ?s ?p ?_o }'
    """
    if not bindings:
        return query
    text = skeleton(query)
    brace = where_brace(query)
    close = _closing(text, brace)
    head = text[:brace]
    if close is None or re.search(r"(?i)\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*", head):
        return inline_values(query, bindings)
    edits = []
    for name, term in bindings.items():
        for found in re.finditer(rf"[?$]{re.escape(name)}(?![A-Za-z0-9_\u00B7-\uFFFF])", text):
            start, end = found.span()
            if start > close or _AS_BEFORE.search(text[:start]):
                return inline_values(query, bindings)
            if start < brace:
                depth = head[:start].count("(") - head[:start].count(")")
                edits.append((start, end, f"({term} AS ?{name})" if depth == 0 else str(term)))
            else:
                edits.append((start, end, str(term)))
    for start, end, replacement in sorted(edits, reverse=True):
        query = query[:start] + replacement + query[end:]
    return query


def _closing(text: str, brace: int) -> int | None:
    depth = 0
    for index in range(brace, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return None


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
