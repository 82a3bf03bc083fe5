"""Which plan a graph's data belongs to, from the plans' own descriptions.

A plan is identified by its ``plan:Plan`` and ``void:Dataset`` nodes; its IRI
space is the data set's ``void:uriSpace`` or, failing that, the namespace of
its ``…/plan`` IRI (the plan IRI is ``{uriSpace}plan``). An entity belongs to
the plan whose IRI space is the longest that its IRI starts with. ``push``
uses this to refuse to replace a graph that holds another plan's data.

Examples
--------
>>> owner("https://w3id.org/plankg/a/task/01", ["https://w3id.org/plankg/a/", "https://w3id.org/plankg/"])
'https://w3id.org/plankg/a/'
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ..namespaces import PLAN

__all__ = ["identity", "server_identities", "owner", "foreign"]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_VOID = "http://rdfs.org/ns/void#"
_IDENTITY_CLASSES = (ox.NamedNode(PLAN + "Plan"), ox.NamedNode(_VOID + "Dataset"))
_URI_SPACE = ox.NamedNode(_VOID + "uriSpace")


def identity(triples: Iterable[ox.Triple]) -> tuple[set[str], set[str]]:
    """Return the plans and data sets ``triples`` describe, and their IRI spaces."""
    triples = list(triples)
    plans = {t.subject.value for t in triples if t.predicate == _RDF_TYPE and t.object in _IDENTITY_CLASSES}
    spaces = {t.object.value for t in triples if t.predicate == _URI_SPACE and t.subject.value in plans}
    spaces |= {iri[: -len("plan")] for iri in plans if iri.endswith("/plan")}
    return plans, spaces


def server_identities(engine) -> tuple[set[str], set[str]]:
    """Return every plan and data set an endpoint holds, in any graph, and their IRI spaces.

    Parameters
    ----------
    engine : EndpointEngine
        The endpoint, queried over its whole dataset (no default graphs).
    """
    classes = " ".join(str(c) for c in _IDENTITY_CLASSES)
    rows = engine.run(
        f"SELECT DISTINCT ?x ?space WHERE {{ VALUES ?class {{ {classes} }} GRAPH ?g {{ ?x {_RDF_TYPE} ?class }} "
        f"OPTIONAL {{ GRAPH ?h {{ ?x {_URI_SPACE} ?space }} }} }}",
        {},
    )
    plans, spaces = set(), set()
    for row in rows:
        plans.add(row.value("x"))
        if row.value("space"):
            spaces.add(row.value("space"))
    spaces |= {iri[: -len("plan")] for iri in plans if iri.endswith("/plan")}
    return plans, spaces


def owner(iri: str, spaces: list[str]) -> str | None:
    """Return the longest of ``spaces`` (sorted longest first) that ``iri`` starts with."""
    return next((space for space in spaces if iri.startswith(space)), None)


def foreign(current: list[ox.Triple], ours: tuple[set[str], set[str]], server_ids) -> str | None:
    """Say what in ``current`` belongs to another plan than ``ours``, if anything.

    Parameters
    ----------
    current : list of pyoxigraph.Triple
        A graph's content.
    ours : (set of str, set of str)
        The plans (and data sets) allowed, and their IRI spaces (:func:`identity`).
    server_ids : (set of str, set of str)
        Every plan and IRI space known, e.g. from :func:`server_identities`.

    Returns
    -------
    str or None
        Why the graph is another plan's, or None if it is not.

    Examples
    --------
    >>> a, b = "https://w3id.org/plankg/a/", "https://w3id.org/plankg/b/"
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> graph = [ox.Triple(ox.NamedNode(a + "task/01"), label, ox.Literal("任务"))]
    >>> foreign(graph, ({b + "plan"}, {b}), ({a + "plan", b + "plan"}, {a, b}))
    'it holds https://w3id.org/plankg/a/task/01, in the IRI space https://w3id.org/plankg/a/ of another plan'
    >>> foreign(graph, ({a + "plan"}, {a}), ({a + "plan", b + "plan"}, {a, b})) is None
    True
    """
    our_plans, our_spaces = ours
    plans, spaces = identity(current)
    others = sorted(plans - our_plans)
    if others:
        return f"it holds {others[0]}, which is not among the plans pushed"
    their_spaces = (server_ids[1] | spaces) - our_spaces
    if not their_spaces:
        return None
    known = sorted(their_spaces | our_spaces, key=len, reverse=True)
    for triple in current:
        if isinstance(triple.subject, ox.NamedNode):
            space = owner(triple.subject.value, known)
            if space in their_spaces:
                return f"it holds {triple.subject.value}, in the IRI space {space} of another plan"
    return None
