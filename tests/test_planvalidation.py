"""Each plan validated on its own, in parallel, into one report (plankg.planvalidation)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, SH

import plankg
from helpers import edit, plan_copy
from plankg.cli import main
from plankg.datafiles import Layer, discover, parse_file
from plankg.planvalidation import _runs, plan_groups, validate_files

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic_corpus import BROKEN_KINDS, corpus_plans, write_synthetic_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KS = "https://w3id.org/plankg/kunshan-2022/"
BUNDLED = [ROOT / "data" / "kunshan-2022", ROOT / "data" / "jinan-digital-2021", ROOT / "tests" / "data" / "second-plan"]
CORPUS = {"plans": 8, "seed": 3, "broken": 3}


@pytest.fixture(scope="module")
def broken_kunshan(tmp_path_factory) -> Path:
    """A copy of the Kunshan plan in which task 03 has lost its area."""
    folder = plan_copy(tmp_path_factory.mktemp("ks"))
    edit(folder / "source" / "structure.ttl", "<task/02> , <task/03> ,", "<task/02> ,")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_synthetic_corpus(tmp_path_factory.mktemp("corpus"), **CORPUS)


def test_plan_groups_give_each_data_set_the_ontology_and_its_own_files():
    files = discover(BUNDLED)
    groups = plan_groups(files)
    assert [{f.dataset.prefix for f in g if f.dataset} for g in groups] == [{"ks"}, {"jn"}, {"tiny"}]
    for group in groups:
        assert group[0].layer is Layer.ONTOLOGY
        assert [f for f in group if f.layer is Layer.ONTOLOGY] == [group[0]]
    assert sum(len(g) - 1 for g in groups) == len(files) - 1


def test_undescribed_data_is_one_more_group(tmp_path):
    loose = tmp_path / "loose.ttl"
    loose.write_text((ROOT / "tests" / "shapes" / "TaskShape" / "invalid.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    groups = plan_groups(discover([ROOT / "tests" / "data" / "second-plan", loose]))
    assert [[f.path.name for f in g[1:]] for g in groups][1] == ["loose.ttl"]


def test_shared_data_is_each_plans_context_and_its_own_faults_are_reported_once(tmp_path):
    folder = write_synthetic_corpus(tmp_path, plans=3, seed=5)
    shared = folder / "shared" / "shared.ttl"
    place = "<https://w3id.org/plankg/synthetic/shared/place/region-01>"
    edit(shared, f'{place} a plan:ExternalRegion ; rdfs:label "共享区域一"@zh , "Shared region 1"@en .',
         f'{place} a plan:ExternalRegion ; rdfs:label "共享区域一"@zh .')
    groups = plan_groups(discover([folder]))
    assert [[f.path.name for f in g if f.dataset is None and f.layer is not Layer.ONTOLOGY] for g in groups] == [
        ["shared.ttl"]] * 4
    for jobs in (1, 2):
        report = plankg.load([folder]).validate(jobs=jobs)
        faults = [(r.focus_node, r.plan) for r in report.results]
        assert faults == [(place[1:-1], None)], jobs
        assert not report.conforms


def test_bundled_plans_together_parallel_equals_sequential(broken_kunshan):
    kg = plankg.load([broken_kunshan, *BUNDLED[1:]])
    parallel = kg.validate(jobs=2)
    sequential = kg.validate(jobs=1)
    assert parallel.results == sequential.results
    assert parallel.conforms is sequential.conforms is False
    assert [p.prefix for p in parallel.plans] == [p.prefix for p in sequential.plans] == ["jn", "ks", "tiny"]
    assert parallel.plans == kg.plans
    assert {r.plan for r in parallel.results} == {KS + "plan"}
    assert KS + "task/03" in {r.focus_node for r in parallel.results}


def test_plans_validated_together_give_what_each_gives_alone(broken_kunshan):
    together = plankg.load([broken_kunshan, BUNDLED[2]]).validate(jobs=2)
    alone = [plankg.load([folder]).validate(jobs=1) for folder in (broken_kunshan, BUNDLED[2])]
    assert together.results == alone[0].results + alone[1].results
    assert alone[0].results and not alone[1].results


def test_a_generated_corpus_parallel_equals_sequential_and_names_the_broken_plans(corpus):
    kg = plankg.load([corpus])
    parallel = kg.validate(jobs=2)
    sequential = kg.validate(jobs=1)
    assert parallel.results == sequential.results
    assert len(parallel.plans) == CORPUS["plans"]
    broken = {p.base + "plan": BROKEN_KINDS[p.broken] for p in corpus_plans(**CORPUS) if p.broken}
    assert len(broken) == CORPUS["broken"]
    assert {r.plan for r in parallel.results} == set(broken)
    for plan, shape in broken.items():
        own = [r for r in parallel.results if r.plan == plan]
        assert shape in {r.node_shape for r in own}, (plan, shape, own)
        assert all(r.focus_node.startswith(plan.removesuffix("plan")) for r in own), own
    order = [p.iri for p in parallel.plans]
    assert [r.plan for r in parallel.results] == sorted((r.plan for r in parallel.results), key=order.index)


def test_the_merged_report_graph_is_one_report_of_every_result(corpus):
    report = plankg.load([corpus]).validate(jobs=2)
    graph = report.graph
    heads = list(graph.subjects(RDF.type, SH.ValidationReport))
    assert len(heads) == 1
    assert len(list(graph.objects(heads[0], SH.result))) == len(report.results)
    assert graph.value(heads[0], SH.conforms).toPython() is False
    assert "sh:ValidationReport" in report.to_turtle()


def test_a_syntax_error_in_one_plan_of_many_names_its_file(tmp_path):
    folder = plan_copy(tmp_path)
    broken = folder / "source" / "targets.ttl"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n<oops> <is> .\n", encoding="utf-8")
    with pytest.raises(plankg.DataError) as caught:
        plankg.load([BUNDLED[1], folder, BUNDLED[2]]).validate(jobs=2)
    assert caught.value.path == broken
    assert caught.value.line is not None


def test_json_names_the_plan_of_each_result_only_with_several_plans(broken_kunshan):
    several = json.loads(plankg.load([broken_kunshan, BUNDLED[2]]).validate(jobs=1).to_json())
    assert {r["plan"] for r in several["results"]} == {KS + "plan"}
    one = json.loads(plankg.load([broken_kunshan]).validate().to_json())
    assert one["results"] and all("plan" not in r for r in one["results"])


def test_text_puts_results_under_their_plan_with_several_plans(broken_kunshan):
    report = plankg.load([broken_kunshan, BUNDLED[2]]).validate(jobs=1)
    text = report.to_text("en")
    assert "\n== ks " in text and "== tiny" not in text
    assert text.index("== ks ") < text.index(f"<{KS}task/03>")
    single = plankg.load([broken_kunshan]).validate().to_text("en")
    assert "==" not in single and f"<{KS}task/03>" in single


def test_cli_validates_several_plans_with_jobs(broken_kunshan):
    result = CliRunner().invoke(
        main, ["validate", str(broken_kunshan), str(BUNDLED[2]), "--jobs", "2", "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert [p["prefix"] for p in data["plans"]] == ["ks", "tiny"]
    assert {r["plan"] for r in data["results"]} == {KS + "plan"}


def test_cli_refuses_zero_jobs():
    result = CliRunner().invoke(main, ["validate", str(BUNDLED[2]), "--jobs", "0"])
    assert result.exit_code == 2


def _same(one, other) -> None:
    """Two reports agree on everything they say: results (messages included), verdict, plans."""
    assert one.results == other.results
    assert one.conforms is other.conforms
    assert one.plans == other.plans


@pytest.mark.parametrize("jobs", [1, 2])
def test_batches_give_the_report_of_one_run_per_data_set_on_a_corpus_with_broken_plans(corpus, jobs):
    kg = plankg.load([corpus])
    batched = validate_files(kg.files, kg.graphs, jobs=jobs)
    each = validate_files(kg.files, kg.graphs, jobs=jobs, batch=False)
    _same(batched, each)
    assert {r.plan for r in batched.results} == {p.base + "plan" for p in corpus_plans(**CORPUS) if p.broken}
    heads = list(batched.graph.subjects(RDF.type, SH.ValidationReport))
    assert len(list(batched.graph.objects(heads[0], SH.result))) == len(batched.results)


def test_batches_give_the_report_of_one_run_per_data_set_on_the_bundled_plans(broken_kunshan):
    kg = plankg.load([broken_kunshan, *BUNDLED[1:]])
    batched = validate_files(kg.files, kg.graphs, jobs=1)
    _same(batched, validate_files(kg.files, kg.graphs, jobs=1, batch=False))
    assert KS + "task/03" in {r.focus_node for r in batched.results}


def test_a_generated_corpus_shares_one_run_though_its_plans_restate_the_shared_places(corpus):
    groups = plan_groups(discover([corpus]))
    parsed = {f: parse_file(f.path) for g in groups for f in g if f.layer is not Layer.ONTOLOGY}
    members = {i: g for i, g in enumerate(groups) if any(f.dataset for f in g)}
    assert _runs(members, parsed) == [sorted(members)]


def test_data_sets_that_say_something_about_each_others_nodes_run_apart(tmp_path):
    folder = write_synthetic_corpus(tmp_path, plans=3, seed=5)
    first, second = corpus_plans(plans=3, seed=5)[:2]
    # the second plan gives the first plan's task a second Chinese label: a fault of the
    # second plan alone, which a shared run would pin on the first plan's task as well
    own = folder / second.slug / "source" / "plan.ttl"
    own.write_text(own.read_text(encoding="utf-8")
                   + f'\n<{first.base}task/1> a plan:Task ; rdfs:label "又一个名称"@zh .\n',
                   encoding="utf-8")
    kg = plankg.load([folder])
    groups = plan_groups(kg.files)
    parsed = {f: parse_file(f.path) for g in groups for f in g if f.layer is not Layer.ONTOLOGY}
    members = {i: g for i, g in enumerate(groups) if any(f.dataset for f in g)}
    index = {next(f.dataset.plan for f in g if f.dataset): i for i, g in members.items()}
    runs = _runs(members, parsed)
    assert not any({index[first.base + "plan"], index[second.base + "plan"]} <= set(run) for run in runs), runs
    batched = validate_files(kg.files, kg.graphs, jobs=1)
    _same(batched, validate_files(kg.files, kg.graphs, jobs=1, batch=False))
    assert {(r.focus_node, r.plan) for r in batched.results} == {(first.base + "task/1", second.base + "plan")}


def test_a_shared_place_two_plans_restate_reports_its_fault_in_each_as_alone(tmp_path):
    folder = write_synthetic_corpus(tmp_path, plans=3, seed=5)
    place = "<https://w3id.org/plankg/synthetic/shared/place/region-01>"
    edit(folder / "shared" / "shared.ttl",
         f'{place} a plan:ExternalRegion ; rdfs:label "共享区域一"@zh , "Shared region 1"@en .',
         f'{place} a plan:ExternalRegion ; rdfs:label "共享区域一"@zh .')
    plans = corpus_plans(plans=3, seed=5)
    for plan in plans[:2]:
        own = folder / plan.slug / "source" / "plan.ttl"
        own.write_text(own.read_text(encoding="utf-8") + f"\n{place} a plan:ExternalRegion .\n", encoding="utf-8")
    kg = plankg.load([folder])
    batched = validate_files(kg.files, kg.graphs, jobs=1)
    _same(batched, validate_files(kg.files, kg.graphs, jobs=1, batch=False))
    assert [(r.focus_node, r.plan) for r in batched.results] == [
        (place[1:-1], plans[0].base + "plan"), (place[1:-1], plans[1].base + "plan"), (place[1:-1], None)]
