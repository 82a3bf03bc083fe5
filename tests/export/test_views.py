"""The views: built from named queries, the same on every engine, with the documented attributes."""

from __future__ import annotations

import networkx as nx
import pytest
from export_readers import KUNSHAN
from helpers import loaded_names

import plankg
from plankg.exports import View, view_graph
from plankg.exports.views import EDGE_FIELDS, NODE_FIELDS

KS = "https://w3id.org/plankg/kunshan-2022/"


@pytest.mark.parametrize("view", list(KUNSHAN))
def test_view_counts_on_the_bundled_plan(kg, view):
    G = view_graph(kg, view)
    assert (G.number_of_nodes(), G.number_of_edges()) == KUNSHAN[view]
    assert isinstance(G, nx.MultiDiGraph)
    assert G.graph["view"] == view and G.graph["lang"] == "zh"


@pytest.mark.parametrize("view", list(KUNSHAN))
def test_views_are_alike_on_the_three_engines(kg, kg_rdflib, kg_endpoint, view):
    """The views come from named queries, so a remote endpoint gives the same graph."""
    expected = view_graph(kg, view)
    for other in (kg_rdflib, kg_endpoint):
        G = view_graph(other, view)
        assert list(G.nodes(data=True)) == list(expected.nodes(data=True))
        assert list(G.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))


def test_the_view_queries_are_in_the_library():
    library = plankg.QueryLibrary()
    for view in ("structure", "places", "dependencies"):
        for part in ("nodes", "edges"):
            query = library[f"export-{view}-{part}"]
            assert "export" in query.tags
            assert "ORDER BY" in query.text


def test_node_attributes(kg):
    G = view_graph(kg, "all")
    task = G.nodes[KS + "task/01"]
    assert task == {
        "iri": KS + "task/01",
        "type": "Task",
        "type_label": "主要任务",
        "label": "向东接轨上海",
        "label_zh": "向东接轨上海",
        "label_en": "Link up eastward with Shanghai",
        "number": 1,
        "source_text": task["source_text"],
        "statement_zh": task["statement_zh"],
        "statement_en": task["statement_en"],
        "plan": KS + "plan",
    }
    assert task["source_text"].startswith("向东接轨上海,以花桥国际商务城为引领")
    assert task["statement_en"].startswith("Link up eastward with Shanghai")
    assert set(task) == set(NODE_FIELDS)
    assert "number" not in G.nodes[KS + "target/06-1"]  # targets have no ordinal
    types = {attrs["type"] for _, attrs in G.nodes(data=True)}
    assert types == {
        "Plan", "Area", "Task", "ActionPlan", "Target", "Place", "PlaceInvolvement", "PlaceRole", "SpatialGroup",
    }


def test_edge_attributes_and_curated_rationale(kg):
    G = view_graph(kg, "all")
    support = G.edges[KS + "task/08", KS + "task/06", "supports"]
    assert support["label"] == "起支撑作用" and support["label_en"] == "supports"
    assert support["relation"] == "https://w3id.org/plankg/ontology#supports"
    assert support["rationale_zh"] and support["rationale_en"]
    has_task = G.edges[KS + "area/01", KS + "task/01", "hasTask"]
    assert has_task["label"] == "包含任务" and "rationale_zh" not in has_task
    assert all(set(attrs) <= set(EDGE_FIELDS) for _, _, attrs in G.edges(data=True))


def test_english_labels(kg):
    G = view_graph(kg, "places", lang="en")
    assert G.nodes[KS + "place/huaqiao"]["label"] == "Huaqiao International Business City"
    assert G.nodes[KS + "place/huaqiao"]["type_label"] == "Place"
    assert G.edges[KS + "task/01", KS + "place/shanghai", "connectsTo"]["label"] == "connects to"


def test_without_the_curated_layer_there_are_no_curated_links():
    G = view_graph(plankg.load(curated=False), "all")
    relations = {key for _, _, key in G.edges(keys=True)}
    assert "implements" not in relations and "supports" not in relations
    # every task is structure's anyway; the 26 implements and 6 supports links are gone
    assert (G.number_of_nodes(), G.number_of_edges()) == (95, 159 - 35 - 12)


def test_the_title_names_the_plan_and_the_view(kg):
    assert view_graph(kg, "structure").graph["title"].endswith("总体方案 · 结构")
    assert view_graph(kg, "places", lang="en").graph["title"].endswith("“Kunshan Road” of the New Era · Places")
    assert view_graph(kg, "places").graph["plan"] == KS + "plan"


def test_control_characters_are_removed_from_labels(hostile_kg):
    G = view_graph(hostile_kg, "all")
    assert G.nodes["https://example.org/hostile/task-1"]["label"] == "花桥🌉 <b>&amp;</b> \"q\" 'a' end"


@pytest.mark.parametrize("bad, message", [("nowhere", "unknown view"), ("places", None)])
def test_unknown_view_or_language(kg, bad, message):
    if message:
        with pytest.raises(plankg.ExportError, match=message):
            view_graph(kg, bad)
    with pytest.raises(plankg.ExportError, match="unknown language"):
        view_graph(kg, "all", lang="fr")
    assert View.parse("Places") is View.PLACES


# =================================================================== several plans loaded together

TINY = "https://example.org/tiny/"


@pytest.mark.parametrize("view", list(KUNSHAN))
def test_a_plan_chosen_among_several_draws_as_that_plan_alone(kg_plans, kg_plans_endpoint, kg_alone, view):
    for info in kg_plans.plans:
        alone = view_graph(kg_alone[info.prefix], view)
        for kg in (kg_plans, kg_plans_endpoint):
            G = view_graph(kg, view, plan=info.prefix)
            assert list(G.nodes(data=True)) == list(alone.nodes(data=True)), (view, info.prefix)
            assert list(G.edges(keys=True, data=True)) == list(alone.edges(keys=True, data=True))
            assert G.graph["title"] == alone.graph["title"] and G.graph["plan"] == info.iri


@pytest.mark.parametrize("view", list(KUNSHAN))
def test_every_plan_in_one_view_each_node_and_edge_with_its_plan(kg_plans, kg_plans_rdflib, kg_alone, view):
    G = view_graph(kg_plans, view)
    H = view_graph(kg_plans_rdflib, view)
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    plans = {info.iri for info in kg_plans.plans}
    assert all(set(attrs["plan"].split()) <= plans and attrs["plan"] for _, attrs in G.nodes(data=True))
    assert all(attrs["plan"] in plans for _, _, attrs in G.edges(data=True))
    for info in kg_plans.plans:
        alone = view_graph(kg_alone[info.prefix], view)
        mine = [n for n, attrs in G.nodes(data=True) if info.iri in attrs["plan"].split()]
        assert sorted(mine) == sorted(alone.nodes)
        edges = [(s, t, k) for s, t, k, attrs in G.edges(keys=True, data=True) if attrs["plan"] == info.iri]
        assert sorted(edges) == sorted(alone.edges(keys=True))
    assert G.graph["plan"] == " ".join(info.iri for info in kg_plans.plans)
    assert G.graph["title"].startswith(f"plankg · {len(plans)} 个规划 · ")


def test_a_role_two_plans_give_is_one_node_of_both(kg_plans):
    G = view_graph(kg_plans, "places")
    lead = G.nodes["https://w3id.org/plankg/ontology#Lead"]
    assert {KS + "plan", TINY + "plan"} <= set(lead["plan"].split())
    order = [info.iri for info in kg_plans.plans]
    assert lead["plan"].split() == sorted(lead["plan"].split(), key=order.index)
    assert G.nodes[TINY + "place/zhoushi"]["plan"] == TINY + "plan"
    assert G.nodes[KS + "place/huaqiao"]["plan"] == KS + "plan"


def test_a_plan_no_one_loaded_is_refused(kg_plans):
    with pytest.raises(plankg.ParameterError, match="the plans loaded are: " + loaded_names(kg_plans)):
        view_graph(kg_plans, "all", plan="xx")
