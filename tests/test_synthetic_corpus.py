"""benchmarks/synthetic_corpus.py: N distinct plans, shared places and indicators, known breakages."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

import plankg

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import corpus_plans, write_synthetic_corpus  # noqa: E402
from synthetic_corpus import BROKEN_KINDS, SHARED  # noqa: E402

GOOD, BROKEN = 5, 2


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = write_synthetic_corpus(tmp_path_factory.mktemp("corpus"), plans=GOOD + BROKEN, seed=4, broken=BROKEN)
    return folder, corpus_plans(GOOD + BROKEN, seed=4, broken=BROKEN), plankg.load([folder])


@pytest.fixture(scope="module")
def report(corpus):
    return corpus[2].validate()


def contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.ttl"))}


def test_same_seed_same_files_byte_for_byte(tmp_path):
    a = contents(write_synthetic_corpus(tmp_path / "a", plans=4, seed=5, broken=1))
    b = contents(write_synthetic_corpus(tmp_path / "b", plans=4, seed=5, broken=1))
    c = contents(write_synthetic_corpus(tmp_path / "c", plans=4, seed=6, broken=1))
    assert a == b
    assert sorted(a)[:3] == ["p0001/curated/links.ttl", "p0001/dataset.ttl", "p0001/source/plan.ttl"]
    assert len(a) == 12
    assert a != c


def test_a_plan_does_not_depend_on_the_corpus_size():
    small, large = corpus_plans(3, seed=1), corpus_plans(40, seed=1)
    assert small == large[:3]


def test_plans_vary_in_shape():
    plans = corpus_plans(30, seed=0)
    assert len({len(p.areas) for p in plans}) > 3
    assert len({p.tasks for p in plans}) > 10
    assert len({p.milestones for p in plans}) > 2
    assert len({len(p.targets) for p in plans}) > 10


def test_all_plans_load_together_each_with_its_own_iri_space_and_prefix(corpus):
    _, plans, kg = corpus
    assert [(p.prefix, p.uri_space, p.iri) for p in kg.plans] == [
        (p.slug, p.base, p.base + "plan") for p in plans]


def test_the_good_plans_conform_and_each_broken_one_fails_on_its_shape(corpus, report):
    _, plans, _ = corpus
    by_plan = {p.slug: [r for r in report.results if r.focus_node.startswith(p.base)] for p in plans}
    assert len(report.results) == sum(len(v) for v in by_plan.values())
    broken = [p for p in plans if p.broken]
    assert [p.broken for p in broken] == list(BROKEN_KINDS)[:BROKEN]
    for p in plans:
        if p.broken:
            assert {r.node_shape for r in by_plan[p.slug]} == {BROKEN_KINDS[p.broken]}, p.slug
        else:
            assert by_plan[p.slug] == [], p.slug


def test_every_kind_of_breakage_fails_on_its_own_shape(tmp_path):
    kinds = len(BROKEN_KINDS)
    plans = corpus_plans(kinds, seed=2, broken=kinds)
    report = plankg.load([write_synthetic_corpus(tmp_path, plans=kinds, seed=2, broken=kinds)]).validate()
    got = {p.broken: {r.node_shape for r in report.results if r.focus_node.startswith(p.base)} for p in plans}
    assert got == {kind: {shape} for kind, shape in BROKEN_KINDS.items()}


def test_each_plans_counts_are_its_own(corpus):
    _, plans, kg = corpus
    tasks = Counter(plan for plan, _ in {(r["plan"].value, r["task"].value) for r in kg.query("plan-overview") if r["task"]})
    targets = Counter(r["plan"].value for r in kg.query("targets"))
    for p in plans:
        iri = p.base + "plan"
        assert tasks[iri] == p.tasks, p.slug
        assert targets[iri] == len(p.targets), p.slug
        assert len({r["task"].value for r in kg.query("plan-overview", plan=p.slug) if r["task"]}) == p.tasks


def test_a_shared_place_belongs_to_exactly_the_plans_that_name_it(corpus):
    _, plans, kg = corpus
    naming: dict[int, set[str]] = {}
    for p in plans:
        for region in p.shared_places:
            naming.setdefault(region, set()).add(p.base + "plan")
    assert max(len(v) for v in naming.values()) == 3, "seed 4 makes three plans share a place"
    for region, expected in naming.items():
        place = f"{SHARED}place/region-{region:02d}"
        rows = kg.query("places-involvement", place=place)
        assert {r["plan"].value for r in rows} == expected, place


def test_some_indicators_are_targeted_by_several_plans():
    plans = corpus_plans(20, seed=0)
    users = Counter(i for p in plans for i in p.shared_indicators)
    assert max(users.values()) >= 3


@pytest.mark.parametrize(("plans", "broken"), [(0, 0), (3, 4), (3, -1)])
def test_bad_arguments_are_refused(tmp_path, plans, broken):
    with pytest.raises(ValueError):
        write_synthetic_corpus(tmp_path, plans=plans, broken=broken)
