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
