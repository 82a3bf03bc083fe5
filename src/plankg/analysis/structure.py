"""The NetworkX graphs the analyses work on, built from a plan read by named queries.

Nodes are entity IRIs, each with the attributes ``entity`` (an
:class:`~plankg.analysis.entity.Entity`) and ``kind`` (the kind it plays in
the graph: 昆山未来城 is a place, and an initiative in the dependency graph);
edges carry the ``relation`` they come from (the ``plan:`` property's local
name).

* :func:`dependency_graph` — the plan's structure as a directed graph, in the
  direction work flows: plan → area → task → action plan, initiative and
  target; plan → milestone, earlier milestone → later milestone (2025 → 2035);
  and the curated support links, supporting task → supported task.
* :func:`support_graph` — the tasks and the curated support links alone.
* :func:`task_place_graph` — the bipartite graph of tasks and the places they
  name (by a role, as a region to connect to, or as an initiative).
* :func:`connection_graph` — every relation of the plan as an undirected
  graph, for explaining how two entities connect.

Examples
--------
>>> import plankg
>>> from plankg.analysis.plandata import read_plan
>>> kg = plankg.load()
>>> space = kg.plans[0].uri_space  # the bundled plan's IRI space
>>> data = read_plan(kg)
>>> G = dependency_graph(data)
>>> G.edges[space + "milestone/2025", space + "milestone/2035"]["relation"]
'precedes'
>>> [kg.compact(t) for t in sorted(support_graph(data).successors(space + "task/08"))]
['ks:task/06', 'ks:task/07']
>>> B = task_place_graph(data)
>>> [kg.compact(t) for t in sorted(B.neighbors(space + "place/huaqiao"))]
['ks:task/01']
"""

from __future__ import annotations

import networkx as nx

from .entity import Entity
from .plandata import Link, PlanData

__all__ = [
    "STRUCTURE_KINDS",
    "PLACE_RELATIONS",
    "dependency_graph",
    "support_graph",
    "task_place_graph",
    "connection_graph",
    "milestone_links",
    "place_order",
]

#: The kinds of entity in the dependency graph.
STRUCTURE_KINDS = ("plan", "area", "task", "action-plan", "project", "target", "milestone")

#: The relations that tie a task to a place in the task–place graph.
PLACE_RELATIONS = ("involves", "connectsTo", "namesInitiative")

#: How a task names a place, in the order places are listed.
_HOW = {"Lead": 0, "Spearhead": 0, "Core": 0, "Pillar": 1, "Carrier": 1, "MainBody": 2, "Collaborator": 3,
        "Integration": 3, "connectsTo": 4, "namesInitiative": 5}

#: Relation labels for the one relation the analysis derives itself.
PRECEDES_LABELS = {"zh": "先于", "en": "precedes"}


def milestone_links(data: PlanData) -> list[Link]:
    """Return ``precedes`` links between consecutive milestones, by year.

    Examples
    --------
    >>> import plankg
    >>> from plankg.analysis.plandata import read_plan
    >>> [(l.source[-4:], l.target[-4:]) for l in milestone_links(read_plan(plankg.load()))]
    [('2025', '2035')]
    """
    milestones = [m for m in data.of_kind("milestone") if m.year is not None]
    milestones.sort(key=lambda m: (m.year, m.iri))
    return [
        Link(a.iri, "precedes", b.iri, relation_labels=PRECEDES_LABELS)
        for a, b in zip(milestones, milestones[1:])
    ]


def place_order(data: PlanData) -> list[Entity]:
    """Return the places in plan order: by the first task naming them, then how it names them.

    Within a task, the lead (or pillar, or main body) comes first, then the
    collaborators, then the region the task connects to, then a place named
    as an initiative; places no task names come last.

    Examples
    --------
    >>> import plankg
    >>> from plankg.analysis.plandata import read_plan
    >>> [p.label("zh") for p in place_order(read_plan(plankg.load()))][:4]
    ['花桥国际商务城', '陆家镇', '上海', '昆山高新区']
    """
    first: dict[str, tuple] = {}
    for link in data.links:
        if link.relation in PLACE_RELATIONS and data.entity(link.source).kind == "task":
            key = (data.entity(link.source).sort_key, _HOW.get(link.role or link.relation, 6))
            first[link.target] = min(first.get(link.target, key), key)
    last = ((1 << 30,), 7)
    return sorted(data.of_kind("place"), key=lambda p: (first.get(p.iri, last), p.iri))


def _add_nodes(graph: nx.Graph, data: PlanData, kinds) -> None:
    for kind in kinds:
        for entity in data.of_kind(kind):
            if entity.iri not in graph:
                graph.add_node(entity.iri, entity=entity, kind=kind)


def _ensure(graph: nx.Graph, data: PlanData, iri: str) -> None:
    if iri not in graph:
        entity = data.entity(iri)
        graph.add_node(iri, entity=entity, kind=entity.kind)


def dependency_graph(data: PlanData) -> nx.DiGraph:
    """Return the plan's structure and support links as a directed graph.

    Edges point the way work flows, so that a node's descendants are what a
    change to it reaches: ``hasArea`` plan → area, ``hasTask`` area → task,
    ``implements`` task → action plan (reversed from the RDF, which says the
    action plan implements the task), ``namesInitiative`` task → initiative,
    ``hasTarget`` task → target, ``hasActionPlan`` plan → action plan,
    ``hasMilestone`` plan → milestone, ``precedes`` milestone → next
    milestone, and ``supports`` supporting task → supported task.

    Parameters
    ----------
    data : PlanData

    Returns
    -------
    networkx.DiGraph
    """
    graph = nx.DiGraph()
    _add_nodes(graph, data, STRUCTURE_KINDS)
    wanted = {"hasArea", "hasTask", "hasActionPlan", "hasMilestone", "namesInitiative",
              "hasTarget", "supports", "implements"}
    for link in [*data.links, *milestone_links(data)]:
        if link.relation not in wanted and link.relation != "precedes":
            continue
        source, target = (link.target, link.source) if link.relation == "implements" else (link.source, link.target)
        _ensure(graph, data, source)
        _ensure(graph, data, target)
        graph.add_edge(source, target, relation=link.relation, curated=link.curated)
    return graph


def support_graph(data: PlanData) -> nx.DiGraph:
    """Return every task, with an edge from each supporting task to the task it supports.

    Parameters
    ----------
    data : PlanData

    Returns
    -------
    networkx.DiGraph
        An edge ``a → b`` means task *b* depends on task *a*.
    """
    graph = nx.DiGraph()
    _add_nodes(graph, data, ("task",))
    for link in data.linked("supports"):
        _ensure(graph, data, link.source)
        _ensure(graph, data, link.target)
        graph.add_edge(link.source, link.target, relation="supports")
    return graph


def task_place_graph(data: PlanData) -> nx.Graph:
    """Return the bipartite graph of tasks (``bipartite=0``) and places (``bipartite=1``).

    A task and a place are joined when the task gives the place a role
    (``involves``, with ``role``), names it as a region to connect to
    (``connectsTo``) or names it as an initiative (``namesInitiative``, as
    with 昆山未来城). Each edge lists its ``relations`` and ``roles``. Every
    task and every place is a node, linked or not.

    Parameters
    ----------
    data : PlanData

    Returns
    -------
    networkx.Graph
    """
    graph = nx.Graph()
    for task in data.of_kind("task"):
        graph.add_node(task.iri, entity=task, bipartite=0)
    for place in place_order(data):
        graph.add_node(place.iri, entity=place, bipartite=1)
    for link in data.links:
        if link.relation not in PLACE_RELATIONS:
            continue
        if graph.nodes.get(link.source, {}).get("bipartite") != 0:
            continue
        if graph.nodes.get(link.target, {}).get("bipartite") != 1:
            continue
        if graph.has_edge(link.source, link.target):
            edge = graph.edges[link.source, link.target]
        else:
            graph.add_edge(link.source, link.target, relations=[], roles=[])
            edge = graph.edges[link.source, link.target]
        if link.relation not in edge["relations"]:
            edge["relations"].append(link.relation)
        if link.role and link.role not in edge["roles"]:
            edge["roles"].append(link.role)
    return graph


def connection_graph(data: PlanData, *, hubs=("plan",), hub_cost: float = 2.0) -> nx.Graph:
    """Return every relation of the plan as an undirected graph, for paths.

    Only the plan's own relations between its entities are edges (those of
    the ``analysis-links`` query, and ``precedes`` between milestones), never
    ``rdf:type``, ``skos:inScheme``, sources, periods, units, comparators,
    roles or directions, which would tie unrelated entities together through
    shared vocabulary. Each edge keeps the ``link`` it comes from (so a path
    can say which way the relation points) and a ``cost``: 1, or ``hub_cost``
    for an edge touching a hub (an entity of a kind in ``hubs``).

    Parameters
    ----------
    data : PlanData
    hubs : iterable of str, default ("plan",)
        The kinds of entity that every part of the plan hangs on.
    hub_cost : float, default 2.0
        The cost of a step into or out of a hub.

    Returns
    -------
    networkx.Graph
    """
    graph = nx.Graph()
    hubs = set(hubs)
    for entity in data.entities.values():
        graph.add_node(entity.iri, entity=entity)
    for link in [*data.links, *milestone_links(data)]:
        _ensure(graph, data, link.source)
        _ensure(graph, data, link.target)
        if link.source == link.target or graph.has_edge(link.source, link.target):
            continue
        touches_hub = any(data.entity(iri).kind in hubs for iri in (link.source, link.target))
        graph.add_edge(link.source, link.target, link=link, cost=hub_cost if touches_hub else 1.0)
    return graph
