"""plankg.dependencies: structure, support links, order, centrality, reach and chains.

Expected answers on the bundled plan were checked by hand against
data/kunshan-2022/curated/links.ttl, whose support links are 8→6, 8→7,
9→10, 14→12, 15→16, 15→17 (the supported task depends on the supporting
one) and whose 26 implementation links are listed there action plan by
action plan.
"""

from __future__ import annotations

import json

import pytest
from tinyplan import iri, write_tiny_plan

import plankg

KS = "https://w3id.org/plankg/kunshan-2022/"


def numbers(entities):
    return [e.ordinal for e in entities]


@pytest.fixture(scope="module")
def report(kg):
    return plankg.dependencies(kg)


def test_structure_graph_holds_the_plan_and_the_curated_links(report):
    # 1 plan, 7 areas, 25 tasks, 12 action plans, 24 named initiatives (昆山未来城 included), 11 targets, 2 milestones.
    assert report.nodes == {"action-plan": 12, "area": 7, "milestone": 2, "plan": 1, "project": 24,
                            "target": 11, "task": 25}
    assert report.edges == {"hasActionPlan": 12, "hasArea": 7, "hasMilestone": 2, "hasTarget": 11, "hasTask": 25,
                            "implements": 26, "namesInitiative": 24, "precedes": 1, "supports": 6}


def test_the_six_support_links_with_their_qualified_nodes(report):
    pairs = [(link.supporting.ordinal, link.supported.ordinal) for link in report.support_links]
    assert pairs == [(8, 6), (8, 7), (9, 10), (14, 12), (15, 16), (15, 17)]
    assert [link.link for link in report.support_links] == [
        KS + f"curated/support/{a:02d}-{b:02d}" for a, b in pairs]
    assert report.support_links[0].labels["zh"] == "任务8支撑任务6"
    assert report.support_links[0].rationales["en"].startswith("Task 8 builds innovation platforms")


def test_no_cycles_and_two_generations(report):
    assert report.cycles == ()
    assert [numbers(g) for g in report.generations] == [
        [1, 2, 3, 4, 5, 8, 9, 11, 13, 14, 15, 18, 19, 20, 21, 22, 23, 24, 25],
        [6, 7, 10, 12, 16, 17],
    ]


def test_the_most_depended_on_tasks(report):
    top = report.most_depended_on()
    assert [(s.task.ordinal, s.in_degree) for s in top] == [(8, 2), (15, 2), (9, 1), (14, 1)]
    assert top[0].pagerank == pytest.approx(top[1].pagerank)
    assert top[1].pagerank > top[2].pagerank == pytest.approx(top[3].pagerank)
    assert top[3].pagerank > max(s.pagerank for s in report.standings[4:])
    # Every chain is one link long, so no task lies between two others.
    assert {s.betweenness for s in report.standings} == {0.0}
    six = next(s for s in report.standings if s.task.ordinal == 6)
    assert (six.in_degree, six.out_degree, six.generation, six.area.ordinal) == (0, 1, 1, 2)


def test_what_a_change_to_task_8_reaches(report):
    reach = report.reach_of(KS + "task/08")
    assert numbers(reach.tasks) == [6, 7]
    assert numbers(reach.action_plans) == [1, 3]
    assert [t.iri.removeprefix(KS) for t in reach.targets] == [
        "target/06-1", "target/07-1", "target/08-1", "target/08-2", "target/08-3", "target/08-4", "target/08-5"]
    assert sorted(i.iri.removeprefix(KS) for i in reach.initiatives) == [
        "project/advanced-computing-base", "project/bright-screens", "project/strong-chips"]
    assert report.reach_of(KS + "task/23").tasks == ()
    assert [r.task.ordinal for r in report.reach if r.tasks] == [8, 9, 14, 15]


def test_longest_chains_are_the_six_single_links(report):
    chains = [[step[0].ordinal for step in chain] for chain in report.longest_chains]
    assert chains == [[8, 6], [8, 7], [9, 10], [14, 12], [15, 16], [15, 17]]


def test_tasks_no_support_link_touches(report):
    assert numbers(report.isolated_tasks) == [1, 2, 3, 4, 5, 11, 13, 18, 19, 20, 21, 22, 23, 24, 25]
    assert report.unattached == ()


def test_asserted_only_says_what_leaving_the_curated_layer_out_changes(kg):
    asserted = plankg.dependencies(kg, asserted_only=True)
    effect = asserted.curated_effect
    assert (effect.support_links_dropped, effect.implementation_links_dropped) == (6, 26)
    assert (effect.generations_with_curated, effect.generations_without, effect.cycles_with_curated) == (2, 1, 0)
    assert asserted.support_links == () and len(asserted.generations) == 1
    assert numbers(asserted.generations[0]) == list(range(1, 26))
    assert "implements" not in asserted.edges and "supports" not in asserted.edges
    assert "26 implementation link(s) dropped" in asserted.to_text("en")
    assert "实施顺序由 2 代变为 1 代" in asserted.to_text("zh")


def test_a_plan_without_its_curated_layer_still_analyzes():
    report = plankg.dependencies(plankg.load(curated=False))
    assert report.support_links == () and report.curated_effect is None
    assert len(report.generations) == 1 and len(report.isolated_tasks) == 25
    assert report.edges["hasTask"] == 25 and "supports" not in report.edges
    asserted = plankg.dependencies(plankg.load(curated=False), asserted_only=True)
    assert asserted.curated_effect.support_links_dropped == 0
    assert asserted.curated_effect.generations_with_curated == 1


def test_json_is_stable_and_complete(report):
    data = json.loads(report.to_json())
    assert data["plan"]["iri"] == KS + "plan"
    assert list(data) == ["plan", "asserted_only", "graph", "support_links", "cycles", "generations", "standings",
                          "reach", "longest_chains", "isolated_tasks", "unattached", "curated_effect", "entities"]
    assert data["generations"][1] == [KS + f"task/{n:02d}" for n in (6, 7, 10, 12, 16, 17)]
    assert data["standings"][0] == {"task": KS + "task/08", "area": KS + "area/02", "generation": 0, "in_degree": 2,
                                    "out_degree": 0, "pagerank": data["standings"][0]["pagerank"],
                                    "betweenness": 0.0, "in_cycle": False}
    assert data["entities"][KS + "task/08"]["label_zh"] == "产业集群创新驱动"
    assert report.to_dict() == plankg.dependencies(plankg.load()).to_dict()


def test_tables_and_csv(report):
    tables = report.tables("en")
    assert list(tables) == ["tasks", "support_links", "cycles"]
    csv = tables["tasks"].to_csv().splitlines()
    assert csv[0] == "ordinal,task,label,area,generation,in_degree,out_degree,pagerank,betweenness,in_cycle,reaches_tasks,plan"
    assert csv[8].startswith(f"8,{KS}task/08,Innovation-driven industrial clusters,2,1,2,0,")
    assert len(csv) == 26


def test_a_support_cycle_is_found_and_reported_with_its_links(tmp_path):
    kg = plankg.load([write_tiny_plan(tmp_path, tasks=4, supports=[(1, 2), (2, 3), (3, 1), (3, 4)])])
    report = plankg.dependencies(kg)
    assert len(report.cycles) == 1
    cycle = report.cycles[0]
    assert numbers(cycle.tasks) == [1, 2, 3]
    assert [link.link for link in cycle.links] == [iri("support/1-2"), iri("support/2-3"), iri("support/3-1")]
    # The cycle is one step of the order; task 4 waits for it.
    assert [numbers(g) for g in report.generations] == [[1, 2, 3], [4]]
    assert [[numbers(step) for step in chain] for chain in report.longest_chains] == [[[1, 2, 3], [4]]]
    assert all(s.in_cycle == (s.task.ordinal != 4) for s in report.standings)
    assert "Task 1: Task 1 → Task 2: Task 2 → Task 3: Task 3 → Task 1: Task 1" in report.to_text("en")
    assert report.to_dict()["cycles"][0]["links"][2]["link"] == iri("support/3-1")


def test_an_isolated_task_is_reported(tmp_path):
    kg = plankg.load([write_tiny_plan(tmp_path, tasks=2, supports=[(1, 2)], orphan_tasks=[3])])
    report = plankg.dependencies(kg)
    assert numbers(report.isolated_tasks) == [3]
    assert numbers(report.unattached) == [3]
    assert "Isolated task 3" in report.to_text("en").splitlines()[-1]
    assert [numbers(g) for g in report.generations] == [[1, 3], [2]]


def test_a_chain_gives_betweenness_to_its_middle(tmp_path):
    kg = plankg.load([write_tiny_plan(tmp_path, tasks=3, supports=[(1, 2), (2, 3)])])
    report = plankg.dependencies(kg)
    middle = next(s for s in report.standings if s.task.ordinal == 2)
    assert middle.betweenness == pytest.approx(0.5)
    assert [[step[0].ordinal for step in c] for c in report.longest_chains] == [[1, 2, 3]]
    assert numbers(report.reach_of(iri("task/1")).tasks) == [2, 3]


@pytest.mark.parametrize("engine", ["kg_rdflib", "kg_endpoint"])
def test_every_engine_gives_the_same_report(request, kg, engine):
    other = request.getfixturevalue(engine)
    assert plankg.dependencies(other).to_dict() == plankg.dependencies(kg).to_dict()
    assert plankg.dependencies(other, asserted_only=True).to_dict() == plankg.dependencies(kg, asserted_only=True).to_dict()


def test_a_support_chain_of_1500_tasks_needs_no_deep_recursion(tmp_path):
    supports = [(n, n + 1) for n in range(1, 1500)]
    report = plankg.dependencies(plankg.load([write_tiny_plan(tmp_path, tasks=1500, supports=supports)]))
    assert len(report.generations) == 1500
    assert [len(chain) for chain in report.longest_chains] == [1500]
