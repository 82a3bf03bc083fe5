"""plankg.report: validation once, with validate's options, then one plan's report or a corpus's."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SECOND_PLAN

import plankg
from plankg.cli import main
from plankg.resources import bundled_plan_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import write_synthetic_corpus  # noqa: E402

TODAY = datetime.date(2026, 11, 27)


class Validations:
    """Wrap a graph's validate(): count the calls and keep their options."""

    def __init__(self, kg, monkeypatch):
        self.calls = []
        validate = kg.validate

        def counted(**options):
            self.calls.append(options)
            return validate(**options)

        monkeypatch.setattr(kg, "validate", counted)


@pytest.mark.parametrize("plans", [1, 2])
def test_the_report_validates_once_with_the_options_it_is_given(plans, monkeypatch):
    kg = plankg.load([bundled_plan_dir(), SECOND_PLAN][:plans])
    seen = Validations(kg, monkeypatch)
    report = plankg.plan_report(kg, today=TODAY, jobs=1, shacl_engine="shacl")
    assert seen.calls == [{"jobs": 1, "shacl_engine": "shacl"}]
    assert report.conforms and report.validation.conforms
    if plans == 2:
        assert [s.conforms for s in report.summaries] == [True, True]
        assert [s.problems for s in report.summaries] == [0, 0]


def test_a_corpus_report_validated_once_counts_each_plans_problems(tmp_path):
    folder = write_synthetic_corpus(tmp_path / "corpus", plans=4, seed=4, broken=2)
    kg = plankg.load([folder])
    report = plankg.corpus_report(kg, today=TODAY, sections=False)
    by_plan = report.validation.by_plan()
    assert not report.conforms and sum(not s.conforms for s in report.summaries) == 2
    assert [s.problems for s in report.summaries] == [len(by_plan.get(s.plan, ())) for s in report.summaries]
    assert sum(s.problems for s in report.summaries) == len(report.validation.results)
    unvalidated = plankg.corpus_report(kg, today=TODAY, sections=False, validate=False)
    assert unvalidated.validated(report.validation) == report
    assert report.validated(None) == unvalidated


def test_plankg_report_takes_validates_jobs_option():
    result = CliRunner().invoke(main, ["report", "--jobs", "1", "--format", "json", "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["corpus"]["conforms"] is True
    bad = CliRunner().invoke(main, ["report", "--jobs", "0"])
    assert bad.exit_code == 2 and "--jobs" in bad.output


def test_the_corpus_report_does_not_import_the_plan_report():
    """The import circle planreport <-> corpusreport (a function-level import) is broken: imports go one way."""
    code = ("import sys, plankg.corpusreport; print('plankg.planreport' in sys.modules, 'plankg.report' in sys.modules);"
            "import plankg.planreport; print('plankg.report' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "False"]


def test_the_progress_section_is_drawn_only_for_markdown(kg, monkeypatch):
    import plankg.tracking.hooks as hooks

    drawn = []
    section = hooks.report_section

    def counted(*args, **kwargs):
        drawn.append(args[2] if len(args) > 2 else kwargs.get("lang"))
        return section(*args, **kwargs)

    monkeypatch.setattr(hooks, "report_section", counted)
    report = plankg.plan_report(kg, today=TODAY, validate=False)
    report.to_json(), report.to_text("zh")
    assert drawn == []
    markdown = report.to_markdown("en")
    assert drawn == ["en"] and "## Progress against targets" in markdown
    assert report.to_markdown("en") == markdown and drawn == ["en"]
    assert dict(report.progress)["zh"][1] == "## 目标进展" and drawn == ["en", "zh"]


# =================================================================== validation beside the queries


class Started:
    """Wrap planvalidation.start_validation: keep what it started (its worker processes' ids)."""

    def __init__(self, monkeypatch):
        import plankg.planvalidation as planvalidation

        self.started = []
        start = planvalidation.start_validation

        def kept(*args, **kwargs):
            self.started.append(start(*args, **kwargs))
            return self.started[-1]

        monkeypatch.setattr(planvalidation, "start_validation", kept)

    @property
    def pids(self) -> list[int]:
        return [pid for running in self.started for pid in running.pids]


def gone(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists()


@pytest.fixture(scope="module")
def broken_corpus(tmp_path_factory):
    return write_synthetic_corpus(tmp_path_factory.mktemp("broken") / "corpus", plans=5, seed=11, broken=3)


@pytest.mark.parametrize("sections", [True, False])
def test_validated_beside_the_queries_the_report_of_a_broken_corpus_is_the_sequential_one(
        broken_corpus, sections, monkeypatch):
    sequential = plankg.plan_report(plankg.load([broken_corpus]), today=TODAY, jobs=1, sections=sections)
    seen = Started(monkeypatch)
    beside = plankg.plan_report(plankg.load([broken_corpus]), today=TODAY, sections=sections)
    assert len(seen.started) == 1 and seen.pids and all(gone(pid) for pid in seen.pids)
    assert not beside.conforms and sum(not s.conforms for s in beside.summaries) == 3
    assert beside.to_json() == sequential.to_json()
    assert beside.to_markdown("en") == sequential.to_markdown("en")
    assert beside.to_text("zh") == sequential.to_text("zh")
    assert beside == sequential
    assert len(beside.plans) == (5 if sections else 0)


def test_one_broken_plan_of_a_corpus_asked_by_prefix_is_reported_as_in_sequence(broken_corpus, monkeypatch):
    kg = plankg.load([broken_corpus])
    broken = next(s.prefix for s in plankg.plan_report(kg, today=TODAY, jobs=1, sections=False).summaries
                  if not s.conforms)
    sequential = plankg.plan_report(plankg.load([broken_corpus]), today=TODAY, jobs=1, plan=broken)
    seen = Started(monkeypatch)
    beside = plankg.plan_report(plankg.load([broken_corpus]), today=TODAY, jobs=2, plan=broken)
    assert seen.pids and all(gone(pid) for pid in seen.pids)
    assert not beside.conforms and beside.validation.results
    assert beside.to_json() == sequential.to_json()


def test_one_plan_is_validated_in_one_worker_process_while_this_one_reads_it(monkeypatch):
    kg = plankg.load()
    monkeypatch.setattr(kg, "validate", lambda **options: pytest.fail("validated in this process"))
    seen = Started(monkeypatch)
    report = plankg.plan_report(kg, today=TODAY)
    assert report.conforms and report.validation.conforms and report.validation.plans == kg.plans
    assert len(seen.pids) == 1 and all(gone(pid) for pid in seen.pids)


def _fails_in_the_worker(monkeypatch, error):
    """Make every validation in a worker process raise ``error`` (the workers fork this module)."""
    import plankg.planvalidation as planvalidation

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(planvalidation, "_validate_group", broken)


def test_an_error_in_the_validation_process_is_the_error_of_validating_here(monkeypatch):
    from plankg.errors import ValidationEngineError

    _fails_in_the_worker(monkeypatch, ValidationEngineError("pySHACL and shacl differ on a result"))
    with pytest.raises(ValidationEngineError, match="differ on a result"):
        plankg.plan_report(plankg.load(), today=TODAY, jobs=1)
    seen = Started(monkeypatch)
    with pytest.raises(ValidationEngineError, match="differ on a result"):
        plankg.plan_report(plankg.load(), today=TODAY)
    assert seen.pids and all(gone(pid) for pid in seen.pids)


def test_a_file_validation_cannot_read_is_the_same_data_error_in_both_ways(tmp_path, monkeypatch):
    import plankg.planvalidation as planvalidation
    from plankg.errors import DataError

    def unreadable(path):
        raise DataError(path, "column 3: unexpected end of file; fix the syntax and run again", 7)

    monkeypatch.setattr(planvalidation, "parse_file", unreadable)
    errors = []
    for jobs in (1, None):
        with pytest.raises(DataError) as caught:
            plankg.plan_report(plankg.load([bundled_plan_dir(), SECOND_PLAN]), today=TODAY, jobs=jobs)
        errors.append(str(caught.value))
    assert errors[0] == errors[1] and ":7: column 3: unexpected end of file" in errors[0]


def test_an_error_on_the_query_side_stops_the_validation_processes(monkeypatch):
    from plankg.errors import QueryError
    from plankg.graph import PlanGraph

    query = PlanGraph.query

    def failing(self, name, /, **params):
        if name == "progress-targets":
            raise QueryError("queries/progress-targets.rq: the query timed out after 30 s; narrow it, or raise --timeout")
        return query(self, name, **params)

    monkeypatch.setattr(PlanGraph, "query", failing)
    seen = Started(monkeypatch)
    for paths in ([bundled_plan_dir()], [bundled_plan_dir(), SECOND_PLAN]):
        with pytest.raises(QueryError, match="progress-targets.rq: the query timed out"):
            plankg.plan_report(plankg.load(paths), today=TODAY)
    assert len(seen.started) == 2 and all(gone(pid) for pid in seen.pids)


def test_plankg_report_exits_2_with_one_line_for_an_error_on_either_side(monkeypatch):
    from plankg.errors import QueryError, ValidationEngineError
    from plankg.graph import PlanGraph

    seen = Started(monkeypatch)
    _fails_in_the_worker(monkeypatch, ValidationEngineError("the shacl engine is not installed"))
    result = CliRunner().invoke(main, ["report", "--format", "json"])
    assert result.exit_code == 2 and result.output.strip().splitlines() == [
        "plankg: error: the shacl engine is not installed"], result.output
    monkeypatch.undo()
    seen = Started(monkeypatch)
    monkeypatch.setattr(PlanGraph, "query", lambda self, name, /, **p: (_ for _ in ()).throw(QueryError("no answer")))
    result = CliRunner().invoke(main, ["report", "--format", "json"])
    assert result.exit_code == 2 and result.output.strip().splitlines() == ["plankg: error: no answer"], result.output
    assert seen.pids and all(gone(pid) for pid in seen.pids)


def test_plankg_report_of_data_without_a_plan_stops_validation_and_exits_2(tmp_path, monkeypatch):
    (tmp_path / "empty.ttl").write_text("<https://example.org/a> <https://example.org/b> 1 .\n", encoding="utf-8")
    seen = Started(monkeypatch)
    result = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert result.exit_code == 2 and "no plan found" in result.output
    assert seen.pids and all(gone(pid) for pid in seen.pids)


@pytest.mark.parametrize("jobs, processes", [(1, 0), (2, 2), (3, 3)])
def test_the_report_validates_in_as_many_processes_as_jobs_says(broken_corpus, jobs, processes, monkeypatch):
    seen = Started(monkeypatch)
    report = plankg.plan_report(plankg.load([broken_corpus]), today=TODAY, jobs=jobs, sections=False)
    assert len(seen.pids) == processes and all(gone(pid) for pid in seen.pids)
    assert sum(not s.conforms for s in report.summaries) == 3


@pytest.mark.parametrize("failing, raised", [
    (("corpus-plan-coverage",), "corpus-plan-coverage"),
    (("corpus-shared-places", "progress-observations"), "progress-observations"),  # progress is read first
])
def test_the_summarys_queries_asked_beside_progress_fail_as_they_did_after_it(failing, raised, monkeypatch):
    from plankg.errors import QueryError
    from plankg.graph import PlanGraph

    query = PlanGraph.query

    def failing_query(self, name, /, **params):
        if name in failing:
            raise QueryError(f"queries/{name}.rq: the query failed")
        return query(self, name, **params)

    monkeypatch.setattr(PlanGraph, "query", failing_query)
    kg = plankg.load([bundled_plan_dir(), SECOND_PLAN])
    with pytest.raises(QueryError, match=f"queries/{raised}.rq: the query failed"):
        plankg.corpus_report(kg, today=TODAY, validate=False)
