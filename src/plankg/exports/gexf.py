"""GEXF for Gephi: colours by type, sizes by degree, and a layout.

Gephi opens the file drawn: every node has the colour of its type
(:mod:`plankg.exports.palette`), a size that grows with its degree and a
position from :func:`plankg.exports.layout.positions`, so the graph needs no
layout run before it can be read (running ForceAtlas 2 from there still
works). The view's attributes are GEXF attributes, which Gephi shows in its
Data Laboratory and can partition or filter by, ``type`` first of all. The
file is GEXF 1.2, written by :func:`networkx.write_gexf`.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:a", label="花桥", type="Place", iri="urn:a")
>>> G.add_node("urn:b", label="任务1", type="Task", iri="urn:b", number=1)
>>> _ = G.add_edge("urn:b", "urn:a", key="involves", label="涉及地点", relation="urn:involves")
>>> H = gexf_graph(G)
>>> H.nodes["urn:a"]["viz"]["color"]
{'r': 225, 'g': 87, 'b': 89, 'a': 1.0}
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx

from ..atomic import write_with
from .layout import positions as layout_positions
from .palette import rgb

__all__ = ["gexf_graph", "write_gexf", "node_size"]


def node_size(degree: int) -> float:
    """Return the drawn size of a node of this degree (10 for none, growing as its square root).

    Examples
    --------
    >>> node_size(0), node_size(4), node_size(100)
    (10.0, 22.0, 60.0)
    """
    return round(min(60.0, 10.0 + 6.0 * math.sqrt(degree)), 2)


def gexf_graph(G: nx.MultiDiGraph, pos: dict | None = None) -> nx.MultiDiGraph:
    """Return a copy of a view graph with Gephi's ``viz`` colour, size and position.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A view graph (see :func:`plankg.exports.views.view_graph`).
    pos : dict, optional
        ``{node: (x, y)}``, y pointing down; computed if not given. GEXF's
        y axis points up, so y is negated.
    """
    pos = layout_positions(G) if pos is None else pos
    H = nx.MultiDiGraph(name=G.graph.get("name", "plankg"))
    for node, attrs in G.nodes(data=True):
        r, g, b = rgb(attrs.get("type", ""))
        x, y = pos.get(node, (0.0, 0.0))
        viz = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "size": node_size(G.degree(node)),
            "position": {"x": float(x), "y": -float(y), "z": 0.0},
        }
        H.add_node(node, **{k: v for k, v in attrs.items() if v is not None}, viz=viz)
    for index, (source, target, key, attrs) in enumerate(G.edges(keys=True, data=True)):
        H.add_edge(source, target, key=key, id=f"e{index}", **{k: v for k, v in attrs.items() if v is not None})
    return H


def write_gexf(G: nx.MultiDiGraph, path: str | Path, pos: dict | None = None) -> Path:
    """Write a view graph to a GEXF 1.2 file for Gephi, atomically.

    Returns
    -------
    Path
        The file written.
    """
    H = gexf_graph(G, pos)
    write_with(path, lambda handle: nx.write_gexf(H, handle, encoding="utf-8", prettyprint=True, version="1.2draft"))
    return Path(path)
