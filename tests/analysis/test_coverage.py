"""plankg.coverage: matrices, gaps by name, declared against enumerated, overdue targets, scores.

Expected answers on the bundled plan were checked by hand: targets exist for
tasks 6, 7, 8 (five), 9, 10 and 19 (two), all for 2025 (source/targets.ttl);
the curated layer leaves task 23 without an action plan (tasks 5, 9, 24 and 25
gained partial links in issue 14's review) and action plan 12 without a task
(curated/links.ttl); the tasks name 25 initiatives (source/projects.ttl: 24
and the new-generation IT industrial cluster) against 200 projects declared.
Places: 苏州, 长三角 and the coordination area of action plan 5 (and, in the
curated layer, 江苏) are named by no task (tasks 1–3 give 昆山 positions
toward its neighbours, plan:Positioning, which are not place links).
"""

from __future__ import annotations

import datetime
import json

import pytest
from helpers import plan_copy
from tinyplan import write_tiny_plan

import plankg

KS = "https://w3id.org/plankg/kunshan-2022/"
TODAY = datetime.date(2026, 11, 27)


def numbers(entities):
    return [e.ordinal for e in entities]


@pytest.fixture(scope="module")
def report(kg):
    return plankg.coverage(kg, today=TODAY)


def test_tasks_without_an_action_plan_and_action_plans_without_a_task(report):
    assert numbers(report.gaps.tasks_without_action_plan) == [23]
    assert numbers(report.gaps.action_plans_without_task) == [12]


def test_tasks_and_areas_without_a_quantitative_target(report):
    assert numbers(report.gaps.tasks_without_target) == [1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22,
                                                         23, 24, 25]
    assert numbers(report.gaps.areas_without_target) == [1, 4, 5, 7]


def test_task_23_has_nothing_at_all(report):
    assert numbers(report.gaps.uncovered_tasks) == [23]


def test_every_named_place_is_in_one_task_only(report):
    pairs = [(p.iri.removeprefix(KS + "place/"), t.ordinal) for p, t in report.gaps.places_in_one_task]
    assert pairs == [
        ("huaqiao", 1), ("lujia", 1), ("shanghai", 1),
        ("kunshan-high-tech-zone", 2), ("bacheng", 2), ("suzhou-main-city", 2),
        ("kunshan-development-zone", 3), ("qiandeng", 3), ("zhangpu", 3), ("zhoushi", 3), ("taicang", 3),
        ("kunshan-tourism-resort", 4), ("dianshanhu", 4), ("jinxi", 4), ("zhouzhuang", 4),
        ("yrd-eco-green-demo-zone", 4), ("wusong-river-corridor", 5), ("kunshan-future-city", 5),
    ]
    # 昆山 is the county the plan covers, not a gap. The places that hold it (苏州, 长三角) and the
    # coordination area that action plan 5, not a task, names are. 江苏 is not: only the curated
    # layer names it, and a plan's entities are those its own source graph types.
    assert [p.iri.removeprefix(KS) for p in report.gaps.places_in_no_task] == [
        "place/suzhou", "place/yrd", "place/yrd-demo-zone-coordination-area"]


def test_declared_against_enumerated(report):
    got = {c.count.counted_class.rsplit("#")[-1]: (c.count.declared, c.count.enumerated)
           for c in report.gaps.declared_counts}
    assert got == {"ActionPlan": (12, 12), "DemonstrationArea": (6, 6), "Project": (200, 25), "Task": (25, 25)}
    assert [(c.count.enumerated, c.count.declared, c.ratio) for c in report.gaps.short_counts] == [(25, 200, 0.125)]
    assert "25/200 = 12%" in report.to_text("en")


def test_all_eleven_targets_are_overdue_in_november_2026(report):
    overdue = report.gaps.overdue_targets
    assert [o.target.iri.removeprefix(KS + "target/") for o in overdue] == [
        "06-1", "07-1", "08-1", "08-2", "08-3", "08-4", "08-5", "09-1", "10-1", "19-1", "19-2"]
    # Observations exist for four targets' indicators, none for 2025 (the shared file found no full-year 2025 value).
    assert [(o.year, o.latest_observed_year) for o in overdue] == [
        (2025, None)] * 6 + [(2025, 2024), (2025, 2022), (2025, None), (2025, 2022), (2025, 2023)]
    assert [o.task.ordinal for o in overdue] == [6, 7, 8, 8, 8, 8, 8, 9, 10, 19, 19]


@pytest.mark.parametrize("today, overdue", [(datetime.date(2025, 12, 31), 0), (datetime.date(2026, 1, 1), 11),
                                            (datetime.date(2024, 1, 1), 0)])
def test_a_target_is_overdue_once_its_year_is_over(kg, today, overdue):
    assert len(plankg.coverage(kg, today=today).gaps.overdue_targets) == overdue


def test_a_recorded_observation_closes_the_gap(tmp_path):
    folder = plan_copy(tmp_path)
    (folder / "source" / "observations-2025.ttl").write_text(
        "@base <https://w3id.org/plankg/kunshan-2022/> .\n"
        "@prefix plan: <https://w3id.org/plankg/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix qb: <http://purl.org/linked-data/cube#> .\n"
        "@prefix unit: <http://qudt.org/vocab/unit/> .\n"
        '<observation/06-1-2025> a plan:Observation ; rdfs:label "观测"@zh , "Observation"@en ;\n'
        '  qb:dataSet <observations> ; plan:indicator <indicator/new-generation-it-output> ; plan:refPeriod "2025" ;\n'
        '  plan:refArea <place/kunshan> ; plan:source <source/jiangsu-gov-2023-01-29> ;\n'
        '  plan:value "612000000000"^^xsd:decimal ; plan:unit unit:CCY_CNY ; plan:periodKind plan:FullYear ;\n'
        '  plan:observationStatus plan:Final ; plan:sourceExpression "6120亿元" .\n',
        encoding="utf-8")
    kg = plankg.load([folder])
    assert kg.validate().conforms
    overdue = plankg.coverage(kg, today=TODAY).gaps.overdue_targets
    assert len(overdue) == 10
    assert overdue[0].target.iri == KS + "target/07-1"
    assert [o.latest_observed_year for o in overdue if o.target.iri == KS + "target/08-5"] == [2024]


def test_the_four_matrices(report):
    m = report.matrices
    assert {name: matrix.shape for name, matrix in m.items()} == {
        "task_action_plan": (25, 12), "task_place": (25, 22), "task_target": (25, 11), "area_target": (7, 11)}
    assert sum(map(sum, m["task_action_plan"].cells)) == 35
    assert m["task_action_plan"].column_totals() == (4, 3, 3, 5, 1, 3, 4, 2, 3, 6, 1, 0)
    assert m["task_place"].row_totals()[:6] == (3, 3, 5, 5, 2, 0)
    assert m["task_target"].column_totals() == (1,) * 11
    assert m["area_target"].row_totals() == (0, 7, 2, 0, 0, 2, 0)
    assert m["task_action_plan"].cells[3] == (0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0)
    assert [j for i, j in m["task_action_plan"].to_dict()["links"] if i == 3] == [4, 7, 8]


def test_matrices_are_sparse_in_json(report):
    # Each matrix is its rows, its columns and the linked cells as [row index, column index] pairs.
    matrices = json.loads(report.to_json())["matrices"]
    for name, matrix in report.matrices.items():
        data = matrices[name]
        assert list(data) == ["name", "rows", "columns", "links"]
        assert data["rows"] == [r.iri for r in matrix.rows] and data["columns"] == [c.iri for c in matrix.columns]
        assert data["links"] == sorted(data["links"])
        dense = {(i, j) for i, row in enumerate(matrix.cells) for j, cell in enumerate(row) if cell}
        assert {(i, j) for i, j in data["links"]} == dense and len(data["links"]) == len(dense)
    places = matrices["task_place"]
    pairs = {(places["rows"][i], places["columns"][j]) for i, j in places["links"]}
    assert (KS + "task/01", KS + "place/huaqiao") in pairs
    assert len(matrices["task_action_plan"]["links"]) == 35


def test_coverage_score_per_area(report):
    # c(task) = (action plan? + target? + initiative?) / 3; area = mean over its tasks.
    assert [(a.area.ordinal, a.tasks, a.with_action_plan, a.with_target, a.with_initiative) for a in report.areas] == [
        (1, 5, 5, 0, 5), (2, 3, 3, 3, 1), (3, 3, 3, 2, 1), (4, 3, 3, 0, 2), (5, 4, 4, 0, 4), (6, 4, 4, 1, 1),
        (7, 3, 2, 0, 2)]
    assert [a.score for a in report.areas] == pytest.approx([10 / 15, 7 / 9, 6 / 9, 5 / 9, 8 / 12, 6 / 12, 4 / 9])
    assert report.plan_score == pytest.approx(46 / 75)
    six = report.tasks[5]
    assert (six.task.ordinal, numbers(six.action_plans), len(six.targets), len(six.initiatives)) == (6, [1], 1, 4)
    assert six.score == 1.0


def test_asserted_only_drops_the_implementation_links(kg):
    asserted = plankg.coverage(kg, today=TODAY, asserted_only=True)
    assert numbers(asserted.gaps.tasks_without_action_plan) == list(range(1, 26))
    assert len(asserted.gaps.action_plans_without_task) == 12
    assert asserted.plan_score == pytest.approx(22 / 75)
    assert numbers(asserted.gaps.uncovered_tasks) == [11, 13, 20, 22, 23]
    without = plankg.coverage(plankg.load(curated=False), today=TODAY)
    gaps, gaps_without = asserted.to_dict()["gaps"], without.to_dict()["gaps"]
    # No difference: 江苏, a place only the curated layer names (the province of 全省), is no entity
    # of the plan's own (its source graph does not type it), so it is in no gap list either way.
    assert gaps_without == gaps


def test_json_shape(report):
    data = json.loads(report.to_json())
    assert data["plan"]["iri"] == KS + "plan"
    assert list(data) == ["plan", "asserted_only", "today", "score_definition", "plan_score", "areas", "tasks", "gaps",
                          "matrices", "entities"]
    assert list(data["gaps"]) == ["tasks_without_action_plan", "action_plans_without_task", "tasks_without_target",
                                  "areas_without_target", "uncovered_tasks", "places_in_one_task",
                                  "places_in_no_task", "declared_counts", "overdue_targets"]
    assert data["today"] == "2026-11-27" and data["plan_score"] == 0.613333
    assert data["areas"][1] == {"area": KS + "area/02", "tasks": 3, "with_action_plan": 3, "with_target": 3,
                                "with_initiative": 1, "score": 0.777778}
    assert data["gaps"]["places_in_one_task"][0] == {"place": KS + "place/huaqiao", "task": KS + "task/01"}


def test_tables_and_csv(report):
    tables = report.tables("zh")
    assert list(tables) == ["areas", "tasks", "gaps"]
    lines = tables["areas"].to_csv().splitlines()
    assert lines[0] == "ordinal,area,label,tasks,with_action_plan,with_target,with_initiative,score,plan"
    assert lines[7] == f"7,{KS}area/07,全面落实新时代党的建设总要求,3,2,0,2,0.444444,{KS}plan"
    matrix = report.matrices["task_place"].to_csv("zh").splitlines()
    assert matrix[0].startswith("row,花桥国际商务城,陆家镇,上海,昆山高新区,")
    assert matrix[1].startswith("任务1 向东接轨上海,1,1,1,0")


def test_a_tiny_plan_without_curated_layer(tmp_path):
    kg = plankg.load([write_tiny_plan(tmp_path, tasks=2, curated=False)])
    report = plankg.coverage(kg, today=TODAY)
    assert numbers(report.gaps.tasks_without_action_plan) == [1, 2]
    assert report.plan_score == 0.0 and report.areas[0].score == 0.0
    assert report.matrices["task_place"].shape == (2, 0)


@pytest.mark.parametrize("engine", ["kg_rdflib", "kg_endpoint"])
def test_every_engine_gives_the_same_report(request, report, engine):
    other = plankg.coverage(request.getfixturevalue(engine), today=TODAY)
    assert other.to_dict() == report.to_dict()
