"""Node positions for the exports that carry a layout.

Gephi (GEXF), yEd (GraphML), Cytoscape (``.cyjs``) and the HTML page open with
these positions, so a graph looks like a graph at once. Each connected
component is laid out on its own, then the components are packed in rows,
largest first. The layout method (:data:`LAYOUTS`) is one of:

``spring`` (the default, NumPy and SciPy)
    Fruchterman–Reingold. A component of up to :data:`EXACT_LIMIT` nodes uses
    :func:`networkx.spring_layout` with a fixed seed (every pair of nodes
    repels); a larger one uses the grid variant from Fruchterman and
    Reingold's paper: only nodes closer than a few ideal edge lengths repel,
    found with a k-d tree. An edge pulls with its weight divided by the square
    root of its busier end's degree, so that a hub's hundreds of neighbours
    ring it instead of piling onto it, and the layout is rescaled to its first
    spread after every step, so that it cannot shrink into a ball: the pairs
    within the cut-off stay about 15 per node, the time linear in the graph.
``igraph-fr``, ``igraph-drl``, ``igraph-lgl``, ``igraph-kk`` (the ``igraph`` extra)
    igraph's Fruchterman–Reingold (its own grid for large graphs), DrL (the
    force-directed layout for very large graphs of OpenOrd; the slowest, tens
    of seconds for 10,000 nodes), LGL (Large Graph Layout, the fastest) and
    Kamada–Kawai (O(n²): small graphs only), from
    ``pip install 'plankg[igraph]'``. igraph draws from Python's
    :mod:`random`, which is seeded for the call and then restored.

The same graph, method and seed always give the same positions.

Examples
--------
>>> import networkx as nx
>>> pos = positions(nx.path_graph(4))
>>> sorted(pos) == [0, 1, 2, 3] and pos == positions(nx.path_graph(4))
True
"""

from __future__ import annotations

import math
import random

import networkx as nx

from ..errors import ExportError

__all__ = ["positions", "EXACT_LIMIT", "LAYOUTS"]

#: The largest component laid out with every pair of nodes repelling.
EXACT_LIMIT = 300
#: The ideal edge length in the output's units (roughly pixels).
UNIT = 60.0
#: The layout methods :func:`positions` knows.
LAYOUTS = ("spring", "igraph-fr", "igraph-drl", "igraph-lgl", "igraph-kk")


def _grid_spring(G: nx.Graph, seed: int, iterations: int = 50) -> dict:
    """Fruchterman–Reingold with repulsion cut off at three ideal edge lengths.

    The positions start in the unit square, where each node has an area of
    ``k**2``; after each step they are rescaled to the spread they started
    with, so the number of pairs within the cut-off stays linear in the nodes.
    An edge's attraction is divided by the square root of the larger degree
    of its two ends (hubs dissuaded, as ForceAtlas2 does).
    """
    import numpy as np
    from scipy.spatial import cKDTree

    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    edges = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.intp).reshape(-1, 2)
    src, dst = edges[:, 0], edges[:, 1]
    degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    weight = 1.0 / np.sqrt(np.maximum(degree[src], degree[dst]))
    pos = np.random.default_rng(seed).random((n, 2))
    k = 1.0 / math.sqrt(n)
    spread = pos.std()
    temperature, cooling = 0.1, 0.1 / (iterations + 1)
    for _ in range(iterations):
        pairs = cKDTree(pos).query_pairs(3 * k, output_type="ndarray")
        i, j = pairs[:, 0], pairs[:, 1]
        apart = pos[i] - pos[j]
        repulsion = k * k / np.maximum((apart * apart).sum(axis=1), 1e-9)
        along = pos[src] - pos[dst]
        attraction = np.sqrt((along * along).sum(axis=1)) / k * weight
        shift = np.empty_like(pos)
        for axis in (0, 1):
            shift[:, axis] = (
                np.bincount(i, apart[:, axis] * repulsion, n)
                - np.bincount(j, apart[:, axis] * repulsion, n)
                - np.bincount(src, along[:, axis] * attraction, n)
                + np.bincount(dst, along[:, axis] * attraction, n)
            )
        length = np.maximum(np.sqrt((shift * shift).sum(axis=1)), 1e-9)
        pos += shift * (np.minimum(length, temperature) / length)[:, None]
        pos -= pos.mean(axis=0)
        pos *= spread / max(pos.std(), 1e-12)
        temperature -= cooling
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos)}


def _spring(H: nx.Graph, seed: int) -> dict:
    if len(H) <= EXACT_LIMIT:
        return {node: (float(x), float(y)) for node, (x, y) in nx.spring_layout(H, seed=seed).items()}
    return _grid_spring(H, seed)


def _igraph(method: str):
    """Return a component layout function for one of igraph's layouts."""
    try:
        import igraph
    except ImportError as err:
        raise ExportError(
            f"--layout {method} needs python-igraph, which is not installed: pip install 'plankg[igraph]'"
        ) from err
    name = method.removeprefix("igraph-")

    def layout(H: nx.Graph, seed: int) -> dict:
        nodes = list(H)
        index = {node: i for i, node in enumerate(nodes)}
        g = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges()])
        # igraph draws from Python's random module: seed it, then put it back.
        # (No start positions of ours: igraph's grid for FR is sized for its own.)
        state = random.getstate()
        random.seed(seed)
        try:
            found = {"fr": g.layout_fruchterman_reingold, "drl": g.layout_drl, "lgl": g.layout_lgl,
                     "kk": g.layout_kamada_kawai}[name]()
        finally:
            random.setstate(state)
        return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, found.coords)}

    return layout


def _packed(boxes: list[tuple[dict, float]]) -> dict:
    """Place each component's box in rows, left to right, largest first."""
    width = max(boxes[0][1], math.sqrt(sum((s + UNIT) ** 2 for _, s in boxes))) if boxes else 0
    out, x, y, row = {}, 0.0, 0.0, 0.0
    for placed, side in boxes:
        if x > 0 and x + side > width:
            x, y, row = 0.0, y + row + UNIT, 0.0
        for node, (px, py) in placed.items():
            out[node] = (round(x + px, 2), round(y + py, 2))
        x += side + UNIT
        row = max(row, side)
    return out


def positions(G: nx.Graph, *, seed: int = 0, method: str = "spring") -> dict:
    """Return a position for every node of ``G``.

    Parameters
    ----------
    G : networkx graph
        Directed or not; edge directions and parallel edges are ignored.
    seed : int, default 0
        The seed of the random start; the same seed gives the same layout.
    method : {"spring", "igraph-fr", "igraph-drl", "igraph-lgl", "igraph-kk"}, default "spring"
        The layout of each component (see :mod:`plankg.exports.layout`).

    Returns
    -------
    dict
        ``{node: (x, y)}``, in units of about one edge length = 60, with the
        y axis pointing down (as on screen), packed from (0, 0).

    Raises
    ------
    ExportError
        For an unknown method; if NumPy or SciPy, which the ``spring`` layout
        computes with, is missing; if python-igraph is missing for an
        ``igraph-…`` method.
    """
    if method not in LAYOUTS:
        raise ExportError(f"unknown layout {method!r}; use one of {', '.join(LAYOUTS)}")
    if method == "spring":
        try:
            import numpy  # noqa: F401
            import scipy.spatial  # noqa: F401
        except ImportError as err:
            raise ExportError(
                f"the layout needs NumPy and SciPy ({err.name} is missing): pip install numpy scipy"
            ) from err
        component_layout = _spring
    else:
        component_layout = _igraph(method)
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    order = {node: i for i, node in enumerate(simple)}
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    boxes = []
    for component in components:
        if len(component) == 1:
            boxes.append(({next(iter(component)): (0.0, 0.0)}, UNIT / 2))
            continue
        # A graph of its own, nodes in the view's order: a subgraph view would
        # list them in set order, which changes between processes, and the
        # seeded layout would then differ from run to run.
        H = nx.Graph()
        H.add_nodes_from(sorted(component, key=order.__getitem__))
        H.add_edges_from(simple.edges(H))
        local = component_layout(H, seed)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        left, top = min(xs), min(ys)
        side = UNIT * max(1.0, math.sqrt(len(H)) * 1.6)
        span = max(max(xs) - left, max(ys) - top) or 1.0
        scale = side / span
        boxes.append(({node: ((x - left) * scale, (y - top) * scale) for node, (x, y) in local.items()}, side))
    return _packed(boxes)
