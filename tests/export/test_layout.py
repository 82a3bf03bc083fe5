"""Layout positions: every node placed, deterministic, spread out, fast on big graphs."""

from __future__ import annotations

import math
import time

import networkx as nx
import pytest

from plankg.exports.layout import EXACT_LIMIT, positions


def spread(pos: dict) -> float:
    """The smallest distance between two nodes."""
    points = list(pos.values())
    return min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1:])


@pytest.mark.parametrize("n", [1, 2, 40, EXACT_LIMIT + 200])
def test_every_node_gets_a_finite_position_the_same_each_time(n):
    G = nx.random_labeled_tree(n, seed=3) if n > 1 else nx.empty_graph(1)
    pos = positions(G)
    assert set(pos) == set(G)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert pos == positions(G)
    if n > 1:
        assert spread(pos) > 1.0  # no two nodes on top of each other
        assert positions(G, seed=1) != pos


def test_components_are_packed_apart():
    G = nx.disjoint_union_all([nx.cycle_graph(6), nx.path_graph(4), nx.empty_graph(3)])
    pos = positions(G)
    boxes = []
    for component in nx.connected_components(G):
        xs = [pos[n][0] for n in component]
        ys = [pos[n][1] for n in component]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], "components overlap"


def test_a_thousand_nodes_in_well_under_the_export_budget():
    G = nx.random_labeled_tree(1000, seed=1)
    G.add_edges_from(nx.gnm_random_graph(1000, 200, seed=2).edges())
    start = time.perf_counter()
    pos = positions(G)
    assert time.perf_counter() - start < 1.5
    assert spread(pos) > 0.5


def test_directed_multigraphs_and_self_loops():
    G = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "b")])
    assert set(positions(G)) == {"a", "b"}


def test_without_scipy_the_error_says_what_to_install(monkeypatch):
    import sys

    import plankg

    monkeypatch.setitem(sys.modules, "scipy.spatial", None)
    with pytest.raises(plankg.ExportError, match="pip install numpy scipy"):
        positions(nx.path_graph(3))


def test_positions_are_the_same_in_every_process():
    """Regression: subgraph views listed nodes in set order, which hash seeds change."""
    import os
    import subprocess
    import sys

    code = (
        "import hashlib, plankg\n"
        "from plankg.exports.views import View, view_graph\n"
        "from plankg.exports.layout import positions\n"
        "G = view_graph(plankg.load(), View.DEPENDENCIES, 'zh')\n"
        "print(hashlib.sha256(repr(sorted(positions(G).items())).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


def pairs_per_node(pos: dict) -> float:
    """Pairs of nodes closer than the grid spring's cut-off (three ideal edge lengths), per node."""
    import numpy as np
    from scipy.spatial import cKDTree

    points = np.array(list(pos.values()))
    return len(cKDTree(points).query_pairs(3 / math.sqrt(len(points)))) / len(points)


def hub_and_tree(n: int) -> nx.Graph:
    """A random tree with one hub tied to a tenth of the nodes, as a plan node is to its areas."""
    G = nx.random_labeled_tree(n, seed=5)
    G.add_edges_from(("hub", node) for node in range(0, n, 10))
    return G


def test_the_grid_spring_keeps_its_spread_and_near_pairs_stay_few():
    """Regression: the layout shrank, so pairs within the cut-off grew faster than the nodes."""
    import numpy as np

    from plankg.exports.layout import _grid_spring

    counts = []
    for n in (1000, 8000):
        pos = _grid_spring(hub_and_tree(n), seed=0)
        start = np.random.default_rng(0).random((n + 1, 2)).std()
        assert np.array(list(pos.values())).std() == pytest.approx(start, rel=1e-6)
        counts.append(pairs_per_node(pos))
    assert max(counts) < 40 and counts[1] < 1.5 * counts[0], counts


@pytest.mark.parametrize("method", ["igraph-fr", "igraph-drl", "igraph-lgl", "igraph-kk"])
def test_igraph_layouts(method):
    import random

    pytest.importorskip("igraph", reason="pip install 'plankg[igraph]'")
    G = nx.disjoint_union_all([nx.random_labeled_tree(120, seed=2), nx.cycle_graph(5), nx.empty_graph(2)])
    state = random.getstate()
    pos = positions(G, method=method)
    assert random.getstate() == state  # igraph's draws leave the caller's random module as it was
    assert set(pos) == set(G) and all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert pos == positions(G, method=method)
    assert spread(pos) > 0.5
    if method in ("igraph-fr", "igraph-drl"):  # random starts; Kamada-Kawai starts from a circle
        assert positions(G, method=method, seed=1) != pos


def test_without_igraph_the_error_says_which_extra(monkeypatch):
    import sys

    import plankg

    monkeypatch.setitem(sys.modules, "igraph", None)
    with pytest.raises(plankg.ExportError, match=r"--layout igraph-fr needs python-igraph.*plankg\[igraph\]"):
        positions(nx.path_graph(3), method="igraph-fr")


def test_an_unknown_layout_names_the_known_ones():
    import plankg

    with pytest.raises(plankg.ExportError, match="unknown layout 'fa2'; use one of spring, igraph-fr"):
        positions(nx.path_graph(3), method="fa2")
