"""plankg.corpusreport: the corpus summary and the cross-plan views, on the bundled plans and a generated corpus."""

from __future__ import annotations

import datetime
import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import plankg
from plankg.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import corpus_plans, write_synthetic_corpus  # noqa: E402
from synthetic_corpus import SHARED  # noqa: E402

TODAY = datetime.date(2026, 11, 27)
PLANS, SEED, BROKEN = 10, 4, 2


# =================================================================== the bundled plans


@pytest.fixture(scope="module")
def bundled(kg_plans):
    return plankg.corpus_report(kg_plans, today=TODAY, validate=False)


def test_one_summary_row_per_plan_with_its_own_numbers(kg_plans, bundled):
    rows = {s.prefix: s for s in bundled.summaries}
    assert [s.plan for s in bundled.summaries] == [info.iri for info in kg_plans.plans]
    assert dict(rows["ks"].counts) == {"area": 7, "task": 25, "action-plan": 12, "target": 11, "project": 25,
                                       "place": 22, "milestone": 2}
    assert (rows["ks"].with_action_plan, rows["ks"].with_target, rows["ks"].with_initiative) == (24, 6, 16)
    assert round(rows["ks"].score, 6) == 0.613333 and round(rows["tiny"].score, 6) == 0.166667
    assert [rows[p].uncovered for p in ("ks", "jn", "tiny")] == [1, 2, 1]
    nonzero = {status: n for status, n in rows["ks"].progress.items() if n}
    assert nonzero == {"behind": 1, "no baseline": 3, "only proxies": 3, "no data": 4}
    assert rows["jn"].progress["no data"] == 32 and sum(rows["tiny"].progress.values()) == 0
    assert all(s.conforms is None and s.problems is None for s in bundled.summaries)


def test_the_summary_queries_agree_with_each_plans_own_report(bundled):
    by_prefix = {s.prefix: s for s in bundled.summaries}
    for report in bundled.plans:
        mine, theirs = by_prefix[report.name()], report.summary()
        assert dict(mine.counts) == dict(theirs.counts)
        assert (mine.with_action_plan, mine.with_target, mine.with_initiative, mine.uncovered) == (
            theirs.with_action_plan, theirs.with_target, theirs.with_initiative, theirs.uncovered)
        assert mine.score == pytest.approx(report.coverage.plan_score)
        assert mine.uncovered == len(report.coverage.gaps.uncovered_tasks)


def test_the_bundled_plans_share_no_place_and_no_indicator(bundled):
    assert bundled.shared_places == () and bundled.shared_indicators == ()
    assert [s.prefix for s in bundled.largest_gaps()] == ["tiny", "jn", "ks"]


def test_the_corpus_json_has_the_summary_and_the_views(kg_plans, bundled):
    corpus = json.loads(bundled.to_json())["corpus"]
    assert list(corpus) == ["plans", "conforms", "summary", "shared_indicators", "shared_places", "largest_gaps"]
    ks = next(s for s in corpus["summary"] if s["prefix"] == "ks")
    assert ks["coverage"] == {"tasks": 25, "with_action_plan": 24, "with_target": 6, "with_initiative": 16,
                              "uncovered": 1}
    assert ks["plan_score"] == 0.613333 and ks["progress"]["behind"] == 1
    gaps = corpus["largest_gaps"]
    assert "uncovered tasks" in gaps["definition"]
    assert [(p["prefix"], p["uncovered"], p["tasks"], p["share"]) for p in gaps["plans"]] == [
        ("tiny", 1, 4, 0.25), ("jn", 2, 19, 0.105263), ("ks", 1, 25, 0.04)]


def test_every_engine_gives_the_same_summary_and_views(any_kg_plans, bundled):
    report = plankg.corpus_report(any_kg_plans, today=TODAY, validate=False, sections=False)
    assert report.to_dict()["corpus"] == bundled.to_dict()["corpus"]


def test_without_sections_only_the_summary(kg_plans):
    report = plankg.plan_report(kg_plans, today=TODAY, validate=False, sections=False)
    assert isinstance(report, plankg.CorpusReport) and report.plans == ()
    assert json.loads(report.to_json())["plans"] == []
    assert "\nTiny plan\n=========\n" not in report.to_text("en")


# =================================================================== a generated corpus


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = write_synthetic_corpus(tmp_path_factory.mktemp("corpus"), plans=PLANS, seed=SEED, broken=BROKEN)
    return folder, corpus_plans(PLANS, seed=SEED, broken=BROKEN)


@pytest.fixture(scope="module")
def report(generated):
    return plankg.corpus_report(plankg.load([generated[0]]), today=TODAY, sections=False)


def expected_uncovered(p) -> int:
    covered = {t for _, t in p.implements} | {t for t, *_ in p.targets}
    covered |= {1 + (i * 7 + p.number) % p.tasks for i in range(1, p.initiatives + 1)}
    covered |= {t for t, *_ in p.involvements} | {t for t, _ in p.connections}
    return p.tasks - len(covered & set(range(1, p.tasks + 1)))


def test_each_generated_plan_has_the_numbers_it_was_made_with(generated, report):
    _, plans = generated
    assert [s.prefix for s in report.summaries] == [p.slug for p in plans]
    for s, p in zip(report.summaries, plans):
        assert (s.counts["area"], s.counts["task"], s.counts["target"], s.counts["action-plan"]) == (
            len(p.areas), p.tasks, len(p.targets), p.action_plans), p.slug
        assert s.counts["place"] == p.towns + 1 + len(p.shared_places), p.slug
        assert s.with_target == len({t for t, *_ in p.targets}), p.slug
        assert s.with_action_plan == len({t for _, t in p.implements}), p.slug
        assert s.uncovered == expected_uncovered(p), p.slug
        assert sum(s.progress.values()) == len(p.targets), p.slug


def test_exactly_the_broken_plans_fail_validation(generated, report):
    _, plans = generated
    assert {s.prefix: s.conforms for s in report.summaries} == {p.slug: p.broken is None for p in plans}
    assert all(s.problems >= 1 for s in report.summaries if not s.conforms)
    assert not report.conforms


def test_a_shared_place_is_named_by_exactly_the_plans_the_generator_made_share_it(generated, report):
    _, plans = generated
    expected: dict[str, dict[str, int]] = {}
    for p in plans:
        tasks = Counter(region for _, region in {(t, r) for t, r in p.connections})
        for region, n in tasks.items():
            expected.setdefault(f"{SHARED}place/region-{region:02d}", {})[p.slug] = n
    expected = {place: by_plan for place, by_plan in expected.items() if len(by_plan) > 1}
    got = {s.iri: {prefix: n for _, prefix, n in s.plans} for s in report.shared_places}
    assert got == expected
    assert max(len(v) for v in got.values()) == 3, "seed 4 makes three of ten plans share a place"
    assert [len(s.plans) for s in report.shared_places] == sorted((len(v) for v in got.values()), reverse=True)
    first = report.shared_places[0]
    assert first.labels["en"].startswith("Shared region ") and first.labels["zh"].startswith("共享区域")


def test_an_indicator_is_shared_by_exactly_the_plans_whose_targets_measure_it(generated, report):
    _, plans = generated
    expected: dict[str, dict[str, int]] = {}
    for p in plans:
        for indicator, n in Counter(i for _, i, *_ in p.targets).items():
            expected.setdefault(indicator, {})[p.slug] = n
    expected = {i: by_plan for i, by_plan in expected.items() if len(by_plan) > 1}
    assert expected and all(i.startswith(SHARED) for i in expected)
    assert {s.iri: {prefix: n for _, prefix, n in s.plans} for s in report.shared_indicators} == expected


def test_the_largest_gaps_rank_plans_by_their_share_of_uncovered_tasks(generated, report):
    _, plans = generated
    shares = sorted(((-expected_uncovered(p) / p.tasks, -expected_uncovered(p), p.slug) for p in plans
                     if expected_uncovered(p)))
    assert [s.prefix for s in report.largest_gaps()] == [slug for *_, slug in shares][:10]


def test_sections_by_default_for_up_to_twenty_plans(tmp_path):
    kg = plankg.load([write_synthetic_corpus(tmp_path, plans=21, seed=1)])
    assert plankg.corpus_report(kg, today=TODAY, validate=False).plans == ()
    assert len(plankg.corpus_report(kg, today=TODAY, validate=False, sections=True).plans) == 21


def test_report_command_over_a_corpus(generated):
    folder, plans = generated
    result = CliRunner().invoke(main, ["report", str(folder), "--format", "json", "--no-sections",
                                       "--today", "2026-11-27"])
    assert result.exit_code == 1, result.output  # two plans are broken
    data = json.loads(result.output)
    assert data["plans"] == [] and data["corpus"]["plans"] == PLANS
    assert [s["conforms"] for s in data["corpus"]["summary"]] == [p.broken is None for p in plans]
    md = CliRunner().invoke(main, ["report", str(folder), "--format", "markdown", "--lang", "en", "--no-sections"])
    assert md.exit_code == 1 and md.output.startswith("# Plan corpus\n")
    assert "\n## Places named by several plans (" in md.output and "\n## Plans with the largest gaps (" in md.output
    assert "| p0001 | " in md.output
    zh = CliRunner().invoke(main, ["report", str(folder), "--no-sections"])
    assert zh.output.startswith("语料:10 个规划") and "共享区域" in zh.output
