"""plankg.dependencies: structure, support links, order, centrality, reach and chains.

Expected answers on the bundled plan were checked by hand against
data/kunshan-2022/curated/links.ttl, whose support links are 2→8, 3→7,
8→6, 8→7, 9→8, 9→10, 11→10, 14→12, 14→21, 15→16, 15→17, 24→15 (the
supported task depends on the supporting one; issue 14's review added
2→8, 3→7, 9→8, 11→10, 14→21 and 24→15 and rejected 18→16, 18→17) and whose
35 implementation links are listed there action plan by action plan. So the
order has three generations: 8, 10, 12, 15 and 21 wait for one task each,
6, 7, 16 and 17 for tasks that wait themselves.
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
    # 1 plan, 7 areas, 25 tasks, 12 action plans, 25 named initiatives (昆山未来城 and the IT industrial cluster
    # included), 11 targets, 2 milestones.
    assert report.nodes == {"action-plan": 12, "area": 7, "milestone": 2, "plan": 1, "project": 25,
                            "target": 11, "task": 25}
    assert report.edges == {"hasActionPlan": 12, "hasArea": 7, "hasMilestone": 2, "hasTarget": 11, "hasTask": 25,
                            "implements": 35, "namesInitiative": 25, "precedes": 1, "supports": 12}


def test_the_twelve_support_links_with_their_qualified_nodes(report):
    pairs = [(link.supporting.ordinal, link.supported.ordinal) for link in report.support_links]
    assert pairs == [(2, 8), (3, 7), (8, 6), (8, 7), (9, 8), (9, 10), (11, 10), (14, 12), (14, 21), (15, 16),
                     (15, 17), (24, 15)]
    assert [link.link for link in report.support_links] == [
        KS + f"curated/support/{a:02d}-{b:02d}" for a, b in pairs]
    assert report.support_links[2].labels["zh"] == "任务8支撑任务6"
    assert report.support_links[2].rationales["en"].startswith("Task 8 builds innovation platforms")


def test_no_cycles_and_three_generations(report):
    assert report.cycles == ()
    assert [numbers(g) for g in report.generations] == [
        [1, 2, 3, 4, 5, 9, 11, 13, 14, 18, 19, 20, 22, 23, 24, 25],
        [8, 10, 12, 15, 21],
        [6, 7, 16, 17],
    ]


def test_the_most_depended_on_tasks(report):
    top = report.most_depended_on()
    # Four tasks each support two others; ties are broken by PageRank.
    assert [(s.task.ordinal, s.in_degree) for s in top] == [(15, 2), (14, 2), (9, 2), (8, 2), (24, 1), (2, 1), (3, 1),
                                                            (11, 1)]
    assert top[0].pagerank == pytest.approx(top[1].pagerank)
    assert top[1].pagerank > top[2].pagerank > top[3].pagerank
    # 24 supports 15, which supports two: more PageRank than any task with two direct dependents.
    assert top[4].pagerank > top[0].pagerank
    # Only 8 (2→8→6, 9→8→7 …) and 15 (24→15→16, 24→15→17) lie between two others.
    assert {s.task.ordinal for s in report.standings if s.betweenness > 0} == {8, 15}
    six = next(s for s in report.standings if s.task.ordinal == 6)
    assert (six.in_degree, six.out_degree, six.generation, six.area.ordinal) == (0, 1, 2, 2)


def test_what_a_change_to_task_8_reaches(report):
    reach = report.reach_of(KS + "task/08")
    assert numbers(reach.tasks) == [6, 7]
    assert numbers(reach.action_plans) == [1, 3]
    assert [t.iri.removeprefix(KS) for t in reach.targets] == [
        "target/06-1", "target/07-1", "target/08-1", "target/08-2", "target/08-3", "target/08-4", "target/08-5"]
    assert sorted(i.iri.removeprefix(KS) for i in reach.initiatives) == [
        "industrial-cluster/new-generation-it", "project/advanced-computing-base", "project/bright-screens",
        "project/strong-chips"]
    assert report.reach_of(KS + "task/23").tasks == ()
    assert [r.task.ordinal for r in report.reach if r.tasks] == [2, 3, 8, 9, 11, 14, 15, 24]
    assert numbers(report.reach_of(KS + "task/09").tasks) == [6, 7, 8, 10]


def test_longest_chains_are_the_six_two_link_chains(report):
    chains = [[step[0].ordinal for step in chain] for chain in report.longest_chains]
    assert chains == [[2, 8, 6], [2, 8, 7], [9, 8, 6], [9, 8, 7], [24, 15, 16], [24, 15, 17]]


def test_tasks_no_support_link_touches(report):
    # 18 lost its candidate links to 16 and 17 (rejected in the review).
    assert numbers(report.isolated_tasks) == [1, 4, 5, 13, 18, 19, 20, 22, 23, 25]
    assert report.unattached == ()


def test_asserted_only_says_what_leaving_the_curated_layer_out_changes(kg):
    asserted = plankg.dependencies(kg, asserted_only=True)
    effect = asserted.curated_effect
    assert (effect.support_links_dropped, effect.implementation_links_dropped) == (12, 35)
    assert (effect.generations_with_curated, effect.generations_without, effect.cycles_with_curated) == (3, 1, 0)
    assert asserted.support_links == () and len(asserted.generations) == 1
    assert numbers(asserted.generations[0]) == list(range(1, 26))
    assert "implements" not in asserted.edges and "supports" not in asserted.edges
    assert "35 implementation link(s) dropped" in asserted.to_text("en")
    assert "实施顺序由 3 代变为 1 代" in asserted.to_text("zh")


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
    assert data["generations"][1] == [KS + f"task/{n:02d}" for n in (8, 10, 12, 15, 21)]
    assert data["standings"][0] == {"task": KS + "task/15", "area": KS + "area/05", "generation": 1, "in_degree": 2,
                                    "out_degree": 1, "pagerank": data["standings"][0]["pagerank"],
                                    "betweenness": data["standings"][0]["betweenness"], "in_cycle": False}
    assert data["standings"][0]["betweenness"] > 0
    assert data["entities"][KS + "task/08"]["label_zh"] == "产业集群创新驱动"
    assert report.to_dict() == plankg.dependencies(plankg.load()).to_dict()


def test_tables_and_csv(report):
    tables = report.tables("en")
    assert list(tables) == ["tasks", "support_links", "cycles"]
    csv = tables["tasks"].to_csv().splitlines()
    assert csv[0] == "ordinal,task,label,area,generation,in_degree,out_degree,pagerank,betweenness,in_cycle,reaches_tasks,plan"
    assert csv[8].startswith(f"8,{KS}task/08,Make industrial clusters innovation-driven,2,2,2,2,")
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
