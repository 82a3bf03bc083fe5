"""The analyses with several plans loaded: one plan at a time, never two merged."""

from __future__ import annotations

import datetime

import pytest

from helpers import loaded_names

import plankg
from plankg.analysis.perplan import each_plan
from plankg.errors import AnalysisError

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


@pytest.mark.parametrize("name, args, options", [
    ("dependencies", (), {}),
    ("dependencies", (), {"asserted_only": True}),
    ("coverage", (), {"today": datetime.date(2026, 11, 27)}),
    ("coverage", (), {"today": datetime.date(2026, 11, 27), "asserted_only": True}),
    ("places", (), {}),
])
def test_each_plan_reads_the_graph_once_and_gives_each_plans_own_report(kg_plans, monkeypatch, name, args, options):
    analyse = {"dependencies": plankg.dependencies, "coverage": plankg.coverage, "places": plankg.places}[name]
    expected = [analyse(kg_plans, *args, plan=info.iri, **options).to_dict() for info in kg_plans.plans]
    asked = []
    original = type(kg_plans).query
    monkeypatch.setattr(type(kg_plans), "query", lambda kg, query, **params: asked.append(query) or original(
        kg, query, **params))
    found = [r.to_dict() for r in each_plan(kg_plans, name, *args, **options)]
    assert found == expected and len(found) == len(kg_plans.plans) == 3
    # One run of each named query for the whole corpus, none per plan.
    assert len(asked) == len(set(asked)) and all(q.startswith("analysis-") for q in asked)


def test_each_plan_connection_matches_by_plan(kg_plans):
    ks = [info.iri for info in kg_plans.plans if info.prefix == "ks"]
    expected = plankg.connection(kg_plans, "ks:task/12", "ks:task/19", limit=1, plan=ks[0]).to_dict()
    with pytest.raises(AnalysisError):
        each_plan(kg_plans, "connection", "ks:task/12", "ks:task/19", limit=1)
    from plankg.analysis.plandata import read_plans
    from plankg.analysis.path import connection_report
    data = read_plans(kg_plans, parts=("names",))[ks[0]]
    assert connection_report(data, "ks:task/12", "ks:task/19", limit=1).to_dict() == expected
