"""Force-directed node positions for the exports that carry a layout.

Gephi (GEXF), yEd (GraphML), Cytoscape (``.cyjs``) and the HTML page open with
these positions, so a graph looks like a graph at once. Each connected
component is laid out by Fruchterman–Reingold, then the components are packed
in rows, largest first. A component of up to :data:`EXACT_LIMIT` nodes uses
:func:`networkx.spring_layout` with a fixed seed (every pair of nodes repels);
a larger one uses the grid variant of the same algorithm from Fruchterman and
Reingold's paper (only nodes closer than a few ideal edge lengths repel,
found with a k-d tree), since NetworkX's own code for large graphs takes
seconds per thousand nodes. The same graph always gets the same positions.

Examples
--------
>>> import networkx as nx
>>> pos = positions(nx.path_graph(4))
>>> sorted(pos) == [0, 1, 2, 3] and pos == positions(nx.path_graph(4))
True
"""

from __future__ import annotations

import math

import networkx as nx

from ..errors import ExportError

__all__ = ["positions", "EXACT_LIMIT"]

#: The largest component laid out with every pair of nodes repelling.
EXACT_LIMIT = 300
#: The ideal edge length in the output's units (roughly pixels).
UNIT = 60.0


def _grid_spring(G: nx.Graph, seed: int, iterations: int = 50) -> dict:
    """Fruchterman–Reingold with repulsion cut off at three ideal edge lengths."""
    import numpy as np
    from scipy.spatial import cKDTree

    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    edges = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.intp).reshape(-1, 2)
    src, dst = edges[:, 0], edges[:, 1]
    pos = np.random.default_rng(seed).random((n, 2))
    k = 1.0 / math.sqrt(n)
    temperature, cooling = 0.1, 0.1 / (iterations + 1)
    for _ in range(iterations):
        pairs = cKDTree(pos).query_pairs(3 * k, output_type="ndarray")
        i, j = pairs[:, 0], pairs[:, 1]
        apart = pos[i] - pos[j]
        repulsion = k * k / np.maximum((apart * apart).sum(axis=1), 1e-9)
        along = pos[src] - pos[dst]
        attraction = np.sqrt((along * along).sum(axis=1)) / k
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
        temperature -= cooling
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos)}


def _component_layout(H: nx.Graph, seed: int) -> dict:
    if len(H) == 1:
        return {next(iter(H)): (0.0, 0.0)}
    if len(H) <= EXACT_LIMIT:
        return {node: (float(x), float(y)) for node, (x, y) in nx.spring_layout(H, seed=seed).items()}
    return _grid_spring(H, seed)


def positions(G: nx.Graph, *, seed: int = 0) -> dict:
    """Return a position for every node of ``G``.

    Parameters
    ----------
    G : networkx graph
        Directed or not; edge directions and parallel edges are ignored.
    seed : int, default 0
        The seed of the random start; the same seed gives the same layout.

    Returns
    -------
    dict
        ``{node: (x, y)}``, in units of about one edge length = 60, with the
        y axis pointing down (as on screen), packed from (0, 0).

    Raises
    ------
    ExportError
        If NumPy or SciPy, which the layout computes with, is missing.
    """
    try:
        import numpy  # noqa: F401
        import scipy.spatial  # noqa: F401
    except ImportError as err:
        raise ExportError(f"the layout needs NumPy and SciPy ({err.name} is missing): pip install numpy scipy") from err
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    boxes = []
    for component in components:
        # A graph of its own, nodes in the view's order: a subgraph view would
        # list them in set order, which changes between processes, and the
        # seeded layout would then differ from run to run.
        H = nx.Graph()
        H.add_nodes_from(n for n in simple if n in component)
        H.add_edges_from((u, v) for u, v in simple.edges(H) if v in component)
        local = _component_layout(H, seed)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        side = UNIT * max(1.0, math.sqrt(len(H)) * 1.6)
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        scale = side / span if len(H) > 1 else 0.0
        placed = {node: ((x - min(xs)) * scale, (y - min(ys)) * scale) for node, (x, y) in local.items()}
        boxes.append((placed, side if len(H) > 1 else UNIT / 2))
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
