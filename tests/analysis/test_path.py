"""plankg.connection: names to entities, and the shortest meaningful paths between them.

Checked by hand on the bundled plan: 花桥 (altLabel of 花桥国际商务城) is
named by task 1 of area 01; 共同富裕 is part of the labels of area 06 and of
action plan 7. Without the plan node, area 01's tasks and area 06's are not
connected (no action plan or support link joins them), so the path goes
through the plan. Task 12 is supported by task 14, which action plan 9 also
implements together with task 21 of area 06, so task 12 reaches task 19 in
5 steps without the plan (the plan route has 4 steps but costs 6).
"""

from __future__ import annotations

import json

import pytest
from tinyplan import iri, write_tiny_plan

import plankg
from plankg.errors import AnalysisError

KS = "https://w3id.org/plankg/kunshan-2022/"


def walk(route):
    return [s.entity.iri.removeprefix(KS) for s in route.steps]


def test_huaqiao_to_common_prosperity_goes_through_the_plan(kg):
    report = plankg.connection(kg, "花桥", "共同富裕")
    assert [e.iri for e in report.a_matches] == [KS + "place/huaqiao"]
    assert [e.iri for e in report.b_matches] == [KS + "area/06", KS + "action-plan/07"]
    first = report.paths[0]
    assert walk(first) == ["place/huaqiao", "task/01", "area/01", "plan", "area/06"]
    assert [(s.link.relation, s.link.role, s.forward) for s in first.steps[:-1]] == [
        ("involves", "Lead", False), ("hasTask", None, False), ("hasArea", None, False), ("hasArea", None, True)]
    assert (first.hops, first.cost, first.via_hub) == (4, 6.0, True)
    assert walk(report.paths[1]) == ["place/huaqiao", "task/01", "area/01", "plan", "action-plan/07"]
    assert len(report.paths) == 3 and all(r.hops == 4 for r in report.paths)
    assert report.paths[0].to_text("zh") == (
        "花桥国际商务城 ←[涉及地点:引领]— 任务1 向东接轨上海 ←[包含任务]— 板块01 争当区域一体发展的县域示范 "
        "←[包含板块]— 关于打造社会主义现代化建设县域示范 走好新时代“昆山之路”的总体方案 —[包含板块]→ "
        "板块06 争当实现共同富裕的县域示范")


def test_a_path_avoiding_the_plan_is_preferred_when_not_much_longer(kg):
    report = plankg.connection(kg, "ks:task/12", KS + "task/19")
    # Issue 14's review added 14→21 (ecological corridors support the park system): one hop shorter.
    assert walk(report.paths[0]) == ["task/12", "task/14", "task/21", "area/06", "task/19"]
    assert (report.paths[0].hops, report.paths[0].cost, report.paths[0].via_hub) == (4, 4.0, False)
    assert walk(report.paths[1]) == ["task/12", "task/14", "task/21", "action-plan/07", "task/19"]


def test_without_the_curated_layer_the_path_goes_through_the_plan(kg):
    report = plankg.connection(kg, "ks:task/12", "ks:task/19", asserted_only=True)
    assert [walk(r) for r in report.paths] == [["task/12", "area/04", "plan", "area/06", "task/19"]]
    assert report.paths[0].via_hub


def test_towns_of_one_task_are_two_steps_apart(kg):
    report = plankg.connection(kg, "张浦", "Qiandeng Town", limit=5)
    assert [walk(r) for r in report.paths] == [
        ["place/zhangpu", "task/03", "place/qiandeng"],
        ["place/zhangpu", "cluster/yrd-advanced-manufacturing", "place/qiandeng"],
    ]


@pytest.mark.parametrize("name", ["花桥", "花桥国际商务城", "huaqiao international business city", "HUAQIAO",
                                  "ks:place/huaqiao", KS + "place/huaqiao"])
def test_a_name_can_be_a_label_an_alternative_label_or_an_iri(kg, name):
    report = plankg.connection(kg, name, "陆家镇")
    assert [e.iri for e in report.a_matches] == [KS + "place/huaqiao"]
    assert walk(report.paths[0]) == ["place/huaqiao", "task/01", "place/lujia"]


def test_the_same_entity_twice_is_a_path_of_no_steps(kg):
    report = plankg.connection(kg, "花桥", "Huaqiao")
    assert [walk(r) for r in report.paths] == [["place/huaqiao"]] and report.paths[0].hops == 0


def test_unknown_and_vague_names_are_errors(kg):
    with pytest.raises(AnalysisError, match="no entity of the plan is called 'nowhere'"):
        plankg.connection(kg, "nowhere", "花桥")
    with pytest.raises(AnalysisError, match="matches .* entities"):
        plankg.connection(kg, "花桥", "a")


def test_json_shape(kg):
    data = json.loads(plankg.connection(kg, "花桥", "共同富裕", limit=1).to_json())
    assert list(data) == ["plan", "a", "b", "asserted_only", "connected", "definition", "paths", "entities"]
    assert data["a"] == {"name": "花桥", "matches": [KS + "place/huaqiao"]}
    assert data["paths"][0]["steps"][0] == {"entity": KS + "place/huaqiao", "relation": "involves", "role": "Lead",
                                           "direction": "backward"}
    assert data["paths"][0]["steps"][-1] == {"entity": KS + "area/06", "relation": None, "role": None,
                                            "direction": None}
    assert data["entities"][KS + "area/06"]["label_en"].endswith("achieving common prosperity")


def test_entities_that_do_not_connect(tmp_path):
    kg = plankg.load([write_tiny_plan(tmp_path, tasks=2, orphan_tasks=[3])])
    report = plankg.connection(kg, "Task 1", "Isolated task 3")
    assert not report.connected and report.paths == ()
    assert report.to_text("en").endswith("not connected.")
    linked = plankg.connection(kg, "Task 1", iri("task/2"))
    assert [[s.entity.iri for s in r.steps] for r in linked.paths] == [[iri("task/1"), iri("area/1"), iri("task/2")]]


@pytest.mark.parametrize("engine", ["kg_rdflib", "kg_endpoint"])
def test_every_engine_gives_the_same_report(request, kg, engine):
    other = request.getfixturevalue(engine)
    assert plankg.connection(other, "花桥", "共同富裕").to_dict() == plankg.connection(kg, "花桥", "共同富裕").to_dict()


def test_the_names_are_read_only_when_a_name_is_not_an_iri(kg, monkeypatch):
    asked = []
    query = type(kg).query

    def counted(self, name, /, **params):
        asked.append(name)
        return query(self, name, **params)

    monkeypatch.setattr(type(kg), "query", counted)
    by_iri = plankg.connection(kg, "ks:task/12", KS + "task/19", limit=1)
    assert "analysis-names" not in asked
    by_label = plankg.connection(kg, "ks:task/12", "聚焦群众增收做“加法”", limit=1)
    assert asked.count("analysis-names") == 1
    assert by_label.paths == by_iri.paths and by_label.b_matches == by_iri.b_matches
    assert [walk(r) for r in by_iri.paths] == [["task/12", "task/14", "task/21", "area/06", "task/19"]]
