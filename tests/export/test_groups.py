"""Groups of the HTML page: by area in one plan, by plan in several, by type for what reaches neither."""

from __future__ import annotations

import networkx as nx

from plankg.exports import view_graph
from plankg.exports.groups import node_groups
from plankg.exports.html import page_data

KS = "https://w3id.org/plankg/kunshan-2022/"


def test_one_plan_has_a_group_per_area_and_a_task_joins_its_area(kg):
    G = view_graph(kg, "all")
    groups, member = node_groups(G)
    by_id = {g["id"]: g for g in groups}
    areas = [n for n, a in G.nodes(data=True) if a["type"] == "Area"]
    assert [g["seed"] for g in groups if g["kind"] == "area"] == areas
    assert set(member) == set(G) and sum(g["count"] for g in groups) == len(G)
    for _, task, key in G.edges(keys=True):
        if key == "hasTask":
            area = next(source for source, _, k in G.in_edges(task, keys=True) if k == "hasTask")
            assert by_id[member[task]]["seed"] == area
    plan = by_id[member[KS + "plan"]]
    assert plan["kind"] == "plan" and plan["label"] == G.nodes[KS + "plan"]["label"]
    # An action plan joins the area of a task it implements, not the plan it hangs on.
    action_plans = [n for n, a in G.nodes(data=True) if a["type"] == "ActionPlan"]
    assert any(by_id[member[n]]["kind"] == "area" for n in action_plans)


def test_several_plans_are_grouped_by_plan(kg_plans):
    G = view_graph(kg_plans, "all")
    groups, member = node_groups(G)
    by_id = {g["id"]: g for g in groups}
    plans = [n for n, a in G.nodes(data=True) if a["type"] == "Plan"]
    assert len(plans) >= 3 and {g["seed"] for g in groups} == set(plans)
    assert all(g["kind"] == "plan" for g in groups)
    for node, attrs in G.nodes(data=True):
        if attrs.get("plan"):
            assert by_id[member[node]]["seed"] == attrs["plan"].split()[0], node
    labels = {g["label"] for g in groups}
    assert any("昆山" in label for label in labels)  # Chinese labels kept


def test_without_plan_or_area_nodes_are_grouped_by_type(kg):
    G = view_graph(kg, "dependencies")
    groups, member = node_groups(G)
    assert [(g["kind"], g["seed"]) for g in groups] == [("type", "Task")]
    assert groups[0]["label"] == "主要任务" and groups[0]["count"] == len(G)


def test_the_page_collapses_only_large_graphs():
    small = nx.MultiDiGraph()
    small.add_node("urn:p", type="Plan", label="规划")
    data = page_data(small, {"urn:p": (0.0, 0.0)})
    assert data["collapse"] is False and data["nodes"][0]["group"] == data["groups"][0]["id"]
    large = nx.MultiDiGraph()
    large.add_node("urn:p", type="Plan", label="规划")
    for i in range(2001):
        large.add_node(f"urn:t{i}", type="Task", label=f"任务{i}")
        large.add_edge("urn:p", f"urn:t{i}")
    data = page_data(large, {n: (float(i), 0.0) for i, n in enumerate(large)})
    assert data["collapse"] is True
    (group,) = data["groups"]
    assert group["count"] == 2002 and group["x"] == 1000.5 and group["label"] == "规划"
