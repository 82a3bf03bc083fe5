"""Publish a plan to a SPARQL server, one named graph per layer, safely.

``push`` uploads each layer with the SPARQL 1.1 Graph Store HTTP Protocol to a
fresh *staging* graph, checks that the server holds exactly the triples sent,
and only then moves the staging graph over the layer's graph with one SPARQL
1.1 Update ``MOVE``, which the server applies atomically. A failure at any
step (a rejected payload, a server that stops midway, a count that does not
match) leaves the layer's old graph whole, and raises
:class:`~plankg.errors.PushError`.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass

import pyoxigraph as ox

from .datafiles import Layer
from .engines.endpoint import EndpointEngine, credentials
from .errors import EndpointError, PushError

__all__ = ["PushedGraph", "push", "service_urls"]


@dataclass(frozen=True)
class PushedGraph:
    """One layer published: its graph and the triples the server holds."""

    layer: str
    graph: str
    triples: int


def service_urls(endpoint: str, store: str | None = None, update: str | None = None) -> tuple[str, str]:
    """Return the Graph Store and Update URLs that go with a query endpoint.

    Oxigraph serves ``/query``, ``/update`` and ``/store``; other servers
    name them otherwise, and take ``store`` and ``update`` explicitly.

    Examples
    --------
    >>> service_urls("http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/store', 'http://127.0.0.1:7878/update')
    """
    if store and update:
        return store, update
    base, _, last = endpoint.rstrip("/").rpartition("/")
    if last not in ("query", "sparql"):
        raise PushError(
            f"cannot tell the Graph Store and Update URLs from {endpoint}; "
            "give them with --store-url and --update-url"
        )
    return store or f"{base}/store", update or f"{base}/update"


def _request(url: str, *, method: str, data: bytes | None, content_type: str | None, timeout: float) -> int:
    request = urllib.request.Request(url, data=data, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    auth = credentials()
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as err:
        body = err.read(500).decode("utf-8", errors="replace").strip().splitlines()
        detail = f": {body[0]}" if body else ""
        raise PushError(f"{method} {url} answered HTTP {err.code} {err.reason}{detail}") from err
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise PushError(f"{method} {url} failed: {reason}") from err


def _count(engine: EndpointEngine, graph: ox.NamedNode) -> int:
    result = engine.run(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}", {})
    return int(result[0].value("n"))


def _serialize(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _upload(store_url: str, graph: ox.NamedNode, payload: bytes, timeout: float) -> None:
    url = f"{store_url}?{urllib.parse.urlencode({'graph': graph.value})}"
    _request(url, method="PUT", data=payload, content_type="application/n-triples", timeout=timeout)


def _move(update_url: str, source: ox.NamedNode, target: ox.NamedNode, timeout: float) -> None:
    body = urllib.parse.urlencode({"update": f"MOVE SILENT GRAPH {source} TO GRAPH {target}"})
    _request(update_url, method="POST", data=body.encode(), content_type="application/x-www-form-urlencoded", timeout=timeout)


def _drop(update_url: str, graph: ox.NamedNode, timeout: float) -> None:
    body = urllib.parse.urlencode({"update": f"DROP SILENT GRAPH {graph}"})
    try:
        _request(update_url, method="POST", data=body.encode(), content_type="application/x-www-form-urlencoded", timeout=timeout)
    except PushError:
        pass  # best effort: the staging graph is named uniquely and harmless


def push(
    kg,
    endpoint: str,
    *,
    store_url: str | None = None,
    update_url: str | None = None,
    timeout: float = 60,
) -> list[PushedGraph]:
    """Publish ``kg``'s layers to a SPARQL server, replacing each layer's graph.

    Parameters
    ----------
    kg : PlanGraph
        Plans loaded from files; each layer of each plan goes to its own named
        graph, ``kg.graph_of(datafile)`` (by default ``{uriSpace}graph/source`` …).
    endpoint : str
        The server's SPARQL query endpoint (used to verify counts).
    store_url, update_url : str, optional
        The Graph Store Protocol and SPARQL Update URLs, when they cannot be
        derived from ``endpoint`` (see :func:`service_urls`).
    timeout : float, default 60
        Seconds to wait for each request.

    Returns
    -------
    list of PushedGraph
        One per layer, with the triple count verified on the server.

    Raises
    ------
    PushError
        If an upload, the check or the move fails; the layer's old graph is intact.
    """
    if not kg.files:
        raise PushError("push needs a plan loaded from files, not from an endpoint")
    store_url, update_url = service_urls(endpoint, store_url, update_url)
    engine = EndpointEngine(endpoint, timeout=timeout)
    pushed = []
    by_graph: dict[tuple[Layer, str], set] = {}
    for datafile, triples in kg.triples.items():
        if datafile.layer in kg.layers:
            by_graph.setdefault((datafile.layer, kg.graph_of(datafile)), set()).update(triples)
    for (layer, graph), layer_triples in sorted(by_graph.items(), key=lambda item: kg.layers.index(item[0][0])):
        triples = sorted(layer_triples, key=str)
        target = ox.NamedNode(graph)
        staging = ox.NamedNode(f"{target.value}-staging-{uuid.uuid4().hex}")
        try:
            _upload(store_url, staging, _serialize(triples), timeout)
            held = _count(engine, staging)
            if held != len(triples):
                raise PushError(f"{staging.value} holds {held} triples, {len(triples)} were sent")
            _move(update_url, staging, target, timeout)
        except (PushError, EndpointError) as err:
            _drop(update_url, staging, timeout)
            raise PushError(
                f"pushing the {layer.value} layer failed, its graph <{target.value}> is unchanged: {err}"
            ) from err
        try:
            held = _count(engine, target)
        except EndpointError as err:
            raise PushError(f"<{target.value}> was replaced but could not be counted again: {err}") from err
        if held != len(triples):
            _drop(update_url, staging, timeout)
            raise PushError(f"<{target.value}> holds {held} triples after the move, {len(triples)} were sent")
        pushed.append(PushedGraph(layer.value, target.value, held))
    return pushed
