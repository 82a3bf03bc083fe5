"""plankg.analysis.centrality: betweenness over connected pieces equals NetworkX's over the whole graph."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import networkx as nx
import pytest

import plankg
from plankg.analysis.centrality import betweenness
from plankg.analysis.places import place_projection
from plankg.analysis.plandata import read_plan
from plankg.analysis.structure import place_order, support_graph, task_place_graph

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import write_synthetic_plan  # noqa: E402


def same(graph: nx.Graph) -> None:
    """Exactly NetworkX's values, in NetworkX's key order."""
    ours, theirs = betweenness(graph), nx.betweenness_centrality(graph)
    assert ours == theirs
    assert list(ours) == list(theirs)


def pieces(directed: bool, seed: int) -> nx.Graph:
    """Isolated nodes, pairs, small pieces and a larger one, with node names in shuffled order."""
    rng = random.Random(seed)
    graph = nx.DiGraph() if directed else nx.Graph()
    names = [f"n{i:03d}" for i in range(120)]
    rng.shuffle(names)
    graph.add_nodes_from(names)
    for start, size in ((0, 2), (2, 3), (5, 6), (11, 9), (20, 40)):
        members = names[start:start + size]
        for _ in range(size * 2):
            a, b = rng.sample(members, 2)
            graph.add_edge(a, b)
    return graph


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_equal_to_networkx_on_graphs_of_many_pieces(directed, seed):
    same(pieces(directed, seed))


@pytest.mark.parametrize("graph", [nx.DiGraph(), nx.Graph([(1, 2)]), nx.path_graph(3), nx.DiGraph([(1, 2), (2, 3)]),
                                   nx.complete_graph(5), nx.cycle_graph(7, create_using=nx.DiGraph)])
def test_equal_to_networkx_on_small_graphs(graph):
    same(graph)


def _plan_graphs(kg, plan):
    data = read_plan(kg, plan=plan)
    rank = {p.iri: i for i, p in enumerate(place_order(data))}
    projection, _ = place_projection(task_place_graph(data), rank)
    return support_graph(data).reverse(copy=False), projection


def test_equal_to_networkx_on_every_bundled_plan(kg_plans):
    for info in kg_plans.plans:
        depends_on, projection = _plan_graphs(kg_plans, info.iri)
        same(depends_on)
        same(projection)
        # And the reports carry exactly these values.
        expected = nx.betweenness_centrality(depends_on)
        report = plankg.dependencies(kg_plans, plan=info.iri)
        assert {s.task.iri: s.betweenness for s in report.standings} == expected
        expected = nx.betweenness_centrality(projection)
        found = {s.place.iri: s.betweenness for s in plankg.places(kg_plans, plan=info.iri).standings}
        assert found == {iri: expected[iri] for iri in found}


def test_equal_to_networkx_on_a_synthetic_plan(tmp_path):
    kg = plankg.load([write_synthetic_plan(tmp_path / "synthetic", scale=4)])
    depends_on, projection = _plan_graphs(kg, None)
    assert len(depends_on) == 100 and any(betweenness(depends_on).values())
    same(depends_on)
    same(projection)
