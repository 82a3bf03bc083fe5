"""Answers computed when a store is loaded (plankg.keptanswers, plankg load --keep-answers)."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from helpers import SECOND_PLAN

import plankg
from plankg.cli import main
from plankg.engines.answers import FOLDER, AnswerCache
from plankg.keptanswers import keep_answers


@pytest.fixture
def store(tmp_path):
    folder = tmp_path / "plan"
    shutil.copytree(SECOND_PLAN, folder)
    plankg.load_store([folder], tmp_path / "store")
    return tmp_path / "store"


def test_a_kept_answer_is_the_first_ask_and_the_store_is_not_asked(store, monkeypatch):
    expected = [tuple(r) for r in plankg.load([store.parent / "plan"]).query("plan-overview")]
    shutil.rmtree(store / FOLDER, ignore_errors=True)
    ticks = []
    report = keep_answers(store, names=["plan-overview", "plans", "provenance"], min_seconds=0,
                          progress=lambda step, done, total: ticks.append((step, done, total)))
    assert report.asked == ("plan-overview", "plans")  # provenance needs a parameter
    assert report.kept == ("plan-overview", "plans") and report.failed == {}
    assert report.bytes > 0 and "kept the answers of 2 of 2" in report.summary()
    assert ticks[0] == ("answers", 0, 2) and ticks[-1] == ("answers", 2, 2)

    kg = plankg.load(store=store)
    real = kg.engine.store

    class Refusing:
        def __getattr__(self, name):
            return getattr(real, name)

        def query(self, *args, **kwargs):
            raise AssertionError("the store was asked")

    monkeypatch.setattr(kg.engine, "store", Refusing())
    first = kg.query("plan-overview")
    assert [tuple(r) for r in first] == expected and len(first) > 1


def test_the_answers_stay_within_the_cache_cap(store, monkeypatch):
    monkeypatch.setitem(AnswerCache.__init__.__kwdefaults__, "max_bytes", 3000)
    report = keep_answers(store, min_seconds=0)
    assert len(report.asked) > 20 and report.kept
    files = list((store / FOLDER).rglob("*.answer.gz"))
    assert sum(f.stat().st_size for f in files) <= 3000 and report.bytes <= 3000
    assert len(files) < len(report.kept)  # the least recently used went


def test_load_keeps_answers_only_when_asked(store):
    runner = CliRunner()
    plain = runner.invoke(main, ["load", "--store", str(store)])
    assert plain.exit_code == 0, plain.output
    assert "kept the answers" not in plain.output and not (store / FOLDER).exists()
    kept = runner.invoke(main, ["load", "--store", str(store), "--keep-answers", "--format", "json"])
    assert kept.exit_code == 0, kept.output
    import json

    answers = json.loads(kept.output)["answers"]
    assert "plans" in answers["asked"] and answers["failed"] == {}
