"""The analyses with several plans loaded: one plan at a time, never two merged."""

from __future__ import annotations

import datetime

import pytest

from helpers import loaded_names

import plankg

KS = "https://w3id.org/plankg/kunshan-2022/"
TINY = "https://example.org/tiny/"
TODAY = datetime.date(2026, 11, 27)

#: Two names to connect in each plan.
NAMES = {"ks": ("花桥", "共同富裕"), "tiny": ("Task 1", "Task 4")}

ANALYSES = {
    "dependencies": lambda kg, who, **plan: plankg.dependencies(kg, **plan),
    "dependencies-asserted": lambda kg, who, **plan: plankg.dependencies(kg, asserted_only=True, **plan),
    "coverage": lambda kg, who, **plan: plankg.coverage(kg, today=TODAY, **plan),
    "places": lambda kg, who, **plan: plankg.places(kg, **plan),
    "connection": lambda kg, who, **plan: plankg.connection(kg, *NAMES.get(who, ("", "")), **plan),
}


@pytest.mark.parametrize("analysis", list(ANALYSES))
def test_each_plan_analysed_beside_others_is_the_plan_analysed_alone(any_kg_plans, kg_alone, analysis):
    run = ANALYSES[analysis]
    for info in any_kg_plans.plans:
        if analysis == "connection" and info.prefix not in NAMES:
            continue  # a bundled plan added later: its names are its own
        beside = run(any_kg_plans, info.prefix, plan=info.prefix).to_dict()
        assert beside == run(kg_alone[info.prefix], info.prefix).to_dict(), f"{analysis} of {info.prefix}"
        assert beside["plan"]["iri"] == info.iri


@pytest.mark.parametrize("analysis", list(ANALYSES))
def test_with_several_plans_an_analysis_asks_which(kg_plans, analysis):
    n = len(kg_plans.plans)
    with pytest.raises(plankg.ParameterError, match=rf"{n} plans are loaded \({loaded_names(kg_plans)}\); choose one with plan="):
        ANALYSES[analysis](kg_plans, "ks")


def test_kunshan_numbers_beside_another_plan(kg_plans):
    coverage = plankg.coverage(kg_plans, plan="ks", today=TODAY)
    alone = plankg.coverage(plankg.load(), today=TODAY)
    assert coverage.to_dict()["areas"] == alone.to_dict()["areas"]
    assert round(coverage.plan_score, 2) == 0.61
    assert [round(a.score, 2) for a in coverage.areas] == [0.67, 0.78, 0.67, 0.56, 0.67, 0.50, 0.44]
    assert [t.ordinal for t in coverage.gaps.tasks_without_action_plan] == [23]
    tiny = plankg.coverage(kg_plans, plan=TINY + "plan", today=TODAY)
    assert [t.task.iri for t in tiny.tasks] == [TINY + f"task/{n}" for n in range(1, 5)]
    assert len(plankg.dependencies(kg_plans, plan="ks").generations) == 3


def test_every_report_names_its_plan(kg_plans):
    report = plankg.places(kg_plans, plan="tiny")
    assert report.plan.iri == TINY + "plan"
    assert report.to_text("en").splitlines()[0] == "Plan: Tiny plan"
    assert report.to_text("zh").splitlines()[0] == "规划:小规划"
    tables = report.tables("en")
    assert all(t.title.endswith(" · Tiny plan") for t in tables.values())
    assert all(t.columns[-1] == "plan" and all(row[-1] == TINY + "plan" for row in t.rows) for t in tables.values())
    assert report.to_dict()["plan"] == {"iri": TINY + "plan", "kind": "plan", "ordinal": None,
                                        "label_zh": "小规划", "label_en": "Tiny plan"}


def test_read_plan_reads_one_plan(kg_plans):
    from plankg.analysis.plandata import read_plan

    data = read_plan(kg_plans, parts=("curated", "targets", "counts", "names"), plan="tiny")
    assert data.plan == TINY + "plan" and data.plan_entity.label("en") == "Tiny plan"
    assert {iri[: len(TINY)] for iri in data.entities} == {TINY}
    assert {c.count for c in data.counts} == {TINY + "count/tasks"}
    assert data.targets == ()
    assert len(read_plan(kg_plans).of_kind("plan")) == len(kg_plans.plans)
