"""plankg.plan_report: the plan at a glance, validation, coverage gaps and implementation order."""

from __future__ import annotations

import datetime
import json

import pytest
from helpers import loaded_names
from tinyplan import write_tiny_plan

import plankg

KS = "https://w3id.org/plankg/kunshan-2022/"
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(scope="module")
def report(kg):
    return plankg.plan_report(kg, today=TODAY)


def test_the_plan_at_a_glance(report):
    assert report.plan.iri == KS + "plan"
    assert report.layers == ("ontology", "source", "curated")
    assert [(s.area.ordinal, [t.ordinal for t in s.tasks]) for s in report.sections] == [
        (1, [1, 2, 3, 4, 5]), (2, [6, 7, 8]), (3, [9, 10, 11]), (4, [12, 13, 14]), (5, [15, 16, 17, 18]),
        (6, [19, 20, 21, 22]), (7, [23, 24, 25])]
    assert dict(report.counts) == {"area": 7, "task": 25, "action-plan": 12, "target": 11, "project": 25,
                                   "place": 22, "milestone": 2}  # issue 14: + IT industrial cluster; + 苏州, 长三角, 协调区 (江苏 is curated only)
    assert [m.year for m in report.milestones] == [2025, 2035]


def test_validation_gaps_and_order(report):
    assert report.conforms and report.validation.conforms
    assert [t.ordinal for t in report.coverage.gaps.tasks_without_action_plan] == [23]
    assert len(report.coverage.gaps.overdue_targets) == 11
    assert [[t.ordinal for t in g] for g in report.dependencies.generations][1] == [8, 10, 12, 15, 21]


def test_text_in_both_languages(report):
    zh = report.to_text("zh")
    assert zh.splitlines()[0] == "关于打造社会主义现代化建设县域示范 走好新时代“昆山之路”的总体方案"
    assert "概览:7 个板块、25 项主要任务、12 项行动计划" in zh
    assert "校验:符合 plankg 所有约束" in zh
    assert "无行动计划落实的任务 (1): 任务23 强化队伍建设" in zh
    assert "200项具体项目:声明 200,数据列举 25(25/200 = 12%)" in zh
    assert "年份已过而无观测记录的目标 (11)" in zh
    assert "  第 3 代:任务6 新一代信息技术产业、任务7 高端装备制造产业" in zh
    en = report.to_text("en")
    assert "Validation: conforms to every plankg shape" in en
    assert "Implementation order (3 generation(s), from the curated support links):" in en
    assert "  Area 07: 0.44" in en


def test_markdown(report):
    md = report.to_markdown("en")
    assert md.startswith("# Overall Plan on Becoming a County-Level Demonstration")
    assert "## Validation" in md and "## Coverage gaps (as of 2026-11-27)" in md and "## Implementation order" in md
    assert "| Area 02 | 3 | 3 | 3 | 1 | 0.78 |" in md
    assert "\n2. Task 8: Make industrial clusters innovation-driven, " in md


def test_json_shape(report):
    whole = json.loads(report.to_json())
    assert list(whole) == ["today", "layers", "corpus", "plans"]
    assert whole["corpus"]["plans"] == 1 and [s["prefix"] for s in whole["corpus"]["summary"]] == ["ks"]
    assert len(whole["plans"]) == 1
    data = whole["plans"][0]
    assert list(data) == ["plan", "prefix", "today", "layers", "overview", "validation", "coverage",
                          "implementation_order", "cycles", "entities"]
    assert data["plan"]["iri"] == KS + "plan" and data["prefix"] == "ks"
    assert list(data["overview"]) == ["counts", "sections", "milestones"]
    assert data["overview"]["sections"][6] == {
        "area": KS + "area/07", "ordinal": 7, "label_zh": "全面落实新时代党的建设总要求",
        "label_en": "Fully implement the general requirements for Party building in the new era",
        "tasks": [KS + "task/23", KS + "task/24", KS + "task/25"]}
    assert data["validation"] == {"conforms": True, "results": []}
    assert list(data["coverage"]) == ["score_definition", "plan_score", "areas", "gaps"]
    assert len(data["implementation_order"]) == 3 and data["cycles"] == []
    assert data["entities"][KS + "task/08"]["label_en"] == "Make industrial clusters innovation-driven"


def test_a_plan_that_breaks_a_shape_is_still_reported(tmp_path):
    kg = plankg.load([write_tiny_plan(tmp_path, tasks=2, supports=[(1, 2)], orphan_tasks=[3])])
    report = plankg.plan_report(kg, today=TODAY)
    assert not report.conforms
    focus = {r.focus_node for r in report.validation.results}
    assert "https://example.org/tiny/task/3" in focus
    text = report.to_text("en")
    assert "Validation: does not conform" in text and "Isolated task 3" in text
    assert [[t.ordinal for t in g] for g in report.dependencies.generations] == [[1, 3], [2]]


def test_without_validation(kg):
    report = plankg.plan_report(kg, today=TODAY, validate=False)
    assert report.validation is None and report.conforms
    assert "Validation: not run" in report.to_text("en")


def test_the_endpoint_gives_the_same_report(kg_endpoint, report):
    assert plankg.plan_report(kg_endpoint, today=TODAY).to_dict() == report.to_dict()


# =================================================================== several plans loaded together


@pytest.fixture(scope="module")
def corpus(kg_plans):
    return plankg.plan_report(kg_plans, today=TODAY)


def test_several_plans_give_one_section_per_plan(kg_plans, corpus, report):
    assert isinstance(corpus, plankg.CorpusReport) and corpus.conforms
    assert [p.name() for p in corpus.plans] == [info.name() for info in kg_plans.plans]
    by_name = {p.name(): p for p in corpus.plans}
    ks, tiny = by_name["ks"], by_name["tiny"]
    # Kunshan's section is the report of Kunshan alone: nothing of the other plan is added in.
    assert ks.plan_dict() == report.plan_dict()
    assert dict(ks.counts) == {"area": 7, "task": 25, "action-plan": 12, "target": 11, "project": 25,
                               "place": 22, "milestone": 2}
    assert round(ks.coverage.plan_score, 2) == 0.61
    assert dict(tiny.counts) == {"area": 1, "task": 4, "action-plan": 1, "target": 0, "project": 0,
                                 "place": 1, "milestone": 1}
    assert [m.year for m in ks.milestones] == [2025, 2035] and [m.year for m in tiny.milestones] == [2025]


def test_the_corpus_json_has_a_plans_list(kg_plans, corpus):
    data = json.loads(corpus.to_json())
    assert list(data) == ["today", "layers", "corpus", "plans"]
    assert [p["plan"]["iri"] for p in data["plans"]] == [info.iri for info in kg_plans.plans]
    by_prefix = {p["prefix"]: p for p in data["plans"]}
    assert {"ks", "tiny"} <= set(by_prefix)
    assert [by_prefix[n]["overview"]["counts"]["task"] for n in ("ks", "tiny")] == [25, 4]
    assert [by_prefix[n]["coverage"]["plan_score"] for n in ("ks", "tiny")] == [0.613333, 0.166667]
    summary = {s["prefix"]: s for s in data["corpus"]["summary"]}
    assert [summary[n]["counts"]["target"] for n in ("ks", "tiny")] == [11, 0]
    assert data["corpus"]["plans"] == len(kg_plans.plans) and data["corpus"]["conforms"] is True


def test_the_corpus_text_and_markdown_name_each_plan(corpus):
    en = corpus.to_text("en")
    assert en.splitlines()[0] == f"Corpus: {len(corpus.plans)} plan(s), each counted on its own"
    rows = {line.split()[0]: line.split() for line in en.splitlines()[2:3 + len(corpus.plans)]}
    assert rows["plan"][:9] == ["plan", "valid", "areas", "tasks", "targets", "places", "score", "uncovered", "progress"]
    assert rows["tiny"] == ["tiny", "yes", "1", "4", "0", "1", "0.17", "1", "-", "Tiny", "plan"]
    assert "\nTiny plan\n=========\n" in en and "\nOverall Plan on Becoming" in en
    md = corpus.to_markdown("en")
    assert md.startswith("# Plan corpus") and "\n## Tiny plan\n" in md and "\n### Validation\n" in md


def test_one_plan_of_several_by_prefix(kg_plans, report):
    one = plankg.plan_report(kg_plans, today=TODAY, plan="ks")
    assert isinstance(one, plankg.PlanReport)
    assert one.plan_dict() == report.plan_dict()
    with pytest.raises(plankg.ParameterError, match="the plans loaded are: " + loaded_names(kg_plans)):
        plankg.plan_report(kg_plans, today=TODAY, plan="nope", validate=False)


def test_validation_results_go_to_the_plan_they_are_about(tmp_path, kg_alone):
    from helpers import SECOND_PLAN

    broken = tmp_path / "second"
    import shutil

    shutil.copytree(SECOND_PLAN, broken)
    with open(broken / "source" / "plan.ttl", "a", encoding="utf-8") as f:
        f.write('\n<task/9> a plan:Task ; rdfs:label "任务9"@zh , "Task 9"@en ; plan:ordinal 9 .\n')
    corpus = plankg.plan_report(plankg.load([bundled(), broken]), today=TODAY)
    ks, tiny = corpus.plans
    assert not corpus.conforms and ks.conforms and not tiny.conforms
    assert {r.focus_node for r in tiny.validation.results} >= {"https://example.org/tiny/task/9"}
    assert ks.validation.results == ()


def bundled():
    from plankg.resources import bundled_plan_dir

    return bundled_plan_dir()
