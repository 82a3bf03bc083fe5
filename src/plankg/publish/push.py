"""Publish plans to a SPARQL server, one named graph per layer of each plan, safely.

``push`` replaces the graph of each layer of each plan loaded
(``kg.graph_of(datafile)``: ``{uriSpace}graph/source`` … by default) in these steps, over the SPARQL 1.1 Graph Store
HTTP Protocol and SPARQL 1.1 Update, under plankg's HTTP policy
(:mod:`plankg.http`):

1. **Ownership.** Each target graph is read back. If it holds a
   ``plan:Plan`` or ``void:Dataset`` that is not among the plans being pushed,
   or an entity inside another plan's IRI space (its ``void:uriSpace``, or the
   namespace of its ``…/plan`` IRI), ``push`` refuses with
   :class:`~plankg.errors.PushError` before writing anything.
2. **Lock.** A push takes the server-wide lock graph (:data:`LOCK_GRAPH`): it
   adds its run id, reads the lock back, and goes on only if its id is the only
   one there (two runs that add theirs at once both see the other and back
   off, then retry with a random pause until ``timeout``). So two pushes to
   one server never interleave; the ownership check is repeated under the lock.
3. **Staging.** Each layer is uploaded to a staging graph of its own,
   ``urn:plankg:push:staging:<run>:<layer>:<n>`` (:data:`STAGING_PREFIX`), read
   back, and compared with what was sent by the SHA-256 digest of its
   canonical N-Triples (:func:`digest`): a server or proxy that drops or
   alters a single literal is caught.
4. **Replace.** The targets are checked to hold still what this run read in
   step 2, then every layer is replaced in one SPARQL Update request whose
   operations apply only while this run holds the lock. Oxigraph and Jena
   apply such a request whole or not at all; Virtuoso applies its operations
   one by one and keeps those done when a later one fails, so if the request
   fails, every target that changed is put back as this run read it in step 2
   (and checked by digest). Each target is then read back and its digest
   checked.

A failure before step 4 leaves every target as it was and removes this run's
staging graphs; a failure in step 4 puts the targets back, or says which it
could not, keeping the staging graphs. A run killed midway leaves its staging graphs and its lock:
:func:`clean_staging` (``plankg push --clean-staging``) removes them.
"""

from __future__ import annotations

import hashlib
import random
import time
import urllib.parse
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timezone

import pyoxigraph as ox

from ..datafiles import Layer
from ..engines.endpoint import EndpointEngine
from ..errors import EndpointError, PushError
from ..http import Address, address, request
from .ownership import foreign, identity, owner, server_identities

__all__ = [
    "PushedGraph",
    "push",
    "clean_staging",
    "service_urls",
    "canonical_ntriples",
    "digest",
    "STAGING_PREFIX",
    "LOCK_GRAPH",
]

#: Every staging graph's IRI starts with this (then the run id and the layer).
STAGING_PREFIX = "urn:plankg:push:staging:"
#: The graph that holds the id of the push running on a server.
LOCK_GRAPH = "urn:plankg:push:lock"
_HELD_BY = ox.NamedNode("urn:plankg:push:heldBy")
_NTRIPLES = "application/n-triples"
_FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class PushedGraph:
    """One layer published: its graph, the triples the server holds, and their digest."""

    layer: str
    graph: str
    triples: int
    #: SHA-256 of the graph's canonical N-Triples, as read back from the server.
    sha256: str = ""


def service_urls(endpoint: str, store: str | None = None, update: str | None = None) -> tuple[str, str]:
    """Return the Graph Store and Update URLs that go with a query endpoint.

    Each server lays its services out its own way; from the query endpoint's
    path:

    ============================  ==============================  =====================
    query endpoint                Graph Store Protocol            SPARQL Update
    ============================  ==============================  =====================
    ``…/query`` (Oxigraph)        ``…/store``                     ``…/update``
    ``/sparql``, ``/sparql-auth``  ``/sparql-graph-crud-auth``    ``/sparql-auth``
    (Virtuoso, at the root)
    ``/{dataset}/sparql`` (Jena   ``/{dataset}/data``             ``/{dataset}/update``
    Fuseki)
    ``/repositories/{id}``        ``…/rdf-graphs/service``        ``…/statements``
    (GraphDB, RDF4J)
    ============================  ==============================  =====================

    Other servers take ``store`` and ``update`` explicitly. Credentials in
    ``endpoint`` (``user:password@``) carry over; Virtuoso's ``-auth``
    services ask for them by HTTP Digest, which :mod:`plankg.http` answers.

    Examples
    --------
    >>> service_urls("http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/store', 'http://127.0.0.1:7878/update')
    >>> service_urls("http://127.0.0.1:8890/sparql")
    ('http://127.0.0.1:8890/sparql-graph-crud-auth', 'http://127.0.0.1:8890/sparql-auth')
    >>> service_urls("http://127.0.0.1:3030/plans/sparql")
    ('http://127.0.0.1:3030/plans/data', 'http://127.0.0.1:3030/plans/update')
    >>> service_urls("http://127.0.0.1:7200/repositories/plans")[1]
    'http://127.0.0.1:7200/repositories/plans/statements'
    """
    if store and update:
        return store, update
    stripped = endpoint.rstrip("/")
    path = urllib.parse.urlsplit(address(endpoint).url).path.rstrip("/")
    base, _, last = stripped.rpartition("/")
    segments = path.split("/")
    if path in ("/sparql", "/sparql-auth"):
        derived = (f"{base}/sparql-graph-crud-auth", f"{base}/sparql-auth")
    elif len(segments) == 3 and segments[1] == "repositories":
        derived = (f"{stripped}/rdf-graphs/service", f"{stripped}/statements")
    elif last == "sparql":
        derived = (f"{base}/data", f"{base}/update")
    elif last == "query":
        derived = (f"{base}/store", f"{base}/update")
    else:
        shown = address(endpoint).url
        raise PushError(
            f"cannot tell the Graph Store and Update URLs from {shown}; "
            "give them with --store-url and --update-url"
        )
    return store or derived[0], update or derived[1]


def canonical_ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """Return ``triples`` as canonical N-Triples: sorted, blank nodes relabelled (RDFC-1.0).

    Examples
    --------
    >>> s, p = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p")
    >>> canonical_ntriples([ox.Triple(s, p, ox.Literal("乙")), ox.Triple(s, p, ox.Literal("甲"))]).decode()
    '<http://e/s> <http://e/p> "乙" .\\n<http://e/s> <http://e/p> "甲" .\\n'
    """
    triples = set(triples)
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        triples = {q.triple for q in dataset}
    return "".join(sorted(f"{t} .\n" for t in triples)).encode("utf-8")


def digest(triples: Iterable[ox.Triple]) -> str:
    """Return the SHA-256 (hex) of :func:`canonical_ntriples`."""
    return hashlib.sha256(canonical_ntriples(triples)).hexdigest()


class _Server:
    """The three services of one SPARQL server, under one timeout.

    Every failure to reach a service, and every error it answers, is an
    :class:`~plankg.errors.EndpointError`; :func:`push` says what it means.
    """

    def __init__(self, endpoint: str, store_url: str, update_url: str, timeout: float):
        self.query = EndpointEngine(endpoint, timeout=timeout)
        self.store = _same_credentials(address(store_url), self.query.address)
        self.update_address = _same_credentials(address(update_url), self.query.address)
        self.timeout = timeout

    def _graph_address(self, graph: str) -> Address:
        separator = "&" if "?" in self.store.target else "?"
        query = urllib.parse.urlencode({"graph": graph})
        return replace(self.store, url=f"{self.store.url}{separator}{query}", target=f"{self.store.target}{separator}{query}")

    def read(self, graph: str) -> list[ox.Triple]:
        """Return the triples of ``graph`` (none if the server has no such graph)."""
        answer = request(self._graph_address(graph), headers={"Accept": _NTRIPLES}, timeout=self.timeout)
        if answer.status == 404:
            return []
        if not answer.ok:
            raise EndpointError(f"GET {answer.url} answered {answer.summary()}")
        media = answer.headers.get_content_type()
        fmt = ox.RdfFormat.from_media_type(media) if media != "text/plain" else ox.RdfFormat.N_TRIPLES
        if fmt is None:
            raise EndpointError(f"GET {answer.url} answered {media}, not RDF")
        try:
            return [q.triple for q in ox.parse(answer.body, format=fmt)]
        except SyntaxError as err:
            raise EndpointError(f"GET {answer.url} answered {media} that does not parse: {err}") from err

    def put(self, graph: str, payload: bytes) -> None:
        """Replace ``graph`` with the N-Triples ``payload``."""
        answer = request(
            self._graph_address(graph),
            method="PUT",
            body=payload,
            headers={"Content-Type": _NTRIPLES},
            timeout=self.timeout,
        )
        if not answer.ok:
            raise EndpointError(f"PUT {answer.url} answered {answer.summary()}")

    def update(self, text: str) -> None:
        """Run a SPARQL Update request."""
        answer = request(
            self.update_address,
            method="POST",
            body=urllib.parse.urlencode({"update": text}).encode("utf-8"),
            headers={"Content-Type": _FORM},
            timeout=self.timeout,
        )
        if not answer.ok:
            raise EndpointError(f"POST {answer.url} answered {answer.summary()}")

    def select(self, text: str):
        return self.query.run(text, {})


def _same_credentials(service: Address, endpoint: Address) -> Address:
    """``service``, with the endpoint's credentials if it has none and shares the endpoint's origin."""
    if service.authorization or service.origin != endpoint.origin:
        return service
    return replace(service, authorization=endpoint.authorization, secret=endpoint.secret)


def _connect(endpoint: str, store_url: str | None, update_url: str | None, timeout: float) -> _Server:
    try:
        return _Server(endpoint, *service_urls(endpoint, store_url, update_url), timeout)
    except EndpointError as err:
        raise PushError(str(err)) from err


def _serialize(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _run_id() -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{uuid.uuid4().hex[:12]}"


def _held(run: str) -> str:
    return f"{ox.NamedNode(LOCK_GRAPH)} {_HELD_BY} {ox.Literal(run)} ."


def _holders(server: _Server) -> list[str]:
    lock = ox.NamedNode(LOCK_GRAPH)
    rows = server.select(f"SELECT ?run WHERE {{ GRAPH {lock} {{ {lock} {_HELD_BY} ?run }} }}")
    return sorted(row.value("run") for row in rows)


def _lock(server: _Server, run: str, deadline: float) -> None:
    """Take the server's push lock for ``run``, waiting for another push until ``deadline``.

    A run adds its id, then reads the lock: it holds the lock only if its id is
    the only one. Of two runs that add theirs at once, the later reader sees
    both; at worst both back off and try again after a random pause.
    """
    graph = ox.NamedNode(LOCK_GRAPH)
    while True:
        server.update(f"INSERT DATA {{ GRAPH {graph} {{ {_held(run)} }} }}")
        holders = _holders(server)
        if holders == [run]:
            return
        server.update(f"DELETE DATA {{ GRAPH {graph} {{ {_held(run)} }} }}")
        if time.monotonic() + 1 > deadline:
            others = ", ".join(r for r in holders if r != run) or "unknown"
            raise PushError(
                f"another plankg push (run {others}) holds the server's lock; wait for it to finish, "
                "or, if it was killed, run plankg push --clean-staging"
            )
        time.sleep(0.2 + random.random() * 0.8)


def _unlock(server: _Server, run: str) -> None:
    graph = ox.NamedNode(LOCK_GRAPH)
    try:
        server.update(f"DELETE DATA {{ GRAPH {graph} {{ {_held(run)} }} }}")
        if not _holders(server):
            server.update(f"DROP SILENT GRAPH {graph}")  # a run adding its id meanwhile just tries again
    except (PushError, EndpointError):
        pass  # a lock left behind is reported by the next push and removed by --clean-staging


def _check_ownership(server, targets, current, ours, local) -> None:
    server_ids = server_identities(server.query)
    if not ours[0]:
        # No plan described in what is pushed (a curated folder alone): the
        # plans it belongs to are those whose IRI spaces hold its subjects.
        known = sorted(server_ids[1], key=len, reverse=True)
        subjects = {t.subject.value for triples in local.values() for t in triples if isinstance(t.subject, ox.NamedNode)}
        ours = (set(), ours[1] | {owner(s, known) for s in subjects} - {None})
    for target, layer in targets.items():
        problem = foreign(current[target], ours, server_ids)
        if problem:
            raise PushError(
                f"refusing to replace <{target}> ({layer.value} layer): {problem}; nothing was changed. "
                "Push this plan to its own graphs (--graph), or remove that data from the server first"
            )


def _move(server: _Server, pairs: list[tuple[str, str]], run: str) -> None:
    """Move each staging graph over its target in one update, only while ``run`` holds the lock.

    Two operations whatever the number of graphs (the pairs as a ``VALUES``
    block), then the staging graphs are dropped: Virtuoso takes 0.2 s per
    operation, so one pair of operations per layer would take a minute for
    a corpus of 50 plans.
    """
    held = f"GRAPH {ox.NamedNode(LOCK_GRAPH)} {{ {_held(run)} }}"
    rows = " ".join(f"({ox.NamedNode(staging)} {ox.NamedNode(target)})" for staging, target in pairs)
    operations = [
        f"DELETE {{ GRAPH ?target {{ ?s ?p ?o }} }} WHERE {{ {held} VALUES (?staging ?target) {{ {rows} }} "
        "GRAPH ?target { ?s ?p ?o } }",
        f"INSERT {{ GRAPH ?target {{ ?s ?p ?o }} }} WHERE {{ {held} VALUES (?staging ?target) {{ {rows} }} "
        "GRAPH ?staging { ?s ?p ?o } }",
    ]
    operations += [f"DROP SILENT GRAPH {ox.NamedNode(staging)}" for staging, _ in pairs]
    server.update(" ;\n".join(operations))


def _restore(server: _Server, before: dict[str, list[ox.Triple]], seen: dict[str, str]) -> list[str]:
    """Put back what each target held before a replacement that failed; return those that differ still.

    A server that applies an update request whole (Oxigraph, Jena) needs
    none of this; Virtuoso applies the operations of one request one by one
    and keeps those done when a later one fails or the client gives up.
    """
    left = []
    for target, triples in before.items():
        try:
            if digest(server.read(target)) == seen[target]:
                continue
            if triples:
                server.put(target, _serialize(triples))
            else:
                server.update(f"DROP SILENT GRAPH {ox.NamedNode(target)}")
            if digest(server.read(target)) == seen[target]:
                continue
        except (PushError, EndpointError):
            pass
        left.append(target)
    return left


def _drop(server: _Server, graphs: Iterable[str]) -> None:
    try:
        server.update(" ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in graphs))
    except (PushError, EndpointError):
        pass  # best effort: staging graphs are recognisable, --clean-staging removes them


def push(
    kg,
    endpoint: str,
    *,
    store_url: str | None = None,
    update_url: str | None = None,
    timeout: float = 60,
) -> list[PushedGraph]:
    """Publish ``kg``'s layers to a SPARQL server, replacing each layer's graph.

    See the module's description for the steps and what each guarantees.

    Parameters
    ----------
    kg : PlanGraph
        Plans loaded from files; each layer of each plan goes to its own named
        graph, ``kg.graph_of(datafile)`` (by default ``{uriSpace}graph/source`` …).
    endpoint : str
        The server's SPARQL query endpoint (``http``/``https``; credentials as
        ``user:password@`` or in ``PLANKG_ENDPOINT_USER``/``_PASSWORD``).
    store_url, update_url : str, optional
        The Graph Store Protocol and SPARQL Update URLs, when they cannot be
        derived from ``endpoint`` (see :func:`service_urls`).
    timeout : float, default 60
        Seconds for each request, and for waiting for another push's lock.

    Returns
    -------
    list of PushedGraph
        One per layer, verified on the server by digest.

    Raises
    ------
    PushError
        If a target graph holds another plan's data (nothing is changed),
        another push holds the lock past ``timeout``, or an upload, a check
        or the replacement fails (every target is left as it was, unless the
        message says otherwise).
    """
    if not kg.files:
        raise PushError("push needs a plan loaded from files, not from an endpoint")
    server = _connect(endpoint, store_url, update_url, timeout)
    # Each layer of each plan goes to its own graph: target graph -> layer, triples.
    targets: dict[str, Layer] = {}
    gathered: dict[str, set] = {}
    for datafile, triples in kg.triples.items():
        if datafile.layer in kg.layers:
            target = kg.graph_of(datafile)
            targets[target] = datafile.layer
            gathered.setdefault(target, set()).update(triples)
    targets = dict(sorted(targets.items(), key=lambda item: (kg.layers.index(item[1]), item[0])))
    local = {target: sorted(gathered[target], key=str) for target in targets}
    ours = identity(t for triples in local.values() for t in triples)

    # 1. Ownership, before writing anything.
    current: dict[str, list[ox.Triple]] = {}
    for target, layer in targets.items():
        try:
            current[target] = server.read(target)
        except (PushError, EndpointError) as err:
            raise PushError(
                f"pushing the {layer.value} layer failed, its graph <{target}> is unchanged: {err}"
            ) from err
    try:
        _check_ownership(server, targets, current, ours, local)
    except EndpointError as err:
        raise PushError(f"cannot check who owns the target graphs, nothing was changed: {err}") from err

    # 2. The lock, and what the targets hold under it.
    run = _run_id()
    try:
        _lock(server, run, time.monotonic() + timeout)
    except EndpointError as err:
        _unlock(server, run)
        raise PushError(f"cannot take the server's push lock, the plan's graphs are unchanged: {err}") from err
    try:
        return _push_locked(server, run, targets, local, ours)
    finally:
        _unlock(server, run)


def _push_locked(server: _Server, run: str, targets: dict, local: dict, ours) -> list[PushedGraph]:
    """Steps 2 to 4 of :func:`push`, while ``run`` holds the server's lock."""
    local_digest = {target: digest(triples) for target, triples in local.items()}
    staging = {target: f"{STAGING_PREFIX}{run}:{layer.value}:{n}" for n, (target, layer) in enumerate(targets.items())}
    current, seen = {}, {}
    try:
        for target in targets:
            current[target] = server.read(target)
            seen[target] = digest(current[target])
        _check_ownership(server, targets, current, ours, local)
    except EndpointError as err:
        raise PushError(f"cannot read the target graphs, nothing was changed: {err}") from err
    # 3. Staging, verified by content.
    for target, layer in targets.items():
        try:
            server.put(staging[target], _serialize(local[target]))
            held = server.read(staging[target])
            if digest(held) != local_digest[target]:
                raise PushError(
                    f"the staging graph <{staging[target]}> holds {len(set(held))} triples that differ "
                    f"from the {len(local[target])} sent (digests differ)"
                )
        except (PushError, EndpointError) as err:
            _drop(server, staging.values())
            raise PushError(
                f"pushing the {layer.value} layer failed, its graph <{target}> is unchanged: {err}"
            ) from err
    # 4. Replace, if the targets still hold what this run saw.
    try:
        for target in targets:
            if digest(server.read(target)) != seen[target]:
                raise PushError(f"<{target}> changed on the server while this push ran (another writer?)")
    except (PushError, EndpointError) as err:
        _drop(server, staging.values())
        raise PushError(f"replacing the graphs failed, every target is unchanged: {err}") from err
    try:
        _move(server, [(staging[target], target) for target in targets], run)
    except (PushError, EndpointError) as err:
        left = _restore(server, current, seen)
        if left:
            raise PushError(
                f"replacing the graphs failed and {len(left)} of them could not be put back as they were "
                f"(first <{left[0]}>); the staging graphs are kept: push again, or run plankg push "
                f"--clean-staging: {err}"
            ) from err
        _drop(server, staging.values())
        raise PushError(f"replacing the graphs failed, every target was left or put back as it was: {err}") from err
    pushed = []
    for target, layer in targets.items():
        try:
            held = server.read(target)
        except (PushError, EndpointError) as err:
            raise PushError(f"<{target}> was replaced but could not be read back: {err}") from err
        if digest(held) != local_digest[target]:
            raise PushError(
                f"<{target}> holds {len(set(held))} triples after the replacement that differ from the "
                f"{len(local[target])} sent (digests differ); push again"
            )
        pushed.append(PushedGraph(layer.value, target, len(set(held)), local_digest[target]))
    return pushed


def clean_staging(
    endpoint: str, *, store_url: str | None = None, update_url: str | None = None, timeout: float = 60
) -> list[str]:
    """Remove the staging graphs and the lock that killed pushes left on a server.

    Run it only when no push is running: a push running meanwhile loses its
    lock and fails, leaving its targets unchanged.

    Parameters
    ----------
    endpoint, store_url, update_url, timeout
        As for :func:`push`.

    Returns
    -------
    list of str
        The graphs removed: staging graphs (:data:`STAGING_PREFIX`, and the
        ``…-staging-<32 hex digits>`` graphs of plankg before 2026-11), then
        the lock graph if it was there.

    Raises
    ------
    PushError
        If the server cannot be reached or refuses.
    """
    server = _connect(endpoint, store_url, update_url, timeout)
    try:
        # Not GRAPH ?g { }: Virtuoso lists no graph for an empty pattern.
        rows = server.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    except EndpointError as err:
        raise PushError(f"cannot list the server's graphs: {err}") from err
    graphs = sorted(row.value("g") for row in rows if isinstance(row["g"], ox.NamedNode))
    found = [g for g in graphs if g.startswith(STAGING_PREFIX) or _old_staging(g)]
    try:
        if LOCK_GRAPH in graphs and _holders(server):
            found.append(LOCK_GRAPH)
    except EndpointError as err:
        raise PushError(f"cannot read the server's push lock: {err}") from err
    if found:
        try:
            server.update(" ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in found))
        except EndpointError as err:
            raise PushError(f"cannot remove the staging graphs: {err}") from err
    return found


def _old_staging(graph: str) -> bool:
    head, sep, tail = graph.rpartition("-staging-")
    return bool(sep and head) and len(tail) == 32 and all(c in "0123456789abcdef" for c in tail)
