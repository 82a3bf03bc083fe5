"""Cytoscape.js JSON (``.cyjs``), which Cytoscape desktop also imports.

The file is the Cytoscape.js elements JSON that Cytoscape desktop writes and
reads as ``.cyjs``: ``{"data": {...}, "elements": {"nodes": [...],
"edges": [...]}}``. Each node's ``data`` holds ``id`` (its IRI), ``name``
(its label, the column Cytoscape desktop labels nodes with) and the view's
attributes; each edge's ``data`` holds ``id``, ``source``, ``target``,
``interaction`` (the relation's label, Cytoscape's edge-type column), ``name``
and the view's attributes. Nodes carry the layout's ``position``, so
Cytoscape opens the network laid out. Cytoscape.js reads the same file:
``cytoscape({elements: json.elements})``.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:a", label="花桥", type="Place")
>>> G.add_node("urn:b", label="任务1", type="Task", number=1)
>>> _ = G.add_edge("urn:b", "urn:a", key="involves", label="涉及地点")
>>> data = cytoscape_data(G, pos={"urn:a": (0, 0), "urn:b": (60, 0)})
>>> data["elements"]["nodes"][0]["data"]["name"]
'花桥'
>>> data["elements"]["edges"][0]["data"]["interaction"]
'涉及地点'
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from .. import __version__
from ..atomic import write_text
from .layout import positions as layout_positions
from .palette import color

__all__ = ["cytoscape_data", "write_cytoscape"]


def cytoscape_data(G: nx.MultiDiGraph, pos: dict | None = None) -> dict:
    """Return a view graph as Cytoscape.js / Cytoscape desktop JSON data.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A view graph (see :func:`plankg.exports.views.view_graph`).
    pos : dict, optional
        ``{node: (x, y)}``; computed by :func:`plankg.exports.layout.positions` if not given.

    Returns
    -------
    dict
    """
    pos = layout_positions(G) if pos is None else pos
    name = G.graph.get("name", "plankg")
    nodes = []
    for node, attrs in G.nodes(data=True):
        data = {"id": node, "name": attrs.get("label", node), "shared_name": attrs.get("label", node)}
        data.update((k, v) for k, v in attrs.items() if v is not None)
        data["color"] = color(attrs.get("type", ""))
        x, y = pos.get(node, (0.0, 0.0))
        nodes.append({"data": data, "position": {"x": x, "y": y}})
    edges = []
    for index, (source, target, attrs) in enumerate(G.edges(data=True)):
        interaction = attrs.get("label", "")
        data = {
            "id": f"e{index}",
            "source": source,
            "target": target,
            "interaction": interaction,
            "name": f"{G.nodes[source].get('label', source)} ({interaction}) {G.nodes[target].get('label', target)}",
        }
        data.update((k, v) for k, v in attrs.items() if v is not None and k not in data)
        edges.append({"data": data})
    return {
        "format_version": "1.0",
        "generated_by": f"plankg-{__version__}",
        "target_cytoscapejs_version": "~3.35",
        "data": {"name": name, "shared_name": name, "view": G.graph.get("view"), "lang": G.graph.get("lang"),
                 "title": G.graph.get("title"), "plan": G.graph.get("plan")},
        "elements": {"nodes": nodes, "edges": edges},
    }


def write_cytoscape(G: nx.MultiDiGraph, path: str | Path, pos: dict | None = None) -> Path:
    """Write a view graph to a ``.cyjs`` file (UTF-8 JSON), atomically.

    Returns
    -------
    Path
        The file written.
    """
    write_text(path, json.dumps(cytoscape_data(G, pos), ensure_ascii=False, indent=1) + "\n")
    return Path(path)
