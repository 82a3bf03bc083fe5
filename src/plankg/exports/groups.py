"""Groups of nodes that the HTML page can collapse: one per plan in a corpus, one per area in a plan.

A page of many thousand nodes opens with each group drawn as one node and
the edges between groups drawn as one edge per pair; a click expands a
group into its nodes (see :mod:`plankg.exports.html`). With more than one
plan in the graph, a node's group is its plan (the first of its ``plan``
attribute; a node without one, such as a shared place role, joins the plan
nearest to it). With one plan, each area is a group, and the plan node with
what hangs on the plan itself (action plans) another: every node joins the
nearest of them, counting edges in either direction, ties going to the
first in the graph's order. Nodes that reach no plan and no area are grouped
by type. Each step is one breadth-first pass, linear in the graph.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("p", type="Plan", label="规划")
>>> for area, task in (("a1", "t1"), ("a2", "t2")):
...     G.add_node(area, type="Area", label=area)
...     G.add_node(task, type="Task", label=task)
...     _ = G.add_edge("p", area), G.add_edge(area, task)
>>> groups, member = node_groups(G)
>>> [(g["label"], g["count"]) for g in groups]
[('a1', 2), ('a2', 2), ('规划', 1)]
>>> member["t2"] == groups[1]["id"]
True
"""

from __future__ import annotations

from collections import deque
from itertools import chain

import networkx as nx

__all__ = ["node_groups", "COLLAPSE_AT"]

#: A page with more nodes than this opens with its groups collapsed.
COLLAPSE_AT = 2000


def _nearest(G: nx.MultiDiGraph, seeds: list, found: dict, blocked: frozenset = frozenset()) -> dict:
    """Give each node not in ``found`` the value of the nearest seed, by a breadth-first pass.

    The pass never enters a node of ``blocked``; ``found`` is updated and returned.
    """
    queue = deque(seeds)
    while queue:
        node = queue.popleft()
        for other in chain(G.succ[node], G.pred[node]):
            if other not in found and other not in blocked:
                found[other] = found[node]
                queue.append(other)
    return found


def node_groups(G: nx.MultiDiGraph) -> tuple[list[dict], dict]:
    """Return the groups of a view graph and each node's group.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A view graph (see :func:`plankg.exports.views.view_graph`).

    Returns
    -------
    groups : list of dict
        In the graph's order: ``id`` (``"group N"``, with a space, so never
        an IRI), ``kind`` (``plan``, ``area`` or ``type``), ``seed`` (the
        plan's or area's IRI; the type for ``type``), ``label``, ``type``,
        ``count``.
    member : dict
        ``{node: group id}`` for every node.
    """
    attrs = G.nodes
    plans = [n for n in G if attrs[n].get("type") == "Plan"]
    if len(plans) > 1:
        kind = "plan"
        seeds = plans
        start = {n: n for n in plans}
        known = set(plans)
        for node in G:
            first = (attrs[node].get("plan") or "").split(" ")[0]
            if first in known and node not in start:
                start[node] = first
        nearest = _nearest(G, list(start), start)
    else:
        # The areas first, around the plan (a hub that would otherwise pull in
        # everything tied to it, such as every action plan); the plan then
        # gathers what only it reaches.
        kind = "area"
        areas = [n for n in G if attrs[n].get("type") == "Area"]
        seeds = areas + plans
        nearest = _nearest(G, areas, {n: n for n in seeds}, blocked=frozenset(plans))
        nearest = _nearest(G, plans, nearest)
    groups, by_seed, member = [], {}, {}
    for seed in seeds:
        by_seed[seed] = {
            "id": f"group {len(groups)}", "kind": "plan" if seed in plans else kind, "seed": seed,
            "label": attrs[seed].get("label", seed), "type": attrs[seed].get("type", ""), "count": 0,
        }
        groups.append(by_seed[seed])
    for node in G:
        key = nearest.get(node)
        if key is None:  # no plan and no area reaches it: a group per type
            node_type = attrs[node].get("type", "")
            key = ("type", node_type)
            if key not in by_seed:
                by_seed[key] = {
                    "id": f"group {len(groups)}", "kind": "type", "seed": node_type,
                    "label": attrs[node].get("type_label", node_type), "type": node_type, "count": 0,
                }
                groups.append(by_seed[key])
        group = by_seed[key]
        group["count"] += 1
        member[node] = group["id"]
    return groups, member
